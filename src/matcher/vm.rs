//! The program executor: backtracking with a visited set over
//! (instruction, token) pairs, as RE2's BitState does.
//!
//! A state that failed once fails again (no instruction reads what earlier
//! ones bound), so each (instruction, position) pair is explored at most
//! once per search: the cost of finding every match in a sentence is
//! O(instructions × tokens × bindings per token), whatever the pattern.
//! After a match only the bits that search set are cleared, so many
//! matches in a sentence cost no more than the states they explore.
//!
//! The visited set is one bit per (instruction, position): its size is
//! bounded by construction, as the regex crate bounds its backtracker,
//! since a program has at most [`MAX_PROGRAM_INSTS`] instructions and a
//! sentence at most [`MAX_SENTENCE_TOKENS`] tokens: at most
//! [`MAX_VISITED_BITS`] bits (about 4 MiB) per thread.

use super::category::{Reading, accepts as category_accepts};
use super::mentions::Mentions;
use super::phrases::Phrases;
use super::prepared::Prepared;
use super::verbs::{NO_CHAIN, VerbChains};
use crate::compile::CompiledPack;
use crate::compile::features::{
    BE, CAPITALIZED, CLOSE_BRACKET, COMMA, COORDINATOR, DETERMINER, ED_SUFFIX, HYPHEN, ING_FORM,
    ING_SUFFIX, MODAL, NEGATION, NUMERIC, OF, OPEN_BRACKET, PAST, PREPOSITION, PUNCT, SPEECH_VERB,
    SUBJECT_PRONOUN, TO, VERB_GROUP,
};
use crate::compile::program::{Inst, MAX_PROGRAM_INSTS, Program, SlotBinds};
use crate::lang::pack::NUMBER;
use crate::text::MAX_SENTENCE_TOKENS;

/// The most bits the visited set holds: the largest program on the longest
/// sentence.
pub const MAX_VISITED_BITS: usize = MAX_PROGRAM_INSTS * (MAX_SENTENCE_TOKENS + 1);

/// One part of what a slot binds: a mention and the phrase around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conjunct {
    pub mention: u32,
    /// The phrase's token range (the mention's own for entity rules).
    pub start: u32,
    pub end: u32,
}

/// What a slot bound: a token range and its parts, one for a single
/// actor, several for a compound ("A and B", "A, B and C").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub start: usize,
    pub end: usize,
    pub conjuncts: Vec<Conjunct>,
}

/// A successful match: token range (sentence-relative), what each slot
/// bound, and the trigger token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub slots: Vec<Option<Bound>>,
    pub trigger: Option<usize>,
    /// Where the verb group starts when the match read a coordinated verb
    /// phrase ("X condemned Y and promised Z": after "and"), so that a
    /// negation of the first verb does not negate the second.
    pub group_start: Option<usize>,
    /// Where the verb group starts after a parenthetical between the
    /// subject and the verb ("X, which was founded in 1990, attacked Y":
    /// after the second comma), so that its words neither negate the
    /// match nor make the clause passive.
    pub verb_group_start: Option<usize>,
}

/// How far a search got: the furthest token position any path reached, the
/// instruction it was about to run there, and where that path started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub start: usize,
    pub position: usize,
    pub pc: u32,
}

/// What a program runs against: one sentence, analysed.
pub struct Input<'a> {
    pub pack: &'a CompiledPack,
    pub prepared: &'a Prepared,
    pub mentions: &'a Mentions,
    /// Empty while the entity cascade runs (entity rules bind mentions).
    pub phrases: &'a Phrases,
    pub readings: &'a [Reading],
    pub chains: &'a VerbChains,
}

enum Job {
    Explore {
        pc: u32,
        pos: u32,
    },
    Bind {
        slot: u16,
        binding: u32,
        pc: u32,
        pos: u32,
    },
    RestoreSlot {
        slot: u16,
        old: Option<u32>,
    },
    RestoreTrigger(Option<u32>),
    RestoreGroupStart(Option<u32>),
    RestoreVerbGroupStart(Option<u32>),
}

