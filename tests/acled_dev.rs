//! How often the conflict pack gives the right ACLED sub-event type on the
//! project's own ACLED-style notes (written for this project, see
//! `tests/data/README.md`). The prediction for a note is the label of its
//! first ACLED event in text order. Fourteen sets: `acled_dev.tsv` to
//! `acled_dev13.tsv`, which the rules were tuned on (the second to thirteenth
//! in the conventions of real ACLED notes; the fourth to thirteenth written
//! blind to the rules and measured before any tuning, the fifth to
//! thirteenth in the label mix of real ACLED data), and `acled_fresh.tsv`, written
//! without looking at the rules and never tuned on: an estimate of
//! accuracy on unseen notes.
//! The floors guard against regressions; raise them as the pack improves.

use std::collections::BTreeMap;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::matcher::Matcher;

/// Runs the pack over a notes file; prints accuracy and confusions.
fn accuracy(file: &str) -> f64 {
    let root = env!("CARGO_MANIFEST_DIR");
    let data =
        std::fs::read_to_string(format!("{root}/tests/data/{file}")).expect("read the notes");
    let pack = evrule::lang::load_pack(std::path::Path::new(&format!("{root}/rules/conflict")))
        .pack
        .expect("the conflict pack checks clean");
    let compiled = CompiledPack::new(pack).expect("compile");
    let mut matcher = Matcher::new(&compiled);
    let mut total = 0;
    let mut right = 0;
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (line, row) in data.lines().enumerate().skip(1) {
        let Some((expected, note)) = row.split_once('\t') else {
            panic!("tests/data/{file}:{}: no tab", line + 1);
        };
        let result = matcher.match_document(&Document::new(format!("{file}:{}", line + 1), note));
        let predicted = result
            .events
            .iter()
            .find(|e| e.isa.iter().any(|t| t == "ConflictEvent"))
            .and_then(|e| e.label.clone())
            .unwrap_or_else(|| "(none)".to_string());
        total += 1;
        if predicted == expected {
            right += 1;
        } else {
            *confusion
                .entry((expected.to_string(), predicted))
                .or_default() += 1;
        }
    }
    let accuracy = right as f64 / total as f64;
    eprintln!("\n{file}: {right}/{total} = {accuracy:.3}");
    for ((expected, predicted), n) in &confusion {
        eprintln!("{n:>3}  {expected:<36} -> {predicted}");
    }
    accuracy
}

/// Fails when the pack's accuracy on `file` is below `floor`.
fn assert_accuracy_at_least(file: &str, floor: f64) {
    let accuracy = accuracy(file);
    assert!(
        accuracy >= floor,
        "{file}: accuracy {accuracy:.3} fell below {floor}"
    );
}

#[test]
fn acled_dev_set_accuracy() {
    assert_accuracy_at_least("acled_dev.tsv", 0.96);
}

#[test]
fn acled_dev2_set_accuracy() {
    // 0.842 before any rule was tuned on it, 0.950 after.
    assert_accuracy_at_least("acled_dev2.tsv", 0.93);
}

#[test]
fn acled_dev3_set_accuracy() {
    // 0.825 before any rule was tuned on it, 0.875 after.
    assert_accuracy_at_least("acled_dev3.tsv", 0.85);
}

#[test]
fn acled_dev4_set_accuracy() {
    // 0.800 before any rule was tuned on it (written blind to the rules),
    // 0.892 after.
    assert_accuracy_at_least("acled_dev4.tsv", 0.87);
}

#[test]
fn acled_dev5_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data:
    // 0.892 with the pack of the stop's start, 0.896 when it arrived,
    // 0.975 after tuning on it.
    assert_accuracy_at_least("acled_dev5.tsv", 0.95);
}

#[test]
fn acled_dev6_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // with more Latin American, South Asian and Middle Eastern notes:
    // 0.867 when it arrived (stop 25).
    assert_accuracy_at_least("acled_dev6.tsv", 0.86);
}

#[test]
fn acled_dev7_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // from regions the earlier sets under-use: 0.887 when it arrived
    // (stop 25; 0.875 with the stop's starting pack).
    assert_accuracy_at_least("acled_dev7.tsv", 0.88);
}

#[test]
fn acled_dev8_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // weighted to the big theatres and with varied, terse wording: 0.883
    // when it arrived (stop 25; 0.875 with the stop's starting pack).
    assert_accuracy_at_least("acled_dev8.tsv", 0.87);
}

#[test]
fn acled_dev9_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // with wording chosen to differ from the earlier sets (passives,
    // reported speech, actors named late, context before the event):
    // 0.825 when it arrived (stop 26), 0.917 after tuning on it.
    assert_accuracy_at_least("acled_dev9.tsv", 0.90);
}

#[test]
fn acled_dev10_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // as ACLED's coders write real events of 2023-2025: 0.863 when it
    // arrived (stop 26), 0.883 after tuning on it.
    assert_accuracy_at_least("acled_dev10.tsv", 0.87);
}

#[test]
fn acled_dev11_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // with the boundaries between neighbouring types: 0.854 when it
    // arrived (stop 26), 0.896 after tuning on it.
    assert_accuracy_at_least("acled_dev11.tsv", 0.88);
}

#[test]
fn acled_dev12_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data,
    // short routine notes from the busiest countries: 0.954 when it
    // arrived (stop 26), 0.967 after tuning on it.
    assert_accuracy_at_least("acled_dev12.tsv", 0.95);
}

#[test]
fn acled_dev13_set_accuracy() {
    // Written blind to the rules, in the label mix of real ACLED data and
    // its note conventions (admin units, size tags): 0.929 when it
    // arrived (stop 26), 0.942 after tuning on it.
    assert_accuracy_at_least("acled_dev13.tsv", 0.93);
}

#[test]
fn acled_fresh_set_accuracy() {
    assert_accuracy_at_least("acled_fresh.tsv", 0.85);
}
