//! Matching: a compiled pack × a document → mentions, rule matches, events.
//!
//! Per sentence: word ids and verb-group flags (`prepared`), mentions from
//! the lexicon and built-ins (`mentions`), entity rules in cascade order
//! adding mentions, event rules tried only when their anchor word occurs,
//! negation (`negation`), and the most specific match per event family and
//! trigger. No IO happens here.

pub mod mentions;
pub mod negation;
pub mod prepared;
pub mod vm;

use std::ops::Range;

use indexmap::IndexMap;

use crate::compile::CompiledPack;
use crate::compile::program::Voice;
use crate::document::Document;
use crate::event::{Argument, EventRecord};
use crate::lang::Pack;
use crate::lang::ast::NegationMode;
use crate::lang::pack::{CodePart, RuleId, RuleOutput};
use crate::text::{Sentence, Token, split_sentences, tokenize_into};
use mentions::{Mention, MentionSource, Mentions};
use prepared::Prepared;
use vm::{Found, Input, Progress, Vm};

/// How competing matches are ordered, best first: the longest, then the
/// highest priority, then the most specific event type, then the rule
/// written first, then active before passive.
type Rank = (
    std::cmp::Reverse<usize>,
    std::cmp::Reverse<i64>,
    std::cmp::Reverse<usize>,
    RuleId,
    bool,
);

fn rank(pack: &Pack, m: &RuleMatch) -> Rank {
    let rule = pack.rule(m.rule);
    let depth = match rule.output {
        RuleOutput::Event { event, .. } => pack.event_chain(event).len(),
        RuleOutput::Entity { .. } => 0,
    };
    (
        std::cmp::Reverse(m.end - m.start),
        std::cmp::Reverse(rule.priority),
        std::cmp::Reverse(depth),
        m.rule,
        m.voice == Voice::Passive,
    )
}

/// Why one competing match outranks another: the first criterion of
/// [`rank`] that tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutrankReason {
    /// A longer match, in tokens.
    Longer {
        winner: usize,
        loser: usize,
    },
    HigherPriority {
        winner: i64,
        loser: i64,
    },
    /// A more specific event type (deeper in the taxonomy).
    MoreSpecific,
    /// Its rule comes first in the pack.
    WrittenFirst,
    /// The active reading wins over the derived passive.
    Active,
}

/// Why `winner` outranks `loser` (two competing matches).
pub fn outrank_reason(pack: &Pack, winner: &RuleMatch, loser: &RuleMatch) -> OutrankReason {
    let (w, l) = (rank(pack, winner), rank(pack, loser));
    if w.0 != l.0 {
        OutrankReason::Longer {
            winner: winner.end - winner.start,
            loser: loser.end - loser.start,
        }
    } else if w.1 != l.1 {
        OutrankReason::HigherPriority {
            winner: w.1.0,
            loser: l.1.0,
        }
    } else if w.2 != l.2 {
        OutrankReason::MoreSpecific
    } else if w.3 != l.3 {
        OutrankReason::WrittenFirst
    } else {
        OutrankReason::Active
    }
}

/// One rule match and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatch {
    pub rule: RuleId,
    /// Index into `CompiledPack::programs`.
    pub program: usize,
    pub voice: Voice,
    /// Token range, sentence-relative.
    pub start: usize,
    pub end: usize,
    /// The mention bound to each slot (index into the sentence's mentions).
    pub slots: Vec<Option<u32>>,
    pub trigger: Option<usize>,
    pub negation_cue: Option<usize>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An entity rule match: it added a mention.
    BuiltMention,
    /// An event was emitted (possibly marked negated).
    Emitted,
    /// Negated, and its event type drops negated matches.
    Negated,
    /// A competing match of the same event family was more specific.
    Outranked { by: RuleId },
}

/// Everything the matcher saw in one sentence, for `explain` and tests.
#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    pub index: usize,
    pub sentence: Sentence,
    pub mentions: Vec<Mention>,
    pub matches: Vec<RuleMatch>,
}

/// How far each program of a rule got in each sentence of a document:
/// `(sentence, program, progress, matched)`, with the document's tokens and
/// sentences to read positions against.
#[derive(Debug, Clone)]
pub struct RuleTrace {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub attempts: Vec<(usize, usize, Progress, bool)>,
}

