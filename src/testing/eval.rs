//! `evrule eval`: how well a pack codes hand-labelled text.
//!
//! A gold file is JSONL. An optional first line names the scope, the event
//! types scored (`{"scope": ["Battles", "Protests"], "corpus_root":
//! "../shared/corpus"}`); every other line is one labelled stretch of text
//! and the events an analyst codes in it, possibly none:
//!
//! ```text
//! {"file": "news/bbc.txt", "line": 12, "sentence": 3, "start": 400, "end": 520,
//!  "events": [{"event": "Battles", "args": {"attacker": "rebels", "location": "Grozny"}}]}
//! {"id": "note-1", "text": "Rebels shelled Grozny.", "date": "2004-01-02",
//!  "events": [{"event": "Battles"}]}
//! ```
//!
//! A line points into a corpus file (`file`, relative to the corpus root,
//! and its 1-based `line`, read as `evrule run --lines` reads it) or
//! carries its own `text`; `start`/`end` (byte offsets in that document)
//! or `sentence` narrow it to one sentence. Records count when they start
//! in that stretch.
//!
//! Events are scored at the level of the scope: each gold and predicted
//! event gets the first scope type in its taxonomy chain (a gold
//! `AirDroneStrike` and a predicted `ShellingArtilleryMissileAttack` are
//! both `ExplosionsRemoteViolence`); records outside the scope are ignored.
//! In each stretch, gold events are paired with predicted ones of the same
//! type, best argument agreement first; the pairs are true positives, the
//! rest misses and false alarms. An argument is right when its gold text
//! is the mention, the noun phrase around it, or lies in that phrase and
//! holds the mention (case and spacing ignored).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use crate::compile::CompiledPack;
use crate::corpus::read::{TextMode, expand_inputs};
use crate::document::Document;
use crate::event::{Argument, EventRecord};
use crate::matcher::Matcher;

/// A gold file that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct GoldError {
    pub location: String,
    pub message: String,
}

fn gold_error(location: impl Into<String>, message: impl Into<String>) -> GoldError {
    GoldError {
        location: location.into(),
        message: message.into(),
    }
}

/// One gold file.
#[derive(Debug, Clone)]
pub struct GoldSet {
    pub path: PathBuf,
    pub scope: Vec<String>,
    pub corpus_root: Option<PathBuf>,
    pub items: Vec<GoldItem>,
}

/// A labelled stretch of text and its events.
#[derive(Debug, Clone)]
pub struct GoldItem {
    /// `gold.jsonl:7`, where the item is written.
    pub written_at: String,
    pub doc: DocRef,
    pub sentence: Option<usize>,
    pub range: Option<(usize, usize)>,
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocRef {
    /// Line `line` (from 1) of a corpus file.
    Corpus { file: String, line: usize },
    /// A text given in the gold file.
    Inline { id: String },
}

#[derive(Debug, Clone)]
pub struct GoldEvent {
    pub event: String,
    pub args: IndexMap<String, String>,
}

/// Reads a gold file; every problem is located by file and line.
pub fn read_gold(path: &Path) -> Result<(GoldSet, HashMap<String, Document>), GoldError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| gold_error(&name, format!("cannot read: {e}")))?;
    let mut set = GoldSet {
        path: path.to_path_buf(),
        scope: Vec::new(),
        corpus_root: None,
        items: Vec::new(),
    };
    let mut inline = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let at = format!("{name}:{}", index + 1);
        if line.trim().is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| gold_error(&at, format!("not JSON: {e}")))?;
        let Value::Object(object) = value else {
            return Err(gold_error(&at, "a gold line is a JSON object"));
        };
        if object.contains_key("scope") && !object.contains_key("events") {
            set.scope = string_list(&object["scope"])
                .ok_or_else(|| gold_error(&at, "`scope` is a list of event type names"))?;
            if let Some(root) = object.get("corpus_root") {
                let root = root
                    .as_str()
                    .ok_or_else(|| gold_error(&at, "`corpus_root` is a string"))?;
                set.corpus_root = Some(PathBuf::from(root));
            }
            continue;
        }
        let item = gold_item(&object, &at, &mut inline)?;
        set.items.push(item);
    }
    Ok((set, inline))
}

