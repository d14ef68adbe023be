//! Matching: a compiled pack × a document → mentions, rule matches, events.
//!
//! Per sentence: word ids and verb-group flags (`prepared`), mentions from
//! the lexicon and built-ins (`mentions`), entity rules in cascade order
//! adding mentions, event rules tried only when their anchor word occurs,
//! negation (`negation`), and the most specific match per event family and
//! trigger. No IO happens here.

mod candidates;
pub mod category;
mod fill;
pub mod mentions;
pub mod modality;
pub mod negation;
pub mod phrases;
pub mod prepared;
mod pronouns;
pub mod starts;
pub mod token_lists;
pub mod verbs;
pub mod vm;

use std::ops::Range;
use std::sync::Arc;

use indexmap::IndexMap;

use crate::compile::CompiledPack;
use crate::compile::features::DISCARD_GUARD;
use crate::compile::program::Voice;
use crate::compile::vocab::WordId;
use crate::compile::words::WordSetId;
use crate::document::Document;
use crate::event::{Argument, EventRecord, TextSpan};
use crate::lang::Pack;
use crate::lang::ast::{CompeteMode, CompoundMode, DiscardScope, NegationMode};
use crate::lang::date::Date;
use crate::lang::pack::{CodePart, RuleId, RuleOutput};
use crate::text::{Sentence, Token, split_sentences, tokenize_into};
use category::Reading;
use mentions::{Mention, MentionSource, Mentions};
use modality::Modality;
use phrases::Phrases;
use prepared::Prepared;
use starts::SlotStarts;
use verbs::VerbChains;
use vm::{Bound, Conjunct, Found, Input, Progress, Vm};

/// Most records one match makes from its compounds ("A and B attacked C
/// and D" makes four).
pub const MAX_RECORDS_PER_MATCH: usize = 16;

/// How competing matches are ordered, best first: the longest, then the
/// one whose slots read fewer mentions cut short (see
/// [`RuleMatch::cut_short`]), then the
/// highest priority (or the other way round in a family that says
/// `compete priority`), then the most specific event type, then (in a
/// `compete priority` family) the earlier verb, then the rule written
/// first, then active before passive.
type Rank = (
    std::cmp::Reverse<Length>,
    usize,
    std::cmp::Reverse<i64>,
    std::cmp::Reverse<Length>,
    std::cmp::Reverse<usize>,
    usize,
    std::cmp::Reverse<usize>,
    RuleId,
    bool,
);

/// A match's length in tokens.
type Length = usize;

