//! The commands of the `evrule` binary, one module each (its clap
//! arguments and its `run`), and what they share: colors, loading a pack,
//! writing to stdout.
//!
//! These modules belong to the binary, not the library: they parse
//! arguments, print and choose exit codes; the work is the library's.

use std::io::IsTerminal;
use std::path::Path;

use clap::ValueEnum;
use evrule::compile::CompiledPack;
use evrule::compile::load::{self, LoadError};
use evrule::corpus::read::TextMode;
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
pub mod fmt;
pub mod import;
pub mod init;
pub mod lsp;
pub mod run;
pub mod schema;
pub mod sentences;
pub mod serve;
pub mod test;

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
        std::process::exit(1);
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

/// Loads, checks and compiles a pack; prints its errors; `None` on errors.
pub fn load(path: &Path, global: &Global) -> Option<CompiledPack> {
    match load::load(path) {
        Ok(ready) => Some(ready.compiled),
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

/// Threads to match on: as asked, or one per core.
pub fn default_jobs(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// How text files become documents: `--lines` makes each line one.
pub fn text_mode(lines: bool) -> TextMode {
    if lines {
        TextMode::Lines
    } else {
        TextMode::File
    }
}
