//! How often the matcher's noun/verb reading of an ambiguous event word
//! agrees with a hand label, on 300 words drawn from the shared news
//! corpora (`tests/data/word_category.jsonl`, see its `.md`). Prints the
//! figures; a floor below today's catches regressions. Skips, saying so,
//! when `../shared/corpus` is absent.

mod support;

use std::collections::HashMap;
use std::path::Path;

use evrule::corpus::read::{TextMode, expand_inputs};
use evrule::document::Document;
use evrule::matcher::Matcher;
use evrule::matcher::category::Reading;

#[test]
fn readings_agree_with_hand_labels() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    if !corpus.join("news").is_dir() {
        eprintln!("skipped: ../shared/corpus/news is absent, no word readings to check");
        return;
    }
    // The conflict pack's words, without its discards: a sports or film
    // story it would not code still has words to read.
    let mut checked = evrule::lang::load_pack(&root.join("rules/conflict"))
        .pack
        .expect("the conflict pack checks clean");
    checked.discards.clear();
    let pack = evrule::compile::CompiledPack::new(checked).expect("compile");
    let gold = std::fs::read_to_string(root.join("tests/data/word_category.jsonl"))
        .expect("read the labels");
    // (file, line) → (start, word, label) of each labelled word there.
    type Labels = HashMap<(String, usize), Vec<(usize, String, String)>>;
    let mut wanted: Labels = HashMap::new();
    for line in gold.lines().skip(1) {
        let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = value["file"].as_str().expect("file").to_string();
        let line_no = value["line"].as_u64().expect("line") as usize;
        let start = value["start"].as_u64().expect("start") as usize;
        let word = value["word"].as_str().expect("word").to_string();
        let category = value["category"].as_str().expect("category").to_string();
        wanted
            .entry((file, line_no))
            .or_default()
            .push((start, word, category));
    }
    let mut files: Vec<&String> = wanted.keys().map(|(f, _)| f).collect();
    files.sort();
    files.dedup();
    let mut matcher = Matcher::new(&pack);
    // (label, reading) → count
    let mut table: HashMap<(String, &'static str), usize> = HashMap::new();
    let mut wrong = Vec::new();
    for file in files {
        let path = corpus.join(file);
        for doc in expand_inputs(&[path]).documents(TextMode::Lines) {
            let doc = doc.expect("a corpus line");
            let line_no: usize = doc.id.rsplit(':').next().unwrap().parse().unwrap();
            let Some(tokens_wanted) = wanted.get(&(file.clone(), line_no)) else {
                continue;
            };
            let (_, tokens, analyses) = matcher.analyze(&Document::new("d", doc.text.clone()));
            for (start, word, label) in tokens_wanted {
                let reading = analyses.iter().find_map(|a| {
                    let range = a.sentence.tokens.clone();
                    range
                        .clone()
                        .position(|t| tokens[t].start == *start)
                        .map(|i| a.readings[i])
                });
                let reading = match reading {
                    Some(Reading::Noun) => "noun",
                    Some(Reading::Verb) => "verb",
                    Some(Reading::Open) => "open",
                    None => panic!("{file}:{line_no}: no token starts at byte {start} ({word})"),
                };
                *table.entry((label.clone(), reading)).or_default() += 1;
                let agrees =
                    reading == "open" || reading == label || (label == "adj" && reading == "noun");
                if !agrees {
                    wrong.push(format!(
                        "{file}:{line_no} «{word}» labelled {label}, read {reading}"
                    ));
                }
            }
        }
    }
    let count = |label: &str, reading: &'static str| {
        table
            .get(&(label.to_string(), reading))
            .copied()
            .unwrap_or(0)
    };
    let total: usize = table.values().sum();
    let decided: usize = table
        .iter()
        .filter(|((_, r), _)| *r != "open")
        .map(|(_, n)| n)
        .sum();
    let right = count("noun", "noun") + count("verb", "verb") + count("adj", "noun");
    println!("word readings on {total} hand-labelled words:");
    for label in ["noun", "verb", "adj"] {
        println!(
            "  labelled {label:4}: read noun {:3}, verb {:3}, open {:3}",
            count(label, "noun"),
            count(label, "verb"),
            count(label, "open")
        );
    }
    let accuracy = right as f64 / decided.max(1) as f64;
    let coverage = decided as f64 / total.max(1) as f64;
    println!(
        "  decided {decided}/{total} ({coverage:.3}); right when decided {right}/{decided} ({accuracy:.3})"
    );
    for line in &wrong {
        println!("  wrong: {line}");
    }
    assert_eq!(total, 300, "every labelled word is found");
    assert!(accuracy >= 0.93, "accuracy {accuracy:.3} fell below 0.93");
    assert!(coverage >= 0.82, "coverage {coverage:.3} fell below 0.82");
}
