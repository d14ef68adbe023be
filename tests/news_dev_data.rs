//! The hand-labelled gold sets on real news, the tuning sets
//! `tests/data/news_dev.jsonl`, `tests/data/news_dev2.jsonl`,
//! `tests/data/news_dev3.jsonl`, `tests/data/news_dev4.jsonl`,
//! `tests/data/news_dev5.jsonl` to `tests/data/news_dev12.jsonl` and the
//! held-out `tests/data/news_test.jsonl`
//! (sentences coded with the conflict pack's event families) and
//! `tests/data/word_category.jsonl` (noun or verb readings of event words),
//! are well formed, still point at the text they were labelled on, and no two
//! of the thirteen news sets share a sentence.
//!
//! The gold refers to `../shared/corpus/` by file, line and byte offsets and
//! never holds the text itself, so a change to the tokenizer or the sentence
//! splitter that moves a boundary, or a changed corpus file, must show up
//! here rather than as silently wrong scores in `evrule eval`.

mod support;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use evrule::lang::pack::Pack;
use evrule::text::{split_sentences, tokenize};
use serde_json::Value;

const SCOPE: [&str; 5] = [
    "Battles",
    "ExplosionsRemoteViolence",
    "ViolenceAgainstCivilians",
    "Protests",
    "Riots",
];
const WORD_TOKENS: usize = 300;

