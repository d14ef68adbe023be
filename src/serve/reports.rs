//! `/api/test` and `/api/explain` as JSON: the pack's examples with
//! pass/fail, the corpus snapshots that the current edit changes (each
//! with its diff), and how far a rule got on a text.

use serde::Serialize;

use super::views::{Location, MatchView, RunView};
use crate::compile::CompiledPack;
use crate::compile::program::Voice;
use crate::lang::pack::RuleId;
use crate::testing::examples::{
    self, ExampleReport, Outcome, ShownRecord, best_attempts, describe_progress,
};
use crate::testing::snapshot::{self, Comparison, Status};
use crate::testing::style::Style;
use crate::testing::trace::RuleProgress;

#[derive(Debug, Serialize)]
pub struct ExamplesView {
    pub passed: usize,
    pub failed: usize,
    pub todo: usize,
    pub fixed: usize,
    pub cases: Vec<CaseView>,
    /// True and false positives and false negatives per type.
    pub counts: Vec<CountView>,
}

#[derive(Debug, Serialize)]
pub struct CaseView {
    pub rule: String,
    /// `example` or `counterexample`.
    pub kind: &'static str,
    /// `passed`, `failed`, `todo` (a known miss) or `fixed` (remove `todo`).
    pub outcome: &'static str,
    pub text: String,
    /// The expected record in the rule language (`None`: any record).
    pub expected: Option<String>,
    /// What the rule produced.
    pub produced: Vec<String>,
    /// What other rules produced instead.
    pub others: Vec<OtherRecord>,
    /// For a failed example: how far each pattern got.
    pub how_far: Vec<String>,
    pub location: Location,
}

#[derive(Debug, Serialize)]
pub struct OtherRecord {
    pub rule: String,
    pub record: String,
}