fn string_list(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn gold_item(
    object: &serde_json::Map<String, Value>,
    at: &str,
    inline: &mut HashMap<String, Document>,
) -> Result<GoldItem, GoldError> {
    let number = |key: &str| -> Result<Option<usize>, GoldError> {
        match object.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .map(|n| Some(n as usize))
                .ok_or_else(|| gold_error(at, format!("`{key}` is a non-negative integer"))),
        }
    };
    let doc = match (object.get("file"), object.get("text")) {
        (Some(file), None) => {
            let file = file
                .as_str()
                .ok_or_else(|| gold_error(at, "`file` is a string"))?;
            let line = number("line")?
                .filter(|&l| l > 0)
                .ok_or_else(|| gold_error(at, "`file` needs `line`, counted from 1"))?;
            DocRef::Corpus {
                file: file.to_string(),
                line,
            }
        }
        (None, Some(text)) => {
            let text = text
                .as_str()
                .ok_or_else(|| gold_error(at, "`text` is a string"))?;
            let id = match object.get("id") {
                Some(id) => id
                    .as_str()
                    .ok_or_else(|| gold_error(at, "`id` is a string"))?
                    .to_string(),
                None => at.to_string(),
            };
            let mut doc = Document::new(id.clone(), text);
            doc.date = object
                .get("date")
                .and_then(Value::as_str)
                .map(str::to_string);
            if let Some(first) = inline.insert(id.clone(), doc)
                && first.text != text
            {
                return Err(gold_error(
                    at,
                    format!("document `{id}` is given twice with different texts"),
                ));
            }
            DocRef::Inline { id }
        }
        _ => {
            return Err(gold_error(
                at,
                "a gold line names a corpus `file` and `line`, or gives its own `text`",
            ));
        }
    };
    let range = match (number("start")?, number("end")?) {
        (Some(start), Some(end)) if start <= end => Some((start, end)),
        (None, None) => None,
        _ => {
            return Err(gold_error(
                at,
                "`start` and `end` come together, start ≤ end",
            ));
        }
    };
    let events = match object.get("events") {
        Some(Value::Array(events)) => events
            .iter()
            .map(|e| gold_event(e, at))
            .collect::<Result<Vec<_>, _>>()?,
        _ => {
            return Err(gold_error(
                at,
                "`events` is a list (empty when nothing happens)",
            ));
        }
    };
    Ok(GoldItem {
        written_at: at.to_string(),
        doc,
        sentence: number("sentence")?,
        range,
        events,
    })
}

fn gold_event(value: &Value, at: &str) -> Result<GoldEvent, GoldError> {
    let event = value
        .get("event")
        .and_then(Value::as_str)
        .ok_or_else(|| gold_error(at, "each event has an `event` type name"))?;
    let mut args = IndexMap::new();
    if let Some(given) = value.get("args") {
        let given = given
            .as_object()
            .ok_or_else(|| gold_error(at, "`args` maps field names to texts"))?;
        for (field, text) in given {
            let text = text
                .as_str()
                .ok_or_else(|| gold_error(at, format!("argument `{field}` is a text")))?;
            args.insert(field.clone(), text.to_string());
        }
    }
    Ok(GoldEvent {
        event: event.to_string(),
        args,
    })
}

/// Precision, recall and F1 counts of one event type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Score) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// `n / d`, or 1 when there is nothing to count (no claim is no error).
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// Right and scored arguments of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FieldScore {
    pub right: usize,
    pub scored: usize,
}

/// A gold event the pack missed, or a record no gold event asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mistake {
    /// Where the stretch is: `file:line` and sentence, or the document id.
    pub location: String,
    /// The gold line.
    pub written_at: String,
    /// The scope type.
    pub event: String,
    /// For a false alarm: its record's event type, rule and text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<MistakeRecord>,
    /// For a miss: the records of other types the pack made there.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instead: Vec<MistakeRecord>,
    /// The stretch's text.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MistakeRecord {
    pub event: String,
    pub rule: String,
    pub text: String,
}

impl MistakeRecord {
    fn of(record: &EventRecord) -> MistakeRecord {
        MistakeRecord {
            event: record.event.clone(),
            rule: record.rule.clone(),
            text: record.text.clone(),
        }
    }
}

/// What `evrule eval` reports.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub gold_files: Vec<String>,
    pub stretches: usize,
    pub gold_events: usize,
    pub scope: Vec<String>,
    /// Per scope type, in scope order.
    pub per_type: IndexMap<String, Score>,
    pub overall: Score,
    /// Per argument field, over the true positives.
    pub arguments: BTreeMap<String, FieldScore>,
    /// `confusion[gold][predicted]`, with "none" for no event.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    pub misses: Vec<Mistake>,
    pub false_alarms: Vec<Mistake>,
}

