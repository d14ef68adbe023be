//! `evrule check`: load and validate a pack, every diagnostic at once,
//! rendered for people (stderr) or as JSON Lines for tools (stdout).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use evrule::lang::{self, json, report};

use super::Global;

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// `human`: reports on stderr; `json`: one JSON object per diagnostic
    /// and per line on stdout (the summary still goes to stderr).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let path = &args.pack;
    let loaded = lang::load_pack(path);
    if args.format == Format::Json {
        out!(
            "{}",
            json::to_json_lines(&loaded.diagnostics, &loaded.sources)
        );
    } else if !loaded.diagnostics.is_empty() {
        eprintln!(
            "{}",
            report::render_all(&loaded.diagnostics, &loaded.sources, global.color_stderr)
        );
    }
    let (errors, warnings) = (loaded.error_count(), loaded.warning_count());
    match &loaded.pack {
        Some(pack) if warnings == 0 || !args.deny_warnings => {
            let note = if warnings > 0 {
                format!(
                    " ({warnings} warning{})",
                    if warnings == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            let summary = format!("{}: ok{note}: {}", path.display(), pack.summary());
            if args.format == Format::Json {
                eprintln!("{summary}");
            } else {
                outln!("{summary}");
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "{}: {}{}",
                path.display(),
                loaded.tally(),
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