#[derive(Debug, Serialize)]
pub struct CountView {
    #[serde(rename = "type")]
    pub ty: String,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

pub fn examples(compiled: &CompiledPack, report: &ExampleReport) -> ExamplesView {
    let pack = &compiled.pack;
    let cases = report
        .results
        .iter()
        .map(|result| {
            let case = &result.case;
            let rule = pack.rule(result.rule);
            CaseView {
                rule: rule.name.clone(),
                kind: if case.counter {
                    "counterexample"
                } else {
                    "example"
                },
                outcome: match result.outcome() {
                    Outcome::Passed => "passed",
                    Outcome::Failed => "failed",
                    Outcome::Todo => "todo",
                    Outcome::Fixed => "fixed",
                },
                text: case.text.clone(),
                expected: case.expected.as_ref().map(|e| {
                    ShownRecord {
                        rule: rule.name.clone(),
                        ty: e.type_name.clone(),
                        fields: e.fields.clone(),
                        negated: e.negated,
                        modality: e.modality.clone(),
                    }
                    .render()
                }),
                produced: result.produced.iter().map(ShownRecord::render).collect(),
                others: result
                    .others
                    .iter()
                    .map(|r| OtherRecord {
                        rule: r.rule.clone(),
                        record: r.render(),
                    })
                    .collect(),
                how_far: if result.produced.is_empty() {
                    best_attempts(&result.progress)
                        .into_iter()
                        .map(describe_progress)
                        .collect()
                } else {
                    Vec::new()
                },
                location: Location::of(pack, case.span),
            }
        })
        .collect();
    ExamplesView {
        passed: report.count(Outcome::Passed),
        failed: report.count(Outcome::Failed),
        todo: report.count(Outcome::Todo),
        fixed: report.count(Outcome::Fixed),
        cases,
        counts: report
            .counts
            .iter()
            .map(|(ty, c)| CountView {
                ty: ty.clone(),
                true_positives: c.true_positives,
                false_positives: c.false_positives,
                false_negatives: c.false_negatives,
            })
            .collect(),
    }
}

/// The corpus compared with the pack's snapshots: changed and new
/// documents in full, unchanged ones counted.
#[derive(Debug, Serialize)]
pub struct CorpusView {
    pub documents: usize,
    pub unchanged: usize,
    pub changes: Vec<ChangeView>,
    /// Corpus inputs that could not be read when the server started.
    pub failures: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub doc: String,
    /// The snapshot file, relative to the pack folder.
    pub snapshot: String,
    /// `new` or `changed`.
    pub status: &'static str,
    /// `-`/`+` line diff of the snapshot (for a new one, its text).
    pub diff: String,
    /// The snapshot as accepting would write it.
    pub text: String,
}

pub fn corpus(
    compiled: &CompiledPack,
    comparisons: &[Comparison],
    failures: Vec<String>,
) -> CorpusView {
    let root = &compiled.pack.root;
    let changes = comparisons
        .iter()
        .filter_map(|c| {
            let (status, diff) = match &c.status {
                Status::Unchanged => return None,
                Status::New => ("new", c.text.clone()),
                Status::Changed { old } => (
                    "changed",
                    snapshot::line_diff(old, &c.text, Style { color: false }),
                ),
                // Not read (a link, a FIFO, too large): accepting replaces it.
                Status::Unreadable { reason } => ("unreadable", format!("{reason}\n{}", c.text)),
            };
            Some(ChangeView {
                doc: c.doc.clone(),
                snapshot: c
                    .path
                    .strip_prefix(root)
                    .unwrap_or(&c.path)
                    .to_string_lossy()
                    .into_owned(),
                status,
                diff,
                text: c.text.clone(),
            })
        })
        .collect();
    CorpusView {
        documents: comparisons.len(),
        unchanged: comparisons
            .iter()
            .filter(|c| c.status == Status::Unchanged)
            .count(),
        changes,
        failures,
    }
}

/// `/api/explain`: `explain --rule` for the text, and the furthest each
/// pattern got in each sentence.
#[derive(Debug, Serialize)]
pub struct ExplainView {
    pub rule: String,
    pub location: Location,
    /// Records the rule emitted on the text.
    pub emitted: usize,
    /// Every match of the rule on the text and what became of it.
    pub matches: Vec<RuleMatchView>,
    /// What `explain --rule` says about this rule: that it matched, or
    /// how far it got.
    pub summary: String,
    /// The whole explanation as `evrule explain --rule` prints it.
    pub explanation: String,
    pub progress: Vec<ProgressView>,
}

#[derive(Debug, Serialize)]
pub struct RuleMatchView {
    pub sentence: usize,
    #[serde(flatten)]
    pub found: MatchView,
}

#[derive(Debug, Serialize)]
pub struct ProgressView {
    pub sentence: usize,
    /// From 1, as the rule is written.
    pub pattern: usize,
    pub voice: &'static str,
    pub matched: bool,
    pub reached: String,
    pub stopped_at: Option<String>,
    pub element: String,
    pub element_location: String,
    pub expected: String,
    pub description: String,
}

pub fn explain(
    compiled: &CompiledPack,
    rule: RuleId,
    run: &RunView,
    progress: &[RuleProgress],
) -> ExplainView {
    let pack = &compiled.pack;
    let def = pack.rule(rule);
    let explanation =
        crate::testing::explain::explain(compiled, &run.text, Some(rule), Style { color: false });
    let marker = format!("\nrule {} ", def.name);
    let summary = explanation.rfind(&marker).map_or_else(String::new, |at| {
        explanation[at + 1..].trim_end().to_string()
    });
    ExplainView {
        rule: def.name.clone(),
        location: Location::of(pack, def.span),
        emitted: run
            .events
            .iter()
            .filter(|e| e.record.rule == def.name)
            .count(),
        matches: run
            .sentences
            .iter()
            .flat_map(|s| {
                s.matches
                    .iter()
                    .filter(|m| m.rule == def.name)
                    .map(|m| RuleMatchView {
                        sentence: s.index,
                        found: m.clone(),
                    })
            })
            .collect(),
        summary,
        explanation,
        progress: progress
            .iter()
            .map(|p| ProgressView {
                sentence: p.sentence,
                pattern: p.pattern + 1,
                voice: match p.voice {
                    Voice::Active => "active",
                    Voice::Passive => "passive",
                },
                matched: p.matched,
                reached: p.reached.clone(),
                stopped_at: p.stopped_at.clone(),
                element: p.element.clone(),
                element_location: p.location.clone(),
                expected: p.expected.clone(),
                description: describe_progress(p),
            })
            .collect(),
    }
}

/// Runs every example and counterexample of the pack.
pub fn run_examples(compiled: &CompiledPack) -> ExamplesView {
    let report = examples::run_examples(compiled);
    self::examples(compiled, &report)
}
