//! `evrule check` behaviour: every broken pack under `tests/check/invalid`
//! reports its diagnostics (snapshotted), every pack under `tests/check/valid`
//! and the shipped packs load clean.

mod support;

use evrule::lang::{self, report};

fn render(loaded: &lang::Loaded) -> String {
    let mut out = report::render_all(&loaded.diagnostics, &loaded.sources, false);
    out.push_str(&format!(
        "\n{} error(s), {} warning(s)\n",
        loaded.error_count(),
        loaded.warning_count()
    ));
    out
}

/// Each diagnostic on one line: `file:line:column: severity[code]: message`.
fn one_lines(loaded: &lang::Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|d| d.one_line(&loaded.sources))
        .collect()
}

#[test]
fn invalid_packs_report_their_diagnostics() {
    let cases = support::fixtures("check/invalid");
    assert!(cases.len() >= 15, "expected at least 15 broken packs");
    for (name, fixture) in cases {
        let (dir, description) = support::write_fixture(&fixture);
        let loaded = lang::load_pack(dir.path());
        assert!(!loaded.diagnostics.is_empty(), "{name}: no diagnostics");
        insta::with_settings!({
            description => description,
            snapshot_path => "check/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, render(&loaded));
        });
    }
}

#[test]
fn three_errors_in_two_files_are_all_reported_with_locations() {
    let (dir, _) = support::write_fixture(
        "=== main.evr
import \"types.evr\"
event Attack { attacker: Actor, victim: Actr }

rule attack
  \"X attack Y\"
  X: Actor
  => Attack { attacker: X, victim: Y }
=== types.evr
type Actor
type State : Actre
",
    );
    let loaded = lang::load_pack(dir.path());
    assert_eq!(
        one_lines(&loaded),
        [
            "main.evr:2:41: error[unknown-type]: unknown type `Actr`",
            "main.evr:5:13: error[untyped-slot]: slot `Y` has no type",
            "types.evr:2:14: error[unknown-type]: unknown type `Actre`",
        ]
    );
    assert!(loaded.pack.is_none());
}

#[test]
fn valid_packs_load_without_diagnostics() {
    for (name, fixture) in support::fixtures("check/valid") {
        let (dir, _) = support::write_fixture(&fixture);
        let loaded = lang::load_pack(dir.path());
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}:\n{}",
            report::render_all(&loaded.diagnostics, &loaded.sources, false)
        );
        assert!(loaded.pack.is_some());
    }
}

#[test]
fn the_shipped_conflict_pack_checks_clean() {
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/conflict");
    let loaded = lang::load_pack(&pack);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        report::render_all(&loaded.diagnostics, &loaded.sources, false)
    );
}

#[test]
fn json_diagnostics_give_positions_in_characters_and_bytes() {
    let wanted = [
        "syntax_error",
        "not_imported",
        "unknown_type",
        "lexicon_malformed",
    ];
    for (name, fixture) in support::fixtures("check/invalid") {
        if !wanted.contains(&name.as_str()) {
            continue;
        }
        let (dir, description) = support::write_fixture(&fixture);
        let loaded = lang::load_pack(dir.path());
        let root = dir.path().display().to_string();
        let json = lang::json::to_json_lines(&loaded.diagnostics, &loaded.sources)
            .replace(&root, "[PACK]");
        for line in json.lines() {
            let value: serde_json::Value = serde_json::from_str(line).expect("one JSON object");
            assert!(value["line"].as_u64().is_some(), "{name}: {line}");
        }
        insta::with_settings!({
            description => description,
            snapshot_path => "check/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}.json"), json);
        });
    }
}

/// A pack of `rules` rules in one file; rule `i` uses `slot_type` as its
/// slot's type when `bad` holds `i`. The last rule alone uses the word
/// class `threats`.
fn large_pack(rules: usize, bad: &[usize]) -> String {
    let mut text = String::from(
        "=== actors.tsv\nGondor\tActor\tGON\n=== main.evr\ntype Actor\nevent Said { who: Actor }\nwords threats = threaten, menace\nlexicon \"actors.tsv\"\n",
    );
    for i in 0..rules {
        let (verb, ty) = match (i + 1 == rules, bad.contains(&i)) {
            (true, _) => ("@threats".to_string(), "Actor"),
            (false, true) => (format!("said{i}"), "Actr"),
            (false, false) => (format!("said{i}"), "Actor"),
        };
        text.push_str(&format!(
            "rule r{i}\n  \"X {verb}\"\n  X: {ty}\n  => Said {{ who: X }}\n"
        ));
    }
    text
}

