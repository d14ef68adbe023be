//! Running a pack's own examples and counterexamples: per-rule pass/fail,
//! and true/false positives and negatives per event type.
//!
//! A case marked `todo` is a known miss: when it fails it is reported as
//! "todo" and does not fail the run; when it passes it is reported as
//! "fixed" so that the marker gets removed (Semgrep's `todoruleid`).

use std::collections::BTreeMap;

use super::style::Style;
use super::trace::{RuleProgress, describe_fate, trace};
use crate::compile::CompiledPack;
use crate::document::Document;
use crate::event::EventRecord;
use crate::lang::ast::RuleKind;
use crate::lang::pack::{CaseDef, ExpectedDef, RuleDef, RuleId};
use crate::matcher::Matcher;
use crate::matcher::mentions::MentionSource;

/// A record in the syntax of the language: `Type { field: "text", … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownRecord {
    pub rule: String,
    pub ty: String,
    pub fields: Vec<(String, String)>,
    pub negated: bool,
    pub modality: Option<String>,
}

impl ShownRecord {
    pub fn render(&self) -> String {
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|(n, v)| format!("{n}: {v:?}"))
            .collect();
        let body = if fields.is_empty() {
            String::new()
        } else {
            format!(" {{ {} }}", fields.join(", "))
        };
        let negated = if self.negated { " negated" } else { "" };
        let modality = self
            .modality
            .as_deref()
            .map(|m| format!(" {m}"))
            .unwrap_or_default();
        format!("{}{body}{negated}{modality}", self.ty)
    }

    fn from_event(event: &EventRecord) -> ShownRecord {
        ShownRecord {
            rule: event.rule.clone(),
            ty: event.event.clone(),
            fields: event
                .args
                .iter()
                .map(|(n, a)| (n.clone(), a.text.clone()))
                .collect(),
            negated: event.negated,
            modality: event.modality.clone(),
        }
    }

    /// Whether this record has the expected type, negation, and the
    /// expected text in every field the expectation names.
    fn satisfies(&self, expected: &ExpectedDef) -> bool {
        self.ty == expected.type_name
            && self.negated == expected.negated
            && self.modality == expected.modality
            && expected
                .fields
                .iter()
                .all(|(name, value)| self.fields.iter().any(|(n, v)| n == name && v == value))
    }
}

/// The outcome of one example or counterexample.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub rule: RuleId,
    pub case: CaseDef,
    /// Whether the rule did what the case expects (whatever `todo` says).
    pub passed: bool,
    /// What this rule produced on the text.
    pub produced: Vec<ShownRecord>,
    /// What other rules produced on the text.
    pub others: Vec<ShownRecord>,
    /// For a failed example: how far the rule got.
    pub progress: Vec<RuleProgress>,
}

/// What a case's result means for the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Passed,
    /// Failed, and not marked `todo`: fails the run.
    Failed,
    /// Failed, marked `todo`: a known miss.
    Todo,
    /// Passed, marked `todo`: the marker should go.
    Fixed,
}

