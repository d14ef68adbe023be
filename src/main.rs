//! The `evrule` command line: argument parsing and wiring only; every
//! command's work is done by the library stages.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use evrule::compile::CompiledPack;
use evrule::corpus::read::{Failure, TextMode, expand_inputs};
use evrule::corpus::run::{Sink, Summary, run};
use evrule::corpus::write::{EventWriter, Format};
use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::lang::{self, report};
use evrule::testing::examples;
use evrule::testing::style::Style;

#[derive(Parser)]
#[command(
    name = "evrule",
    version,
    about = "Rules that read like English, turning news text into typed event records"
)]
struct Cli {
    /// When to color output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Load and validate a pack; report every problem at once.
    Check {
        /// A pack folder, or a single .evr file.
        pack: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Run a pack over documents and write their events.
    Run {
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
    },
    /// Run the pack's examples and counterexamples (and corpus snapshots).
    Test {
        /// A pack folder, or a single .evr file.
        pack: PathBuf,
        /// List passing rules too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Print the JSON Schema of a pack's event records.
    Schema {
        /// A pack folder, or a single .evr file.
        pack: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = wants_color(cli.color, std::io::stderr().is_terminal());
    match cli.command {
        Command::Check {
            pack,
            deny_warnings,
        } => check(&pack, deny_warnings, color),
        Command::Run {
            pack,
            inputs,
            format,
            output,
            jobs,
            lines,
            quiet,
        } => {
            let options = RunOptions {
                format,
                output,
                jobs,
                mode: if lines {
                    TextMode::Lines
                } else {
                    TextMode::File
                },
                quiet,
            };
            run_pack(&pack, &inputs, options, color)
        }
        Command::Test { pack, verbose } => test_pack(&pack, verbose, color),
        Command::Schema { pack } => match load(&pack, color) {
            Some(compiled) => {
                let schema = evrule::event::schema(&compiled.pack);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&schema).expect("a JSON value serializes")
                );
                ExitCode::SUCCESS
            }
            None => ExitCode::FAILURE,
        },
    }
}

/// Loads, checks and compiles a pack; prints diagnostics; `None` on errors.
fn load(path: &Path, color: bool) -> Option<CompiledPack> {
    let loaded = lang::load_pack(path);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprintln!("{}", report::render_all(&errors, &loaded.sources, color));
        eprintln!(
            "{}: {} error(s); run `evrule check {}` for details",
            path.display(),
            errors.len(),
            path.display()
        );
        return None;
    }
    match CompiledPack::new(loaded.pack?) {
        Ok(compiled) => Some(compiled),
        Err(message) => {
            eprintln!("error: cannot compile {}: {message}", path.display());
            None
        }
    }
}

struct RunOptions {
    format: Format,
    output: Option<PathBuf>,
    jobs: Option<usize>,
    mode: TextMode,
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

fn run_pack(pack: &Path, inputs: &[PathBuf], options: RunOptions, color: bool) -> ExitCode {
    let Some(compiled) = load(pack, color) else {
        return ExitCode::FAILURE;
    };
    let found = expand_inputs(inputs);
    for skipped in &found.skipped {
        if !options.quiet {
            eprintln!(
                "note: skipped {} (not .txt, .jsonl or .gz of them)",
                skipped.display()
            );
        }
    }
    let skipped = found.skipped.len();
    let out: Box<dyn std::io::Write> = match &options.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(error) => {
                eprintln!("error: cannot create {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let writer = match EventWriter::new(options.format, out, &compiled.pack) {
        Ok(writer) => writer,
        Err(error) => {
            eprintln!("error: cannot write output: {error}");
            return ExitCode::FAILURE;
        }
    };
    let progress = (!options.quiet && std::io::stderr().is_terminal()).then(|| {
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
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let documents = found.documents(options.mode);
    let summary = match run(&compiled, documents, jobs, &mut sink) {
        Ok(summary) => summary,
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
    if !options.quiet {
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

fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn check(path: &Path, deny_warnings: bool, color: bool) -> ExitCode {
    let loaded = lang::load_pack(path);
    if !loaded.diagnostics.is_empty() {
        eprintln!(
            "{}",
            report::render_all(&loaded.diagnostics, &loaded.sources, color)
        );
    }
    let (errors, warnings) = (loaded.error_count(), loaded.warning_count());
    match &loaded.pack {
        Some(pack) if warnings == 0 || !deny_warnings => {
            let note = if warnings > 0 {
                format!(
                    " ({warnings} warning{})",
                    if warnings == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            println!("{}: ok{note}: {}", path.display(), pack.summary());
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "{}: {errors} error{}, {warnings} warning{}{}",
                path.display(),
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" },
                if errors == 0 {
                    " (denied by --deny-warnings)"
                } else {
                    ""
                }
            );
            ExitCode::FAILURE
        }
    }
}

fn test_pack(path: &Path, verbose: bool, color: bool) -> ExitCode {
    let Some(compiled) = load(path, color) else {
        return ExitCode::FAILURE;
    };
    let style = Style {
        color: wants_color_stdout(color),
    };
    let report = examples::run_examples(&compiled);
    print!("{}", examples::render(&report, &compiled, style, verbose));
    if report.failed() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn wants_color_stdout(stderr_color: bool) -> bool {
    stderr_color && std::io::stdout().is_terminal()
}
