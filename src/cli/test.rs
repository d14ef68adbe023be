//! `evrule test`: a pack's examples and counterexamples, and its corpus
//! snapshots (review, accept, or check under `CI=true`).

use std::path::PathBuf;
use std::process::ExitCode;

use evrule::lang::suggest::did_you_mean;
use evrule::testing::{examples, snapshot};

use super::{Global, exit, inputs, jobs, load, on_interrupt, text_mode};

#[derive(clap::Args)]
pub struct Args {
    /// A pack folder, or a single .evr file.
    pack: PathBuf,
    /// Also compare the events of these documents with the snapshots in
    /// PACK/__snapshots__ (text files, folders, JSONL, gzip).
    #[arg(long, num_args = 1..)]
    corpus: Vec<PathBuf>,
    /// Treat each line of a corpus text file as one document.
    #[arg(long)]
    lines: bool,
    /// Accept or reject snapshot changes one document at a time (`q` stops:
    /// the rest stay pending).
    #[arg(long, conflicts_with = "accept")]
    review: bool,
    /// Accept every snapshot change.
    #[arg(long)]
    accept: bool,
    /// Remove snapshots that match no document of the corpus (never under
    /// `CI=true`).
    #[arg(long, requires = "corpus")]
    prune: bool,
    /// List passing rules too, and show `todo` cases in full.
    #[arg(long, short)]
    verbose: bool,
    /// Run only this rule's examples (repeatable).
    #[arg(long = "rule", value_name = "NAME")]
    rules: Vec<String>,
    /// Run only the examples of rules whose name contains this (repeatable).
    #[arg(long = "filter", value_name = "SUBSTRING")]
    filters: Vec<String>,
}

impl Args {
    /// Whether a rule's examples run: all of them without `--rule` and
    /// `--filter`, else those named or matching any filter.
    fn selects(&self, rule: &str) -> bool {
        (self.rules.is_empty() && self.filters.is_empty())
            || self.rules.iter().any(|r| r == rule)
            || self.filters.iter().any(|f| rule.contains(f.as_str()))
    }

    /// An error for a `--rule` or `--filter` that selects no rule.
    fn unmatched(&self, names: &[&str]) -> Option<String> {
        for wanted in &self.rules {
            if !names.contains(&wanted.as_str()) {
                let hint = did_you_mean(wanted, names.iter().copied())
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                return Some(format!("no rule is named `{wanted}`{hint}"));
            }
        }
        self.filters
            .iter()
            .find(|f| !names.iter().any(|n| n.contains(f.as_str())))
            .map(|f| format!("no rule name contains `{f}`"))
    }
}

pub fn run(args: Args, global: &Global) -> ExitCode {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let mode = match (ci, args.accept, args.review) {
        (true, _, _) => snapshot::Mode::Check,
        (false, true, _) => snapshot::Mode::Accept,
        (false, false, true) => snapshot::Mode::Review,
        (false, false, false) => snapshot::Mode::Pending,
    };
    let Some(compiled) = load(&args.pack, global) else {
        return exit::code(exit::PACK);
    };
    let style = global.style();
    let names: Vec<&str> = compiled
        .pack
        .rules
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    if let Some(error) = args.unmatched(&names) {
        eprintln!("error: {error}");
        return exit::code(exit::USAGE);
    }
    let report = examples::run_examples_of(compiled, |rule| args.selects(&rule.name));
    out!(
        "{}",
        examples::render(&report, compiled, style, args.verbose)
    );
    let mut ok = report.failed() == 0;
    if !args.corpus.is_empty() {
        if mode != snapshot::Mode::Check {
            on_interrupt();
        }
        let documents = inputs(&args.corpus, false).documents(text_mode(args.lines));
        let (comparisons, failures) = match snapshot::check_corpus(compiled, documents, jobs(None))
        {
            Ok(result) => result,
            Err(error) => {
                eprintln!("error: {error}");
                return exit::code(exit::OUTPUT);
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
                return exit::code(exit::OUTPUT);
            }
        };
        let dir = snapshot::snapshot_dir(&compiled.pack.root);
        let stale = snapshot::stale(&dir, &comparisons);
        if args.prune && mode != snapshot::Mode::Check {
            if let Err(error) = snapshot::prune(&stale) {
                eprintln!("error: cannot prune snapshots: {error}");
                return exit::code(exit::OUTPUT);
            }
            for path in &stale {
                outln!("pruned {}", path.display());
            }
        } else {
            for path in &stale {
                outln!(
                    "note: {} matches no document of this corpus",
                    path.display()
                );
            }
            if !stale.is_empty() {
                outln!(
                    "{}",
                    if mode == snapshot::Mode::Check {
                        "CI=true: nothing is pruned; run `evrule test --corpus … --prune` locally"
                    } else {
                        "remove them with --prune"
                    }
                );
            }
        }
        outln!(
            "corpus snapshots: {} documents ({} without events), {} unchanged, {} accepted, {} pending{}",
            comparisons.len(),
            outcome.empty,
            outcome.unchanged,
            outcome.accepted,
            outcome.rejected,
            if failures.is_empty() {
                String::new()
            } else {
                format!(", {} failed", failures.len())
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
        exit::code(exit::OK)
    } else {
        exit::code(exit::FAILURES)
    }
}