impl CaseResult {
    pub fn outcome(&self) -> Outcome {
        match (self.passed, self.case.todo) {
            (true, false) => Outcome::Passed,
            (false, false) => Outcome::Failed,
            (false, true) => Outcome::Todo,
            (true, true) => Outcome::Fixed,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

#[derive(Debug, Clone, Default)]
pub struct ExampleReport {
    pub results: Vec<CaseResult>,
    /// Per event (or entity) type.
    pub counts: BTreeMap<String, Counts>,
}

impl ExampleReport {
    /// Cases that fail the run (failed and not marked `todo`).
    pub fn failed(&self) -> usize {
        self.count(Outcome::Failed)
    }

    pub fn count(&self, outcome: Outcome) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome() == outcome)
            .count()
    }
}

/// Runs every case of every rule of the pack.
pub fn run_examples(pack: &CompiledPack) -> ExampleReport {
    run_examples_of(pack, |_| true)
}

/// Runs the cases of the rules `selected` accepts (`evrule test --rule`,
/// `--filter`); the counts cover those cases only.
pub fn run_examples_of(pack: &CompiledPack, selected: impl Fn(&RuleDef) -> bool) -> ExampleReport {
    let mut matcher = Matcher::new(pack);
    let mut report = ExampleReport::default();
    for (index, rule) in pack.pack.rules.iter().enumerate() {
        if !selected(rule) {
            continue;
        }
        let rule_id = RuleId(index as u32);
        for case in &rule.cases {
            let records = produced(pack, &mut matcher, rule_id, case);
            let (produced, others): (Vec<ShownRecord>, Vec<ShownRecord>) =
                records.into_iter().partition(|r| r.rule == rule.name);
            let passed = match (&case.expected, case.counter) {
                (_, true) => produced.is_empty(),
                (Some(expected), false) => produced.iter().any(|r| r.satisfies(expected)),
                (None, false) => !produced.is_empty(),
            };
            count(
                &mut report.counts,
                rule_output_type(pack, rule_id),
                case,
                &produced,
                &others,
            );
            let progress = if passed || case.counter {
                Vec::new()
            } else {
                trace(pack, rule_id, &case.text)
            };
            report.results.push(CaseResult {
                rule: rule_id,
                case: case.clone(),
                passed,
                produced,
                others,
                progress,
            });
        }
    }
    report
}

fn rule_output_type(pack: &CompiledPack, rule: RuleId) -> String {
    match &pack.pack.rule(rule).output {
        crate::lang::pack::RuleOutput::Event { event, .. } => pack.pack.event(*event).name.clone(),
        crate::lang::pack::RuleOutput::Entity { ty, .. } => pack.pack.type_name(*ty).to_string(),
    }
}

/// Records on an example's text: events for event rules, built mentions
/// (`Type { text, code }`) for entity rules.
fn produced(
    pack: &CompiledPack,
    matcher: &mut Matcher,
    rule: RuleId,
    case: &CaseDef,
) -> Vec<ShownRecord> {
    let text = case.text.as_str();
    let doc = Document {
        date: case.date.map(|d| d.to_string()),
        ..Document::new("example", text)
    };
    if pack.pack.rule(rule).kind == RuleKind::Event {
        let result = matcher.match_document(&doc);
        return result.events.iter().map(ShownRecord::from_event).collect();
    }
    let (_, tokens, analyses) = matcher.analyze(&doc);
    let mut records = Vec::new();
    for analysis in &analyses {
        let sentence_tokens = &tokens[analysis.sentence.tokens.clone()];
        for mention in &analysis.mentions {
            let MentionSource::Entity { rule: builder, .. } = mention.source else {
                continue;
            };
            let start = sentence_tokens[mention.start].start;
            let end = sentence_tokens[mention.end - 1].end;
            let mut fields = vec![("text".to_string(), text[start..end].to_string())];
            if let Some(code) = &mention.code {
                fields.push(("code".to_string(), code.to_string()));
            }
            records.push(ShownRecord {
                rule: pack.pack.rule(builder).name.clone(),
                ty: pack.pack.type_name(mention.ty).to_string(),
                fields,
                negated: false,
                modality: None,
            });
        }
    }
    records
}

/// An example counts a true positive for its type when any rule produced
/// the expected record, else a false negative; every record of the rule's
/// type on a counterexample's text is a false positive.
fn count(
    counts: &mut BTreeMap<String, Counts>,
    ty: String,
    case: &CaseDef,
    produced: &[ShownRecord],
    others: &[ShownRecord],
) {
    let all = || produced.iter().chain(others);
    if case.counter {
        let false_positives = all().filter(|r| r.ty == ty).count();
        counts.entry(ty).or_default().false_positives += false_positives;
        return;
    }
    let (ty, found) = match &case.expected {
        Some(expected) => (
            expected.type_name.clone(),
            all().any(|r| r.satisfies(expected)),
        ),
        None => (ty.clone(), all().any(|r| r.ty == ty)),
    };
    let entry = counts.entry(ty).or_default();
    if found {
        entry.true_positives += 1;
    } else {
        entry.false_negatives += 1;
    }
}

/// The report: one line per rule, every failure (and every `todo` case)
/// in detail, the counts. `verbose` lists passing rules too, and shows
/// known misses in full.
pub fn render(report: &ExampleReport, pack: &CompiledPack, style: Style, verbose: bool) -> String {
    let mut out = String::new();
    let mut by_rule: BTreeMap<RuleId, Vec<&CaseResult>> = BTreeMap::new();
    for result in &report.results {
        by_rule.entry(result.rule).or_default().push(result);
    }
    for (rule, results) in &by_rule {
        let def = pack.pack.rule(*rule);
        let count = |outcome| results.iter().filter(|r| r.outcome() == outcome).count();
        let (failed, todo, fixed) = (
            count(Outcome::Failed),
            count(Outcome::Todo),
            count(Outcome::Fixed),
        );
        let examples = results.iter().filter(|r| !r.case.counter).count();
        let counters = results.len() - examples;
        if failed + todo + fixed == 0 && !verbose {
            continue;
        }
        let status = if failed > 0 {
            style.red("FAIL")
        } else if todo + fixed > 0 {
            style.yellow("TODO")
        } else {
            style.green("PASS")
        };
        let mut counts = format!("{examples} example{}", plural(examples));
        if counters > 0 {
            counts.push_str(&format!(", {counters} counterexample{}", plural(counters)));
        }
        let mut notes = Vec::new();
        if failed > 0 {
            notes.push(format!("{failed} failed"));
        }
        if todo > 0 {
            notes.push(format!("{todo} todo"));
        }
        if fixed > 0 {
            notes.push(format!("{fixed} fixed"));
        }
        if !notes.is_empty() {
            counts.push_str(&format!(": {}", notes.join(", ")));
        }
        out.push_str(&format!(
            "{status}  {:<28} {counts}  {}\n",
            def.name,
            style.dim(&pack.pack.sources.location(def.span))
        ));
    }
    for result in &report.results {
        let detail = match result.outcome() {
            Outcome::Passed => continue,
            Outcome::Failed => render_failure(result, pack, style, "", style.red("──")),
            Outcome::Todo if verbose => {
                render_failure(result, pack, style, " (todo)", style.yellow("──"))
            }
            Outcome::Todo => render_brief(result, pack, style, "todo, a known miss"),
            Outcome::Fixed => render_brief(result, pack, style, "fixed, remove `todo`"),
        };
        out.push('\n');
        out.push_str(&detail);
    }
    if !report.counts.is_empty() {
        out.push_str(&format!(
            "\n{:<34} {:>4} {:>4} {:>4}\n",
            "type", "TP", "FP", "FN"
        ));
        for (ty, c) in &report.counts {
            out.push_str(&format!(
                "{:<34} {:>4} {:>4} {:>4}\n",
                ty, c.true_positives, c.false_positives, c.false_negatives
            ));
        }
    }
    let total = report.results.len();
    let failed = report.failed();
    let mut summary = format!(
        "\n{} rules with cases, {total} cases: {} passed, {failed} failed",
        by_rule.len(),
        report.count(Outcome::Passed)
    );
    for (outcome, what) in [(Outcome::Todo, "todo"), (Outcome::Fixed, "fixed")] {
        let n = report.count(outcome);
        if n > 0 {
            summary.push_str(&format!(", {n} {what}"));
        }
    }
    summary.push('\n');
    out.push_str(&if failed == 0 {
        style.green(&summary)
    } else {
        style.red(&summary)
    });
    out
}

/// A `todo` case in two lines: where it is, what became of it, its text.
fn render_brief(result: &CaseResult, pack: &CompiledPack, style: Style, note: &str) -> String {
    let rule = pack.pack.rule(result.rule);
    format!(
        "{} {} {} at {}: {note}\n   text      {}\n",
        style.yellow("──"),
        style.bold(&rule.name),
        case_kind(&result.case),
        pack.pack.sources.location(result.case.span),
        result.case.text
    )
}

fn case_kind(case: &CaseDef) -> &'static str {
    if case.counter {
        "counterexample"
    } else {
        "example"
    }
}