/// A news gold set: its file, the doc its header names, and its strata sizes.
struct NewsSet {
    file: &'static str,
    doc: &'static str,
    strata: [(&'static str, usize); 2],
}

const NEWS_DEV: NewsSet = NewsSet {
    file: "news_dev.jsonl",
    doc: "news_dev.md",
    strata: [("rest", 300), ("violence", 300)],
};

const NEWS_TEST: NewsSet = NewsSet {
    file: "news_test.jsonl",
    doc: "news_test.md",
    strata: [("rest", 200), ("violence", 500)],
};

const NEWS_DEV2: NewsSet = NewsSet {
    file: "news_dev2.jsonl",
    doc: "news_dev2.md",
    strata: [("rest", 100), ("violence", 900)],
};

const NEWS_DEV3: NewsSet = NewsSet {
    file: "news_dev3.jsonl",
    doc: "news_dev3.md",
    strata: [("rest", 60), ("violence", 600)],
};

const NEWS_DEV4: NewsSet = NewsSet {
    file: "news_dev4.jsonl",
    doc: "news_dev4.md",
    strata: [("rest", 60), ("violence", 600)],
};

const NEWS_DEV5: NewsSet = NewsSet {
    file: "news_dev5.jsonl",
    doc: "news_dev5.md",
    strata: [("rest", 45), ("violence", 450)],
};

const NEWS_DEV6: NewsSet = NewsSet {
    file: "news_dev6.jsonl",
    doc: "news_dev6.md",
    strata: [("rest", 45), ("violence", 450)],
};

const NEWS_DEV7: NewsSet = NewsSet {
    file: "news_dev7.jsonl",
    doc: "news_dev7.md",
    strata: [("rest", 45), ("violence", 450)],
};

const NEWS_DEV8: NewsSet = NewsSet {
    file: "news_dev8.jsonl",
    doc: "news_dev8.md",
    strata: [("rest", 30), ("violence", 300)],
};

const NEWS_DEV9: NewsSet = NewsSet {
    file: "news_dev9.jsonl",
    doc: "news_dev9.md",
    strata: [("rest", 30), ("violence", 300)],
};

const NEWS_DEV10: NewsSet = NewsSet {
    file: "news_dev10.jsonl",
    doc: "news_dev10.md",
    strata: [("rest", 30), ("violence", 300)],
};

const NEWS_DEV11: NewsSet = NewsSet {
    file: "news_dev11.jsonl",
    doc: "news_dev11.md",
    strata: [("rest", 30), ("violence", 300)],
};

const NEWS_DEV12: NewsSet = NewsSet {
    file: "news_dev12.jsonl",
    doc: "news_dev12.md",
    strata: [("rest", 30), ("violence", 300)],
};

/// The news sets in the order they were drawn: each left out the sentences
/// of every set before it.
const NEWS_SETS: [&NewsSet; 13] = [
    &NEWS_DEV,
    &NEWS_TEST,
    &NEWS_DEV2,
    &NEWS_DEV3,
    &NEWS_DEV4,
    &NEWS_DEV5,
    &NEWS_DEV6,
    &NEWS_DEV7,
    &NEWS_DEV8,
    &NEWS_DEV9,
    &NEWS_DEV10,
    &NEWS_DEV11,
    &NEWS_DEV12,
];

fn data_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A JSONL gold file: its header and its records with their line numbers.
struct Gold {
    name: &'static str,
    header: Value,
    records: Vec<(usize, Value)>,
}

fn read_gold(name: &'static str) -> Gold {
    let path = data_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines().enumerate().map(|(i, line)| {
        let value: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{name}:{}: invalid JSON: {e}", i + 1));
        (i + 1, value)
    });
    let (_, header) = lines.next().unwrap_or_else(|| panic!("{name} is empty"));
    Gold {
        name,
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

fn conflict_pack() -> Pack {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/conflict");
    evrule::lang::load_pack(&dir)
        .pack
        .expect("the conflict pack loads")
}

/// Every event of the pack inside the scope, with its scope family and fields.
fn scoped_events(pack: &Pack) -> HashMap<String, (String, HashSet<String>)> {
    (0..pack.events.len())
        .map(|i| evrule::lang::pack::EventId(i as u32))
        .filter_map(|id| {
            // The scope names the level below the root (`ConflictEvent`), so
            // an event is in scope when a scope name is on its chain.
            let in_scope = pack
                .event_chain(id)
                .into_iter()
                .map(|e| pack.event(e).name.as_str())
                .find(|name| SCOPE.contains(name))?;
            let event = pack.event(id);
            let fields = event.fields.iter().map(|f| f.name.clone()).collect();
            Some((event.name.clone(), (in_scope.to_string(), fields)))
        })
        .collect()
}

/// Header, strata, event names and argument fields: no corpus needed.
fn check_news_labels(set: &NewsSet) {
    let gold = read_gold(set.file);
    let scope: Vec<&str> = gold.header["scope"]
        .as_array()
        .expect("header has a scope list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(scope, SCOPE);
    assert_eq!(gold.header["corpus_root"], "../shared/corpus");
    assert!(str_field(&gold.header, "about").is_some_and(|a| a.contains(set.doc)));

    let events = scoped_events(&conflict_pack());
    let mut problems = Vec::new();
    let mut strata: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = HashSet::new();
    for (n, record) in &gold.records {
        let at = format!("{}:{n}", gold.name);
        let key = (
            str_field(record, "file").map(str::to_string),
            usize_field(record, "line"),
            usize_field(record, "sentence"),
        );
        if key.0.is_none() || key.1.is_none() || key.2.is_none() {
            problems.push(format!("{at}: needs file, line and sentence"));
        }
        if usize_field(record, "start").is_none() || usize_field(record, "end").is_none() {
            problems.push(format!("{at}: needs start and end"));
        }
        if !seen.insert(key) {
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
            let Some((_, fields)) = events.get(name) else {
                problems.push(format!(
                    "{at}: `{name}` is neither a scope family nor one of its sub-types"
                ));
                continue;
            };
            let args = event.get("args").and_then(Value::as_object);
            for (field, value) in args.into_iter().flatten() {
                if !fields.contains(field) {
                    problems.push(format!("{at}: `{name}` has no field `{field}`"));
                }
                if value
                    .as_str()
                    .is_none_or(|v| v.trim().is_empty() || v.trim() != v)
                {
                    problems.push(format!("{at}: `{field}` must be trimmed, non-empty text"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let expected: BTreeMap<String, usize> = set
        .strata
        .iter()
        .map(|&(name, count)| (name.to_string(), count))
        .collect();
    assert_eq!(strata, expected, "{}: sentences per stratum", set.file);
}

#[test]
fn news_dev_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV);
}

#[test]
fn news_test_labels_are_well_formed() {
    check_news_labels(&NEWS_TEST);
}

#[test]
fn news_dev2_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV2);
}

#[test]
fn news_dev3_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV3);
}

#[test]
fn news_dev4_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV4);
}

#[test]
fn news_dev5_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV5);
}

#[test]
fn news_dev6_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV6);
}

