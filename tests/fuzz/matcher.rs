//! Target: the matcher, random packs × random text. Patterns are drawn
//! from the grammar (words, exact words, word classes, negated words,
//! gaps, groups, optional parts) around two slots; texts from the same
//! vocabulary, inflected, with names, function words and noise. Events
//! must lie inside the text, on character boundaries, and not depend on
//! what the matcher saw before.

use std::sync::atomic::{AtomicUsize, Ordering};

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::matcher::Matcher;
use proptest::prelude::*;

use crate::ensure;
use crate::harness::fuzz;

const VERBS: &[&str] = &[
    "attack",
    "strike",
    "hit",
    "kill",
    "seize",
    "say",
    "carry out",
];
const WORDS: &[&str] = &[
    "the", "in", "on", "by", "not", "near", "army", "town", "and", "was",
];

#[derive(Debug, Clone)]
enum Elem {
    Word(usize),
    Verb(usize),
    Exact(usize),
    Class,
    Not(usize),
    Gap(Option<(u8, u8)>),
    /// `...{m,m+n except word}`
    GapExcept(u8, u8, usize),
    Comma,
    Group(Vec<Vec<Elem>>),
    Optional(Vec<Elem>),
}

fn elem() -> impl Strategy<Value = Elem> {
    let leaf = prop_oneof![
        1 => (0..WORDS.len()).prop_map(Elem::Word),
        3 => (0..VERBS.len()).prop_map(Elem::Verb),
        1 => (0..WORDS.len()).prop_map(Elem::Exact),
        1 => Just(Elem::Class),
        1 => (0..WORDS.len()).prop_map(Elem::Not),
        1 => proptest::option::of((0..6u8, 0..12u8)).prop_map(Elem::Gap),
        1 => (0..3u8, 0..8u8, 0..WORDS.len()).prop_map(|(m, n, w)| Elem::GapExcept(m, n, w)),
        1 => Just(Elem::Comma),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(proptest::collection::vec(inner.clone(), 1..3), 2..4)
                .prop_map(Elem::Group),
            proptest::collection::vec(inner, 1..3).prop_map(Elem::Optional),
        ]
    })
}

fn write_elems(elems: &[Elem], out: &mut String) {
    for (i, elem) in elems.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match elem {
            Elem::Word(w) => out.push_str(WORDS[*w]),
            Elem::Verb(v) => out.push_str(VERBS[*v]),
            Elem::Exact(w) => out.push_str(&format!("={}", WORDS[*w])),
            Elem::Class => out.push_str("@hits"),
            Elem::Not(w) => out.push_str(&format!("!{}", WORDS[*w])),
            Elem::Gap(None) => out.push_str("..."),
            Elem::Gap(Some((m, n))) => out.push_str(&format!("...{{{m},{}}}", m + n)),
            Elem::GapExcept(m, n, w) => {
                out.push_str(&format!("...{{{m},{} except {}}}", m + n, WORDS[*w]))
            }
            Elem::Comma => out.push(','),
            Elem::Group(branches) => {
                out.push('(');
                for (j, branch) in branches.iter().enumerate() {
                    if j > 0 {
                        out.push_str(" | ");
                    }
                    write_elems(branch, out);
                }
                out.push(')');
            }
            Elem::Optional(inner) => {
                out.push('[');
                write_elems(inner, out);
                out.push(']');
            }
        }
    }
}

#[derive(Debug, Clone)]
struct RandomPack {
    /// Each rule: its patterns (elements between `X` and `Y`), priority, passive.
    rules: Vec<(Vec<Vec<Elem>>, i8, bool)>,
    /// Entity rules: a word after an Actor makes a new Actor.
    entities: Vec<usize>,
}

fn random_pack() -> impl Strategy<Value = RandomPack> {
    (
        proptest::collection::vec(
            (
                proptest::collection::vec(proptest::collection::vec(elem(), 1..5), 1..3),
                -2..3i8,
                any::<bool>(),
            ),
            1..5,
        ),
        proptest::collection::vec(0..WORDS.len(), 0..3),
    )
        .prop_map(|(rules, entities)| RandomPack { rules, entities })
}