fn render_failure(
    result: &CaseResult,
    pack: &CompiledPack,
    style: Style,
    note: &str,
    rule_mark: String,
) -> String {
    let rule = pack.pack.rule(result.rule);
    let kind = case_kind(&result.case);
    let mut out = format!(
        "{rule_mark} {} {kind} at {}{note}\n",
        style.bold(&rule.name),
        pack.pack.sources.location(result.case.span)
    );
    out.push_str(&format!("   text      {}\n", result.case.text));
    if result.case.counter {
        for record in &result.produced {
            out.push_str(&format!(
                "   {}  {}\n",
                style.red("matched "),
                record.render()
            ));
        }
        return out;
    }
    let expected = result.case.expected.as_ref().map(|e| ShownRecord {
        rule: rule.name.clone(),
        ty: e.type_name.clone(),
        fields: e.fields.clone(),
        negated: e.negated,
        modality: e.modality.clone(),
    });
    match &expected {
        Some(expected) => out.push_str(&format!("   expected  {}\n", expected.render())),
        None => out.push_str("   expected  any record from this rule\n"),
    }
    if result.produced.is_empty() {
        out.push_str(&format!(
            "   actual    {}\n",
            style.dim("nothing from this rule")
        ));
    }
    for record in &result.produced {
        out.push_str(&format!("   actual    {}\n", record.render()));
        if let Some(expected) = &expected {
            out.push_str(&field_diff(expected, record, style));
        }
    }
    for record in &result.others {
        out.push_str(&format!(
            "   fired instead: {} → {}\n",
            record.rule,
            record.render()
        ));
    }
    if result.produced.is_empty() {
        for progress in best_attempts(&result.progress) {
            out.push_str(&format!(
                "   how far it got: {}\n",
                describe_progress(progress)
            ));
        }
    }
    out
}