/// Runs the pack over every document the gold files point to and scores
/// it. `corpus_root` overrides the gold files' own.
pub fn evaluate(
    pack: &CompiledPack,
    gold_paths: &[PathBuf],
    corpus_root: Option<&Path>,
) -> Result<EvalReport, GoldError> {
    let mut sets = Vec::new();
    let mut inline = HashMap::new();
    for path in gold_paths {
        let (set, docs) = read_gold(path)?;
        inline.extend(docs);
        sets.push(set);
    }
    let scope = scope_of(pack, &sets)?;
    let mut documents: HashMap<DocRef, Document> = HashMap::new();
    for set in &sets {
        load_documents(set, corpus_root, &inline, &mut documents)?;
    }
    let mut matcher = Matcher::new(pack);
    let mut records: HashMap<&DocRef, Vec<EventRecord>> = HashMap::new();
    let mut refs: Vec<&DocRef> = documents.keys().collect();
    refs.sort();
    for doc_ref in refs {
        records.insert(doc_ref, matcher.match_document(&documents[doc_ref]).events);
    }
    let mut report = EvalReport {
        gold_files: gold_paths.iter().map(|p| p.display().to_string()).collect(),
        stretches: 0,
        gold_events: 0,
        scope: scope.clone(),
        per_type: scope
            .iter()
            .map(|s| (s.clone(), Score::default()))
            .collect(),
        overall: Score::default(),
        arguments: BTreeMap::new(),
        confusion: BTreeMap::new(),
        misses: Vec::new(),
        false_alarms: Vec::new(),
    };
    for set in &sets {
        for item in &set.items {
            let doc = &documents[&item.doc];
            let predicted: Vec<&EventRecord> = records[&item.doc]
                .iter()
                .filter(|r| in_stretch(r, item))
                .collect();
            score_item(pack, &scope, item, doc, &predicted, &mut report)?;
        }
    }
    report.overall = Score::default();
    for score in report.per_type.values() {
        report.overall.add(*score);
    }
    Ok(report)
}

/// The scope: the gold files' (all must agree), or else every type the
/// gold events use. Each must be an event type of the pack.
fn scope_of(pack: &CompiledPack, sets: &[GoldSet]) -> Result<Vec<String>, GoldError> {
    let mut scope: Vec<String> = Vec::new();
    for set in sets {
        for name in &set.scope {
            if !scope.contains(name) {
                scope.push(name.clone());
            }
        }
    }
    if scope.is_empty() {
        for set in sets {
            for item in &set.items {
                for event in &item.events {
                    if !scope.contains(&event.event) {
                        scope.push(event.event.clone());
                    }
                }
            }
        }
    }
    let known = |name: &str| pack.pack.events.iter().any(|e| e.name == name);
    for set in sets {
        if let Some(unknown) = set.scope.iter().find(|s| !known(s)) {
            return Err(gold_error(
                set.path.display().to_string(),
                format!("scope names `{unknown}`, which is no event type of the pack"),
            ));
        }
    }
    Ok(scope)
}

/// The scope type an event type falls under, if any.
fn scope_type(pack: &CompiledPack, scope: &[String], event: &str) -> Option<String> {
    let id = pack.pack.events.iter().position(|e| e.name == event)?;
    pack.pack
        .event_chain(crate::lang::pack::EventId(id as u32))
        .iter()
        .map(|e| &pack.pack.event(*e).name)
        .find(|name| scope.contains(name))
        .cloned()
}

