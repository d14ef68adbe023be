//! The impact of a rule change: the events a new pack adds, removes and
//! changes on a corpus compared with an old pack, grouped for review.

use std::collections::BTreeMap;

use serde::Serialize;

use super::style::Style;
use crate::compile::CompiledPack;
use crate::corpus::read::Failure;
use crate::corpus::run::{Step, in_batches};
use crate::document::Document;
use crate::event::EventRecord;
use crate::matcher::Matcher;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One field that differs between an old and a new record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub change: ChangeKind,
    pub doc: String,
    pub sentence: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<EventRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<EventRecord>,
}

impl Change {
    /// The record the change is filed under: the new one, or the removed one.
    pub fn record(&self) -> &EventRecord {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .expect("a change has a record")
    }
}

/// The changes between one document's old and new events. Identical
/// records cancel out; the rest pair up when they are in one sentence and
/// their spans overlap (same event type first), and are otherwise added or
/// removed.
pub fn diff_document(old: &[EventRecord], new: &[EventRecord]) -> Vec<Change> {
    let mut old_left: Vec<&EventRecord> = old.iter().collect();
    let mut new_left: Vec<&EventRecord> = Vec::new();
    for record in new {
        match old_left.iter().position(|o| *o == record) {
            Some(i) => {
                old_left.remove(i);
            }
            None => new_left.push(record),
        }
    }
    let mut changes = Vec::new();
    let overlaps = |a: &EventRecord, b: &EventRecord| {
        a.sentence == b.sentence && a.start < b.end && b.start < a.end
    };
    for same_type in [true, false] {
        let mut i = 0;
        while i < new_left.len() {
            let n = new_left[i];
            let partner = old_left
                .iter()
                .position(|o| overlaps(o, n) && (!same_type || o.event == n.event));
            match partner {
                Some(j) => {
                    let o = old_left.remove(j);
                    new_left.remove(i);
                    changes.push(Change {
                        change: ChangeKind::Changed,
                        doc: n.doc.clone(),
                        sentence: n.sentence,
                        fields: field_changes(o, n),
                        old: Some(o.clone()),
                        new: Some(n.clone()),
                    });
                }
                None => i += 1,
            }
        }
    }
    for o in old_left {
        changes.push(Change {
            change: ChangeKind::Removed,
            doc: o.doc.clone(),
            sentence: o.sentence,
            fields: Vec::new(),
            old: Some(o.clone()),
            new: None,
        });
    }
    for n in new_left {
        changes.push(Change {
            change: ChangeKind::Added,
            doc: n.doc.clone(),
            sentence: n.sentence,
            fields: Vec::new(),
            old: None,
            new: Some(n.clone()),
        });
    }
    changes.sort_by_key(|c| (c.sentence, c.record().start, c.change));
    changes
}

fn field_changes(old: &EventRecord, new: &EventRecord) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    let mut push = |field: &str, a: Option<String>, b: Option<String>| {
        if a != b {
            fields.push(FieldChange {
                field: field.to_string(),
                old: a,
                new: b,
            });
        }
    };
    push("event", Some(old.event.clone()), Some(new.event.clone()));
    push("rule", Some(old.rule.clone()), Some(new.rule.clone()));
    push("text", Some(old.text.clone()), Some(new.text.clone()));
    push(
        "span",
        Some(format!("{}..{}", old.start, old.end)),
        Some(format!("{}..{}", new.start, new.end)),
    );
    push(
        "negated",
        Some(old.negated.to_string()),
        Some(new.negated.to_string()),
    );
    let mut names: Vec<&String> = old.args.keys().collect();
    names.extend(new.args.keys().filter(|k| !old.args.contains_key(*k)));
    for name in names {
        let show = |r: &EventRecord| {
            r.args.get(name).map(|a| match &a.code {
                Some(code) => format!("{} ({} {code})", a.text, a.ty),
                None => format!("{} ({})", a.text, a.ty),
            })
        };
        push(name, show(old), show(new));
    }
    fields
}

