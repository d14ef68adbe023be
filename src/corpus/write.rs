//! Writing event records: JSONL (one object per line), CSV (one row per
//! event, columns for every field of the pack's events), or a table with
//! a header and aligned columns for a person at a terminal, or PETRARCH's
//! tab-separated event lines (`petrarch_line`).
//!
//! CSV keeps everything a record holds that fits a cell: `isa` joined with
//! `;`, `meta` as JSON text, each argument's text, type, code and number
//! value, byte offsets and character offsets (what Python and pandas index
//! by), `negated` as `true`/`false` and `modality`. Code columns (`code`
//! and `*_code`) are always quoted; pandas still reads "010" as the number
//! 10 unless told `dtype=str` for them (see `docs/OUTPUT.md`).

use std::io::{self, Write};

use crate::event::EventRecord;
use crate::lang::Pack;
use crate::text::CharOffsets;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
    Table,
    /// PETRARCH's event lines: date, source, target, code, issues, ids, source name
    /// (events coded `---` are left out).
    Petrarch,
}

pub enum EventWriter<W: Write> {
    Jsonl(W),
    Csv {
        out: W,
        /// The field names of every event of the pack, in first-declared order.
        fields: Vec<String>,
        row: String,
    },
    Table(Table<W>),
    Petrarch(W),
}

/// Fixed CSV columns before the per-field ones.
pub const CSV_COLUMNS: [&str; 16] = [
    "doc",
    "sentence",
    "event",
    "label",
    "isa",
    "code",
    "rule",
    "start",
    "end",
    "start_char",
    "end_char",
    "text",
    "negated",
    "modality",
    "date",
    "meta",
];

/// The CSV columns of each field, after the field's name (its text).
pub const CSV_FIELD_COLUMNS: [&str; 3] = ["type", "code", "value"];

impl<W: Write> EventWriter<W> {
    pub fn new(format: Format, mut out: W, pack: &Pack) -> io::Result<EventWriter<W>> {
        Ok(match format {
            Format::Jsonl => EventWriter::Jsonl(out),
            Format::Table => EventWriter::Table(Table::new(out)),
            Format::Petrarch => EventWriter::Petrarch(out),
            Format::Csv => {
                let mut fields: Vec<String> = Vec::new();
                for event in &pack.events {
                    for field in &event.fields {
                        if !fields.contains(&field.name) {
                            fields.push(field.name.clone());
                        }
                    }
                }
                let mut header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
                for field in &fields {
                    header.push(field.clone());
                    for column in CSV_FIELD_COLUMNS {
                        header.push(format!("{field}_{column}"));
                    }
                }
                let mut row = String::new();
                for (index, name) in header.iter().enumerate() {
                    if index > 0 {
                        row.push(',');
                    }
                    push_field(&mut row, name, false);
                }
                row.push('\n');
                out.write_all(row.as_bytes())?;
                EventWriter::Csv {
                    out,
                    fields,
                    row: String::new(),
                }
            }
        })
    }