fn rank(pack: &Pack, m: &RuleMatch) -> Rank {
    let rule = pack.rule(m.rule);
    let (depth, compete) = match rule.output {
        RuleOutput::Event { event, .. } => {
            (pack.event_chain(event).len(), pack.event(event).compete)
        }
        RuleOutput::Entity { .. } => (0, CompeteMode::Longest),
    };
    // The length is compared before the priority or right after it; in a
    // dictionary-like family, the verb a later one complements wins over it
    // ("abandoned efforts to stop"), as PETRARCH codes the upper verb.
    let (longest_first, longest_then, first_verb) = match compete {
        CompeteMode::Longest => (m.own_length(), 0, 0),
        CompeteMode::Priority => (0, m.own_length(), m.trigger.unwrap_or(usize::MAX)),
    };
    (
        std::cmp::Reverse(longest_first),
        m.cut_short,
        std::cmp::Reverse(rule.priority),
        std::cmp::Reverse(longest_then),
        std::cmp::Reverse(depth),
        first_verb,
        // Of two readings alike in all else, the one that says more ("X
        // in Z dispersed": a location); a derived reading of a slot's
        // modifier skips words a pattern as written may bind.
        std::cmp::Reverse(m.slots.iter().flatten().count()),
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
    /// Its slots read whole mentions where the other's read the end of a
    /// longer one ("men" in "unidentified armed men").
    WholerMentions,
    HigherPriority {
        winner: i64,
        loser: i64,
    },
    /// A more specific event type (deeper in the taxonomy).
    MoreSpecific,
    /// Its verb comes first: the verb a later one complements ("abandoned
    /// efforts to stop").
    EarlierVerb,
    /// It fills more of its slots.
    MoreArguments,
    /// Its rule comes first in the pack.
    WrittenFirst,
    /// The active reading wins over the derived passive.
    Active,
}

/// Why `winner` outranks `loser` (two competing matches).
pub fn outrank_reason(pack: &Pack, winner: &RuleMatch, loser: &RuleMatch) -> OutrankReason {
    let (w, l) = (rank(pack, winner), rank(pack, loser));
    let longer = || OutrankReason::Longer {
        winner: winner.own_length(),
        loser: loser.own_length(),
    };
    if w.0 != l.0 {
        longer()
    } else if w.1 != l.1 {
        OutrankReason::WholerMentions
    } else if w.2 != l.2 {
        OutrankReason::HigherPriority {
            winner: w.2.0,
            loser: l.2.0,
        }
    } else if w.3 != l.3 {
        longer()
    } else if w.4 != l.4 {
        OutrankReason::MoreSpecific
    } else if w.5 != l.5 {
        OutrankReason::EarlierVerb
    } else if w.6 != l.6 {
        OutrankReason::MoreArguments
    } else if w.7 != l.7 {
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
    /// What each slot bound: mentions (indices into the sentence's
    /// mentions) and the phrases around them.
    pub slots: Vec<Option<Bound>>,
    pub trigger: Option<usize>,
    /// Where the words of its own clause start when the match read a
    /// coordinated verb phrase (see [`Found::group_start`]).
    pub group_start: Option<usize>,
    pub negation_cue: Option<usize>,
    /// The modality cue (token) and the modality it gives, if any.
    pub modality: Option<(usize, Modality)>,
    /// How many of its slots' mentions are cut short: the end of a longer
    /// mention that starts inside the slot's phrase ("men" read as
    /// civilians in "unidentified armed men", a listed armed group). Of
    /// two competing matches alike in length, the one with fewer reads
    /// the sentence's names as the lexicon lists them.
    pub cut_short: usize,
    pub outcome: Outcome,
}

/// `distinct a, b`: the two fields when both hold the same code (an
/// actor's event with itself, which writes no record); `code` gives a
/// field's code, by index.
pub fn same_actor<'a>(
    def: &crate::lang::pack::EventDef,
    code: impl Fn(usize) -> Option<&'a str>,
) -> Option<(usize, usize)> {
    let (a, b) = def.distinct?;
    let first = code(a)?;
    (Some(first) == code(b)).then_some((a, b))
}

impl RuleMatch {
    /// Its length in tokens as competing matches compare it: a match that
    /// read a coordinated verb phrase counts its subject and its own
    /// clause, not the first verb's phrase between them ("X stopped a bus
    /// on the road and executed Y" is no longer for it than a pattern
    /// written for the whole sentence).
    pub fn own_length(&self) -> usize {
        let Some(group_start) = self.group_start else {
            return self.end - self.start;
        };
        let subject = self
            .slots
            .iter()
            .flatten()
            .filter(|bound| bound.start == self.start)
            .map(|bound| bound.end - bound.start)
            .max()
            .unwrap_or(0);
        subject + (self.end - group_start)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An entity rule match: it added a mention.
    BuiltMention,
    /// An event was emitted (possibly marked negated).
    Emitted,
    /// Negated, and its event type drops negated matches.
    Negated,
    /// Held back by a modality cue ("plans to attack"), and its event
    /// type drops such matches.
    HeldBack,
    /// A competing match of the same event family was more specific.
    Outranked { by: RuleId },
}

/// Everything the matcher saw in one sentence, for `explain` and tests.
#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    pub index: usize,
    pub sentence: Sentence,
    /// A discard phrase in this sentence: then no event rule ran.
    pub discard: Option<DiscardHit>,
    /// The reading of every token (noun, verb, or open).
    pub readings: Vec<Reading>,
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
    /// Indices of sentences cut short at the sentence cap
    /// ([`crate::text::MAX_SENTENCE_TOKENS`]), each continued by the next.
    pub cut_sentences: Vec<usize>,
    /// The document discard phrase that stopped coding the document (its
    /// events are dropped), if any.
    pub discarded: Option<DiscardHit>,
    /// Sentences a sentence discard phrase kept from being coded.
    pub discarded_sentences: usize,
}

/// Where a discard phrase was found: which (index into the pack's
/// discards), in which sentence, at which token (sentence-relative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscardHit {
    pub discard: u32,
    pub sentence: usize,
    pub token: usize,
}

/// The searches of one group of programs of one shape in a sentence.
#[derive(Default)]
struct SharedSearches {
    /// The sentence (generation) of the first `used` entries.
    generation: u32,
    used: usize,
    /// Per search: the program searched, and its matches. Entries past
    /// `used` keep their buffers for later sentences.
    entries: Vec<(u32, Vec<Found>)>,
}