/// Most parts of one compound binding.
pub const MAX_CONJUNCTS: usize = 8;
/// Longest stretch a `^` takes as a noun phrase nobody listed, in tokens.
pub const MAX_NOUN_PHRASE: usize = 6;
/// Most tokens inside a bracketed aside that a clause's words step over as
/// one ("entered Macomia town (Macomia, Cabo Delgado) and fought").
pub const MAX_ASIDE: usize = 8;

#[derive(Default)]
pub struct Vm {
    visited: Vec<u64>,
    /// Words of `visited` set since the last clear, so that clearing costs
    /// what the search did, not the size of the set.
    touched: Vec<u32>,
    /// States explored and visited-set words cleared since the VM was
    /// made: a measure of matching work that does not depend on the machine.
    pub steps: u64,
    stride: usize,
    stack: Vec<Job>,
    /// The binding each slot holds (index into `bindings`).
    slots: Vec<Option<u32>>,
    /// Bindings tried in the current search: (start, end, conjunct range).
    bindings: Vec<(u32, u32, u32, u32)>,
    conjuncts: Vec<Conjunct>,
    /// Scratch for the candidates of one slot: (end, binding).
    candidates: Vec<(u32, u32)>,
    trigger: Option<u32>,
    group_start: Option<u32>,
    verb_group_start: Option<u32>,
    /// Whether to record [`Progress`]: only `explain` asks, and keeping it
    /// up to date costs a comparison on every state explored.
    pub track_progress: bool,
    pub progress: Progress,
}

impl Vm {
    /// Every non-overlapping match, leftmost first; among the matches at one
    /// start, the first in pattern order (longest mentions, optional parts
    /// taken, shortest gaps). Searches start before token `starts_before`
    /// only: the caller knows no match can start later (a match holds its
    /// anchor word, so it starts at or before the last one), and only at the
    /// tokens of `starts` (every token if `None`), the tokens the program's
    /// first instructions accept ([`super::starts::SlotStarts::program_starts`]).
    pub fn find_all(
        &mut self,
        program: &Program,
        slot_count: usize,
        input: &Input,
        starts: Option<&[u64]>,
        starts_before: usize,
        out: &mut Vec<Found>,
    ) {
        out.clear();
        self.progress = Progress::default();
        let tokens = input.prepared.len();
        let states = program.insts.len() * (tokens + 1);
        // Unreachable with the caps on programs and sentences; checked so
        // that memory stays bounded whatever builds the input.
        debug_assert!(states <= MAX_VISITED_BITS, "visited set over its cap");
        if states > MAX_VISITED_BITS {
            return;
        }
        self.reset(program.insts.len(), tokens);
        let end = tokens.min(starts_before);
        let mut start = 0;
        while let Some(next) = next_start(starts, start, end) {
            start = next;
            match self.run(program, slot_count, input, start) {
                Some(found) => {
                    start = found.end.max(start + 1);
                    out.push(found);
                    // States on the successful path are marked visited but
                    // did not fail; start afresh.
                    self.clear_touched();
                }
                None => start += 1,
            }
        }
    }

    /// Sizes the visited set for a program on a sentence, all clear.
    fn reset(&mut self, insts: usize, tokens: usize) {
        self.clear_touched();
        self.stride = tokens + 1;
        let words = (insts * self.stride).div_ceil(64);
        if self.visited.len() < words {
            self.visited.resize(words, 0);
        }
    }

    /// Clears the bits set since the last clear.
    fn clear_touched(&mut self) {
        for &word in &self.touched {
            self.visited[word as usize] = 0;
        }
        self.steps += self.touched.len() as u64;
        self.touched.clear();
    }

    /// Bytes held by the visited set: at most [`MAX_VISITED_BITS`] / 8.
    pub fn visited_bytes(&self) -> usize {
        self.visited.len() * 8
    }