#[test]
fn news_dev7_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV7);
}

#[test]
fn news_dev8_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV8);
}

#[test]
fn news_dev9_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV9);
}

#[test]
fn news_dev10_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV10);
}

#[test]
fn news_dev11_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV11);
}

#[test]
fn news_dev12_labels_are_well_formed() {
    check_news_labels(&NEWS_DEV12);
}

/// (file, line, sentence) of every record of a news gold set.
fn sentence_keys(gold: &Gold) -> Vec<(usize, (String, usize, usize))> {
    gold.records
        .iter()
        .filter_map(|(n, record)| {
            let key = (
                str_field(record, "file")?.to_string(),
                usize_field(record, "line")?,
                usize_field(record, "sentence")?,
            );
            Some((*n, key))
        })
        .collect()
}

/// The gold lines of `later` whose sentence (by pointer) is also in `earlier`.
fn shared_pointers(earlier: &Gold, later: &Gold) -> Vec<String> {
    let earlier_keys: HashSet<_> = sentence_keys(earlier).into_iter().map(|(_, k)| k).collect();
    sentence_keys(later)
        .into_iter()
        .filter(|(_, key)| earlier_keys.contains(key))
        .map(|(n, (file, line, index))| {
            format!(
                "{}:{n}: {file}:{line} sentence {index} is in {} too",
                later.name, earlier.name
            )
        })
        .collect()
}

/// Each set was drawn without any sentence of the sets drawn before it:
/// the held-out set holds none of the dev set's, and tuning on a later set
/// neither touches the held-out set nor repeats an earlier tuning set.
/// Here by pointer, with the corpus also by text (see below).
#[test]
fn each_news_set_shares_no_sentence_with_the_sets_drawn_before_it() {
    let shared: Vec<String> = NEWS_SETS
        .iter()
        .enumerate()
        .skip(1)
        .flat_map(|(i, later)| shared_with_earlier(later, &NEWS_SETS[..i]))
        .collect();
    assert!(shared.is_empty(), "{}", shared.join("\n"));
}

/// The pointers of `later` that are also in one of the `earlier` sets.
fn shared_with_earlier(later: &NewsSet, earlier: &[&NewsSet]) -> Vec<String> {
    let later = read_gold(later.file);
    earlier
        .iter()
        .flat_map(|set| shared_pointers(&read_gold(set.file), &later))
        .collect()
}

