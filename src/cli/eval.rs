//! `evrule eval`: precision, recall and F1 of a pack on hand-labelled text.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use evrule::testing::eval;

use super::{Global, load};

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Gold files (JSONL; see docs/EVAL.md).
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// Where the gold files' corpus `file`s are (default: each gold
    /// file's own `corpus_root`, relative to the current folder).
    #[arg(long)]
    corpus_root: Option<PathBuf>,
    #[arg(long, short, value_enum, default_value_t = EvalFormat::Text)]
    format: EvalFormat,
    /// How many misses and false alarms to list.
    #[arg(long, default_value_t = 20)]
    list: usize,
    /// Exit 1 when overall precision is below this.
    #[arg(long)]
    min_precision: Option<f64>,
    /// Exit 1 when overall recall is below this.
    #[arg(long)]
    min_recall: Option<f64>,
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let Some(compiled) = load(&args.pack, global) else {
        return super::exit::code(super::exit::PACK);
    };
    let report = match eval::evaluate(compiled, &args.gold, args.corpus_root.as_deref()) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    match args.format {
        EvalFormat::Text => out!("{}", report.render(args.list)),
        EvalFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&report).expect("the report serializes")
        ),
    }
    let (precision, recall) = (report.overall.precision(), report.overall.recall());
    let mut ok = true;
    if let Some(floor) = args.min_precision.filter(|&f| precision < f) {
        eprintln!("error: precision {precision:.3} is below the floor {floor}");
        ok = false;
    }
    if let Some(floor) = args.min_recall.filter(|&f| recall < f) {
        eprintln!("error: recall {recall:.3} is below the floor {floor}");
        ok = false;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