    /// Marks a state visited; false if it already was.
    fn visit(&mut self, pc: u32, pos: u32) -> bool {
        let bit = pc as usize * self.stride + pos as usize;
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let bits = self.visited[word];
        if bits & mask != 0 {
            return false;
        }
        if bits == 0 {
            self.touched.push(word as u32);
        }
        self.visited[word] = bits | mask;
        self.steps += 1;
        true
    }

    fn run(
        &mut self,
        program: &Program,
        slot_count: usize,
        input: &Input,
        start: usize,
    ) -> Option<Found> {
        self.slots.clear();
        self.slots.resize(slot_count, None);
        self.bindings.clear();
        self.conjuncts.clear();
        self.trigger = None;
        self.group_start = None;
        self.verb_group_start = None;
        self.stack.clear();
        self.stack.push(Job::Explore {
            pc: 0,
            pos: start as u32,
        });
        while let Some(job) = self.stack.pop() {
            let (pc, pos) = match job {
                Job::Explore { pc, pos } => (pc, pos),
                Job::Bind {
                    slot,
                    binding,
                    pc,
                    pos,
                } => {
                    self.stack.push(Job::RestoreSlot {
                        slot,
                        old: self.slots[slot as usize],
                    });
                    self.slots[slot as usize] = Some(binding);
                    (pc, pos)
                }
                Job::RestoreSlot { slot, old } => {
                    self.slots[slot as usize] = old;
                    continue;
                }
                Job::RestoreTrigger(old) => {
                    self.trigger = old;
                    continue;
                }
                Job::RestoreGroupStart(old) => {
                    self.group_start = old;
                    continue;
                }
                Job::RestoreVerbGroupStart(old) => {
                    self.verb_group_start = old;
                    continue;
                }
            };
            if let Some(end) = self.step(program, input, start, pc, pos) {
                let slots = self
                    .slots
                    .iter()
                    .map(|b| b.map(|b| self.bound(b)))
                    .collect();
                return Some(Found {
                    start,
                    end,
                    slots,
                    trigger: self.trigger.map(|t| t as usize),
                    group_start: self.group_start.map(|t| t as usize),
                    verb_group_start: self.verb_group_start.map(|t| t as usize),
                });
            }
        }
        None
    }

    /// A gap's step at a bracketed aside may also take the whole aside
    /// ("in Tijuana (Baja California) by gunmen"), whatever it holds: an
    /// admin area's comma does not end a clause. Tried after the step of
    /// one token, so a match that needs no such step stays as it was.
    fn aside_as_one_step(&mut self, input: &Input, pc: u32, pos: u32) {
        if let Some(after) = aside_end(input.prepared, pos as usize) {
            self.stack.push(Job::Explore {
                pc: pc + 1,
                pos: after as u32,
            });
        }
    }