/// Runs both packs over every document (streaming, in parallel) and
/// collects the changes; unreadable documents are returned as failures.
pub fn run_diff(
    old: &CompiledPack,
    new: &CompiledPack,
    documents: impl Iterator<Item = Result<Document, Failure>>,
    jobs: usize,
) -> std::io::Result<DiffReport> {
    let mut report = DiffReport::default();
    in_batches(
        documents,
        jobs,
        || (Matcher::new(old), Matcher::new(new)),
        |(old, new), doc| {
            diff_document(
                &old.match_document(doc).events,
                &new.match_document(doc).events,
            )
        },
        |step| {
            match step {
                Step::Done(_, changes) => {
                    report.documents += 1;
                    report.changes.extend(changes);
                }
                Step::Failed(failure) => report.failures.push(failure.clone()),
                Step::BatchEnd => {}
            }
            Ok(())
        },
    )?;
    Ok(report)
}

/// Every change on a corpus, and the documents that could not be read.
#[derive(Debug, Clone, Default)]
pub struct DiffReport {
    pub changes: Vec<Change>,
    pub documents: usize,
    pub failures: Vec<Failure>,
}

impl DiffReport {
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.change == kind).count()
    }

    /// Grouped by rule and event type, largest groups first, one sample each.
    pub fn render(&self, style: Style) -> String {
        let mut groups: BTreeMap<(String, String), Vec<&Change>> = BTreeMap::new();
        for change in &self.changes {
            let record = change.record();
            groups
                .entry((record.rule.clone(), record.event.clone()))
                .or_default()
                .push(change);
        }
        let mut ordered: Vec<(&(String, String), &Vec<&Change>)> = groups.iter().collect();
        ordered.sort_by_key(|(key, changes)| (std::cmp::Reverse(changes.len()), (*key).clone()));
        let mut out = String::new();
        for ((rule, event), changes) in ordered {
            let count = |kind| changes.iter().filter(|c| c.change == kind).count();
            out.push_str(&format!(
                "{}  {}  {}  {}  {}\n",
                style.bold(rule),
                event,
                style.green(&format!("+{}", count(ChangeKind::Added))),
                style.red(&format!("-{}", count(ChangeKind::Removed))),
                style.yellow(&format!("~{}", count(ChangeKind::Changed)))
            ));
            for kind in [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed] {
                let Some(sample) = changes.iter().find(|c| c.change == kind) else {
                    continue;
                };
                let record = sample.record();
                let marker = match kind {
                    ChangeKind::Added => style.green("+"),
                    ChangeKind::Removed => style.red("-"),
                    ChangeKind::Changed => style.yellow("~"),
                };
                out.push_str(&format!(
                    "    {marker} {}#{}  «{}»\n",
                    record.doc, record.sentence, record.text
                ));
                for field in &sample.fields {
                    out.push_str(&format!(
                        "        {}: {} → {}\n",
                        field.field,
                        field.old.as_deref().unwrap_or("∅"),
                        field.new.as_deref().unwrap_or("∅")
                    ));
                }
            }
        }
        out.push_str(&format!(
            "\n{} documents: {} added, {} removed, {} changed\n",
            self.documents,
            self.count(ChangeKind::Added),
            self.count(ChangeKind::Removed),
            self.count(ChangeKind::Changed)
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Argument;

    fn record(event: &str, start: usize, end: usize, actor: &str) -> EventRecord {
        let mut args = indexmap::IndexMap::new();
        args.insert(
            "actor".to_string(),
            Argument {
                text: actor.into(),
                ty: "State".into(),
                code: None,
                start,
                end: start + actor.len(),
                value: None,
                phrase: None,
                parties: None,
                from_sentence: false,
            },
        );
        EventRecord {
            doc: "d".into(),
            sentence: 0,
            event: event.into(),
            label: None,
            isa: vec![event.into()],
            code: None,
            rule: "r".into(),
            start,
            end,
            text: "t".into(),
            negated: false,
            modality: None,
            args,
            date: None,
            meta: None,
        }
    }

    #[test]
    fn identical_records_cancel_and_overlapping_ones_pair() {
        let old = [
            record("Attack", 0, 10, "Russia"),
            record("Protest", 20, 30, "X"),
        ];
        let new = [
            record("Attack", 0, 12, "Russia"),
            record("Arrest", 40, 50, "Y"),
        ];
        let changes = diff_document(&old, &new);
        let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.change).collect();
        assert_eq!(
            kinds,
            [ChangeKind::Changed, ChangeKind::Removed, ChangeKind::Added]
        );
        assert_eq!(
            changes[0].fields,
            [FieldChange {
                field: "span".into(),
                old: Some("0..10".into()),
                new: Some("0..12".into())
            }]
        );
        assert!(diff_document(&old, &old).is_empty());
    }
}