fn load_documents(
    set: &GoldSet,
    corpus_root: Option<&Path>,
    inline: &HashMap<String, Document>,
    documents: &mut HashMap<DocRef, Document>,
) -> Result<(), GoldError> {
    let mut wanted: BTreeMap<&str, Vec<(usize, &GoldItem)>> = BTreeMap::new();
    for item in &set.items {
        match &item.doc {
            DocRef::Corpus { file, line } => {
                wanted.entry(file).or_default().push((*line, item));
            }
            DocRef::Inline { id } => {
                documents.insert(item.doc.clone(), inline[id].clone());
            }
        }
    }
    let root = corpus_root
        .map(Path::to_path_buf)
        .or_else(|| set.corpus_root.clone())
        .unwrap_or_default();
    for (file, lines) in wanted {
        let path = root.join(file);
        let mut by_line: BTreeMap<usize, &GoldItem> = BTreeMap::new();
        for (line, item) in lines {
            by_line.entry(line).or_insert(item);
        }
        if !path.is_file() {
            let (_, item) = by_line.iter().next().expect("a file is wanted for a line");
            return Err(gold_error(
                &item.written_at,
                format!(
                    "corpus file {} not found (corpus root {}; give another with --corpus-root)",
                    path.display(),
                    root.display()
                ),
            ));
        }
        let suffix = |id: &str| id.rsplit(':').next().and_then(|n| n.parse::<usize>().ok());
        for doc in expand_inputs(std::slice::from_ref(&path)).documents(TextMode::Lines) {
            let doc = doc.map_err(|f| gold_error(f.location.clone(), f.message.clone()))?;
            if let Some(line) = suffix(&doc.id).filter(|l| by_line.contains_key(l)) {
                let doc_ref = DocRef::Corpus {
                    file: file.to_string(),
                    line,
                };
                let doc = Document::new(format!("{file}:{line}"), doc.text);
                documents.insert(doc_ref, doc);
            }
        }
        if let Some((line, item)) = by_line.iter().find(|(line, _)| {
            !documents.contains_key(&DocRef::Corpus {
                file: file.to_string(),
                line: **line,
            })
        }) {
            return Err(gold_error(
                &item.written_at,
                format!("{} has no (non-blank) line {line}", path.display()),
            ));
        }
    }
    Ok(())
}

fn in_stretch(record: &EventRecord, item: &GoldItem) -> bool {
    match (item.range, item.sentence) {
        (Some((start, end)), _) => start <= record.start && record.start < end,
        (None, Some(sentence)) => record.sentence == sentence,
        (None, None) => true,
    }
}

fn score_item(
    pack: &CompiledPack,
    scope: &[String],
    item: &GoldItem,
    doc: &Document,
    predicted: &[&EventRecord],
    report: &mut EvalReport,
) -> Result<(), GoldError> {
    report.stretches += 1;
    let location = match &item.doc {
        DocRef::Corpus { file, line } => match item.sentence {
            Some(s) => format!("{file}:{line} sentence {s}"),
            None => format!("{file}:{line}"),
        },
        DocRef::Inline { id } => id.clone(),
    };
    let text = match item.range {
        Some((start, end)) => doc.text.get(start..end).unwrap_or("").to_string(),
        None => doc.text.clone(),
    };
    let mut gold: Vec<(String, &GoldEvent)> = Vec::new();
    for event in &item.events {
        let Some(label) = scope_type(pack, scope, &event.event) else {
            return Err(gold_error(
                &item.written_at,
                format!(
                    "`{}` is no event type of the pack under the scope ({})",
                    event.event,
                    scope.join(", ")
                ),
            ));
        };
        gold.push((label, event));
    }
    report.gold_events += gold.len();
    let mut open: Vec<(String, &EventRecord)> = predicted
        .iter()
        .filter_map(|r| scope_type(pack, scope, &r.event).map(|label| (label, *r)))
        .collect();
    let mut missed = Vec::new();
    for (label, event) in &gold {
        let best = open
            .iter()
            .enumerate()
            .filter(|(_, (l, _))| l == label)
            .max_by_key(|(i, (_, r))| (agreement(event, r), std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match best {
            Some(index) => {
                let (_, record) = open.remove(index);
                report.per_type[label.as_str()].true_positives += 1;
                *confusion(report, label, label) += 1;
                for (field, gold_text) in &event.args {
                    let score = report.arguments.entry(field.clone()).or_default();
                    score.scored += 1;
                    if record
                        .args
                        .get(field)
                        .is_some_and(|a| same_argument(gold_text, a))
                    {
                        score.right += 1;
                    }
                }
            }
            None => missed.push(label.clone()),
        }
    }
    for label in missed {
        report.per_type[label.as_str()].false_negatives += 1;
        // A record of another type in the same stretch is a confusion.
        let instead: Vec<MistakeRecord> = open.iter().map(|(_, r)| MistakeRecord::of(r)).collect();
        let confused_with = open.first().map(|(l, _)| l.clone());
        match confused_with {
            Some(other) => *confusion(report, &label, &other) += 1,
            None => *confusion(report, &label, "none") += 1,
        }
        report.misses.push(Mistake {
            location: location.clone(),
            written_at: item.written_at.clone(),
            event: label,
            record: None,
            instead,
            text: text.clone(),
        });
    }
    for (label, record) in open {
        report.per_type[label.as_str()].false_positives += 1;
        if gold.is_empty() {
            *confusion(report, "none", &label) += 1;
        }
        report.false_alarms.push(Mistake {
            location: location.clone(),
            written_at: item.written_at.clone(),
            event: label,
            record: Some(MistakeRecord::of(record)),
            instead: Vec::new(),
            text: text.clone(),
        });
    }
    Ok(())
}

fn confusion<'r>(report: &'r mut EvalReport, gold: &str, predicted: &str) -> &'r mut usize {
    report
        .confusion
        .entry(gold.to_string())
        .or_default()
        .entry(predicted.to_string())
        .or_default()
}