#[test]
fn word_category_labels_are_well_formed() {
    let gold = read_gold("word_category.jsonl");
    assert_eq!(gold.header["corpus_root"], "../shared/corpus");
    assert!(str_field(&gold.header, "about").is_some_and(|a| a.contains("word_category.md")));
    assert_eq!(gold.records.len(), WORD_TOKENS);
    let mut problems = Vec::new();
    for (n, record) in &gold.records {
        let category = str_field(record, "category").unwrap_or("(none)");
        if !["noun", "verb", "adj"].contains(&category) {
            problems.push(format!("{}:{n}: category `{category}`", gold.name));
        }
        if str_field(record, "word").is_none_or(|w| w.is_empty()) {
            problems.push(format!("{}:{n}: no word", gold.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The corpus files the gold refers to, read once: file -> its lines.
struct Corpus {
    root: PathBuf,
    files: HashMap<String, Vec<String>>,
}

impl Corpus {
    /// `None` (after saying so) when the shared news corpus is absent.
    fn open() -> Option<Corpus> {
        let root = support::shared_dir()?.join("corpus");
        if !root.join("news").is_dir() {
            eprintln!(
                "skipping: {} is absent (the shared news corpus is not checked out)",
                root.join("news").display()
            );
            return None;
        }
        Some(Corpus {
            root,
            files: HashMap::new(),
        })
    }

    /// Line `line` (1-based) of `file`, as `evrule run --lines` reads it.
    fn line(&mut self, file: &str, line: usize) -> Result<&str, String> {
        if !self.files.contains_key(file) {
            let path = self.root.join(file);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let lines = text.lines().map(str::to_string).collect();
            self.files.insert(file.to_string(), lines);
        }
        let lines = &self.files[file];
        line.checked_sub(1)
            .and_then(|i| lines.get(i))
            .map(String::as_str)
            .ok_or_else(|| format!("{file} has no line {line} ({} lines)", lines.len()))
    }
}

/// Checks one range of a line: in bounds and on char boundaries.
fn text_at(line: &str, start: usize, end: usize) -> Result<&str, String> {
    if start >= end || end > line.len() {
        return Err(format!("{start}..{end} is not a range inside the line"));
    }
    line.get(start..end)
        .ok_or_else(|| format!("{start}..{end} is not on character boundaries"))
}

/// Checks that every record of a news gold set points at a sentence as
/// evrule splits it and that its argument strings are in that sentence;
/// returns the problems and the sentences' texts with their gold lines.
fn check_news_pointers(corpus: &mut Corpus, gold: &Gold) -> (Vec<String>, Vec<(usize, String)>) {
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    for (n, record) in &gold.records {
        let at = format!("{}:{n}", gold.name);
        let (Some(file), Some(line), Some(index), Some(start), Some(end)) = (
            str_field(record, "file"),
            usize_field(record, "line"),
            usize_field(record, "sentence"),
            usize_field(record, "start"),
            usize_field(record, "end"),
        ) else {
            problems.push(format!("{at}: needs file, line, sentence, start, end"));
            continue;
        };
        let document = match corpus.line(file, line) {
            Ok(document) => document,
            Err(message) => {
                problems.push(format!("{at}: {message}"));
                continue;
            }
        };
        let sentence = match text_at(document, start, end) {
            Ok(sentence) => sentence,
            Err(message) => {
                problems.push(format!("{at}: {file}:{line}: {message}"));
                continue;
            }
        };
        texts.push((*n, sentence.to_string()));
        let tokens = tokenize(document);
        let split = split_sentences(document, &tokens);
        match split.get(index) {
            Some(s) if (s.start, s.end) == (start, end) => {}
            Some(s) => problems.push(format!(
                "{at}: the splitter now puts sentence {index} of {file}:{line} at {}..{}, \
                 not {start}..{end}",
                s.start, s.end
            )),
            None => problems.push(format!(
                "{at}: {file}:{line} now has {} sentences, not {}",
                split.len(),
                index + 1
            )),
        }
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
    (problems, texts)
}

/// Every pointer holds, and no sentence of a set has the text of a
/// sentence of a set drawn before it: Reuters and BBC repeat sentences word
/// for word in other documents, and each set was drawn without the texts
/// of the sets before it.
#[test]
fn every_news_set_points_at_the_sentences_evrule_splits_none_of_them_in_an_earlier_set() {
    let Some(mut corpus) = Corpus::open() else {
        return;
    };
    let mut problems = Vec::new();
    let mut earlier_texts: HashMap<String, &str> = HashMap::new();
    for set in NEWS_SETS {
        let gold = read_gold(set.file);
        let (pointer_problems, texts) = check_news_pointers(&mut corpus, &gold);
        problems.extend(pointer_problems);
        for (n, text) in &texts {
            if let Some(file) = earlier_texts.get(text) {
                problems.push(format!(
                    "{}:{n}: the same text is a sentence of {file}",
                    gold.name
                ));
            }
        }
        earlier_texts.extend(texts.into_iter().map(|(_, text)| (text, set.file)));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn word_category_points_at_its_words() {
    let Some(mut corpus) = Corpus::open() else {
        return;
    };
    let gold = read_gold("word_category.jsonl");
    let mut problems = Vec::new();
    for (n, record) in &gold.records {
        let at = format!("{}:{n}", gold.name);
        let (Some(file), Some(line), Some(start), Some(end), Some(word)) = (
            str_field(record, "file"),
            usize_field(record, "line"),
            usize_field(record, "start"),
            usize_field(record, "end"),
            str_field(record, "word"),
        ) else {
            problems.push(format!("{at}: needs file, line, start, end, word"));
            continue;
        };
        match corpus
            .line(file, line)
            .and_then(|document| text_at(document, start, end))
        {
            Ok(text) if text == word => {}
            Ok(text) => problems.push(format!("{at}: {start}..{end} holds {text:?}, not {word:?}")),
            Err(message) => problems.push(format!("{at}: {file}:{line}: {message}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
