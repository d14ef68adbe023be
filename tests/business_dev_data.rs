//! The hand-labelled gold set for the business pack,
//! `tests/data/business_dev.jsonl` (sentences of BBC business news coded
//! with six corporate event types), is well formed and still points at the
//! text it was labelled on.
//!
//! The pack (`rules/business/`) does not exist yet, so event names and
//! fields are checked against the taxonomy the pack will declare, written
//! out below; once the pack exists this list should come from it, as
//! `tests/news_dev_data.rs` does for the conflict pack. The gold refers to
//! `../shared/corpus/` by file, line and byte offsets and never holds the
//! text itself, so a change to the tokenizer or the sentence splitter that
//! moves a boundary, or a changed corpus file, must show up here.

mod support;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use evrule::text::{split_sentences, tokenize};
use serde_json::Value;

const GOLD: &str = "business_dev.jsonl";

/// The event types of `rules/business/events.evr` (to be written) and
/// their fields, in the order of the header's `scope`.
const EVENTS: [(&str, &[&str]); 6] = [
    ("Acquisition", &["acquirer", "target", "value"]),
    ("Merger", &["acquirer", "target"]),
    ("StakePurchase", &["buyer", "target", "stake", "value"]),
    ("Layoffs", &["company", "count"]),
    ("LeadershipChange", &["company", "person", "role"]),
    ("EarningsAnnouncement", &["company", "value"]),
];
const FILE: &str = "news/bbc.txt";
/// Documents 1-510 of `bbc.txt` are the business section the set samples.
const LINES: std::ops::RangeInclusive<usize> = 1..=510;
const BUSINESS: usize = 250;
const REST: usize = 100;

struct Gold {
    header: Value,
    records: Vec<(usize, Value)>,
}

fn read_gold() -> Gold {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(GOLD);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines().enumerate().map(|(i, line)| {
        let value: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{GOLD}:{}: invalid JSON: {e}", i + 1));
        (i + 1, value)
    });
    let (_, header) = lines.next().unwrap_or_else(|| panic!("{GOLD} is empty"));
    Gold {
        header,
        records: lines.collect(),
    }
}

fn str_field<'a>(record: &'a Value, key: &str) -> Option<&'a str> {
    record.get(key).and_then(Value::as_str)
}

fn usize_field(record: &Value, key: &str) -> Option<usize> {
    record
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

/// What a value of `field` must look like, beyond being trimmed text: money
/// and job counts hold a digit, a stake is a percentage.
fn value_shape_problem(field: &str, value: &str) -> Option<&'static str> {
    let has_digit = value.chars().any(|c| c.is_ascii_digit());
    match field {
        "value" | "count" if !has_digit => Some("must hold a number"),
        "stake" if !(has_digit && value.ends_with('%')) => Some("must be a percentage"),
        _ => None,
    }
}