    /// Runs one thread until it fails, forks (the other branches go on the
    /// stack) or matches (returns the end position).
    fn step(
        &mut self,
        program: &Program,
        input: &Input,
        start: usize,
        mut pc: u32,
        mut pos: u32,
    ) -> Option<usize> {
        let tokens = input.prepared.len() as u32;
        loop {
            if !self.visit(pc, pos) {
                return None;
            }
            // The path that matched the longest stretch, then got furthest
            // in the program, explains best why a rule did not fire.
            // Instructions a rule does not spell out (a derived coordinated
            // verb phrase: empty span) explain nothing the rule's author
            // could change, nor does a path that skipped a subject's
            // parenthetical or modifier.
            if self.track_progress
                && !program.spans.get(pc as usize).is_empty()
                && self.verb_group_start.is_none()
                && (pos as usize - start, pc)
                    > (
                        self.progress.position - self.progress.start,
                        self.progress.pc,
                    )
            {
                self.progress = Progress {
                    start,
                    position: pos as usize,
                    pc,
                };
            }
            match program.insts[pc as usize] {
                Inst::Match => return Some(pos as usize),
                Inst::Word {
                    set,
                    trigger,
                    category,
                } => {
                    let at = pos as usize;
                    if pos >= tokens
                        || !input.pack.sets.contains(set, input.prepared.words[at])
                        || !category_accepts(category, input.readings[at])
                    {
                        return None;
                    }
                    if trigger {
                        self.stack.push(Job::RestoreTrigger(self.trigger));
                        self.trigger = Some(pos);
                        // "attacked and killed Y": the verb may skip the
                        // rest of its chain to reach its object.
                        let skip = input.chains.skip_to[at];
                        if skip != NO_CHAIN {
                            self.stack.push(Job::Explore {
                                pc: pc + 1,
                                pos: skip,
                            });
                        }
                    }
                    pc += 1;
                    pos += 1;
                }
                Inst::Any => {
                    if pos >= tokens {
                        return None;
                    }
                    self.aside_as_one_step(input, pc, pos);
                    pc += 1;
                    pos += 1;
                }
                Inst::AnyExcept { set } => {
                    let word = input.prepared.words.get(pos as usize);
                    if word.is_none_or(|&w| input.pack.sets.contains(set, w)) {
                        return None;
                    }
                    self.aside_as_one_step(input, pc, pos);
                    pc += 1;
                    pos += 1;
                }
                Inst::Peek { set } => {
                    let word = input.prepared.words.get(pos as usize);
                    if word.is_none_or(|&w| !input.pack.sets.contains(set, w)) {
                        return None;
                    }
                    pc += 1;
                }
                Inst::NotWord { set } => {
                    let word = input.prepared.words.get(pos as usize);
                    if word.is_some_and(|&w| input.pack.sets.contains(set, w)) {
                        return None;
                    }
                    pc += 1;
                }
                Inst::Aux => {
                    let at = pos as usize;
                    if pos >= tokens || !(input.prepared.verb_group[at] || input.chains.inside[at])
                    {
                        return None;
                    }
                    pc += 1;
                    pos += 1;
                }
                Inst::Verb => {
                    if pos >= tokens || !is_phrase_verb(input, pos as usize) {
                        return None;
                    }
                    pc += 1;
                    pos += 1;
                }
                Inst::InClause { set, before_link } => {
                    let at = pos as usize;
                    // A bracketed aside (an admin area, an acronym's
                    // meaning) does not end the clause it stands in.
                    if let Some(after) = aside_end(input.prepared, at) {
                        pc += 1;
                        pos = after as u32;
                        continue;
                    }
                    // A gerund after a preposition opens a clause of its
                    // own ("accused Y of attacking Z and killing …").
                    let gerund = |at: usize| {
                        at > 0
                            && input.prepared.has(at, ING_FORM | ING_SUFFIX)
                            && input.prepared.has(at - 1, PREPOSITION)
                    };
                    // A speech verb is known to every pack, rule word or
                    // not.
                    let verb =
                        |at: usize| reads_as_verb(input, at) || input.prepared.has(at, SPEECH_VERB);
                    // The conjunction the phrase leads to comes later.
                    if at >= tokens as usize
                        || (before_link && at >= input.prepared.links_end)
                        || verb(at)
                        || gerund(at)
                        // "and" before a verb joins verbs, not the words
                        // of one phrase ("Isis in Palmyra and said").
                        || (input.prepared.has(at, COORDINATOR) && verb(at + 1))
                        || input.pack.sets.contains(set, input.prepared.words[at])
                    {
                        return None;
                    }
                    pc += 1;
                    pos += 1;
                    // A hyphenated word ("sub-clans", "pro-government")
                    // is one word of the clause, not three.
                    let joined = |at: usize| {
                        at + 1 < tokens as usize
                            && input.prepared.has(at, HYPHEN)
                            && !input.prepared.has(at - 1, PUNCT)
                            && !input.prepared.has(at + 1, PUNCT)
                            && !verb(at + 1)
                            && !input.pack.sets.contains(set, input.prepared.words[at + 1])
                    };
                    if joined(at + 1) {
                        pos += 2;
                    }
                }
                Inst::GroupStart => {
                    self.stack.push(Job::RestoreGroupStart(self.group_start));
                    self.group_start = Some(pos);
                    pc += 1;
                }
                Inst::VerbGroupStart => {
                    self.stack
                        .push(Job::RestoreVerbGroupStart(self.verb_group_start));
                    self.verb_group_start = Some(pos);
                    pc += 1;
                }
                Inst::NounPhrase => {
                    self.push_noun_phrases(input, pc + 1, pos as usize);
                    return None;
                }
                Inst::Split { first, second } => {
                    self.stack.push(Job::Explore { pc: second, pos });
                    pc = first;
                }
                Inst::SplitIfWord { set, second } => {
                    let word = input.prepared.words.get(pos as usize);
                    if word.is_some_and(|&w| input.pack.sets.contains(set, w)) {
                        self.stack.push(Job::Explore { pc: second, pos });
                        pc += 1;
                    } else {
                        pc = second;
                    }
                }
                Inst::Jump(target) => pc = target,
                Inst::Slot { slot, accept } => {
                    self.push_slot_choices(input, program.binds, start, slot, accept, pc + 1, pos);
                    return None;
                }
            }
        }
    }