impl RandomPack {
    fn files(&self) -> Vec<(String, String)> {
        let mut main = String::from(
            "type Actor\ntype Place\nlexicon \"names.tsv\"\nevent Attack { a: Actor, b: Actor | Place }\nwords hits = hit, strike, shell\n",
        );
        for (i, (patterns, priority, passive)) in self.rules.iter().enumerate() {
            main.push_str(&format!("rule r{i}\n"));
            for pattern in patterns {
                let mut text = String::new();
                write_elems(pattern, &mut text);
                main.push_str(&format!("  \"X {text} Y\"\n"));
            }
            main.push_str("  X: Actor  Y: Actor | Place\n");
            main.push_str(&format!("  priority {priority}\n"));
            if !passive {
                main.push_str("  passive off\n");
            }
            main.push_str("  => Attack { a: X, b: Y }\n");
        }
        for (i, word) in self.entities.iter().enumerate() {
            main.push_str(&format!(
                "entity e{i}\n  \"X {}\"\n  X: Actor\n  => Actor code X.code + \"E{i}\"\n",
                WORDS[*word]
            ));
        }
        let names = "Russia\tActor\tRUS\nIsis\tActor\tIS\nIS\tActor\tIS\texact\nthe army\tActor\tARM\nBoni\tPlace\tMLI\nDeir ez-Zor\tPlace\tSYR\n";
        vec![
            ("main.evr".to_string(), main),
            ("names.tsv".to_string(), names.to_string()),
        ]
    }
}

const TEXT_PIECES: &[&str] = &[
    "Russia",
    "Isis",
    "IS",
    "is",
    "the army",
    "Boni",
    "Deir ez-Zor",
    "attacked",
    "attacks",
    "attacking",
    "was attacked by",
    "were struck by",
    "hit",
    "hits",
    "killed",
    "seized",
    "said",
    "carried out",
    "shelled",
    "the",
    "in",
    "on",
    "by",
    "not",
    "did not",
    "near",
    "army",
    "town",
    "and",
    "was",
    ",",
    ".",
    ";",
    "\"",
    "(",
    ")",
    "3",
    "1,000",
    "20 soldiers",
    "\n",
    "\n\n",
    "é",
    "Ü",
    "中",
    "😀",
    "Gen.",
    "U.S.",
];

fn random_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            9 => (0..TEXT_PIECES.len()).prop_map(|i| TEXT_PIECES[i].to_string()),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..80,
    )
    .prop_map(|pieces| pieces.join(" "))
}

fn check_events(text: &str, sentences: usize, events: &[EventRecord]) -> Result<(), TestCaseError> {
    for event in events {
        ensure!(
            event.start <= event.end && event.end <= text.len(),
            "event {}..{} outside the text",
            event.start,
            event.end
        );
        ensure!(
            text.is_char_boundary(event.start) && text.is_char_boundary(event.end),
            "event not on character boundaries"
        );
        ensure!(
            event.sentence < sentences,
            "sentence {} of {sentences}",
            event.sentence
        );
        for (name, arg) in &event.args {
            ensure!(
                arg.start <= arg.end && arg.end <= text.len(),
                "argument {name} outside the text"
            );
            ensure!(
                text.is_char_boundary(arg.start) && text.is_char_boundary(arg.end),
                "argument {name} not on character boundaries"
            );
            ensure!(
                text.get(arg.start..arg.end) == Some(arg.text.as_str()),
                "argument {name} text"
            );
        }
    }
    Ok(())
}

/// Compiles a random pack; `None` when it does not check (also a case:
/// the checker must say why without panicking).
fn compile(pack: &RandomPack) -> Option<CompiledPack> {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, text) in pack.files() {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let loaded = evrule::lang::load_pack(dir.path());
    CompiledPack::new(loaded.pack?).ok()
}

static COMPILED: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

#[test]
fn fuzz_matcher() {
    let strategy = (
        random_pack(),
        proptest::collection::vec(random_text(), 1..4),
    );
    fuzz("matcher", 160, strategy, |(pack, texts)| {
        TOTAL.fetch_add(1, Ordering::Relaxed);
        let Some(compiled) = compile(&pack) else {
            return Ok(());
        };
        COMPILED.fetch_add(1, Ordering::Relaxed);
        let mut reused = Matcher::new(&compiled);
        for text in &texts {
            let doc = Document::new("d", text.as_str());
            let result = reused.match_document(&doc);
            check_events(text, result.sentences, &result.events)?;
            let fresh = Matcher::new(&compiled).match_document(&doc);
            ensure!(
                fresh.events == result.events,
                "events depend on what the matcher saw before"
            );
            let (analyzed, _, _) = Matcher::new(&compiled).analyze(&doc);
            ensure!(
                analyzed.events == result.events,
                "analyze differs from match"
            );
        }
        Ok(())
    });
    let (compiled, total) = (
        COMPILED.load(Ordering::Relaxed),
        TOTAL.load(Ordering::Relaxed),
    );
    eprintln!("fuzz matcher: {compiled} of {total} random packs checked and compiled");
    assert!(
        compiled * 4 >= total,
        "only {compiled} of {total} random packs compile: the generator no longer exercises the matcher"
    );
}
