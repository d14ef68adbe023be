//! `evrule fmt`: rewrite rule files in the canonical layout, or with
//! `--check` list the files that are not in it.

use std::path::PathBuf;
use std::process::ExitCode;

use evrule::fmt::{files, format_source};
use evrule::lang::{SourceMap, report};

use super::Global;

#[derive(clap::Args)]
pub struct Args {
    /// Rule files and folders (searched for .evr files); the current
    /// folder when none is given.
    paths: Vec<PathBuf>,
    /// Change nothing: list the files that would change, and fail if any.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let rule_files = match files::rule_files(&paths) {
        Ok(rule_files) => rule_files,
        Err(error) => {
            eprintln!("error: cannot list rule files: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut changed = 0;
    let mut broken = 0;
    for path in &rule_files {
        let source = match std::fs::read_to_string(path) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", path.display());
                broken += 1;
                continue;
            }
        };
        let formatted = match format_source(&source) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                let mut sources = SourceMap::default();
                sources.add(path.display().to_string(), path.clone(), source);
                eprintln!(
                    "{}",
                    report::render_all(&diagnostics, &sources, global.color_stderr)
                );
                eprintln!("{}: not formatted (syntax errors)", path.display());
                broken += 1;
                continue;
            }
        };
        if formatted == source {
            continue;
        }
        changed += 1;
        if args.check {
            outln!("{}", path.display());
        } else if let Err(error) = files::write_atomically(path, &formatted) {
            eprintln!("error: cannot write {}: {error}", path.display());
            broken += 1;
        } else {
            outln!("formatted {}", path.display());
        }
    }
    let verb = if args.check {
        "would change"
    } else {
        "changed"
    };
    eprintln!(
        "{} file{}, {changed} {verb}{}",
        rule_files.len(),
        if rule_files.len() == 1 { "" } else { "s" },
        if broken > 0 {
            format!(", {broken} with errors")
        } else {
            String::new()
        }
    );
    if broken > 0 || (args.check && changed > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
