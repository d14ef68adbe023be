//! Writing event records: JSONL (one object per line), CSV (one column per
//! field of the pack's events), a table for a person at a terminal, or
//! PETRARCH's tab-separated event lines (`petrarch_line`).

use std::io::{self, Write};

use crate::event::EventRecord;
use crate::lang::Pack;

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
        writer: Box<csv::Writer<W>>,
        fields: Vec<String>,
    },
    Table(W),
    Petrarch(W),
}

/// Fixed CSV columns before the per-field ones.
const CSV_COLUMNS: [&str; 11] = [
    "doc", "sentence", "event", "label", "code", "rule", "start", "end", "text", "negated", "date",
];

impl<W: Write> EventWriter<W> {
    pub fn new(format: Format, out: W, pack: &Pack) -> io::Result<EventWriter<W>> {
        Ok(match format {
            Format::Jsonl => EventWriter::Jsonl(out),
            Format::Table => EventWriter::Table(out),
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
                let mut writer = csv::Writer::from_writer(out);
                let mut header: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
                for field in &fields {
                    header.push(field.clone());
                    header.push(format!("{field}_code"));
                }
                writer.write_record(&header).map_err(io::Error::other)?;
                EventWriter::Csv {
                    writer: Box::new(writer),
                    fields,
                }
            }
        })
    }

    pub fn write(&mut self, event: &EventRecord) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(out) => {
                serde_json::to_writer(&mut *out, event)?;
                out.write_all(b"\n")
            }
            EventWriter::Csv { writer, fields } => {
                let mut row = vec![
                    event.doc.clone(),
                    event.sentence.to_string(),
                    event.event.clone(),
                    event.label.clone().unwrap_or_default(),
                    event.code.clone().unwrap_or_default(),
                    event.rule.clone(),
                    event.start.to_string(),
                    event.end.to_string(),
                    event.text.clone(),
                    event.negated.to_string(),
                    event.date.clone().unwrap_or_default(),
                ];
                for field in fields.iter() {
                    let arg = event.args.get(field);
                    row.push(arg.map(|a| a.text.clone()).unwrap_or_default());
                    row.push(arg.and_then(|a| a.code.clone()).unwrap_or_default());
                }
                writer.write_record(&row).map_err(io::Error::other)
            }
            EventWriter::Table(out) => {
                writeln!(out, "{}", table_row(event))
            }
            // PETRARCH writes no line for its null code.
            EventWriter::Petrarch(_) if event.code.as_deref() == Some("---") => Ok(()),
            EventWriter::Petrarch(out) => {
                writeln!(out, "{}", petrarch_line(event))
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            EventWriter::Jsonl(mut out)
            | EventWriter::Table(mut out)
            | EventWriter::Petrarch(mut out) => out.flush(),
            EventWriter::Csv { mut writer, .. } => writer.flush(),
        }
    }
}

/// `doc#sentence  Event  rule  field=text (code) …  «matched text»`
pub fn table_row(event: &EventRecord) -> String {
    let args: Vec<String> = event
        .args
        .iter()
        .map(|(name, arg)| match &arg.code {
            Some(code) => format!("{name}={} ({code})", arg.text),
            None => format!("{name}={}", arg.text),
        })
        .collect();
    let negated = if event.negated { " [negated]" } else { "" };
    format!(
        "{}#{}  {}{negated}  [{}]  {}  «{}»",
        event.doc,
        event.sentence,
        event.label.as_deref().unwrap_or(&event.event),
        event.rule,
        args.join("  "),
        event.text
    )
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
