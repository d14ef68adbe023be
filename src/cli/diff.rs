//! `evrule diff`: the events a pack change adds, removes and changes on a
//! corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use evrule::testing::diff;

use super::{Global, exit, inputs, jobs, load, text_mode};

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
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
    /// Threads to match on (default: all cores; at most 64).
    #[arg(long, short)]
    jobs: Option<usize>,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let (Some(old), Some(new)) = (load(&args.old, global), load(&args.new, global)) else {
        return exit::code(exit::PACK);
    };
    let documents = inputs(&args.inputs, false).documents(text_mode(args.lines));
    let report = match diff::run_diff(old, new, documents, jobs(args.jobs)) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return exit::code(exit::OUTPUT);
        }
    };
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
    match args.format {
        DiffFormat::Text => out!("{}", report.render(global.style())),
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
        exit::code(exit::OK)
    } else {
        exit::code(exit::FAILURES)
    }
}
