//! `evrule run`: a pack over documents, events written in input order, a
//! summary on stderr.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use evrule::corpus::read::Failure;
use evrule::corpus::run::{Sink, Summary, run as run_corpus};
use evrule::corpus::write::{EventWriter, Format};
use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::files::write::{AtomicFile, Identity};

use super::{Global, exit, inputs, jobs, load, on_interrupt, text_mode};

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
    /// Write events here instead of stdout (written whole, or not at all:
    /// never one of the inputs).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Threads to match on (default: all cores; at most 64).
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
    fn events(&mut self, doc: &Document, events: &[EventRecord]) -> std::io::Result<()> {
        self.writer.write_document(&doc.text, events)
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

/// Where events go: stdout, or a file that appears only when complete.
enum Out {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Stdout(out) => out.write(buf),
            Out::File(out) => out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Stdout(out) => out.flush(),
            Out::File(out) => out.flush(),
        }
    }
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let Some(compiled) = load(&args.pack, global) else {
        return exit::code(exit::PACK);
    };
    let found = inputs(&args.inputs, args.quiet);
    let skipped = found.skipped.len();
    let out = match &args.output {
        Some(path) => {
            // As ripgrep does: an output that is one of the inputs (by
            // device and inode, whatever its spelling) is refused before
            // anything is opened for writing.
            if let Some(target) = Identity::of(path) {
                let identities = found.identities();
                if let Some(index) = identities.iter().position(|id| *id == target) {
                    let input = found.source_paths().into_iter().find(|p| {
                        Identity::of(p) == Some(identities[index])
                            || (p.as_os_str() == "-" && Identity::of_stdin() == Some(target))
                    });
                    eprintln!(
                        "error: refusing to write events to {}: it is also an input of this run{}",
                        path.display(),
                        input
                            .map(|p| format!(" ({})", p.display()))
                            .unwrap_or_default()
                    );
                    return exit::code(exit::USAGE);
                }
            }
            on_interrupt();
            match AtomicFile::for_output(path) {
                Ok(file) => Out::File(file),
                Err(error) => {
                    eprintln!("error: cannot create {}: {error}", path.display());
                    return exit::code(exit::OUTPUT);
                }
            }
        }
        None => Out::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let writer = match EventWriter::new(args.format, out, &compiled.pack) {
        Ok(writer) => writer,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            return exit::code(exit::OUTPUT);
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
    let jobs = jobs(args.jobs);
    let documents = found.documents(text_mode(args.lines));
    let summary = match run_corpus(compiled, documents, jobs, &mut sink) {
        Ok(summary) => summary,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            return exit::code(exit::OK);
        }
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            return exit::code(exit::OUTPUT);
        }
    };
    if let Some(bar) = &sink.progress {
        bar.finish_and_clear();
    }
    let committed = sink.writer.into_inner().and_then(|out| match out {
        Out::File(file) => file.commit(),
        Out::Stdout(_) => Ok(()),
    });
    if let Err(error) = committed {
        eprintln!("error: cannot write output: {error}");
        return exit::code(exit::OUTPUT);
    }
    if !args.quiet {
        let skipped = if skipped > 0 {
            format!(", {skipped} files skipped")
        } else {
            String::new()
        };
        if let Some(note) = summary.cut_note() {
            eprintln!("{note}");
        }
        eprintln!("{}{skipped}", summary.line());
    }
    if summary.failures > 0 {
        exit::code(exit::FAILURES)
    } else {
        exit::code(exit::OK)
    }
}
