//! The conflict pack on the seed article: the events a conflict analyst
//! codes there, each offset pointing at its text, and the whole output
//! snapshotted. Skips when `../shared` is absent.

mod support;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::matcher::Matcher;

fn seed_events() -> Option<(String, Vec<EventRecord>)> {
    let shared = support::shared_dir()?;
    let path = shared.join("corpus/seed/000_0bef1db564ea5d64.txt");
    let text = std::fs::read_to_string(&path).expect("read the seed article");
    let pack = evrule::lang::load_pack(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/conflict"
    )))
    .pack
    .expect("the conflict pack checks clean");
    let compiled = CompiledPack::new(pack).expect("compile");
    let mut matcher = Matcher::new(&compiled);
    let result = matcher.match_document(&Document::new("seed", text.as_str()));
    Some((text, result.events))
}

fn has(events: &[EventRecord], event: &str, args: &[(&str, &str)]) -> bool {
    events.iter().any(|e| {
        e.event == event
            && args
                .iter()
                .all(|(name, text)| e.args.get(*name).is_some_and(|a| a.text == *text))
    })
}

#[test]
fn seed_article_yields_the_analysts_events() {
    let Some((text, events)) = seed_events() else {
        return;
    };
    for event in &events {
        assert_eq!(&text[event.start..event.end], event.text);
        for arg in event.args.values() {
            assert_eq!(&text[arg.start..arg.end], arg.text);
        }
    }
    let wanted: &[(&str, &[(&str, &str)])] = &[
        (
            "Intervention",
            &[
                ("actor", "Russia"),
                ("target", "Isis"),
                ("location", "Deir Ezzor"),
            ],
        ),
        (
            "SupportRequest",
            &[("requester", "Damascus"), ("provider", "Moscow")],
        ),
        ("AirDroneStrike", &[("location", "Faydat Ibn Muwaina area")]),
        (
            "ArmedClash",
            &[
                ("attacker", "IS jihadists"),
                ("target", "Syrian soldiers"),
                ("location", "Sokhna desert"),
            ],
        ),
        (
            "ArmedClash",
            &[("attacker", "IS"), ("target", "SAA"), ("location", "Homs")],
        ),
        ("Statement", &[("speaker", "General Kenneth McKenzie")]),
    ];
    let missing: Vec<String> = wanted
        .iter()
        .filter(|(event, args)| !has(&events, event, args))
        .map(|(event, args)| format!("{event} {args:?}"))
        .collect();
    assert!(missing.is_empty(), "missing events: {missing:#?}");
}

#[test]
fn seed_article_snapshot() {
    let Some((_, events)) = seed_events() else {
        return;
    };
    let jsonl: Vec<String> = events
        .iter()
        .map(|e| serde_json::to_string(e).expect("records serialize"))
        .collect();
    insta::assert_snapshot!("seed_article", jsonl.join("\n"));
}
