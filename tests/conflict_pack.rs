//! The shipped conflict pack tests itself: every example and
//! counterexample passes, every event type it emits has examples, and its
//! events on the project's `examples/` match the committed corpus snapshots
//! (nothing is written here; `evrule test rules/conflict --corpus examples/
//! --review` updates them).

use std::collections::BTreeSet;
use std::path::Path;

use evrule::compile::CompiledPack;
use evrule::lang::pack::RuleOutput;
use evrule::testing::{examples, style::Style};

mod support;

fn pack() -> CompiledPack {
    support::compile_pack(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/conflict"))
}

#[test]
fn every_example_of_the_conflict_pack_passes() {
    let pack = pack();
    let report = examples::run_examples(&pack);
    assert_eq!(
        report.failed(),
        0,
        "{}",
        examples::render(&report, &pack, Style::PLAIN, false)
    );
}

#[test]
fn every_event_type_the_pack_emits_has_examples() {
    let pack = pack();
    let mut emitted = BTreeSet::new();
    let mut exemplified = BTreeSet::new();
    for rule in &pack.pack.rules {
        if let RuleOutput::Event { event, .. } = rule.output {
            let name = pack.pack.event(event).name.clone();
            emitted.insert(name.clone());
            if rule.cases.iter().any(|c| !c.counter) {
                exemplified.insert(name);
            }
        }
    }
    let missing: Vec<&String> = emitted.difference(&exemplified).collect();
    assert!(
        missing.is_empty(),
        "event types without an example: {missing:?}"
    );
    // ACLED sub-event types: SubEvent : EventType : ConflictEvent.
    let acled: BTreeSet<String> = (0..pack.pack.events.len())
        .map(|i| evrule::lang::pack::EventId(i as u32))
        .filter(|&id| pack.pack.event_chain(id).len() == 3)
        .map(|id| pack.pack.event(id).name.clone())
        .collect();
    assert!(acled.len() >= 24, "{acled:?}");
    let without_rules: Vec<&String> = acled.difference(&emitted).collect();
    assert!(
        without_rules.is_empty(),
        "sub-event types no rule emits: {without_rules:?}"
    );
}

#[test]
fn examples_corpus_matches_its_snapshots() {
    let pack = pack();
    // Cargo runs tests in the crate root, so document ids are the paths
    // `evrule test rules/conflict --corpus examples/` gives there.
    let changed = support::corpus_snapshot_changes(&pack, "examples/", 8);
    assert!(
        changed.is_empty(),
        "corpus snapshots changed; review with `cargo run -- test rules/conflict --corpus examples/ --review`:\n{}",
        changed.join("\n")
    );
}

/// `fill location from sentence Location`: an event whose rule bound no
/// place takes the sentence's nearest place, marked `from_sentence`; a
/// place a rule bound is not marked; speakers, actors' modifiers and
/// places inside longer ones are left out. A protest takes its
/// protesters the same way (`fill protesters from sentence …`).
#[test]
fn events_take_their_place_from_the_sentence_where_the_rule_bound_none() {
    let pack = pack();
    let mut matcher = evrule::matcher::Matcher::new(&pack);
    let mut location = |text: &str| -> Vec<(String, Option<(String, bool)>)> {
        let doc = evrule::document::Document::new("t", text);
        matcher
            .match_document(&doc)
            .events
            .into_iter()
            .filter(|e| e.isa.iter().any(|t| t == "ConflictEvent"))
            .map(|e| {
                let place = e
                    .args
                    .get("location")
                    .map(|a| (a.text.clone(), a.from_sentence));
                (e.event, place)
            })
            .collect()
    };
    let filled =
        |event: &str, place: &str| vec![(event.to_string(), Some((place.to_string(), true)))];
    // A dateline, and a possessor inside the protesters' phrase.
    assert_eq!(
        location("MOGADISHU - Dockers went on strike on Monday."),
        filled("PeacefulProtest", "MOGADISHU")
    );
    assert_eq!(
        location("Kenya's teachers went on strike on Monday."),
        filled("PeacefulProtest", "Kenya")
    );
    // Bound by the pattern: not marked.
    assert_eq!(
        location("Dockers went on strike in Mombasa."),
        vec![(
            "PeacefulProtest".to_string(),
            Some(("Mombasa".to_string(), false))
        )]
    );
    // The speaker, nearer, is no place; the dateline is.
    assert_eq!(
        location("GARISSA - Kenya said gunmen attacked villagers."),
        filled("Attack", "GARISSA")
    );
    // A place inside a longer one gives way to it.
    assert_eq!(
        location("In Northern Ireland, gunmen attacked villagers."),
        filled("Attack", "Northern Ireland")
    );
    // A country naming the tanker's flag is no place.
    assert_eq!(
        location("Gunboats attacked a U.S.-flagged tanker."),
        vec![("ExplosionsRemoteViolence".to_string(), None)]
    );
    // Protesters too, with the phrase around them.
    let doc = evrule::document::Document::new(
        "t",
        "The strike entered its tenth day and the miners held firm.",
    );
    let events = matcher.match_document(&doc).events;
    let protesters = &events[0].args["protesters"];
    assert_eq!(
        (
            events[0].event.as_str(),
            protesters.text.as_str(),
            protesters.from_sentence
        ),
        ("PeacefulProtest", "miners", true)
    );
    assert_eq!(
        protesters.phrase.as_ref().map(|p| p.text.as_str()),
        Some("the miners")
    );
}
