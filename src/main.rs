//! The `evrule` command line: argument parsing and wiring only; every
//! command's work is done by the library stages.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use evrule::lang::{self, report};

#[derive(Parser)]
#[command(name = "evrule", version, about = "Rules that read like English, turning news text into typed event records")]
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = wants_color(cli.color, std::io::stderr().is_terminal());
    match cli.command {
        Command::Check {
            pack,
            deny_warnings,
        } => check(&pack, deny_warnings, color),
    }
}

fn wants_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn check(path: &Path, deny_warnings: bool, color: bool) -> ExitCode {
    let loaded = lang::load_pack(path);
    if !loaded.diagnostics.is_empty() {
        eprintln!("{}", report::render_all(&loaded.diagnostics, &loaded.sources, color));
    }
    let (errors, warnings) = (loaded.error_count(), loaded.warning_count());
    match &loaded.pack {
        Some(pack) if warnings == 0 || !deny_warnings => {
            let note = if warnings > 0 {
                format!(" ({warnings} warning{})", if warnings == 1 { "" } else { "s" })
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
                if errors == 0 { " (denied by --deny-warnings)" } else { "" }
            );
            ExitCode::FAILURE
        }
    }
}