/// How many of a gold event's arguments a record has right.
fn agreement(event: &GoldEvent, record: &EventRecord) -> usize {
    event
        .args
        .iter()
        .filter(|(field, text)| {
            record
                .args
                .get(field.as_str())
                .is_some_and(|a| same_argument(text, a))
        })
        .count()
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a gold argument text names what the record's argument names.
pub fn same_argument(gold: &str, argument: &Argument) -> bool {
    let gold = normalize(gold);
    let mention = normalize(&argument.text);
    if gold == mention {
        return true;
    }
    if let Some(parties) = &argument.parties
        && parties.iter().any(|p| same_argument(&gold, p))
    {
        return true;
    }
    argument.phrase.as_ref().is_some_and(|phrase| {
        let phrase = normalize(&phrase.text);
        gold == phrase || (phrase.contains(&gold) && gold.contains(&mention))
    })
}

impl EvalReport {
    /// The report as text: a table per type, arguments, confusions, and
    /// up to `list` misses and false alarms.
    pub fn render(&self, list: usize) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "{} stretches, {} gold events ({})\n\n",
            self.stretches,
            self.gold_events,
            self.gold_files.join(", ")
        ));
        let width = self
            .per_type
            .keys()
            .map(|k| k.len())
            .max()
            .unwrap_or(0)
            .max("overall".len());
        out.push_str(&format!(
            "{:width$}  {:>4} {:>4} {:>4}  {:>9} {:>6} {:>5}\n",
            "type", "TP", "FP", "FN", "precision", "recall", "F1"
        ));
        let row = |name: &str, s: &Score| {
            format!(
                "{name:width$}  {:>4} {:>4} {:>4}  {:>9.3} {:>6.3} {:>5.3}\n",
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                s.precision(),
                s.recall(),
                s.f1()
            )
        };
        for (name, score) in &self.per_type {
            out.push_str(&row(name, score));
        }
        out.push_str(&row("overall", &self.overall));
        if !self.arguments.is_empty() {
            out.push_str("\narguments (of true positives)\n");
            for (field, score) in &self.arguments {
                out.push_str(&format!(
                    "  {field:12} {:>4}/{:<4} {:.3}\n",
                    score.right,
                    score.scored,
                    ratio(score.right, score.scored)
                ));
            }
        }
        let mismatches: Vec<(&String, &String, usize)> = self
            .confusion
            .iter()
            .flat_map(|(g, row)| row.iter().map(move |(p, n)| (g, p, *n)))
            .filter(|(g, p, _)| g != p)
            .collect();
        if !mismatches.is_empty() {
            out.push_str("\nconfusions (gold -> predicted)\n");
            for (gold, predicted, n) in mismatches {
                out.push_str(&format!("  {n:>4}  {gold} -> {predicted}\n"));
            }
        }
        let section = |title: &str, mistakes: &[Mistake], out: &mut String| {
            if mistakes.is_empty() {
                return;
            }
            out.push_str(&format!("\n{title} ({})\n", mistakes.len()));
            for m in mistakes.iter().take(list) {
                let why = match &m.record {
                    Some(r) => format!("{} by rule {}: «{}»", r.event, r.rule, r.text),
                    None if m.instead.is_empty() => "no rule fired".to_string(),
                    None => {
                        let others: Vec<String> = m
                            .instead
                            .iter()
                            .map(|r| format!("{} by rule {}", r.event, r.rule))
                            .collect();
                        format!("instead: {}", others.join(", "))
                    }
                };
                out.push_str(&format!(
                    "  {}  {}  {why}\n      {}\n",
                    m.location, m.event, m.text
                ));
            }
            if mistakes.len() > list {
                out.push_str(&format!("  … {} more\n", mistakes.len() - list));
            }
        };
        section("misses", &self.misses, &mut out);
        section("false alarms", &self.false_alarms, &mut out);
        out
    }
}