/// Header, pointers' shape, strata, event names and argument fields: no
/// corpus needed.
#[test]
fn business_dev_labels_are_well_formed() {
    let gold = read_gold();
    let scope: Vec<&str> = gold.header["scope"]
        .as_array()
        .expect("header has a scope list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let names: Vec<&str> = EVENTS.iter().map(|(name, _)| *name).collect();
    assert_eq!(scope, names);
    assert_eq!(gold.header["corpus_root"], "../shared/corpus");
    assert!(str_field(&gold.header, "about").is_some_and(|a| a.contains("business_dev.md")));

    let fields_of: BTreeMap<&str, &[&str]> = EVENTS.into_iter().collect();
    let mut problems = Vec::new();
    let mut strata: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = HashSet::new();
    for (n, record) in &gold.records {
        let at = format!("{GOLD}:{n}");
        if str_field(record, "file") != Some(FILE) {
            problems.push(format!("{at}: `file` must be {FILE:?}"));
        }
        let line = usize_field(record, "line");
        if !line.is_some_and(|l| LINES.contains(&l)) {
            problems.push(format!("{at}: `line` must be within {LINES:?}"));
        }
        let index = usize_field(record, "sentence");
        if index.is_none() {
            problems.push(format!("{at}: needs `sentence`"));
        }
        match (usize_field(record, "start"), usize_field(record, "end")) {
            (Some(start), Some(end)) if start < end => {}
            _ => problems.push(format!("{at}: needs `start` < `end`")),
        }
        if !seen.insert((line, index)) {
            problems.push(format!("{at}: the same sentence twice"));
        }
        *strata
            .entry(str_field(record, "stratum").unwrap_or("(none)").to_string())
            .or_default() += 1;
        let Some(list) = record["events"].as_array() else {
            problems.push(format!("{at}: `events` must be a list"));
            continue;
        };
        for event in list {
            let name = str_field(event, "event").unwrap_or("(none)");
            let Some(fields) = fields_of.get(name) else {
                problems.push(format!("{at}: `{name}` is not a business event type"));
                continue;
            };
            let Some(args) = event.get("args").and_then(Value::as_object) else {
                problems.push(format!("{at}: `{name}` needs an `args` object"));
                continue;
            };
            for (field, value) in args {
                if !fields.contains(&field.as_str()) {
                    problems.push(format!("{at}: `{name}` has no field `{field}`"));
                }
                let Some(value) = value.as_str().filter(|v| !v.is_empty() && v.trim() == *v) else {
                    problems.push(format!("{at}: `{field}` must be trimmed, non-empty text"));
                    continue;
                };
                if let Some(problem) = value_shape_problem(field, value) {
                    problems.push(format!("{at}: `{field}` {value:?} {problem}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let expected: BTreeMap<String, usize> = [
        ("business".to_string(), BUSINESS),
        ("rest".to_string(), REST),
    ]
    .into();
    assert_eq!(strata, expected);
}

#[test]
fn business_dev_points_at_the_sentences_evrule_splits() {
    let Some(shared) = support::shared_dir() else {
        return;
    };
    let path = shared.join("corpus").join(FILE);
    if !path.is_file() {
        eprintln!(
            "skipping: {} is absent (the shared news corpus is not checked out)",
            path.display()
        );
        return;
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let documents: Vec<&str> = text.lines().collect();
    let gold = read_gold();
    let mut problems = Vec::new();
    for (n, record) in &gold.records {
        let at = format!("{GOLD}:{n}");
        let (Some(line), Some(index), Some(start), Some(end)) = (
            usize_field(record, "line"),
            usize_field(record, "sentence"),
            usize_field(record, "start"),
            usize_field(record, "end"),
        ) else {
            problems.push(format!("{at}: needs line, sentence, start, end"));
            continue;
        };
        let Some(document) = line.checked_sub(1).and_then(|i| documents.get(i)) else {
            problems.push(format!("{at}: {FILE} has no line {line}"));
            continue;
        };
        let tokens = tokenize(document);
        let split = split_sentences(document, &tokens);
        match split.get(index) {
            Some(s) if (s.start, s.end) == (start, end) => {}
            Some(s) => problems.push(format!(
                "{at}: the splitter now puts sentence {index} of {FILE}:{line} at {}..{}, \
                 not {start}..{end}",
                s.start, s.end
            )),
            None => problems.push(format!(
                "{at}: {FILE}:{line} now has {} sentences, not {}",
                split.len(),
                index + 1
            )),
        }
        let Some(sentence) = document.get(start..end) else {
            problems.push(format!(
                "{at}: {start}..{end} is not a range on character boundaries of {FILE}:{line}"
            ));
            continue;
        };
        for event in record["events"].as_array().into_iter().flatten() {
            let args = event.get("args").and_then(Value::as_object);
            for (field, value) in args.into_iter().flatten() {
                let value = value.as_str().unwrap_or_default();
                if !sentence.contains(value) {
                    problems.push(format!("{at}: `{field}` {value:?} is not in the sentence"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
