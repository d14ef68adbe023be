//! Hostile rule files: the nesting cap holds whatever the quotes and line
//! endings, very long lines are reported, the vocabulary never wraps.

use crate::harness::{evrule, with_pack, write};

/// A rule whose pattern nests `depth` groups.
fn deep_rule(depth: usize, before_pattern: &str) -> String {
    format!(
        "import \"main.evr\"\n{before_pattern}rule deep\n  \"X {}attack{} Y\"\n  X: Actor  Y: Actor\n  => Attack {{ attacker: X, victim: Y }}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    )
}

fn assert_too_deep(dir: &std::path::Path) {
    for command in [&["check", "pack"][..], &["run", "pack", "in.txt"][..]] {
        let run = evrule(dir, command);
        run.assert_code(3);
        assert!(
            run.stderr
                .contains("pattern nested more than 32 levels deep"),
            "{command:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn depth_ten_thousand_is_a_diagnostic_in_check_and_run() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), "Russia attacked Isis.\n");
    write(&dir.path().join("pack/deep.evr"), deep_rule(10_000, ""));
    assert_too_deep(dir.path());
}

#[test]
fn a_quote_in_a_comment_ended_by_a_lone_cr_does_not_hide_the_nesting() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), "Russia attacked Isis.\n");
    write(
        &dir.path().join("pack/deep.evr"),
        deep_rule(10_000, "# an \"unclosed quote\r"),
    );
    assert_too_deep(dir.path());
}

#[test]
fn a_pattern_ending_in_a_backslash_quote_does_not_hide_the_nesting() {
    let dir = with_pack();
    write(&dir.path().join("in.txt"), "Russia attacked Isis.\n");
    let text = format!(
        "import \"main.evr\"\nrule odd\n  \"X attack \\\"\n  \"X {}attack{} Y\"\n  X: Actor  Y: Actor\n  => Attack {{ attacker: X, victim: Y }}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    write(&dir.path().join("pack/deep.evr"), text);
    assert_too_deep(dir.path());
}

#[test]
fn a_diagnostic_past_column_65536_is_reported_with_its_line_cut() {
    let dir = with_pack();
    let line = format!("{}\"X attack Y\" Nope", " ".repeat(70_000));
    write(
        &dir.path().join("pack/wide.evr"),
        format!("import \"main.evr\"\nrule wide\n{line}\n"),
    );
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(run.stderr.contains("[wide.evr:3:70014]"), "{}", run.stderr);
    assert!(
        run.stderr.lines().all(|l| l.chars().count() < 600),
        "the long line is shown cut"
    );
}

#[test]
fn a_word_class_past_the_vocabulary_limit_is_an_error_not_a_wrap() {
    let dir = with_pack();
    // 520,000 distinct words of 5 or 6 letters: with their inflected forms,
    // more than the 2,097,152 forms a vocabulary holds.
    let mut words = Vec::with_capacity(520_000);
    let mut state: u64 = 7;
    let mut seen = std::collections::HashSet::new();
    while words.len() < 520_000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = 5 + (state >> 60) as usize % 2;
        let word: String = (0..len)
            .map(|i| (b'a' + ((state >> (8 * i + 3)) % 26) as u8) as char)
            .collect();
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    write(
        &dir.path().join("pack/big.evr"),
        format!(
            "import \"main.evr\"\nwords big = {}\nrule big\n  \"X @big Y\"\n  X: Actor  Y: Actor\n  => Attack {{ attacker: X, victim: Y }}\n",
            words.join(",")
        ),
    );
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains(
            "rule `big` (big.evr:3:6) brings the pack's vocabulary past 2097152 word forms"
        ),
        "{}",
        run.stderr
    );
}