/// The result of matching one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentResult {
    pub events: Vec<EventRecord>,
    pub sentences: usize,
}

/// Reusable matching state; one per thread.
pub struct Matcher<'p> {
    pack: &'p CompiledPack,
    tokens: Vec<Token>,
    prepared: Prepared,
    mentions: Mentions,
    vm: Vm,
    found: Vec<Found>,
    stamps: Vec<u32>,
    generation: u32,
    /// Programs whose anchor occurs in the sentence, and the unanchored ones.
    candidates: Vec<u32>,
}

impl<'p> Matcher<'p> {
    pub fn new(pack: &'p CompiledPack) -> Matcher<'p> {
        Matcher {
            pack,
            tokens: Vec::new(),
            prepared: Prepared::default(),
            mentions: Mentions::default(),
            vm: Vm::default(),
            found: Vec::new(),
            stamps: vec![0; pack.programs.len()],
            generation: 0,
            candidates: Vec::new(),
        }
    }

    /// The events of a document.
    pub fn match_document(&mut self, doc: &Document) -> DocumentResult {
        self.run(doc, None)
    }

    /// The events of a document and, per sentence, everything seen on the way.
    pub fn analyze(
        &mut self,
        doc: &Document,
    ) -> (DocumentResult, Vec<Token>, Vec<SentenceAnalysis>) {
        let mut analyses = Vec::new();
        let result = self.run(doc, Some(&mut analyses));
        (result, self.tokens.clone(), analyses)
    }

    /// How far each program of `rule` got in each sentence: for explaining
    /// why a rule did not fire.
    pub fn trace_rule(&mut self, doc: &Document, rule: RuleId) -> RuleTrace {
        let mut traces = Vec::new();
        tokenize_into(&doc.text, &mut self.tokens);
        let sentences = split_sentences(&doc.text, &self.tokens);
        for (index, sentence) in sentences.iter().enumerate() {
            self.prepare_sentence(&doc.text, sentence);
            self.run_entity_rules(None);
            let slot_count = self.pack.pack.rule(rule).slots.len();
            for program in self.pack.rule_programs[rule.0 as usize].clone() {
                self.find(program, slot_count);
                traces.push((index, program, self.vm.progress, !self.found.is_empty()));
            }
        }
        RuleTrace {
            tokens: self.tokens.clone(),
            sentences,
            attempts: traces,
        }
    }

    fn run(
        &mut self,
        doc: &Document,
        mut analyses: Option<&mut Vec<SentenceAnalysis>>,
    ) -> DocumentResult {
        let mut result = DocumentResult::default();
        tokenize_into(&doc.text, &mut self.tokens);
        let sentences = split_sentences(&doc.text, &self.tokens);
        result.sentences = sentences.len();
        for (index, sentence) in sentences.iter().enumerate() {
            self.prepare_sentence(&doc.text, sentence);
            let mut matches = Vec::new();
            let keep = analyses.is_some();
            self.run_entity_rules(keep.then_some(&mut matches));
            self.run_event_rules(&mut matches);
            self.resolve(&mut matches);
            // Events in text order, so output does not depend on rule order.
            let mut emitted: Vec<&RuleMatch> = matches
                .iter()
                .filter(|m| m.outcome == Outcome::Emitted)
                .collect();
            emitted.sort_by_key(|m| (m.start, m.end, m.rule));
            for m in emitted {
                result.events.push(self.record(doc, index, sentence, m));
            }
            if let Some(analyses) = analyses.as_deref_mut() {
                analyses.push(SentenceAnalysis {
                    index,
                    sentence: sentence.clone(),
                    mentions: self.mentions.all.clone(),
                    matches,
                });
            }
        }
        result
    }

    fn prepare_sentence(&mut self, text: &str, sentence: &Sentence) {
        let tokens = &self.tokens[sentence.tokens.clone()];
        self.prepared.prepare(self.pack, text, tokens);
        self.mentions
            .find(self.pack, text, tokens, &self.prepared.encoded);
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamps.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
        self.candidates.clear();
        for &word in &self.prepared.words {
            for &program in &self.pack.anchored[word as usize] {
                if self.stamps[program as usize] != self.generation {
                    self.stamps[program as usize] = self.generation;
                    self.candidates.push(program);
                }
            }
        }
        // Programs are numbered in rule order; rules run in that order.
        self.candidates.extend_from_slice(&self.pack.unanchored);
        self.candidates.sort_unstable();
    }

    /// Whether a program can match this sentence: its anchor word occurs,
    /// and a mention exists for each slot every match binds.
    fn is_candidate(&self, program: usize) -> bool {
        let program_def = &self.pack.programs[program].1;
        let anchored = program_def.anchor.is_none() || self.stamps[program] == self.generation;
        anchored
            && program_def.required_slots.iter().all(|&table| {
                self.pack.accepted_types[table as usize]
                    .iter()
                    .any(|t| self.mentions.present[t.0 as usize])
            })
    }

    fn find(&mut self, program: usize, slot_count: usize) {
        let input = Input {
            pack: self.pack,
            prepared: &self.prepared,
            mentions: &self.mentions,
        };
        self.vm.find_all(
            &self.pack.programs[program].1,
            slot_count,
            &input,
            &mut self.found,
        );
    }

    /// Entity rules in cascade order; each sees the mentions of the rules
    /// before it, not its own.
    fn run_entity_rules(&mut self, mut matches: Option<&mut Vec<RuleMatch>>) {
        let pack = self.pack;
        for &rule in &pack.pack.entity_order {
            let def = pack.pack.rule(rule);
            let RuleOutput::Entity { ty, code } = &def.output else {
                continue;
            };
            let mut built = Vec::new();
            for program in pack.rule_programs[rule.0 as usize].clone() {
                if !self.is_candidate(program) {
                    continue;
                }
                self.find(program, def.slots.len());
                for found in &self.found {
                    let code = build_code(code, &found.slots, &self.mentions.all);
                    let guessed = found
                        .slots
                        .iter()
                        .flatten()
                        .any(|&m| self.mentions.all[m as usize].source.guessed());
                    built.push(Mention {
                        start: found.start,
                        end: found.end,
                        ty: *ty,
                        code,
                        value: None,
                        source: MentionSource::Entity { rule, guessed },
                    });
                    if let Some(matches) = matches.as_deref_mut() {
                        matches.push(self.rule_match(
                            rule,
                            program,
                            found,
                            None,
                            Outcome::BuiltMention,
                        ));
                    }
                }
            }
            for mention in built {
                self.mentions.add(mention);
            }
        }
    }

    /// Event rules in pack order, only those whose anchor occurs.
    fn run_event_rules(&mut self, matches: &mut Vec<RuleMatch>) {
        let pack = self.pack;
        let candidates = std::mem::take(&mut self.candidates);
        for &program in &candidates {
            let program = program as usize;
            let rule_id = pack.programs[program].0;
            let rule = pack.pack.rule(rule_id);
            let RuleOutput::Event { event, .. } = rule.output else {
                continue;
            };
            if !self.is_candidate(program) {
                continue;
            }
            self.find(program, rule.slots.len());
            let participles = pack.programs[program].1.participles;
            for found in &self.found {
                if negation::is_passive_clause(
                    pack,
                    &self.prepared,
                    &self.mentions,
                    found,
                    participles,
                ) {
                    continue;
                }
                let cue = negation::negation_cue(pack, &self.prepared, &self.mentions, found);
                let outcome = match (cue, pack.pack.event(event).negation) {
                    (Some(_), NegationMode::Suppress) => Outcome::Negated,
                    _ => Outcome::Emitted,
                };
                matches.push(self.rule_match(rule_id, program, found, cue, outcome));
            }
        }
        self.candidates = candidates;
    }

    fn rule_match(
        &self,
        rule: RuleId,
        program: usize,
        found: &Found,
        cue: Option<usize>,
        outcome: Outcome,
    ) -> RuleMatch {
        RuleMatch {
            rule,
            program,
            voice: self.pack.programs[program].1.voice,
            start: found.start,
            end: found.end,
            slots: found.slots.clone(),
            trigger: found.trigger,
            negation_cue: cue,
            outcome,
        }
    }

    /// Matches of one event family compete when they share their trigger
    /// token, or one holds the other's trigger (nested or overlapping
    /// matches of one event); only the most specific is
    /// emitted: the longest, then the highest priority, then the most
    /// specific event type, then the rule written first.
    fn resolve(&self, matches: &mut [RuleMatch]) {
        let pack = &self.pack.pack;
        let family = |m: &RuleMatch| match pack.rule(m.rule).output {
            RuleOutput::Event { event, .. } => Some(pack.event_family(event)),
            RuleOutput::Entity { .. } => None,
        };
        let compete = |a: &RuleMatch, b: &RuleMatch| {
            let (ta, tb) = (a.trigger.unwrap_or(a.start), b.trigger.unwrap_or(b.start));
            let holds = |m: &RuleMatch, t: usize| m.start <= t && t < m.end;
            family(a).is_some()
                && family(a) == family(b)
                && (ta == tb || holds(a, tb) || holds(b, ta))
        };
        let rank = |m: &RuleMatch| rank(pack, m);
        // Competing matches overlap, so a sweep over matches sorted by start
        // finds every pair while keeping only the still-open ones: linear in
        // matches plus competing pairs, even in a huge sentence.
        let mut order: Vec<usize> = (0..matches.len())
            .filter(|&i| matches!(matches[i].outcome, Outcome::Emitted | Outcome::Negated))
            .collect();
        order.sort_by_key(|&i| (matches[i].start, matches[i].end));
        let mut best: Vec<usize> = (0..matches.len()).collect();
        let mut open: Vec<usize> = Vec::new();
        for &i in &order {
            open.retain(|&j| matches[j].end > matches[i].start);
            for &j in &open {
                if compete(&matches[i], &matches[j]) {
                    for (a, b) in [(i, j), (j, i)] {
                        if (rank(&matches[b]), b) < (rank(&matches[best[a]]), best[a]) {
                            best[a] = b;
                        }
                    }
                }
            }
            open.push(i);
        }
        for &i in &order {
            if best[i] != i {
                matches[i].outcome = Outcome::Outranked {
                    by: matches[best[i]].rule,
                };
            }
        }
    }

    fn record(
        &self,
        doc: &Document,
        index: usize,
        sentence: &Sentence,
        m: &RuleMatch,
    ) -> EventRecord {
        let pack = &self.pack.pack;
        let rule = pack.rule(m.rule);
        let RuleOutput::Event { event, fields } = &rule.output else {
            unreachable!("only event rules emit records");
        };
        let def = pack.event(*event);
        let tokens = &self.tokens[sentence.tokens.clone()];
        let bytes = |range: Range<usize>| (tokens[range.start].start, tokens[range.end - 1].end);
        let mut args = IndexMap::new();
        for (field_index, field) in def.fields.iter().enumerate() {
            let Some(&(_, slot)) = fields.iter().find(|(f, _)| *f == field_index) else {
                continue;
            };
            let Some(mention) = m.slots[slot] else {
                continue;
            };
            let mention = &self.mentions.all[mention as usize];
            let (start, end) = bytes(mention.start..mention.end);
            args.insert(
                field.name.clone(),
                Argument {
                    text: doc.text[start..end].to_string(),
                    ty: pack.type_name(mention.ty).to_string(),
                    code: mention.code.clone(),
                    start,
                    end,
                    value: mention.value,
                },
            );
        }
        let (start, end) = bytes(m.start..m.end);
        EventRecord {
            doc: doc.id.clone(),
            sentence: index,
            event: def.name.clone(),
            label: def.label.clone(),
            isa: pack
                .event_chain(*event)
                .iter()
                .map(|e| pack.event(*e).name.clone())
                .collect(),
            code: def.code.clone(),
            rule: rule.name.clone(),
            start,
            end,
            text: doc.text[start..end].to_string(),
            negated: m.negation_cue.is_some(),
            args,
            date: doc.date.clone(),
            meta: doc.meta.clone(),
        }
    }
}

/// An entity rule's code: its parts joined; `None` when that is empty.
fn build_code(parts: &[CodePart], slots: &[Option<u32>], mentions: &[Mention]) -> Option<String> {
    let mut code = String::new();
    for part in parts {
        match part {
            CodePart::Literal(text) => code.push_str(text),
            CodePart::Slot(slot) => {
                if let Some(m) = slots[*slot] {
                    code.push_str(mentions[m as usize].code.as_deref().unwrap_or(""));
                }
            }
        }
    }
    (!code.is_empty()).then_some(code)
}