    /// Pushes one job per binding that can fill the slot at `pos`, the
    /// longest first. Event rules bind noun phrases (`phrases`), and
    /// entity rules mentions, skipping a determiner and a number before
    /// them except at the start of a match ("abducted 20 students"). Either
    /// may be a compound of several ("A and B", "A, B and C").
    #[allow(clippy::too_many_arguments)]
    fn push_slot_choices(
        &mut self,
        input: &Input,
        binds: SlotBinds,
        start: usize,
        slot: u16,
        accept: u16,
        next: u32,
        pos: u32,
    ) {
        let pos = pos as usize;
        if pos >= input.prepared.len() {
            return;
        }
        let accepts = &input.pack.accepts[accept as usize];
        self.candidates.clear();
        match binds {
            SlotBinds::Phrases => {
                for &phrase in &input.phrases.starting_at[pos] {
                    let phrase = &input.phrases.all[phrase as usize];
                    let heads = input.phrases.heads(phrase);
                    if heads
                        .iter()
                        .all(|&m| accepts[input.mentions.all[m as usize].ty.0 as usize])
                    {
                        let first = self.conjuncts.len();
                        self.conjuncts.extend(heads.iter().map(|&mention| Conjunct {
                            mention,
                            start: phrase.start,
                            end: phrase.end,
                        }));
                        self.add_candidate(input, binds, accepts, phrase.start, phrase.end, first);
                    }
                }
            }
            SlotBinds::Mentions => {
                // Where the mention may start: here, after a determiner,
                // after a number, after both.
                let mut positions = [pos; 3];
                let mut count = 1;
                if pos > start {
                    let mut after = pos;
                    if input
                        .pack
                        .sets
                        .contains(input.pack.words.determiners, input.prepared.words[pos])
                    {
                        after = pos + 1;
                        positions[count] = after;
                        count += 1;
                    }
                    let number_end = input.mentions.starting_at.get(after).and_then(|ids| {
                        ids.iter()
                            .map(|&m| &input.mentions.all[m as usize])
                            .find(|m| m.ty == NUMBER)
                            .map(|m| m.end)
                    });
                    if let Some(end) = number_end {
                        positions[count] = end;
                        count += 1;
                    }
                }
                for &p in &positions[..count] {
                    let Some(ids) = input.mentions.starting_at.get(p) else {
                        continue;
                    };
                    for &mention in ids {
                        let m = &input.mentions.all[mention as usize];
                        if accepts[m.ty.0 as usize] {
                            let first = self.conjuncts.len();
                            self.conjuncts.push(Conjunct {
                                mention,
                                start: m.start as u32,
                                end: m.end as u32,
                            });
                            self.add_candidate(
                                input,
                                binds,
                                accepts,
                                pos as u32,
                                m.end as u32,
                                first,
                            );
                        }
                    }
                }
            }
        }
        // Longest first; among equally long ones, in the order found. The
        // stack pops the last pushed first.
        self.candidates
            .sort_by_key(|&(end, _)| std::cmp::Reverse(end));
        for index in (0..self.candidates.len()).rev() {
            let (end, binding) = self.candidates[index];
            self.stack.push(Job::Bind {
                slot,
                binding,
                pc: next,
                pos: end,
            });
        }
    }