/// Reusable matching state; one per thread.
pub struct Matcher<'p> {
    pack: &'p CompiledPack,
    tokens: Vec<Token>,
    prepared: Prepared,
    mentions: Mentions,
    phrases: Phrases,
    readings: Vec<Reading>,
    chains: VerbChains,
    slot_starts: SlotStarts,
    vm: Vm,
    found: Vec<Found>,
    /// Per gate group (`Gates::groups`), the last sentence (generation)
    /// one of its anchor words occurred in.
    stamps: Vec<u32>,
    /// Per gate group stamped in this sentence, the last token that is one
    /// of its anchor words: no match starts after it.
    last_anchor: Vec<u32>,
    /// The gate groups stamped in this sentence.
    anchored_groups: Vec<u32>,
    generation: u32,
    /// Per required word set, the last sentence (generation) one of whose
    /// words held a word of it.
    word_sets_present: Vec<u32>,
    /// Per required word set present in this sentence, its last token.
    last_in_set: Vec<u32>,
    /// Per group of programs of one shape (`Program::shared`), the searches
    /// of this sentence.
    shared_found: Vec<SharedSearches>,
    /// Per word set, the last sentence (generation) its presence was
    /// computed for as a program's variant, and whether a word holds it.
    variant_present: Vec<(u32, bool)>,
    /// Per word id, the last sentence (generation) it occurred in: a small
    /// set's presence is a few loads, not a test of every token.
    word_seen: Vec<u32>,
    /// Scratch: the event programs that pass their gate, in order.
    candidates: Vec<u32>,
    /// Scratch: the sentence's candidates as they are marked.
    candidate_set: candidates::CandidateSet,
    /// The date of the document being matched, for dated lexicon rows.
    date: Option<Date>,
}

