//! `evrule run`: a pack over documents, events written in input order, a
//! summary on stderr.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use evrule::corpus::read::{Failure, expand_inputs};
use evrule::corpus::run::{Sink, Summary, run as run_corpus};
use evrule::corpus::write::{EventWriter, Format};
use evrule::document::Document;
use evrule::event::EventRecord;

use super::{Global, default_jobs, load, text_mode};

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Text files, folders of them, JSONL files (`id`, `text`, `date`),
    /// any of them gzipped, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[arg(long, short, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write events here instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Threads to match on (default: all cores).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Treat each line of a text file as one document (id `path:line`).
    #[arg(long)]
    lines: bool,
    /// No progress bar and no summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// Writes events, reports failures on stderr, drives the progress bar.
struct CliSink<W: std::io::Write> {
    writer: EventWriter<W>,
    progress: Option<indicatif::ProgressBar>,
}

impl<W: std::io::Write> Sink for CliSink<W> {
    fn events(&mut self, _doc: &Document, events: &[EventRecord]) -> std::io::Result<()> {
        events.iter().try_for_each(|e| self.writer.write(e))
    }

    fn failure(&mut self, failure: &Failure) -> std::io::Result<()> {
        let line = format!("error: {failure}");
        match &self.progress {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
        Ok(())
    }

    fn progress(&mut self, summary: &Summary) {
        if let Some(bar) = &self.progress {
            bar.set_position(summary.documents as u64 + summary.failures as u64);
            bar.set_message(format!("{} events", summary.events));
        }
    }
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let Some(compiled) = load(&args.pack, global) else {
        return ExitCode::FAILURE;
    };
    let found = expand_inputs(&args.inputs);
    for skipped in &found.skipped {
        if !args.quiet {
            eprintln!(
                "note: skipped {} (not .txt, .jsonl, .xml or .gz of them)",
                skipped.display()
            );
        }
    }
    let skipped = found.skipped.len();
    let out: Box<dyn std::io::Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(error) => {
                eprintln!("error: cannot create {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let writer = match EventWriter::new(args.format, out, &compiled.pack) {
        Ok(writer) => writer,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            return ExitCode::FAILURE;
        }
    };
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents, {msg} [{elapsed_precise}, {per_sec}]",
            )
            .expect("a valid progress template"),
        );
        bar
    });
    let mut sink = CliSink { writer, progress };
    let jobs = default_jobs(args.jobs);
    let documents = found.documents(text_mode(args.lines));
    let summary = match run_corpus(&compiled, documents, jobs, &mut sink) {
        Ok(summary) => summary,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(bar) = &sink.progress {
        bar.finish_and_clear();
    }
    if let Err(error) = sink.writer.finish() {
        eprintln!("error: cannot write output: {error}");
        return ExitCode::FAILURE;
    }
    if !args.quiet {
        let skipped = if skipped > 0 {
            format!(", {skipped} files skipped")
        } else {
            String::new()
        };
        eprintln!("{}{skipped}", summary.line());
    }
    if summary.failures > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