    /// Records a binding from `start` to `end` whose conjuncts are
    /// `self.conjuncts[first..]`, and the compound that continues it, if
    /// any, as candidates.
    fn add_candidate(
        &mut self,
        input: &Input,
        binds: SlotBinds,
        accepts: &[bool],
        start: u32,
        end: u32,
        first: usize,
    ) {
        let single = self.new_binding(start, end, first, self.conjuncts.len());
        self.candidates.push((end, single));
        // A compound: its own copy of the first part, then the others.
        let copy = self.conjuncts.len();
        self.conjuncts.extend_from_within(first..copy);
        match compound_end(input, binds, accepts, end as usize, &mut self.conjuncts) {
            Some(compound_end) => {
                let compound =
                    self.new_binding(start, compound_end as u32, copy, self.conjuncts.len());
                self.candidates.push((compound_end as u32, compound));
            }
            None => self.conjuncts.truncate(copy),
        }
    }

    fn new_binding(&mut self, start: u32, end: u32, first: usize, last: usize) -> u32 {
        self.bindings.push((start, end, first as u32, last as u32));
        self.bindings.len() as u32 - 1
    }

    /// An owned copy of a binding, for a match.
    fn bound(&self, binding: u32) -> Bound {
        let (start, end, first, last) = self.bindings[binding as usize];
        Bound {
            start: start as usize,
            end: end as usize,
            conjuncts: self.conjuncts[first as usize..last as usize].to_vec(),
        }
    }

    /// Pushes one job per end of a noun phrase starting at `pos` (`^`),
    /// the longest first: any phrase the chunker made, or a run of words
    /// that are neither function words nor read as verbs, after
    /// determiners and a number.
    fn push_noun_phrases(&mut self, input: &Input, next: u32, pos: usize) {
        let tokens = input.prepared.len();
        if pos >= tokens {
            return;
        }
        let mut ends: Vec<usize> = input.phrases.starting_at[pos]
            .iter()
            .map(|&p| input.phrases.all[p as usize].end as usize)
            .collect();
        let mut at = pos;
        while at < tokens && input.prepared.has(at, DETERMINER | NUMERIC) {
            at += 1;
        }
        if let Some(number) = input.mentions.starting_at.get(at).and_then(|ids| {
            ids.iter()
                .map(|&m| &input.mentions.all[m as usize])
                .find(|m| m.ty == NUMBER)
        }) {
            at = number.end;
        }
        let limit = (pos + MAX_NOUN_PHRASE).min(tokens);
        while at < limit && !input.prepared.has(at, FUNCTION) && input.readings[at] != Reading::Verb
        {
            at += 1;
            ends.push(at);
        }
        ends.sort_unstable();
        ends.dedup();
        for end in ends {
            self.stack.push(Job::Explore {
                pc: next,
                pos: end as u32,
            });
        }
    }
}

