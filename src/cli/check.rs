//! `evrule check`: load and validate a pack, every diagnostic at once.

use std::path::PathBuf;
use std::process::ExitCode;

use evrule::compile::CompiledPack;
use evrule::lang::{self, report};

use super::{Global, exit};

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Fail on warnings too (exit 1).
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
    // A pack that checks must also compile: some limits (the vocabulary
    // size) are only known then.
    let compiled = loaded.pack.map(CompiledPack::new);
    if let Some(Err(message)) = &compiled {
        eprintln!("error: cannot compile {}: {message}", path.display());
        return exit::code(exit::PACK);
    }
    match compiled
        .as_ref()
        .and_then(|c| c.as_ref().ok())
        .map(|c| &c.pack)
    {
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
            exit::code(exit::OK)
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
            exit::code(if errors > 0 {
                exit::PACK
            } else {
                exit::FAILURES
            })
        }
    }
}