    /// Writes the events of one document, whose text their offsets point
    /// into (CSV turns them into character offsets too).
    pub fn write_document(&mut self, text: &str, events: &[EventRecord]) -> io::Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        match self {
            EventWriter::Jsonl(out) => {
                for event in events {
                    serde_json::to_writer(&mut *out, event)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
            EventWriter::Csv { out, fields, row } => {
                let chars = CharOffsets::new(text);
                for event in events {
                    row.clear();
                    csv_row(row, event, fields, &chars);
                    out.write_all(row.as_bytes())?;
                }
                Ok(())
            }
            EventWriter::Table(table) => events.iter().try_for_each(|e| table.push(e)),
            EventWriter::Petrarch(out) => {
                for event in events {
                    // PETRARCH writes no line for its null code.
                    if event.code.as_deref() != Some("---") {
                        writeln!(out, "{}", petrarch_line(event))?;
                    }
                }
                Ok(())
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        self.into_inner().map(drop)
    }

    /// Flushes and gives the output back (to commit a file written
    /// atomically, for instance).
    pub fn into_inner(self) -> io::Result<W> {
        match self {
            EventWriter::Jsonl(mut out)
            | EventWriter::Csv { mut out, .. }
            | EventWriter::Petrarch(mut out) => out.flush().map(|()| out),
            EventWriter::Table(table) => table.into_inner(),
        }
    }
}

/// One CSV row (with its line break) for an event.
fn csv_row(row: &mut String, event: &EventRecord, fields: &[String], chars: &CharOffsets) {
    let meta = event
        .meta
        .as_ref()
        .map(|m| serde_json::Value::Object(m.clone()).to_string())
        .unwrap_or_default();
    let cells: [(String, bool); 16] = [
        (event.doc.clone(), false),
        (event.sentence.to_string(), false),
        (event.event.clone(), false),
        (event.label.clone().unwrap_or_default(), false),
        (event.isa.join(";"), false),
        (event.code.clone().unwrap_or_default(), true),
        (event.rule.clone(), false),
        (event.start.to_string(), false),
        (event.end.to_string(), false),
        (chars.char_offset(event.start).to_string(), false),
        (chars.char_offset(event.end).to_string(), false),
        (event.text.clone(), false),
        (event.negated.to_string(), false),
        (event.modality.clone().unwrap_or_default(), false),
        (event.date.clone().unwrap_or_default(), false),
        (meta, false),
    ];
    for (index, (value, quoted)) in cells.iter().enumerate() {
        if index > 0 {
            row.push(',');
        }
        push_field(row, value, *quoted);
    }
    for field in fields {
        let arg = event.args.get(field);
        let text = arg.map_or("", |a| a.text.as_str());
        let ty = arg.map_or("", |a| a.ty.as_str());
        let code = arg.and_then(|a| a.code.as_deref()).unwrap_or("");
        let value = arg
            .and_then(|a| a.value)
            .map(|v| v.to_string())
            .unwrap_or_default();
        for (value, quoted) in [(text, false), (ty, false), (code, true), (&value, false)] {
            row.push(',');
            push_field(row, value, quoted);
        }
    }
    row.push('\n');
}

/// Appends one CSV field (RFC 4180): quoted when asked to, or when it holds
/// a comma, a quote, a line break or surrounding spaces; quotes doubled.
fn push_field(row: &mut String, value: &str, always_quote: bool) {
    let needs_quotes = always_quote
        || value.contains([',', '"', '\n', '\r'])
        || value.starts_with(' ')
        || value.ends_with(' ');
    if needs_quotes {
        row.push('"');
        row.push_str(&value.replace('"', "\"\""));
        row.push('"');
    } else {
        row.push_str(value);
    }
}

/// Rows are aligned within blocks of this many, so that a table of a whole
/// corpus streams in bounded memory.
const TABLE_BLOCK: usize = 1000;

/// The widest each column is padded to; longer cells overflow their row.
const TABLE_MAX_WIDTHS: [usize; 6] = [48, 6, 32, 32, 100, 0];

const TABLE_HEADER: [&str; 6] = ["doc", "sent", "event", "rule", "arguments", "text"];

/// A table written in aligned blocks, with a header before the first.
pub struct Table<W: Write> {
    out: W,
    rows: Vec<[String; 6]>,
    header_written: bool,
}

impl<W: Write> Table<W> {
    fn new(out: W) -> Table<W> {
        Table {
            out,
            rows: Vec::new(),
            header_written: false,
        }
    }

    fn push(&mut self, event: &EventRecord) -> io::Result<()> {
        self.rows.push(table_cells(event));
        if self.rows.len() >= TABLE_BLOCK {
            self.flush_block()?;
        }
        Ok(())
    }

    fn flush_block(&mut self) -> io::Result<()> {
        let header = TABLE_HEADER.map(str::to_string);
        let mut widths = [0usize; 6];
        for row in self.rows.iter().chain(std::iter::once(&header)) {
            for ((width, max), cell) in widths.iter_mut().zip(TABLE_MAX_WIDTHS).zip(row) {
                *width = (*width).max(cell.chars().count().min(max));
            }
        }
        let mut text = String::new();
        if !self.header_written {
            text.push_str(&aligned(&header, &widths));
            self.header_written = true;
        }
        for row in self.rows.drain(..) {
            text.push_str(&aligned(&row, &widths));
        }
        self.out.write_all(text.as_bytes())
    }

    fn into_inner(mut self) -> io::Result<W> {
        if !self.rows.is_empty() || !self.header_written {
            self.flush_block()?;
        }
        self.out.flush().map(|()| self.out)
    }
}

/// A row padded to the column widths (the last column unpadded).
fn aligned(row: &[String; 6], widths: &[usize; 6]) -> String {
    let mut line = String::new();
    for (index, (cell, width)) in row.iter().zip(widths).enumerate() {
        if index + 1 == row.len() {
            line.push_str(cell);
        } else {
            line.push_str(cell);
            let pad = width.saturating_sub(cell.chars().count()) + 2;
            line.extend(std::iter::repeat_n(' ', pad));
        }
    }
    line.truncate(line.trim_end().len());
    line.push('\n');
    line
}

/// The cells of an event's table row: document, sentence, event (its
/// label, with "negated" or its modality), rule, arguments, matched text.
pub fn table_cells(event: &EventRecord) -> [String; 6] {
    let args: Vec<String> = event
        .args
        .iter()
        .map(|(name, arg)| match &arg.code {
            Some(code) => format!("{name}={} ({code})", arg.text),
            None => format!("{name}={}", arg.text),
        })
        .collect();
    let mut what = event.label.clone().unwrap_or_else(|| event.event.clone());
    if event.negated {
        what.push_str(" [negated]");
    }
    if let Some(modality) = &event.modality {
        what.push_str(&format!(" [{modality}]"));
    }
    [
        event.doc.clone(),
        event.sentence.to_string(),
        what,
        event.rule.clone(),
        args.join("  "),
        format!("«{}»", event.text),
    ]
}

/// PETRARCH's tab-separated event line, as its `PETRwriter` writes it:
/// the date as `YYYYMMDD`, the codes of the `source` and `target`
/// arguments (`---` when absent), the event code, the issues (always
/// empty: evrule codes none), the document id (PETRARCH's sentence id when
/// the input was PETRARCH XML), the `url` from the metadata when there is
/// one, and the `source` from the metadata (`NULL` when there is none).
/// Events whose code is PETRARCH's null code `---` get no line.
pub fn petrarch_line(event: &EventRecord) -> String {
    let date = event
        .date
        .as_deref()
        .map(|d| d.get(..10).unwrap_or(d).replace('-', ""))
        .unwrap_or_default();
    let code = |field: &str| {
        event
            .args
            .get(field)
            .and_then(|a| a.code.clone())
            .unwrap_or_else(|| "---".to_string())
    };
    let meta = |key: &str| {
        event
            .meta
            .as_ref()
            .and_then(|m| m.get(key))
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
    };
    let mut columns = vec![
        date,
        code("source"),
        code("target"),
        event.code.clone().unwrap_or_else(|| "---".to_string()),
        String::new(),
        event.doc.clone(),
    ];
    columns.extend(meta("url"));
    columns.push(meta("source").unwrap_or_else(|| "NULL".to_string()));
    columns
        .iter()
        .map(|c| c.replace(['\t', '\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Argument;
    use indexmap::IndexMap;

    fn record(meta: Option<serde_json::Value>) -> EventRecord {
        let arg = |code: &str| Argument {
            text: "x".into(),
            ty: "Actor".into(),
            code: Some(code.into()),
            start: 0,
            end: 1,
            value: None,
            phrase: None,
            parties: None,
            from_sentence: false,
        };
        let mut args = IndexMap::new();
        args.insert("source".to_string(), arg("ARN"));
        args.insert("target".to_string(), arg("GON"));
        EventRecord {
            doc: "DEMO-00".into(),
            sentence: 0,
            event: "RestoreRelations".into(),
            label: None,
            isa: vec![],
            code: Some("064".into()),
            rule: "r".into(),
            start: 0,
            end: 1,
            text: "x".into(),
            negated: false,
            modality: None,
            args,
            date: Some("1995-01-01".into()),
            meta: meta.and_then(|m| m.as_object().cloned()),
        }
    }

    #[test]
    fn petrarch_lines_have_petrarchs_columns() {
        assert_eq!(
            petrarch_line(&record(None)),
            "19950101\tARN\tGON\t064\t\tDEMO-00\tNULL"
        );
        let meta = serde_json::json!({"source": "AFP", "url": "http://x/1"});
        assert_eq!(
            petrarch_line(&record(Some(meta))),
            "19950101\tARN\tGON\t064\t\tDEMO-00\thttp://x/1\tAFP"
        );
        let mut untargeted = record(None);
        untargeted.args.shift_remove("target");
        untargeted.date = None;
        assert_eq!(
            petrarch_line(&untargeted),
            "\tARN\t---\t064\t\tDEMO-00\tNULL"
        );
    }
}
