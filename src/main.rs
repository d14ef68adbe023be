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
use evrule::testing::style::Style;
use evrule::testing::{diff, examples, explain, snapshot};

/// Writes to stdout; a closed pipe (`evrule … | head`) ends the program
/// quietly instead of panicking, and any other write error is reported.
macro_rules! out {
    ($($arg:tt)*) => {
        write_stdout(&format!($($arg)*))
    };
}

macro_rules! outln {
    ($($arg:tt)*) => {
        write_stdout(&format!("{}\n", format!($($arg)*)))
    };
}

fn write_stdout(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write output: {error}");
        std::process::exit(1);
    }
}

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
enum DiffFormat {
    Text,
    Jsonl,
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
    /// Run the pack's examples and counterexamples, and its corpus snapshots.
    Test {
        /// A pack folder, or a single .evr file.
        pack: PathBuf,
        /// Also compare the events of these documents with the snapshots in
        /// PACK/__snapshots__ (text files, folders, JSONL, gzip).
        #[arg(long, num_args = 1..)]
        corpus: Vec<PathBuf>,
        /// Treat each line of a corpus text file as one document.
        #[arg(long)]
        lines: bool,
        /// Accept or reject snapshot changes one document at a time.
        #[arg(long, conflicts_with = "accept")]
        review: bool,
        /// Accept every snapshot change.
        #[arg(long)]
        accept: bool,
        /// List passing rules too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Show the events a rule change adds, removes and changes on a corpus.
    Diff {
        /// The pack before the change.
        old: PathBuf,
        /// The pack after the change.
        new: PathBuf,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, short, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Treat each line of a text file as one document.
        #[arg(long)]
        lines: bool,
        /// Threads to match on (default: all cores).
        #[arg(long, short)]
        jobs: Option<usize>,
    },
    /// Show what the pack sees in a text: tokens, mentions, rules.
    Explain {
        /// A pack folder, or a single .evr file.
        pack: PathBuf,
        /// The text to explain.
        #[arg(required_unless_present = "doc", conflicts_with = "doc")]
        text: Option<String>,
        /// Explain a file's text instead.
        #[arg(long)]
        doc: Option<PathBuf>,
        /// Also say how far this rule got where it did not fire.
        #[arg(long)]
        rule: Option<String>,
    },
    /// Print the JSON Schema of a pack's event records.
    Schema {
        /// A pack folder, or a single .evr file.
        pack: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = Colors {
        stderr: wants_color(cli.color, std::io::stderr().is_terminal()),
        stdout: wants_color(cli.color, std::io::stdout().is_terminal()),
    };
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
        Command::Test {
            pack,
            corpus,
            lines,
            review,
            accept,
            verbose,
        } => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            let mode = match (ci, accept, review) {
                (true, _, _) => snapshot::Mode::Check,
                (false, true, _) => snapshot::Mode::Accept,
                (false, false, true) => snapshot::Mode::Review,
                (false, false, false) => snapshot::Mode::Pending,
            };
            let text_mode = if lines {
                TextMode::Lines
            } else {
                TextMode::File
            };
            test_pack(&pack, &corpus, text_mode, mode, verbose, color)
        }
        Command::Diff {
            old,
            new,
            inputs,
            format,
            lines,
            jobs,
        } => diff_packs(&old, &new, &inputs, format, lines, jobs, color),
        Command::Explain {
            pack,
            text,
            doc,
            rule,
        } => explain_text(&pack, text, doc, rule, color),
        Command::Schema { pack } => match load(&pack, color) {
            Some(compiled) => {
                let schema = evrule::event::schema(&compiled.pack);
                outln!(
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
fn load(path: &Path, color: Colors) -> Option<CompiledPack> {
    let loaded = lang::load_pack(path);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprintln!(
            "{}",
            report::render_all(&errors, &loaded.sources, color.stderr)
        );
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

fn run_pack(pack: &Path, inputs: &[PathBuf], options: RunOptions, color: Colors) -> ExitCode {
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
    let jobs = default_jobs(options.jobs);
    let documents = found.documents(options.mode);
    let summary = match run(&compiled, documents, jobs, &mut sink) {
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

/// Whether to color each output stream.
#[derive(Clone, Copy)]
struct Colors {
    stderr: bool,
    stdout: bool,
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

fn check(path: &Path, deny_warnings: bool, color: Colors) -> ExitCode {
    let loaded = lang::load_pack(path);
    if !loaded.diagnostics.is_empty() {
        eprintln!(
            "{}",
            report::render_all(&loaded.diagnostics, &loaded.sources, color.stderr)
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
            outln!("{}: ok{note}: {}", path.display(), pack.summary());
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

fn test_pack(
    path: &Path,
    corpus: &[PathBuf],
    text_mode: TextMode,
    mode: snapshot::Mode,
    verbose: bool,
    color: Colors,
) -> ExitCode {
    let Some(compiled) = load(path, color) else {
        return ExitCode::FAILURE;
    };
    let style = Style {
        color: color.stdout,
    };
    let report = examples::run_examples(&compiled);
    out!("{}", examples::render(&report, &compiled, style, verbose));
    let mut ok = report.failed() == 0;
    if !corpus.is_empty() {
        let documents = expand_inputs(corpus).documents(text_mode);
        let (comparisons, failures) =
            match snapshot::check_corpus(&compiled, documents, default_jobs(None)) {
                Ok(result) => result,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::FAILURE;
                }
            };
        for failure in &failures {
            eprintln!("error: {failure}");
        }
        let stdin = std::io::stdin();
        let mut answers = stdin.lock();
        let mut out = std::io::stdout();
        let outcome = match snapshot::settle(&comparisons, mode, &mut answers, &mut out, style) {
            Ok(outcome) => outcome,
            Err(error) => {
                eprintln!("error: cannot write snapshots: {error}");
                return ExitCode::FAILURE;
            }
        };
        let seen: Vec<PathBuf> = comparisons.iter().map(|c| c.path.clone()).collect();
        let stale = snapshot::stale(&snapshot::snapshot_dir(&compiled.pack.root), &seen);
        for path in &stale {
            outln!(
                "note: {} matches no document of this corpus",
                path.display()
            );
        }
        outln!(
            "corpus snapshots: {} documents, {} unchanged, {} accepted, {} pending{}",
            comparisons.len(),
            outcome.unchanged,
            outcome.accepted,
            outcome.rejected,
            if failures.is_empty() {
                String::new()
            } else {
                format!(", {} unreadable", failures.len())
            }
        );
        if outcome.rejected > 0 {
            let hint = match mode {
                snapshot::Mode::Check => {
                    "CI=true: snapshots are not written; run `evrule test --review` locally"
                }
                _ => "review with --review, or accept all with --accept",
            };
            outln!("{hint}");
        }
        ok &= outcome.rejected == 0 && failures.is_empty();
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn default_jobs(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn diff_packs(
    old: &Path,
    new: &Path,
    inputs: &[PathBuf],
    format: DiffFormat,
    lines: bool,
    jobs: Option<usize>,
    color: Colors,
) -> ExitCode {
    let (Some(old), Some(new)) = (load(old, color), load(new, color)) else {
        return ExitCode::FAILURE;
    };
    let mode = if lines {
        TextMode::Lines
    } else {
        TextMode::File
    };
    let documents = expand_inputs(inputs).documents(mode);
    let report = match diff::run_diff(&old, &new, documents, default_jobs(jobs)) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
    match format {
        DiffFormat::Text => {
            let style = Style {
                color: color.stdout,
            };
            out!("{}", report.render(style));
        }
        DiffFormat::Jsonl => {
            for change in &report.changes {
                outln!(
                    "{}",
                    serde_json::to_string(change).expect("changes serialize")
                );
            }
        }
    }
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn explain_text(
    pack: &Path,
    text: Option<String>,
    doc: Option<PathBuf>,
    rule: Option<String>,
    color: Colors,
) -> ExitCode {
    let Some(compiled) = load(pack, color) else {
        return ExitCode::FAILURE;
    };
    let text = match (text, doc) {
        (Some(text), _) => text,
        (None, Some(path)) => match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
        (None, None) => unreachable!("clap requires text or --doc"),
    };
    let rule_id = match rule
        .as_deref()
        .map(|name| (name, compiled.pack.rule_by_name(name)))
    {
        None => None,
        Some((_, Some(id))) => Some(id),
        Some((name, None)) => {
            let names = compiled.pack.rules.iter().map(|r| r.name.as_str());
            let hint = lang::suggest::did_you_mean(name, names)
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            eprintln!("error: the pack has no rule `{name}`{hint}");
            return ExitCode::FAILURE;
        }
    };
    let style = Style {
        color: color.stdout,
    };
    out!("{}", explain::explain(&compiled, &text, rule_id, style));
    ExitCode::SUCCESS
}