/// Extends a binding ending at `end` into a compound: separators ("and",
/// "or", "as well as", ", … and") and more bindings of accepted types (the
/// longest at each place), their conjuncts appended to `conjuncts`. A list
/// of commas without a final coordinator is not a compound ("in Aleppo,
/// Syria"), nor are two parts joined by ", and". Returns the compound's end.
fn compound_end(
    input: &Input,
    binds: SlotBinds,
    accepts: &[bool],
    mut end: usize,
    conjuncts: &mut Vec<Conjunct>,
) -> Option<usize> {
    let prepared = input.prepared;
    let mut parts = 1;
    while parts < MAX_CONJUNCTS {
        let (separator, closes) = if prepared.has(end, COORDINATOR) {
            (1, true)
        } else if input.pack.as_well_as(prepared, end) {
            (3, true)
        } else if parts > 1 && prepared.has(end, COMMA) && prepared.has(end + 1, COORDINATOR) {
            // ", and" closes a list of three or more; after one part it
            // joins clauses ("sent troops to Gedo, and Ethiopian forces").
            (2, true)
        } else if prepared.has(end, COMMA) {
            (1, false)
        } else {
            return None;
        };
        let at = part_start(input, end + separator);
        let accepted = |m: u32| accepts[input.mentions.all[m as usize].ty.0 as usize];
        let next_end = match binds {
            SlotBinds::Phrases => {
                let phrase = input.phrases.starting_at.get(at)?.iter().find_map(|&p| {
                    let phrase = &input.phrases.all[p as usize];
                    input
                        .phrases
                        .heads(phrase)
                        .iter()
                        .all(|&m| accepted(m))
                        .then_some(phrase)
                })?;
                conjuncts.extend(input.phrases.heads(phrase).iter().map(|&mention| Conjunct {
                    mention,
                    start: phrase.start,
                    end: phrase.end,
                }));
                phrase.end as usize
            }
            SlotBinds::Mentions => {
                let mention = *input
                    .mentions
                    .starting_at
                    .get(at)?
                    .iter()
                    .find(|&&m| accepted(m))?;
                let m = &input.mentions.all[mention as usize];
                conjuncts.push(Conjunct {
                    mention,
                    start: m.start as u32,
                    end: m.end as u32,
                });
                m.end
            }
        };
        parts += 1;
        end = next_end;
        if closes {
            return Some(end);
        }
    }
    None
}

/// Where a bracketed aside opening at `at` ends (the token after its
/// `)`): at most [`MAX_ASIDE`] tokens inside, no bracket opening again, in
/// the sentence.
fn aside_end(prepared: &Prepared, at: usize) -> Option<usize> {
    if !prepared.has(at, OPEN_BRACKET) {
        return None;
    }
    let last = prepared.len().min(at + 2 + MAX_ASIDE);
    (at + 1..last)
        .take_while(|&inside| !prepared.has(inside, OPEN_BRACKET))
        .find(|&inside| prepared.has(inside, CLOSE_BRACKET))
        .map(|close| close + 1)
}

/// Words that end a noun phrase read without a parser (`^`, a compound's
/// parts): punctuation and function words.
const FUNCTION: crate::compile::features::Features =
    PUNCT | PREPOSITION | COORDINATOR | VERB_GROUP | SUBJECT_PRONOUN | TO | OF | COMMA;

/// Most words a compound's part may hold before its mention that the
/// chunker did not take into its phrase.
pub const MAX_PART_ADJECTIVES: usize = 3;

/// Where the mention of a compound's part starting at `at` stands: after
/// determiners and up to [`MAX_PART_ADJECTIVES`] other words that are no
/// function word, no verb and not capitalized (an unknown capitalized word
/// is more likely part of a name: "the Daily and Sunday Telegraph"), when
/// no mention starts before them. The
/// chunker grows phrases over listed words only; in a coordination the
/// words between the separator and the next mention can only describe it
/// ("Fornost and the evil awful Gondor", "Mordor, the awful Fornost, and
/// good Gondor"), as a parser reads them (adjectives of the part's noun
/// phrase). Falls back to `at` when no mention follows them.
fn part_start(input: &Input, at: usize) -> usize {
    let prepared = input.prepared;
    let tokens = prepared.len();
    let starts_mention = |i: usize| {
        input
            .mentions
            .starting_at
            .get(i)
            .is_some_and(|ids| !ids.is_empty())
    };
    // A phrase the chunker read from here ("the Syrian army") is the part.
    if input
        .phrases
        .starting_at
        .get(at)
        .is_some_and(|ids| !ids.is_empty())
    {
        return at;
    }
    let mut i = at;
    let mut words = 0;
    while i < tokens && !starts_mention(i) {
        if prepared.has(i, DETERMINER) && !prepared.has(i, FUNCTION) {
            i += 1;
        } else if words < MAX_PART_ADJECTIVES
            && !prepared.has(i, FUNCTION | NUMERIC | CAPITALIZED)
            && input.readings[i] != Reading::Verb
        {
            words += 1;
            i += 1;
        } else {
            return at;
        }
    }
    if i < tokens { i } else { at }
}