#[test]
fn a_pack_of_thousands_of_rules_checks_as_one_of_a_few() {
    // Large packs have their rules checked on two threads (from 4,000
    // rules): what is reported must not depend on it.
    let (dir, _) = support::write_fixture(&large_pack(4_200, &[]));
    let loaded = lang::load_pack(dir.path());
    assert_eq!(
        (loaded.error_count(), loaded.warning_count()),
        (0, 0),
        "{}",
        render(&loaded)
            .lines()
            .take(20)
            .collect::<Vec<_>>()
            .join("\n")
    );
    let pack = loaded.pack.expect("a clean pack");
    assert_eq!(pack.rules.len(), 4_200);
    assert_eq!(pack.rules[4_199].name, "r4199");

    // A wrong name in each half of the rules: reported once for the file,
    // its second use a label on the first report, as in a small pack.
    let (dir, _) = support::write_fixture(&large_pack(4_200, &[5, 4_100]));
    let loaded = lang::load_pack(dir.path());
    let errors: Vec<(String, usize)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.one_line(&loaded.sources), d.labels.len()))
        .collect();
    assert_eq!(
        errors,
        [(
            "main.evr:27:6: error[unknown-type]: unknown type `Actr`".to_string(),
            2
        )]
    );
}

#[test]
fn a_pack_of_thousands_of_rules_compiles_as_one_of_a_few() {
    // Every rule of a large pack keeps its programs, in rule order (the
    // candidate lists and `explain` rely on it).
    let (dir, _) = support::write_fixture(&large_pack(4_200, &[]));
    let ready = evrule::compile::load::load(dir.path()).expect("a clean pack");
    let compiled = ready.compiled;
    assert_eq!(compiled.rule_programs.len(), 4_200);
    for (rule, programs) in compiled.rule_programs.iter().enumerate() {
        assert_eq!(programs.clone(), rule..rule + 1, "rule r{rule}");
        assert_eq!(compiled.programs[rule].0.0 as usize, rule);
    }

    // A pattern past the instruction cap, late in the pack, is reported
    // with its rule, as in a small pack.
    let gaps = vec!["...{0,64} said"; 200].join(" ");
    let text = large_pack(4_200, &[]).replace("\"X said4100\"", &format!("\"X {gaps}\""));
    let (dir, _) = support::write_fixture(&text);
    let error = evrule::compile::load::load(dir.path()).expect_err("a pattern too long");
    assert!(
        error
            .to_string()
            .contains("the pattern of rule `r4100` at main.evr:16406:4 compiles to"),
        "{error}"
    );
}

#[test]
fn a_lexicon_of_thousands_of_rows_checks_as_one_of_a_few() {
    // From 10,000 rows, the lexicon is checked beside the rules: its rows
    // and its reports must not depend on it.
    let mut text = large_pack(10, &[3]);
    text.push_str("=== more.tsv\n");
    for i in 0..12_000 {
        let ty = if i == 7_000 { "Actr" } else { "Actor" };
        text.push_str(&format!("place{i}\t{ty}\tP{i}\n"));
    }
    let text = text.replace(
        "lexicon \"actors.tsv\"\n",
        "lexicon \"actors.tsv\"\nlexicon \"more.tsv\"\n",
    );
    let (dir, _) = support::write_fixture(&text);
    let loaded = lang::load_pack(dir.path());
    assert_eq!(
        one_lines(&loaded),
        [
            "main.evr:20:6: error[unknown-type]: unknown type `Actr`",
            "more.tsv:7001:11: error[lexicon-type]: lexicon row of undeclared type `Actr`",
        ]
    );

    let text = text
        .replace("\tActr\t", "\tActor\t")
        .replace("X: Actr", "X: Actor");
    let (dir, _) = support::write_fixture(&text);
    let pack = lang::load_pack(dir.path()).pack.expect("a clean pack");
    assert_eq!(pack.lexicon.len(), 12_001);
    assert_eq!(pack.lexicon[7_001].code, "P7000");
}
