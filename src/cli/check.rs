//! `evrule check`: load and validate a pack, every diagnostic at once.

use std::path::PathBuf;
use std::process::ExitCode;

use evrule::lang::{self, report};

use super::Global;

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let path = &args.pack;
    let loaded = lang::load_pack(path);
    if !loaded.diagnostics.is_empty() {
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
            outln!("{}: ok{note}: {}", path.display(), pack.summary());
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