/// Whether the token reads as a verb and is not inside a mention: the
/// reading is told before the entity rules run, so "troops" after
/// "Syrian" reads as a verb although "Syrian troops" is one actor.
fn reads_as_verb(input: &Input, at: usize) -> bool {
    input.readings.get(at) == Some(&Reading::Verb)
        && !input
            .mentions
            .all
            .iter()
            .any(|m| m.start < at && at < m.end)
}

/// Whether the token reads as the first verb of a subject's verb phrase
/// ("X condemned Y and …"). Its form must say so, not only its place
/// after the subject, which is also where a noun after a modifier stands
/// ("U.S. oil shortages", "Russian bonds"): a past form not after "be"
/// ("was attacked by Y and …" is not X's act); an -ing form after "be"
/// ("are holding"); any verb after a modal or a negation ("will pass",
/// "did not comment"), or after a verb's "to" ("sought to buy", not
/// "urged Taiwan to reconsider").
fn is_phrase_verb(input: &Input, at: usize) -> bool {
    let prepared = input.prepared;
    // A conjunction must follow: most sentences have none after most
    // places, and this test is the cheapest.
    if at >= prepared.links_end || !reads_as_verb(input, at) {
        return false;
    }
    let before = |bits| at > 0 && prepared.has(at - 1, bits);
    if prepared.has(at, PAST | ED_SUFFIX) {
        return !before(BE);
    }
    if prepared.has(at, ING_FORM | ING_SUFFIX) {
        return before(BE);
    }
    before(MODAL | NEGATION) || (before(TO) && at > 1 && prepared.verb_group[at - 2])
}

/// The first start at or after `from` and before `end`: the next set bit
/// of `starts`, or `from` itself when every token may start.
fn next_start(starts: Option<&[u64]>, from: usize, end: usize) -> Option<usize> {
    let Some(bits) = starts else {
        return (from < end).then_some(from);
    };
    let mut word = from / 64;
    let mut current = bits.get(word)? & (!0u64 << (from % 64));
    loop {
        if current != 0 {
            let at = word * 64 + current.trailing_zeros() as usize;
            return (at < end).then_some(at);
        }
        word += 1;
        if word * 64 >= end {
            return None;
        }
        current = *bits.get(word)?;
    }
}

#[cfg(test)]
mod tests {
    use super::next_start;

    #[test]
    fn starts_are_the_set_bits_below_the_end() {
        let bits = [1u64 << 3 | 1 << 63, 1 << 1];
        let all = |end: usize| {
            let mut found = Vec::new();
            let mut from = 0;
            while let Some(at) = next_start(Some(&bits), from, end) {
                found.push(at);
                from = at + 1;
            }
            found
        };
        assert_eq!(all(128), [3, 63, 65]);
        assert_eq!(all(65), [3, 63], "the end is exclusive");
        assert_eq!(all(3), Vec::<usize>::new());
        assert_eq!(next_start(None, 5, 7), Some(5), "every token may start");
        assert_eq!(next_start(None, 7, 7), None);
        assert_eq!(next_start(Some(&[]), 0, 10), None, "an empty sentence");
    }
}