/// `- field: "expected"` / `+ field: "actual"` lines for the fields that differ.
fn field_diff(expected: &ShownRecord, actual: &ShownRecord, style: Style) -> String {
    let mut out = String::new();
    let mut line = |text: String, sign: char| {
        let painted = if sign == '-' {
            style.red(&text)
        } else {
            style.green(&text)
        };
        out.push_str(&format!("     {painted}\n"));
    };
    if expected.ty != actual.ty {
        line(format!("- type: {}", expected.ty), '-');
        line(format!("+ type: {}", actual.ty), '+');
    }
    for (name, value) in &expected.fields {
        let got = actual
            .fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v);
        if got != Some(value) {
            line(format!("- {name}: {value:?}"), '-');
            if let Some(got) = got {
                line(format!("+ {name}: {got:?}"), '+');
            }
        }
    }
    if expected.negated != actual.negated {
        line(format!("- negated: {}", expected.negated), '-');
        line(format!("+ negated: {}", actual.negated), '+');
    }
    if expected.modality != actual.modality {
        let shown = |m: &Option<String>| m.clone().unwrap_or_else(|| "none".to_string());
        line(format!("- modality: {}", shown(&expected.modality)), '-');
        line(format!("+ modality: {}", shown(&actual.modality)), '+');
    }
    out
}

/// Per pattern and voice, the attempt that got furthest.
pub fn best_attempts(progress: &[RuleProgress]) -> Vec<&RuleProgress> {
    let mut best: BTreeMap<(usize, bool), &RuleProgress> = BTreeMap::new();
    for p in progress {
        let key = (
            p.pattern,
            p.voice == crate::compile::program::Voice::Passive,
        );
        let better = best
            .get(&key)
            .is_none_or(|b| (p.pc, p.tokens) > (b.pc, b.tokens));
        if better {
            best.insert(key, p);
        }
    }
    best.into_values().collect()
}

/// "pattern 1 (active) matched «…» then stopped at «x»: expected … (file:line:col `element`)"
pub fn describe_progress(p: &RuleProgress) -> String {
    let voice = match p.voice {
        crate::compile::program::Voice::Active => "active",
        crate::compile::program::Voice::Passive => "passive",
    };
    let reached = if p.reached.is_empty() {
        "matched nothing".to_string()
    } else {
        format!("matched «{}»", p.reached)
    };
    if let Some(fate) = &p.fate {
        return format!(
            "pattern {} ({voice}) {reached}; {}",
            p.pattern + 1,
            describe_fate(fate)
        );
    }
    let stopped = match &p.stopped_at {
        Some(token) => format!("stopped at «{token}»"),
        None => "reached the end of the sentence".to_string(),
    };
    format!(
        "pattern {} ({voice}) {reached}, then {stopped}: `{}` wants {} ({})",
        p.pattern + 1,
        p.element,
        p.expected,
        p.location
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
