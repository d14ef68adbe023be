//! Writing event records: JSONL (one object per line), CSV (one column per
//! field of the pack's events), or a table for a person at a terminal.

use std::io::{self, Write};

use crate::event::EventRecord;
use crate::lang::Pack;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
    Table,
}

pub enum EventWriter<W: Write> {
    Jsonl(W),
    Csv {
        writer: Box<csv::Writer<W>>,
        fields: Vec<String>,
    },
    Table(W),
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
        }
    }

    pub fn finish(self) -> io::Result<()> {
        self.into_inner().map(drop)
    }

    /// Flushes and gives the output back (to commit a file written
    /// atomically, for instance).
    pub fn into_inner(self) -> io::Result<W> {
        match self {
            EventWriter::Jsonl(mut out) | EventWriter::Table(mut out) => out.flush().map(|()| out),
            EventWriter::Csv { writer, .. } => writer
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string())),
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
