//! `evrule init NAME`: a new pack folder that checks, tests and snapshots
//! clean from the start, to be edited into the pack one wants.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use evrule::compile::CompiledPack;
use evrule::corpus::read::expand_inputs;
use evrule::lang;
use evrule::testing::snapshot;

use super::{Global, text_mode};

#[derive(clap::Args)]
pub struct Args {
    /// The folder to create (it may exist if it is empty).
    name: PathBuf,
}

/// The files of a new pack, as (path in the pack, text).
const FILES: [(&str, &str); 5] = [
    (
        "types.evr",
        r#"# Entity types, and the lexicon that fills them. A slot of a type also
# takes its subtypes. `Proper` (a run of capitalized words no lexicon knows)
# and `Number` exist in every pack.

type Organization
type Company : Organization

lexicon "lexicon.tsv"
"#,
    ),
    (
        "lexicon.tsv",
        "# phrase<TAB>Type<TAB>code, and an optional 4th column `exact`.\n\
         # Phrases match whole tokens, ignoring case; list plurals yourself.\n\
         Alder Foods\tCompany\tALD\n\
         Brightwater Mills\tCompany\tBWM\n",
    ),
    (
        "events.evr",
        r#"# The events the pack's rules emit. A field may take several types
# (`Company | Proper`) and be optional (`?`).

import "types.evr"

event Acquisition { buyer: Company, target: Company | Proper } code "ACQ" label "Acquisition"
"#,
    ),
    (
        "rules.evr",
        r#"# Rules: patterns read like English; a word matches every inflection
# ("acquire" matches "acquired"), the passive ("was bought by") is derived,
# and a negation before the verb drops the match.
#
#   evrule check .                  every problem, with file:line:column
#   evrule test .                   the examples and counterexamples below
#   evrule test . --corpus corpus   the events of corpus/ against __snapshots__/
#   evrule explain . "some text"    what the pack sees in a text
#
# corpus/ holds example articles: text files (a document each) or JSONL
# lines with `id`, `text` and `date`; __snapshots__/ their accepted events.

import "types.evr"
import "events.evr"

rule acquire
  "X (acquire | buy | take over) Y"
  X: Company  Y: Company | Proper
  => Acquisition { buyer: X, target: Y }
  example "Alder Foods has acquired Brightwater Mills." => Acquisition { buyer: "Alder Foods", target: "Brightwater Mills" }
  example "Calloway was bought by Alder Foods." => Acquisition { buyer: "Alder Foods", target: "Calloway" }
  counterexample "Alder Foods did not buy Brightwater Mills."
  counterexample "Alder Foods acquired a taste for risk."
"#,
    ),
    (
        "corpus/articles.jsonl",
        concat!(
            r#"{"id": "example-1", "date": "2024-05-02", "text": "Alder Foods has taken over Brightwater Mills, the two companies said on Thursday. The miller will keep its name. Alder Foods did not buy the mill's bakery chain, which stays independent."}"#,
            "\n"
        ),
    ),
];

pub fn run(args: Args, _global: &Global) -> ExitCode {
    let root = &args.name;
    if let Err(message) = check_target(root) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    for (path, text) in FILES {
        let full = root.join(path);
        let written = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&full, text));
        if let Err(error) = written {
            eprintln!("error: cannot write {}: {error}", full.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(message) = accept_corpus_snapshots(root) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let name = root.display();
    outln!("created pack {name}; try:");
    outln!("  evrule check {name}");
    outln!("  evrule test {name}");
    outln!("  evrule test {name} --corpus {name}/corpus");
    ExitCode::SUCCESS
}

/// A new pack goes into a new or empty folder, never over existing files.
fn check_target(root: &Path) -> Result<(), String> {
    if root.is_file() {
        return Err(format!("{} is a file", root.display()));
    }
    if root.is_dir() {
        let mut entries =
            std::fs::read_dir(root).map_err(|e| format!("cannot read {}: {e}", root.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} exists and is not empty; give a new folder",
                root.display()
            ));
        }
    }
    Ok(())
}

/// Runs the new pack over its corpus and writes the snapshots, so that
/// `evrule test NAME --corpus NAME/corpus` passes from the start.
fn accept_corpus_snapshots(root: &Path) -> Result<(), String> {
    let loaded = lang::load_pack(root);
    let pack = loaded.pack.ok_or_else(|| {
        format!(
            "the new pack does not check: {}",
            loaded
                .diagnostics
                .iter()
                .map(|d| d.one_line(&loaded.sources))
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    let compiled = CompiledPack::new(pack)?;
    let documents = expand_inputs(&[root.join("corpus")]).documents(text_mode(false));
    let (comparisons, failures) =
        snapshot::check_corpus(&compiled, documents, 1).map_err(|e| e.to_string())?;
    if let Some(failure) = failures.first() {
        return Err(failure.to_string());
    }
    for comparison in &comparisons {
        snapshot::accept(comparison).map_err(|e| format!("cannot write snapshot: {e}"))?;
    }
    Ok(())
}
