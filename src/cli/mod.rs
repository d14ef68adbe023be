//! The commands of the `evrule` binary, one module each (its clap
//! arguments and its `run`), and what they share: colors, loading a pack,
//! writing to stdout.
//!
//! These modules belong to the binary, not the library: they parse
//! arguments, print and choose exit codes; the work is the library's.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use evrule::compile::CompiledPack;
use evrule::compile::load::{self, LoadError};
use evrule::corpus::read::{Inputs, TextMode, expand_inputs};
use evrule::lang::report;
use evrule::testing::style::Style;

/// Writes to stdout; a closed pipe (`evrule … | head`) ends the program
/// quietly instead of panicking, and any other write error is reported.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(&format!($($arg)*))
    };
}

macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(&format!("{}\n", format!($($arg)*)))
    };
}

pub mod check;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod import;
pub mod init;
pub mod lsp;
pub mod run;
pub mod schema;
pub mod sentences;
pub mod serve;
pub mod test;

/// Exit codes, the same for every command (README "Exit codes",
/// docs/LIMITS.md). Usage errors exit 2, from clap or from a command.
pub mod exit {
    use std::process::ExitCode;

    /// Everything asked was done, and nothing failed.
    pub const OK: u8 = 0;
    /// The work was done but found failures: unreadable documents, failing
    /// examples, changed snapshots, warnings denied.
    pub const FAILURES: u8 = 1;
    /// The command line is wrong (as clap reports it), or asks for
    /// something refused before any work (an output that is an input).
    pub const USAGE: u8 = 2;
    /// The pack does not load: syntax, check or compile errors.
    pub const PACK: u8 = 3;
    /// Output could not be written (disk full, permissions, snapshots).
    pub const OUTPUT: u8 = 4;
    /// Interrupted (Ctrl-C): 128 + SIGINT, as shells report it.
    pub const INTERRUPTED: u8 = 130;

    pub fn code(code: u8) -> ExitCode {
        ExitCode::from(code)
    }
}

pub fn write_stdout(text: &str) {
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
        std::process::exit(exit::OUTPUT.into());
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What every command gets besides its own arguments.
#[derive(Clone, Copy)]
pub struct Global {
    /// Whether to color stderr and stdout.
    pub color_stderr: bool,
    pub color_stdout: bool,
}

impl Global {
    pub fn new(choice: ColorChoice) -> Global {
        Global {
            color_stderr: wants_color(choice, std::io::stderr().is_terminal()),
            color_stdout: wants_color(choice, std::io::stdout().is_terminal()),
        }
    }

    /// The style of what goes to stdout.
    pub fn style(&self) -> Style {
        Style {
            color: self.color_stdout,
        }
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

/// Loads, checks and compiles a pack; prints diagnostics; `None` on errors
/// (the command then exits [`exit::PACK`]).
///
/// The pack lives until the process exits: a command loads one pack and
/// ends soon after its work, and freeing a CAMEO-sized pack piece by piece
/// (some 150 MB in millions of allocations) takes longer than the exit.
pub fn load(path: &Path, global: &Global) -> Option<&'static CompiledPack> {
    match load::load(path) {
        Ok(ready) => Some(Box::leak(Box::new(ready.compiled))),
        Err(LoadError::Invalid { loaded, .. }) => {
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            eprintln!(
                "{}",
                report::render_all(&errors, &loaded.sources, global.color_stderr)
            );
            eprintln!(
                "{}: {} error(s); run `evrule check {}` for details",
                path.display(),
                errors.len(),
                path.display()
            );
            None
        }
        Err(error @ LoadError::Compile { .. }) => {
            eprintln!("error: {error}");
            None
        }
    }
}

/// Most threads `--jobs` starts: a batch holds at most 512 documents, and
/// far more threads than cores only cost memory.
pub const MAX_JOBS: usize = 64;

/// Threads to match on: as asked (at most [`MAX_JOBS`], with a note), or
/// one per core.
pub fn jobs(jobs: Option<usize>) -> usize {
    match jobs {
        Some(asked) if asked > MAX_JOBS => {
            eprintln!("note: --jobs {asked} capped to {MAX_JOBS}");
            MAX_JOBS
        }
        Some(asked) => asked.max(1),
        None => std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_JOBS)),
    }
}

/// Expands the input arguments, printing a note for what is not read.
pub fn inputs(paths: &[PathBuf], quiet: bool) -> Inputs {
    let found = expand_inputs(paths);
    if !quiet {
        for skipped in &found.skipped {
            eprintln!(
                "note: skipped {} (not .txt, .jsonl, .xml or .gz of them)",
                skipped.display()
            );
        }
        for note in &found.notes {
            eprintln!("note: {note}");
        }
    }
    found
}

/// On Ctrl-C: files being written are removed (their targets keep what
/// they held), a message says so, and the process exits
/// [`exit::INTERRUPTED`]. Installed by the commands that write files.
pub fn on_interrupt() {
    // A second installation (a command writing two kinds of file) fails
    // harmlessly: the first handler does the same.
    let _ = ctrlc::set_handler(|| {
        let abandoned = evrule::files::write::abandon_all();
        for target in &abandoned {
            eprintln!(
                "interrupted: {} was not written (it holds what it held before)",
                target.display()
            );
        }
        if abandoned.is_empty() {
            eprintln!("interrupted");
        }
        std::process::exit(exit::INTERRUPTED.into());
    });
}

/// How text files become documents: `--lines` makes each line one.
pub fn text_mode(lines: bool) -> TextMode {
    if lines {
        TextMode::Lines
    } else {
        TextMode::File
    }
}
