//! The testing workflow on small packs: the `test` report with a broken
//! rule, a lexicon losing rows an example needs, `diff` between two packs,
//! and `explain` — each output snapshotted.

mod support;

use std::path::Path;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::testing::style::Style;
use evrule::testing::{diff, examples, explain};

fn fixture() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/workflow/pack.txt"
    ))
    .expect("read fixture")
}

fn compile(dir: &Path) -> CompiledPack {
    support::compile_pack(dir)
}

#[test]
fn test_report_shows_the_broken_rule() {
    let (dir, _) = support::write_fixture(&fixture());
    let pack = compile(dir.path());
    let report = examples::run_examples(&pack);
    assert_eq!(report.failed(), 2);
    insta::assert_snapshot!(
        "test_report",
        examples::render(&report, &pack, Style::PLAIN, true)
    );
}

/// The broken rule's two failures marked `todo`, and a `todo` on a case
/// that passes: the run is green, the known misses are listed briefly and
/// the passing one is flagged for its marker to be removed.
fn fixture_with_todo() -> String {
    fixture()
        .replace(
            "\"Russia pulled its troops out of Palmyra.\" => Withdrawal { actor: \"Russia\", place: \"Palmyra\" }",
            "\"Russia pulled its troops out of Palmyra.\" => Withdrawal { actor: \"Russia\", place: \"Palmyra\" } todo",
        )
        .replace(
            "counterexample \"Talk that Russia withdrew from Palmyra is false.\"",
            "counterexample \"Talk that Russia withdrew from Palmyra is false.\" todo",
        )
        .replace(
            "counterexample \"Russia did not attack Isis.\"",
            "counterexample \"Russia did not attack Isis.\" todo",
        )
}

#[test]
fn todo_cases_are_reported_but_do_not_fail_the_run() {
    let (dir, _) = support::write_fixture(&fixture_with_todo());
    let pack = compile(dir.path());
    let report = examples::run_examples(&pack);
    assert_eq!(report.failed(), 0);
    assert_eq!(report.count(examples::Outcome::Todo), 2);
    assert_eq!(report.count(examples::Outcome::Fixed), 1);
    insta::assert_snapshot!(
        "test_report_todo",
        examples::render(&report, &pack, Style::PLAIN, false)
    );
    insta::assert_snapshot!(
        "test_report_todo_verbose",
        examples::render(&report, &pack, Style::PLAIN, true)
    );
}

#[test]
fn a_selection_of_rules_runs_only_their_cases() {
    let (dir, _) = support::write_fixture(&fixture());
    let pack = compile(dir.path());
    let report = examples::run_examples_of(&pack, |rule| rule.name == "attack");
    assert_eq!(report.results.len(), 3);
    assert_eq!(report.failed(), 0);
    insta::assert_snapshot!(
        "test_report_one_rule",
        examples::render(&report, &pack, Style::PLAIN, true)
    );
}

#[test]
fn losing_lexicon_rows_fails_the_examples_that_need_them() {
    let (dir, _) = support::write_fixture(&fixture());
    let before = examples::run_examples(&compile(dir.path()));
    std::fs::write(
        dir.path().join("actors.tsv"),
        "Russia\tState\tRUS\nIsis\tGroup\tIMGMUSISI\n",
    )
    .expect("write");
    let after = examples::run_examples(&compile(dir.path()));
    let failing = |report: &examples::ExampleReport| -> Vec<String> {
        report
            .results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| r.case.text.clone())
            .collect()
    };
    assert_eq!(
        failing(&before),
        [
            "Russia pulled its troops out of Palmyra.",
            "Talk that Russia withdrew from Palmyra is false."
        ]
    );
    assert_eq!(
        failing(&after),
        [
            "Russia attacked Isis in Palmyra.",
            "Russia withdrew from Palmyra.",
            "Russia pulled its troops out of Palmyra."
        ]
    );
}

#[test]
fn diff_reports_added_removed_and_changed_events() {
    let (old_dir, _) = support::write_fixture(&fixture());
    let changed = fixture()
        .replace(
            "\"X withdraw from Z\"",
            "\"X (withdraw | pull) ...{0,2} (from | out of) Z\"",
        )
        .replace("\"X attack Y [in Z]\"", "\"X attack Y [near Z]\"");
    let (new_dir, _) = support::write_fixture(&changed);
    let (old, new) = (compile(old_dir.path()), compile(new_dir.path()));
    let corpus = [
        "Russia attacked Isis in Palmyra. Russia withdrew from Palmyra.",
        "Russia pulled its troops out of Palmyra.",
        "Russia attacked Isis.",
    ];
    let documents = corpus
        .iter()
        .enumerate()
        .map(|(i, text)| Ok(Document::new(format!("doc{i}"), *text)));
    let report = diff::run_diff(&old, &new, documents, 1).expect("diff runs");
    assert_eq!(report.count(diff::ChangeKind::Added), 1);
    assert_eq!(report.count(diff::ChangeKind::Changed), 1);
    insta::assert_snapshot!("diff_report", report.render(Style::PLAIN));
    let jsonl: Vec<String> = report
        .changes
        .iter()
        .map(|c| {
            let value = serde_json::to_value(c).expect("serialize");
            format!("{} {} {}", value["change"], value["doc"], value["fields"])
        })
        .collect();
    insta::assert_snapshot!("diff_jsonl_summary", jsonl.join("\n"));
}