impl<'p> Matcher<'p> {
    pub fn new(pack: &'p CompiledPack) -> Matcher<'p> {
        Matcher {
            pack,
            tokens: Vec::new(),
            prepared: Prepared::default(),
            mentions: Mentions::default(),
            phrases: Phrases::default(),
            readings: Vec::new(),
            chains: VerbChains::default(),
            slot_starts: SlotStarts::default(),
            vm: Vm::default(),
            found: Vec::new(),
            stamps: vec![0; pack.gates.groups.len()],
            last_anchor: vec![0; pack.gates.groups.len()],
            anchored_groups: Vec::new(),
            generation: 0,
            word_sets_present: Vec::new(),
            last_in_set: Vec::new(),
            shared_found: Vec::new(),
            variant_present: Vec::new(),
            word_seen: vec![0; pack.vocab.len()],
            candidates: Vec::new(),
            candidate_set: candidates::CandidateSet::default(),
            date: None,
        }
    }

    /// Matching work done so far (states explored by the VM), and the
    /// bytes its visited set holds: for tests of the cost bounds.
    pub fn work(&self) -> (u64, usize) {
        (self.vm.steps, self.vm.visited_bytes())
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
        self.vm.track_progress = true;
        self.date = doc.date.as_deref().and_then(Date::from_document);
        tokenize_into(&doc.text, &mut self.tokens);
        let sentences = split_sentences(&doc.text, &self.tokens);
        for (index, sentence) in sentences.iter().enumerate() {
            self.prepare_sentence(&doc.text, sentence);
            self.run_entity_rules(None);
            pronouns::add_speaker_pronouns(&self.prepared, &mut self.mentions);
            self.build_phrases();
            let slot_count = self.pack.pack.rule(rule).slots.len();
            for program in self.pack.rule_programs[rule.0 as usize].clone() {
                self.find(program, slot_count);
                traces.push((index, program, self.vm.progress, !self.found.is_empty()));
            }
        }
        self.vm.track_progress = false;
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
        self.date = doc.date.as_deref().and_then(Date::from_document);
        tokenize_into(&doc.text, &mut self.tokens);
        let sentences = split_sentences(&doc.text, &self.tokens);
        result.sentences = sentences.len();
        result.cut_sentences = (0..sentences.len()).filter(|&i| sentences[i].cut).collect();
        for (index, sentence) in sentences.iter().enumerate() {
            self.prepare_sentence(&doc.text, sentence);
            // Only a sentence with a guard word can hold a discard phrase.
            let discard = if self.prepared.any & DISCARD_GUARD != 0 {
                let discards = &self.pack.discards;
                discards.find(&self.prepared.words, &self.pack.pack.discards)
            } else {
                None
            };
            let discard = discard.map(|(discard, token)| DiscardHit {
                discard,
                sentence: index,
                token,
            });
            let mut matches = Vec::new();
            let keep = analyses.is_some();
            self.run_entity_rules(keep.then_some(&mut matches));
            pronouns::add_speaker_pronouns(&self.prepared, &mut self.mentions);
            self.build_phrases();
            if let Some(hit) = discard {
                if let Some(analyses) = analyses.as_deref_mut() {
                    analyses.push(SentenceAnalysis {
                        index,
                        sentence: sentence.clone(),
                        discard,
                        readings: self.readings.clone(),
                        mentions: self.mentions.all.clone(),
                        matches,
                    });
                }
                match self.pack.pack.discards[hit.discard as usize].scope {
                    DiscardScope::Document => {
                        result.events.clear();
                        result.discarded = Some(hit);
                        break;
                    }
                    DiscardScope::Sentence => {
                        result.discarded_sentences += 1;
                        continue;
                    }
                }
            }
            self.run_event_rules(&mut matches);
            self.resolve(&mut matches);
            // Events in text order, so output does not depend on rule order.
            let mut emitted: Vec<&RuleMatch> = matches
                .iter()
                .filter(|m| m.outcome == Outcome::Emitted)
                .collect();
            emitted.sort_by_key(|m| (m.start, m.end, m.rule));
            for m in emitted {
                self.records(doc, index, sentence, m, &mut result.events);
            }
            if let Some(analyses) = analyses.as_deref_mut() {
                analyses.push(SentenceAnalysis {
                    index,
                    sentence: sentence.clone(),
                    discard: None,
                    readings: self.readings.clone(),
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
            .find(self.pack, text, tokens, &self.prepared, self.date);
        // Until the cascade has run, the sentence has no phrases (not the
        // previous sentence's): a `^` in an entity rule takes word runs only.
        self.phrases.clear(tokens.len());
        self.slot_starts.new_sentence();
        self.read_words();
        self.anchored_groups.clear();
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamps.iter_mut().for_each(|s| *s = 0);
            self.word_sets_present.iter_mut().for_each(|s| *s = 0);
            self.shared_found.iter_mut().for_each(|s| s.generation = 0);
            self.variant_present.iter_mut().for_each(|s| s.0 = 0);
            self.word_seen.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
        if self.word_sets_present.len() < self.pack.sets.len() {
            self.word_sets_present.resize(self.pack.sets.len(), 0);
            self.last_in_set.resize(self.pack.sets.len(), 0);
        }
        for (at, &word) in self.prepared.words.iter().enumerate() {
            if let Some(seen) = self.word_seen.get_mut(word as usize) {
                *seen = self.generation;
            }
            for &set in self.pack.required_sets.get(word) {
                self.word_sets_present[set as usize] = self.generation;
                self.last_in_set[set as usize] = at as u32;
            }
            for &group in self.pack.anchored.get(word) {
                let stamp = &mut self.stamps[group as usize];
                if *stamp != self.generation {
                    *stamp = self.generation;
                    self.anchored_groups.push(group);
                }
                self.last_anchor[group as usize] = at as u32;
            }
        }
    }

    /// The reading of every word and the chains of coordinated verbs,
    /// from the words and the mentions the lexicon and built-ins found.
    fn read_words(&mut self) {
        use crate::compile::features::{
            ARTICLE, CAPITALIZED, DETERMINER, ED_SUFFIX, EVENT_ADJECTIVE, HYPHEN, NUMERIC, PAST,
            POSSESSIVE, PREPOSITION, SPEECH_VERB, VERB_GROUP,
        };
        let n = self.prepared.len();
        let mut before = vec![category::Before::default(); n + 1];
        for m in &self.mentions.all {
            let ends = &mut before[m.end];
            if m.ty == crate::lang::pack::NUMBER {
                ends.number = true;
                continue;
            }
            ends.mention = true;
            // "an anti-Gondor parade": a name after a hyphen is part of a
            // word that describes the next.
            let opens_phrase = DETERMINER
                | ARTICLE
                | PREPOSITION
                | POSSESSIVE
                | NUMERIC
                | EVENT_ADJECTIVE
                | HYPHEN;
            let one_word_after =
                |bits| m.end - m.start == 1 && m.start > 0 && self.prepared.has(m.start - 1, bits);
            // "chanted regime slogans": a word right after a verb's
            // object names more of that object; it is not the object's
            // own verb.
            let object_of_past = one_word_after(PAST | ED_SUFFIX)
                && !self.prepared.has(m.start - 1, SPEECH_VERB | VERB_GROUP);
            if (one_word_after(opens_phrase) && self.prepared.has(m.start, CAPITALIZED))
                || object_of_past
            {
                ends.modifier = true;
            }
        }
        category::read_sentence(&self.prepared, &before, &mut self.readings);
        self.chains.build(&self.prepared, &self.readings);
    }

    /// Whether a program can match this sentence: its anchor word occurs,
    /// a mention exists for each slot every match binds, and a word of
    /// each of its other required word sets occurs.
    fn is_candidate(&self, program: usize) -> bool {
        let gate = &self.pack.gates.gates[program];
        let group = gate.group as usize;
        (!gate.anchored || self.stamps[group] == self.generation) && self.group_passes(group)
    }

    /// Whether the programs of a gate group whose anchor occurs (or that
    /// have none) can match this sentence: a mention exists for each slot
    /// every match binds, and a word of each other required word set.
    fn group_passes(&self, group: usize) -> bool {
        let gates = &self.pack.gates;
        let group = &gates.groups[group];
        // Required words first: they turn most candidates away.
        gates
            .word_sets(group)
            .iter()
            .all(|&set| self.word_set_present(WordSetId(set)))
            && gates.slot_tables(group).iter().all(|&table| {
                self.mentions
                    .any_present(&self.pack.accepted_masks[table as usize])
            })
    }

    /// The event programs that pass their gate, in program order, into
    /// `self.candidates`: each gate group stamped or unanchored is tested
    /// once, and only one that passes marks its programs.
    fn event_candidates(&mut self) {
        let pack = self.pack;
        self.candidate_set.reserve(pack.programs.len());
        let groups = self.anchored_groups.iter().chain(&pack.unanchored);
        for &group in groups {
            let def = &pack.gates.groups[group as usize];
            if def.is_event && self.group_passes(group as usize) {
                for &program in pack.gates.members(def) {
                    self.candidate_set.mark(program);
                }
            }
        }
        self.candidates.clear();
        self.candidate_set.drain_into(&mut self.candidates);
    }

    /// The token before which a program's searches start: a match holds a
    /// word of its anchor set and of each of its other required word sets,
    /// so it starts no later than the last of each in the sentence.
    /// `explain` reports how far every start got, so it tries them all.
    fn starts_before(&self, program: usize) -> usize {
        if self.vm.track_progress {
            return usize::MAX;
        }
        let gates = &self.pack.gates;
        let gate = &gates.gates[program];
        let group = gate.group as usize;
        let mut before = usize::MAX;
        if gate.anchored && self.stamps[group] == self.generation {
            before = self.last_anchor[group] as usize + 1;
        }
        for &set in gates.word_sets(&gates.groups[group]) {
            if self.word_set_present(WordSetId(set)) {
                before = before.min(self.last_in_set[set as usize] as usize + 1);
            }
        }
        before
    }

    /// Whether a word of the set (a program's required word set) occurs
    /// in the sentence.
    fn word_set_present(&self, set: WordSetId) -> bool {
        self.word_sets_present.get(set.0 as usize) == Some(&self.generation)
    }

    /// The noun phrases around the sentence's mentions, once the entity
    /// cascade has built them all.
    fn build_phrases(&mut self) {
        self.phrases.build(&self.prepared, &self.mentions);
        self.slot_starts.phrases_changed();
    }

    fn find(&mut self, program: usize, slot_count: usize) {
        let starts_before = self.starts_before(program);
        let program_def = &self.pack.programs[program].1;
        let starts = program_def.first.as_ref().map(|first| {
            let input = (
                self.pack,
                &self.prepared,
                &self.chains,
                &self.mentions,
                &self.phrases,
            );
            self.slot_starts
                .program_starts(input, first, program_def.binds)
        });
        let input = Input {
            pack: self.pack,
            prepared: &self.prepared,
            mentions: &self.mentions,
            phrases: &self.phrases,
            readings: &self.readings,
            chains: &self.chains,
        };
        self.vm.find_all(
            program_def,
            slot_count,
            &input,
            starts,
            starts_before,
            &mut self.found,
        );
    }

    /// [`Self::find`] for an event program: a program of a group of one
    /// shape ([`crate::compile::program::Program::shared`]) reuses the
    /// matches of a program of its group already searched in this sentence
    /// that searches alike ([`Self::search_alike`]).
    fn find_event(&mut self, program: usize, slot_count: usize) {
        let Some(group) = self.pack.programs[program].1.shared else {
            self.find(program, slot_count);
            return;
        };
        let group = group as usize;
        if self.shared_found.len() <= group {
            self.shared_found.resize_with(group + 1, Default::default);
        }
        let searches = &mut self.shared_found[group];
        if searches.generation != self.generation {
            searches.generation = self.generation;
            searches.used = 0;
        }
        for index in 0..searches.used {
            let other = self.shared_found[group].entries[index].0;
            if self.search_alike(program, other as usize) {
                self.found
                    .clone_from(&self.shared_found[group].entries[index].1);
                return;
            }
        }
        self.find(program, slot_count);
        let searches = &mut self.shared_found[group];
        if searches.used == searches.entries.len() {
            searches.entries.push(Default::default());
        }
        let (searched, found) = &mut searches.entries[searches.used];
        *searched = program as u32;
        found.clone_from(&self.found);
        searches.used += 1;
    }

    /// Whether two programs of one shape find the same matches in this
    /// sentence: where their word sets differ, no word of the sentence is
    /// in either. Most sentences search one program of a group, and test
    /// no set.
    fn search_alike(&mut self, a: usize, b: usize) -> bool {
        let pack = self.pack;
        let (a, b) = (&pack.programs[a].1.variants, &pack.programs[b].1.variants);
        a.iter()
            .zip(b)
            .all(|(&x, &y)| x == y || !(self.variant_in_sentence(x) || self.variant_in_sentence(y)))
    }

    /// Whether a word of the sentence is in the set (a program's variant),
    /// computed once per sentence and set.
    fn variant_in_sentence(&mut self, set: WordSetId) -> bool {
        let index = set.0 as usize;
        if self.variant_present.len() <= index {
            self.variant_present.resize(index + 1, (0, false));
        }
        let (generation, present) = self.variant_present[index];
        if generation == self.generation {
            return present;
        }
        // The set's words are sorted: a large set is searched per token
        // (not with `WordSets::contains`, which the VM's loops need inlined).
        let words = self.pack.sets.get(set);
        let present = if words.len() <= 4 * self.prepared.len() {
            let seen = |&word: &WordId| self.word_seen.get(word as usize) == Some(&self.generation);
            words.iter().any(seen)
        } else {
            (self.prepared.words.iter()).any(|word| words.binary_search(word).is_ok())
        };
        self.variant_present[index] = (self.generation, present);
        present
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
            let mut built: Vec<Vec<Mention>> = Vec::new();
            for program in pack.rule_programs[rule.0 as usize].clone() {
                if !self.is_candidate(program) {
                    continue;
                }
                self.find(program, def.slots.len());
                for found in &self.found {
                    // A compound in a slot ("Russian and Syrian jets")
                    // builds one mention per part over the whole span, and
                    // one over each part's own words ("Russian", "Syrian
                    // jets"), so that a pair pattern (`X and Y`) can still
                    // take the parts apart.
                    let compound_slot = {
                        let mut compounds = found
                            .slots
                            .iter()
                            .enumerate()
                            .filter(|(_, b)| b.as_ref().is_some_and(|b| b.conjuncts.len() > 1));
                        match (compounds.next(), compounds.next()) {
                            (Some((slot, _)), None) => Some(slot),
                            _ => None,
                        }
                    };
                    let mut whole = Vec::new();
                    let mut own = Vec::new();
                    for chosen in combinations(&found.slots) {
                        let mentions = &self.mentions.all;
                        let mention = Mention {
                            start: found.start,
                            end: found.end,
                            ty: *ty,
                            code: build_code(code, &chosen, mentions).map(Arc::from),
                            value: None,
                            source: MentionSource::Entity {
                                rule,
                                guessed: chosen
                                    .iter()
                                    .flatten()
                                    .any(|c| mentions[c.mention as usize].source.guessed()),
                            },
                            group: None,
                        };
                        if let Some(slot) = compound_slot
                            && let (Some(part), Some(bound)) = (chosen[slot], &found.slots[slot])
                        {
                            let first = bound.conjuncts.first() == Some(&part);
                            let last = bound.conjuncts.last() == Some(&part);
                            own.push(Mention {
                                start: if first {
                                    found.start
                                } else {
                                    part.start as usize
                                },
                                end: if last { found.end } else { part.end as usize },
                                ..mention.clone()
                            });
                        }
                        whole.push(mention);
                    }
                    built.push(whole);
                    built.extend(own.into_iter().map(|m| vec![m]));
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
            // The new mentions reach the slot start tables when they are
            // next used (`SlotStarts` takes in added mentions).
            if built.is_empty() {
                continue;
            }
            for parts in built {
                let compound = parts.len() > 1;
                let mut group = None;
                for mut mention in parts {
                    if compound {
                        mention.group = Some(group.unwrap_or(u32::MAX));
                    }
                    if let Some(id) = self.mentions.add(mention)
                        && compound
                    {
                        let first = *group.get_or_insert(id);
                        self.mentions.all[id as usize].group = Some(first);
                    }
                }
            }
        }
    }

    /// Event rules in pack order, only those whose anchor occurs.
    fn run_event_rules(&mut self, matches: &mut Vec<RuleMatch>) {
        let pack = self.pack;
        self.event_candidates();
        let candidates = std::mem::take(&mut self.candidates);
        for &program in &candidates {
            let program = program as usize;
            let gate = pack.gates.gates[program];
            self.find_event(program, usize::from(gate.slot_count));
            if self.found.is_empty() {
                continue;
            }
            let rule_id = gate.rule;
            let RuleOutput::Event { event, .. } = pack.pack.rule(rule_id).output else {
                continue;
            };
            let participles = pack.programs[program].1.participles;
            for found in &self.found {
                if negation::is_passive_clause(pack, &self.prepared, found, participles) {
                    continue;
                }
                let cue = negation::negation_cue(&self.prepared, found);
                let modality = modality::modality_cue(&self.prepared, found);
                let def = pack.pack.event(event);
                let kept = |kind: Modality| def.modality_kept.iter().any(|k| k == kind.as_str());
                let outcome = match (cue, def.negation, modality, def.modality) {
                    (Some(_), NegationMode::Suppress, _, _) => Outcome::Negated,
                    (_, _, Some((_, kind)), NegationMode::Suppress) if !kept(kind) => {
                        Outcome::HeldBack
                    }
                    _ => Outcome::Emitted,
                };
                let mut m = self.rule_match(rule_id, program, found, cue, outcome);
                m.modality = modality;
                matches.push(m);
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
            group_start: found.group_start,
            negation_cue: cue,
            modality: None,
            cut_short: self.cut_short(found),
            outcome,
        }
    }

    /// How many of a match's slot mentions end a longer mention that
    /// starts inside the same phrase (see [`RuleMatch::cut_short`]).
    fn cut_short(&self, found: &Found) -> usize {
        let all = &self.mentions.all;
        let conjuncts = found
            .slots
            .iter()
            .flatten()
            .flat_map(|bound| &bound.conjuncts);
        conjuncts
            .filter(|c| {
                let mention = &all[c.mention as usize];
                all.iter().any(|longer| {
                    longer.end == mention.end
                        && longer.start < mention.start
                        && longer.start >= c.start as usize
                })
            })
            .count()
    }

    /// Matches of one event family compete when they share their trigger
    /// token, or one holds the other's trigger (nested or overlapping
    /// matches of one event) unless the two triggers are coordinated verbs
    /// ("attacked and killed": two acts); only the most specific is
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
            // A coordinated verb phrase's match holds the words of its own
            // clause: "X condemned Y and promised Z" does not compete with
            // "X condemned Y".
            let holds =
                |m: &RuleMatch, t: usize| m.group_start.unwrap_or(m.start) <= t && t < m.end;
            family(a).is_some()
                && family(a) == family(b)
                && (ta == tb || ((holds(a, tb) || holds(b, ta)) && !self.chains.same_chain(ta, tb)))
        };
        let rank = |m: &RuleMatch| rank(pack, m);
        // Competing matches overlap, so a sweep over matches sorted by start
        // finds every pair while keeping only the still-open ones: linear in
        // matches plus competing pairs, even in a huge sentence.
        let mut order: Vec<usize> = (0..matches.len())
            .filter(|&i| {
                matches!(
                    matches[i].outcome,
                    Outcome::Emitted | Outcome::Negated | Outcome::HeldBack
                )
            })
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

    /// The records of an emitted match: one per combination of the parts
    /// of its compounds, or one listing them when the event type keeps
    /// compounds together.
    fn records(
        &self,
        doc: &Document,
        index: usize,
        sentence: &Sentence,
        m: &RuleMatch,
        out: &mut Vec<EventRecord>,
    ) {
        let pack = &self.pack.pack;
        let rule = pack.rule(m.rule);
        let RuleOutput::Event { event, fields } = &rule.output else {
            unreachable!("only event rules emit records");
        };
        let def = pack.event(*event);
        let tokens = &self.tokens[sentence.tokens.clone()];
        let bytes = |range: Range<usize>| (tokens[range.start].start, tokens[range.end - 1].end);
        let argument = |c: &Conjunct| {
            let mention = &self.mentions.all[c.mention as usize];
            // A speaker pronoun shows its speaker's words; the pronoun is
            // the argument's phrase.
            let shown = match mention.source {
                MentionSource::Pronoun { speaker } => &self.mentions.all[speaker as usize],
                _ => mention,
            };
            let (start, end) = bytes(shown.start..shown.end);
            let (phrase_start, phrase_end) = bytes(c.start as usize..c.end as usize);
            Argument {
                text: doc.text[start..end].to_string(),
                ty: pack.type_name(mention.ty).to_string(),
                code: mention.code.as_deref().map(str::to_owned),
                start,
                end,
                value: mention.value,
                phrase: ((phrase_start, phrase_end) != (start, end)).then(|| TextSpan {
                    text: doc.text[phrase_start..phrase_end].to_string(),
                    start: phrase_start,
                    end: phrase_end,
                }),
                parties: None,
                from_sentence: false,
            }
        };
        // The slot of each field the record fills, in field order.
        let filled: Vec<(&str, usize)> = def
            .fields
            .iter()
            .enumerate()
            .filter_map(|(field_index, field)| {
                let &(_, slot) = fields.iter().find(|(f, _)| *f == field_index)?;
                m.slots[slot].as_ref()?;
                Some((field.name.as_str(), slot))
            })
            .collect();
        let choices: Vec<Vec<IndexMap<String, Argument>>> = match def.compound {
            CompoundMode::Split => {
                let slots: Vec<Option<Bound>> = filled
                    .iter()
                    .map(|&(_, slot)| m.slots[slot].clone())
                    .collect();
                combinations(&slots)
                    .into_iter()
                    .map(|chosen| {
                        vec![
                            filled
                                .iter()
                                .zip(&chosen)
                                .filter_map(|(&(name, _), c)| {
                                    Some((name.to_string(), argument(c.as_ref()?)))
                                })
                                .collect(),
                        ]
                    })
                    .collect()
            }
            CompoundMode::Keep => vec![vec![
                filled
                    .iter()
                    .filter_map(|&(name, slot)| {
                        let bound = m.slots[slot].as_ref()?;
                        let parts: Vec<Argument> = bound.conjuncts.iter().map(argument).collect();
                        let arg = if parts.len() == 1 {
                            parts.into_iter().next()?
                        } else {
                            let (start, end) = bytes(bound.start..bound.end);
                            Argument {
                                text: doc.text[start..end].to_string(),
                                start,
                                end,
                                value: None,
                                phrase: None,
                                ..parts[0].clone()
                            }
                            .with_parties(parts)
                        };
                        Some((name.to_string(), arg))
                    })
                    .collect(),
            ]],
        };
        let (start, end) = bytes(m.start..m.end);
        for mut args in choices.into_iter().flatten() {
            self.fill_from_sentence(def, m, &mut args, &argument);
            // A compound kept whole (`parties`) is never one actor.
            let code = |field: usize| {
                let argument = args.get(&def.fields[field].name)?;
                argument
                    .parties
                    .is_none()
                    .then_some(argument.code.as_deref()?)
            };
            if same_actor(def, code).is_some() {
                continue;
            }
            out.push(EventRecord {
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
                modality: m.modality.map(|(_, k)| k.as_str().to_string()),
                args,
                date: doc.date.clone(),
                meta: doc.meta.clone(),
            });
        }
    }
}

/// Every way to pick one part of each slot's compound, at most
/// [`MAX_RECORDS_PER_MATCH`]; an unbound slot stays `None`.
fn combinations(slots: &[Option<Bound>]) -> Vec<Vec<Option<Conjunct>>> {
    let mut out: Vec<Vec<Option<Conjunct>>> = vec![Vec::new()];
    for slot in slots {
        let parts: Vec<Option<Conjunct>> = match slot {
            Some(bound) => bound.conjuncts.iter().copied().map(Some).collect(),
            None => vec![None],
        };
        let mut next = Vec::new();
        for chosen in &out {
            for part in &parts {
                if next.len() == MAX_RECORDS_PER_MATCH {
                    break;
                }
                let mut extended = chosen.clone();
                extended.push(*part);
                next.push(extended);
            }
        }
        out = next;
    }
    out
}

/// An entity rule's code: its parts joined; `None` when that is empty.
fn build_code(
    parts: &[CodePart],
    chosen: &[Option<Conjunct>],
    mentions: &[Mention],
) -> Option<String> {
    let mut code = String::new();
    for part in parts {
        let piece = match part {
            CodePart::Literal(text) => text.as_str(),
            CodePart::Slot(slot) => match chosen[*slot] {
                Some(c) => mentions[c.mention as usize].code.as_deref().unwrap_or(""),
                None => "",
            },
        };
        // A part the code already ends with is not repeated: an agent's
        // code composed onto an actor that carries it ("USAGOV" + "GOV" is
        // "USAGOV", as PETRARCH composes them).
        if !code.ends_with(piece) {
            code.push_str(piece);
        }
    }
    (!code.is_empty()).then_some(code)
}
