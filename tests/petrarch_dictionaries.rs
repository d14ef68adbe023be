//! Every dictionary in `../shared/petrarch/` parses: the counts of what
//! each holds, and every line that could not be read (file:line and
//! reason), printed; the counts and problem counts are asserted, so that a
//! parser change that loses entries shows here.

mod support;

use std::path::Path;

use evrule::import::petrarch::{Problem, actors, agents, discards, verbs};

/// (file, what it holds, its problems)
fn parse(dir: &Path, file: &str) -> (String, Vec<Problem>) {
    let text = std::fs::read_to_string(dir.join(file)).expect("read the dictionary");
    if file.contains("verb") || file.starts_with("CAMEO") {
        let d = verbs::parse(file, &text);
        let patterns: usize = d.blocks.iter().map(|b| b.patterns.len()).sum();
        let verbs: usize = d.blocks.iter().map(|b| b.verbs.len()).sum();
        let counts = format!(
            "{} synsets, {} blocks, {verbs} verbs, {patterns} patterns",
            d.synsets.len(),
            d.blocks.len()
        );
        (counts, d.problems)
    } else if file.contains("actors") {
        let d = actors::parse(file, &text);
        let phrases: usize = d.entries.iter().map(|e| e.phrases.len()).sum();
        let codes: usize = d.entries.iter().map(|e| e.codes.len()).sum();
        let dated = d
            .entries
            .iter()
            .flat_map(|e| &e.codes)
            .filter(|c| c.restriction != actors::Restriction::Always)
            .count();
        let counts = format!(
            "{} actors, {phrases} phrases, {codes} codes ({dated} dated)",
            d.entries.len()
        );
        (counts, d.problems)
    } else if file.contains("agents") {
        let d = agents::parse(file, &text);
        let (phrases, mut more) = agents::expand(&d);
        let counts = format!(
            "{} agents, {} substitution sets, {} phrases",
            d.entries.len(),
            d.sets.len(),
            phrases.len()
        );
        let mut problems = d.problems;
        problems.append(&mut more);
        (counts, problems)
    } else {
        let d = discards::parse(file, &text);
        let story = d
            .discards
            .iter()
            .filter(|x| x.scope == discards::Scope::Story)
            .count();
        let counts = format!("{} discards ({story} of stories)", d.discards.len());
        (counts, d.problems)
    }
}

#[test]
fn every_shared_dictionary_parses() {
    let Some(shared) = support::shared_dir() else {
        return;
    };
    let dir = shared.join("petrarch");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    let expected = [
        (
            "CAMEO.2.0.txt",
            "40 synsets, 397 blocks, 1817 verbs, 4664 patterns",
            12,
        ),
        (
            "CAMEO.verbpatterns.150430.txt",
            "38 synsets, 396 blocks, 1860 verbs, 11005 patterns",
            7,
        ),
        (
            "PETR.Validate.verbs.txt",
            "17 synsets, 261 blocks, 269 verbs, 469 patterns",
            9,
        ),
        (
            "Phoenix.Countries.actors.txt",
            "18390 actors, 25916 phrases, 28381 codes (26102 dated)",
            9,
        ),
        (
            "Phoenix.International.actors.txt",
            "7838 actors, 7904 phrases, 7892 codes (451 dated)",
            4,
        ),
        (
            "Phoenix.MilNonState.actors.txt",
            "1021 actors, 1793 phrases, 1021 codes (1 dated)",
            0,
        ),
        (
            "PETR.Validate.actors.txt",
            "128 actors, 161 phrases, 138 codes (13 dated)",
            0,
        ),
        (
            "Phoenix.agents.txt",
            "2243 agents, 2 substitution sets, 5224 phrases",
            2,
        ),
        (
            "PETR.Validate.agents.txt",
            "88 agents, 2 substitution sets, 165 phrases",
            0,
        ),
        ("Phoenix.discards.txt", "506 discards (64 of stories)", 0),
        ("PETR.Validate.discards.txt", "9 discards (4 of stories)", 0),
    ];
    let mut got = Vec::new();
    for (file, _, _) in &expected {
        let (counts, problems) = parse(&dir, file);
        println!("{file}: {counts}; {} lines not read", problems.len());
        for problem in &problems {
            println!("  {problem}");
        }
        got.push((*file, counts, problems.len()));
    }
    let expected: Vec<(&str, String, usize)> = expected
        .iter()
        .map(|(f, c, n)| (*f, c.to_string(), *n))
        .collect();
    assert_eq!(got, expected);
}