fn explain_pack() -> CompiledPack {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/workflow/explain_pack.txt"
    ))
    .expect("read fixture");
    let (dir, _) = support::write_fixture(&fixture);
    compile(dir.path())
}

/// The rule section of `explain`: what follows the sentences.
fn rule_section(pack: &CompiledPack, text: &str, rule: &str) -> String {
    let rule = pack.pack.rule_by_name(rule).expect("the rule exists");
    let report = explain::explain(pack, text, Some(rule), Style::PLAIN);
    let from = report.find("\nrule ").expect("a rule section");
    report[from + 1..].to_string()
}

const EXPLAINED: &str = "Gunmen seized aid workers. Russia withdraws from Palmyra. \
                         Russia withdrew into Palmyra. Russia was captured by gunmen. \
                         Russia withdrew out of Palmyra.";

/// A rule that matched in one sentence of several: each sentence says what
/// happened there; an exact word and a choice of function words are shown
/// as written.
#[test]
fn explain_tells_each_sentence_how_far_the_rule_got() {
    let pack = explain_pack();
    insta::assert_snapshot!(
        "explain_rule_per_sentence",
        rule_section(&pack, EXPLAINED, "withdraw")
    );
}

/// A match outranked by a competing rule says by which and why; an active
/// pattern on a passive clause says so.
#[test]
fn explain_tells_why_a_match_was_dropped() {
    let pack = explain_pack();
    insta::assert_snapshot!(
        "explain_outranked_and_passive",
        format!(
            "{}\n{}",
            rule_section(&pack, EXPLAINED, "attack"),
            rule_section(&pack, EXPLAINED, "capture")
        )
    );
}

/// The `test` report of an example lost to a competing rule says so
/// instead of "wants nothing".
#[test]
fn a_failed_example_tells_what_became_of_its_match() {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/workflow/explain_pack.txt"
    ))
    .expect("read fixture")
    .replace(
        "  => Attack { attacker: X, victim: Y }\n",
        "  => Attack { attacker: X, victim: Y }\n  example \"Gunmen seized aid workers.\" => Attack\n",
    );
    let (dir, _) = support::write_fixture(&fixture);
    let pack = compile(dir.path());
    let report = examples::run_examples(&pack);
    assert_eq!(report.failed(), 1);
    let rendered = examples::render(&report, &pack, Style::PLAIN, true);
    let failure: Vec<&str> = rendered
        .lines()
        .skip_while(|l| !l.starts_with("── "))
        .take_while(|l| !l.is_empty())
        .collect();
    insta::assert_snapshot!("test_report_outranked", failure.join("\n"));
}

#[test]
fn explain_shows_mentions_rules_and_where_a_rule_stopped() {
    let (dir, _) = support::write_fixture(&fixture());
    let pack = compile(dir.path());
    let rule = pack.pack.rule_by_name("withdraw");
    let text = "Isis was attacked by Russia in Palmyra. Russia pulled its troops out of Palmyra.";
    insta::assert_snapshot!("explain", explain::explain(&pack, text, rule, Style::PLAIN));
}

/// An emitted match whose `distinct` fields hold the same actor writes no
/// record, and `explain` says so instead of showing it as emitted.
#[test]
fn explain_says_when_distinct_fields_drop_a_record() {
    let fixture = "\
=== main.evr
type Actor
lexicon \"actors.tsv\"
event Criticism { critic: Actor, criticized: Actor } distinct critic, criticized

rule criticize
  \"X criticize Y\"
  X: Actor  Y: Actor
  => Criticism { critic: X, criticized: Y }
=== actors.tsv
Valdora\tActor\tVAL
Kestria\tActor\tKES
";
    let (dir, _) = support::write_fixture(fixture);
    let pack = compile(dir.path());
    let report = explain::explain(
        &pack,
        "Valdora criticized Valdora. Valdora criticized Kestria.",
        None,
        Style::PLAIN,
    );
    let rule_lines: Vec<&str> = report
        .lines()
        .filter(|line| line.contains("criticize  Criticism"))
        .collect();
    assert_eq!(
        rule_lines,
        [
            "    ✗ criticize  Criticism  «Valdora criticized Valdora» no record: `critic` and `criticized` are the same actor (`distinct`)",
            "    ✓ criticize  Criticism  «Valdora criticized Kestria»",
        ]
    );
}
