//! `evrule sentences`: one JSON line per sentence, as the engine splits it.
//!
//! Gold sets refer to text by document, sentence index and byte offsets;
//! this command is how anyone finds those numbers with the very tokenizer,
//! splitter and document reading that `evrule run` uses, so that a gold
//! label and an event record point at the same sentence.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use evrule::corpus::read::expand_inputs;
use evrule::text::{split_sentences, tokenize};

use super::{Global, text_mode};

#[derive(clap::Args)]
pub struct Args {
    /// Text files, folders of them, JSONL files (`id`, `text`, `date`),
    /// any of them gzipped, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Treat each line of a text file as one document (id `path:line`).
    #[arg(long)]
    lines: bool,
}

/// One output line; field order is the order printed.
#[derive(serde::Serialize)]
struct SentenceLine<'a> {
    doc: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn run(args: Args, _global: &Global) -> ExitCode {
    let found = expand_inputs(&args.inputs);
    for skipped in &found.skipped {
        eprintln!(
            "note: skipped {} (not .txt, .jsonl or .gz of them)",
            skipped.display()
        );
    }
    let mut failures = 0usize;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for document in found.documents(text_mode(args.lines)) {
        let document = match document {
            Ok(document) => document,
            Err(failure) => {
                eprintln!("error: {failure}");
                failures += 1;
                continue;
            }
        };
        let text = &document.text;
        let tokens = tokenize(text);
        for (index, sentence) in split_sentences(text, &tokens).iter().enumerate() {
            let line = SentenceLine {
                doc: &document.id,
                sentence: index,
                start: sentence.start,
                end: sentence.end,
                text: &text[sentence.start..sentence.end],
            };
            let written = serde_json::to_writer(&mut out, &line)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"));
            if let Err(error) = written {
                return write_failed(&error);
            }
        }
    }
    if let Err(error) = out.flush() {
        return write_failed(&error);
    }
    if failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A closed pipe (`evrule sentences … | head`) is a normal end.
fn write_failed(error: &std::io::Error) -> ExitCode {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: cannot write output: {error}");
        ExitCode::FAILURE
    }
}
