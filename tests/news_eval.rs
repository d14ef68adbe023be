//! The conflict pack scored on hand-labelled real news: `evrule eval` on
//! `tests/data/news_dev.jsonl` (600 sentences of Reuters and BBC news, see
//! `tests/data/news_dev.md`), with floors just below today's figures so
//! that a rule change that loses real events, or invents some, fails; and
//! the eval report on a small gold file of sentences written for this test,
//! snapshotted.

mod support;

use std::path::{Path, PathBuf};

use evrule::compile::CompiledPack;
use evrule::testing::eval::{self, EvalReport};

fn conflict_pack() -> CompiledPack {
    support::compile_pack(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/conflict"))
}

/// Floors per family (precision, recall) on news_dev, just below what the
/// pack reaches; raise them as the pack improves.
const FLOORS: &[(&str, f64, f64)] = &[
    ("Battles", 0.70, 0.55),
    ("ExplosionsRemoteViolence", 0.80, 0.55),
    ("Protests", 0.80, 0.75),
    ("Riots", 0.90, 0.15),
];
const OVERALL_PRECISION: f64 = 0.82;
const OVERALL_RECALL: f64 = 0.66;

#[test]
fn news_dev_precision_and_recall_stay_above_their_floors() {
    let Some(shared) = support::shared_dir() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = eval::evaluate(
        &conflict_pack(),
        &[root.join("tests/data/news_dev.jsonl")],
        Some(&shared.join("corpus")),
    )
    .expect("the gold file reads");
    eprintln!("{}", report.render(60));
    assert_eq!(report.gold_events, 51, "the gold set changed");
    let below = support::below_floors(&report, FLOORS, (OVERALL_PRECISION, OVERALL_RECALL));
    assert!(below.is_empty(), "below the floor:\n{}", below.join("\n"));
}

/// Gold written for this test (not corpus text): events told with nouns,
/// labour strikes, a threat, a sports story, a metaphor.
const INLINE_GOLD: &str = r#"{"scope": ["Battles", "ExplosionsRemoteViolence", "ViolenceAgainstCivilians", "Protests", "Riots"]}
{"id": "strike", "text": "Dockers in Antwerp went on strike on Monday over pay.", "events": [{"event": "Protests", "args": {"protesters": "Dockers", "location": "Antwerp"}}]}
{"id": "threat", "text": "The union threatened to strike if talks fail.", "events": []}
{"id": "repelled", "text": "The army said its troops repelled a rebel attack near Goma.", "events": [{"event": "Battles", "args": {"target": "troops", "location": "Goma"}}]}
{"id": "bomb", "text": "A bomb rocked a market in Peshawar on Friday.", "events": [{"event": "ExplosionsRemoteViolence", "args": {"location": "Peshawar"}}]}
{"id": "metaphor", "text": "The opposition attacked the budget and launched an attack on the minister.", "events": []}
{"id": "sport", "text": "The striker scored twice as City fought back. The goalkeeper was injured.", "events": []}
{"id": "missed", "text": "Trouble flared in the capital after the verdict.", "events": [{"event": "Riots", "args": {"location": "capital"}}]}
"#;

#[test]
fn eval_report_on_a_small_gold_file() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path: PathBuf = dir.path().join("inline_gold.jsonl");
    std::fs::write(&path, INLINE_GOLD).expect("write the gold file");
    let report: EvalReport = eval::evaluate(&conflict_pack(), std::slice::from_ref(&path), None)
        .expect("the gold file reads");
    let text = report
        .render(10)
        .replace(&path.display().to_string(), "inline_gold.jsonl");
    insta::assert_snapshot!("inline_gold_report", text);
}
