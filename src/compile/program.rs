//! Patterns compiled to programs: small instruction lists the matcher runs
//! with memoized backtracking (see `matcher::vm`).
//!
//! Compilation goes through [`Elem`], a lowered pattern in which words are
//! already word sets; passives are derived on `Elem` (see `passive`), and
//! the verb group and the trigger are marked there before code generation.

use std::borrow::Cow;
use std::collections::HashMap;

use super::vocab::{Vocabulary, WordId};
use super::words::{Forms, WordSetId, WordSets, word_tokens};
use crate::lang::ast::WordCategory;
use crate::lang::pack::{Pack, Pat, PatKind, RuleDef};
use crate::lang::source::{FileId, Span};
use rustc_hash::FxHashMap;

/// Longest verb group (auxiliaries, negations, adverbs, modality verbs,
/// coordinated verbs) allowed between a subject slot and its verb: "has
/// repeatedly threatened to" is four tokens, "attacked, looted and" three.
pub const VERB_GROUP: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Inst {
    /// The token's word is in the set and its reading fits `category`;
    /// `trigger` records its position.
    Word {
        set: WordSetId,
        trigger: bool,
        category: Option<WordCategory>,
    },
    /// A noun phrase (`^`), longest first.
    NounPhrase,
    /// Any token (one step of a gap).
    Any,
    /// Any token not in the set (one step of a gap with `except`).
    AnyExcept {
        set: WordSetId,
    },
    /// The token is in the set; consumes nothing. Guards a choice whose
    /// branches all start with words, so that a token none of them can
    /// start is refused in one step, not one per branch.
    Peek {
        set: WordSetId,
    },
    /// The token is not in the set; consumes nothing.
    NotWord {
        set: WordSetId,
    },
    /// A token of the verb group: auxiliary, negation or adverb.
    Aux,
    /// A token that reads as a verb by its form: the first verb of a
    /// coordinated verb phrase (see [`super::coordination`] and the
    /// matcher's `is_phrase_verb`).
    Verb,
    /// A token inside the clause: not in the set (its stops), not read
    /// as a verb and no speech verb (one step of a coordinated verb
    /// phrase's object, or of a subject's modifier); or a
    /// whole bracketed aside, as one step. `before_link`: only before the
    /// sentence's last coordinator or clause break (a coordinated phrase
    /// leads to one).
    InClause {
        set: WordSetId,
        before_link: bool,
    },
    /// The verb group of the match starts here (after "and" in "X condemned
    /// Y and promised Z"); consumes nothing.
    GroupStart,
    /// The verb group starts here, after a parenthetical that still counts
    /// as the match's own ("X, backed by Y, seized Z"); consumes nothing.
    VerbGroupStart,
    /// A mention whose type the type set accepts, longest first; binds the slot.
    Slot {
        slot: u16,
        accept: u16,
    },
    /// Try `first`; if the rest fails from there, try `second`.
    Split {
        first: u32,
        second: u32,
    },
    /// An optional part that opens with a word of `set`: where the token
    /// is one of them, a [`Inst::Split`] to the next instruction and
    /// `second`; elsewhere straight to `second`, with nothing to undo.
    SplitIfWord {
        set: WordSetId,
        second: u32,
    },
    Jump(u32),
    Match,
}

impl Inst {
    /// The word set the instruction tests, if it tests one.
    pub fn word_set(&self) -> Option<WordSetId> {
        match *self {
            Inst::Word { set, .. }
            | Inst::AnyExcept { set }
            | Inst::Peek { set }
            | Inst::NotWord { set }
            | Inst::InClause { set, .. }
            | Inst::SplitIfWord { set, .. } => Some(set),
            _ => None,
        }
    }

    /// The instruction with its word set, if it has one, replaced by
    /// `set`: what it does whatever words it tests (see [`super::shape`]).
    pub fn with_set(mut self, set: WordSetId) -> Inst {
        self.map_sets(&|_| set);
        self
    }

    /// Replaces the instruction's word set, if it has one, by `map`'s.
    fn map_sets(&mut self, map: &impl Fn(WordSetId) -> WordSetId) {
        match self {
            Inst::Word { set, .. }
            | Inst::AnyExcept { set }
            | Inst::Peek { set }
            | Inst::NotWord { set }
            | Inst::InClause { set, .. }
            | Inst::SplitIfWord { set, .. } => *set = map(*set),
            Inst::NounPhrase
            | Inst::Any
            | Inst::Aux
            | Inst::Verb
            | Inst::GroupStart
            | Inst::VerbGroupStart
            | Inst::Slot { .. }
            | Inst::Split { .. }
            | Inst::Jump(_)
            | Inst::Match => {}
        }
    }
}

/// What the slots of a program bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotBinds {
    /// Mentions (entity rules build mentions from mentions).
    Mentions,
    /// Noun phrases around mentions (event rules).
    Phrases,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Active,
    Passive,
}

#[derive(Debug, Clone)]
pub struct Program {
    pub insts: Vec<Inst>,
    /// For each instruction, the pattern element it was compiled from.
    pub spans: InstSpans,
    /// Which of the rule's patterns this is.
    pub pattern: usize,
    pub voice: Voice,
    pub binds: SlotBinds,
    /// A word set one of whose words every match contains; `None` when the
    /// pattern has no required word.
    pub anchor: Option<WordSetId>,
    /// Word sets besides the anchor one of whose words every match
    /// contains (see [`super::anchor`]).
    pub required_words: Vec<WordSetId>,
    /// Type tables (`CompiledPack::accepts`) of the slots every match binds:
    /// a sentence without a mention of one of them cannot match.
    pub required_slots: Vec<u16>,
    /// What a match's first token must be, or `None` when a gap step can
    /// take it (then any token may start a match).
    pub first: Option<FirstToken>,
    /// For an active pattern that does not say "by", the past participles
    /// of its trigger verb: a match whose verb group has a form of "be"
    /// before one of them is a passive clause ("the school was burned by
    /// X" is not the school burning X); a derived passive, if any, reads it
    /// the right way round.
    pub participles: Option<WordSetId>,
    /// For an event program whose instructions another event program of
    /// the pack has too (a rule with a second code repeats its patterns),
    /// the number of their group: a sentence searches once per group.
    /// Also for event programs that differ only in the word sets some
    /// instructions test (see [`super::shape`]): those share a search in
    /// a sentence where their `variants` are the same or absent.
    pub shared: Option<u32>,
    /// The word sets this program tests where the programs of its
    /// `shared` group differ, in instruction order (empty when they have
    /// the same instructions).
    pub variants: Vec<WordSetId>,
}

impl Program {
    /// Replaces every word set the program refers to by `map`'s (a part
    /// of a pack lowered against its own word sets, merged into the
    /// pack's: see `compile::lower_rules`).
    pub(super) fn map_sets(&mut self, map: &impl Fn(WordSetId) -> WordSetId) {
        // Destructured in full, so that a new field holding word sets is
        // not forgotten here.
        let Program {
            insts,
            spans: _,
            pattern: _,
            voice: _,
            binds: _,
            anchor,
            required_words,
            required_slots: _,
            first,
            participles,
            shared: _,
            variants,
        } = self;
        insts.iter_mut().for_each(|inst| inst.map_sets(map));
        for set in anchor
            .iter_mut()
            .chain(required_words)
            .chain(participles)
            .chain(variants)
        {
            *set = map(*set);
        }
        if let Some(FirstToken {
            words: Some(set), ..
        }) = first
        {
            *set = map(*set);
        }
    }
}

/// The tests a match's first token must pass one of: a word of `words`, a
/// mention accepted by one of `slots`, or (with `aux`) a verb-group word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirstToken {
    pub words: Option<WordSetId>,
    pub slots: Vec<u16>,
    pub aux: bool,
}

/// The instructions reachable from the start without consuming a token,
/// summed up as one test of the first token.
pub fn first_token(insts: &[Inst], sets: &mut WordSets) -> Option<FirstToken> {
    let mut seen = vec![false; insts.len()];
    let mut stack = vec![0u32];
    let mut first = FirstToken::default();
    let mut words = Vec::new();
    while let Some(pc) = stack.pop() {
        if std::mem::replace(&mut seen[pc as usize], true) {
            continue;
        }
        match insts[pc as usize] {
            Inst::Split {
                first: a,
                second: b,
            } => stack.extend([a, b]),
            Inst::SplitIfWord { second, .. } => stack.extend([pc + 1, second]),
            Inst::Jump(target) => stack.push(target),
            // Consumes nothing: the first token is what comes after it.
            Inst::NotWord { .. } | Inst::Peek { .. } => stack.push(pc + 1),
            Inst::Word { set, .. } => words.extend_from_slice(sets.get(set)),
            Inst::Slot { accept, .. } => first.slots.push(accept),
            Inst::Aux => first.aux = true,
            Inst::GroupStart | Inst::VerbGroupStart => stack.push(pc + 1),
            // A noun phrase may start with any word.
            Inst::NounPhrase => return None,
            // A pattern that can match nothing is rejected by the checker;
            // a gap first means any token may start a match.
            Inst::Any
            | Inst::AnyExcept { .. }
            | Inst::Verb
            | Inst::InClause { .. }
            | Inst::Match => return None,
        }
    }
    if !words.is_empty() {
        first.words = Some(sets.add(words));
    }
    first.slots.sort_unstable();
    first.slots.dedup();
    Some(first)
}

/// The word set an element's first token must be in, when it opens with
/// a word test (a word or class, alone or first in a sequence).
fn leading_word_set(elem: &Elem) -> Option<WordSetId> {
    match &elem.kind {
        ElemKind::Tokens { sets, .. } => sets.first().copied(),
        ElemKind::Seq(parts) => leading_word_set(parts.first()?),
        _ => None,
    }
}

/// A lowered pattern element.
#[derive(Debug, Clone)]
pub struct Elem {
    pub kind: ElemKind,
    pub span: Span,
}

impl Elem {
    /// An element the compiler derives from a pattern (a coordinated verb
    /// phrase, a parenthetical): it has no text in the rule file, so its
    /// span is empty, at the start of `at`, and explain reports no
    /// progress through it.
    pub fn derived(kind: ElemKind, at: Span) -> Elem {
        Elem {
            kind,
            span: Span {
                end: at.start,
                ..at
            },
        }
    }
}

impl ElemKind {
    /// One token of `set`, no word of the rule's written for it.
    pub fn one_word(set: WordSetId) -> ElemKind {
        ElemKind::Tokens {
            sets: vec![set],
            written: None,
            trigger: false,
            category: None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum ElemKind {
    Seq(Vec<Elem>),
    Alt(Vec<Elem>),
    Optional(Box<Elem>),
    /// `except`: the words no token of the gap may be.
    Gap {
        min: u32,
        max: u32,
        except: Option<WordSetId>,
    },
    /// Consecutive tokens, one word set each. `written` keeps the rule's
    /// word (and whether it was exact) so that a passive can take its participle.
    Tokens {
        sets: Vec<WordSetId>,
        written: Option<(String, bool)>,
        trigger: bool,
        /// The reading its first token must have.
        category: Option<WordCategory>,
    },
    /// `^`: a noun phrase.
    NounPhrase,
    Slot(usize),
    /// The next token is in the set; consumes nothing (see
    /// [`guard_choices`]).
    Peek(WordSetId),
    /// Up to `max` verb-group tokens, as few as possible.
    Aux {
        max: u32,
    },
    /// The next token is not in the set (consumes nothing).
    NotNext(WordSetId),
    /// The first verb of a coordinated verb phrase (see [`Inst::Verb`]).
    Verb,
    /// Up to `max` tokens of one clause, as few as possible: none in
    /// `stops`, none read as a verb (see [`Inst::InClause`]).
    ClauseGap {
        max: u32,
        stops: WordSetId,
        before_link: bool,
    },
    /// Where the match's verb group starts (see [`Inst::GroupStart`]).
    GroupStart,
    /// Where the verb group starts after a parenthetical (see
    /// [`Inst::VerbGroupStart`]).
    VerbGroupStart,
}

/// The forms of the pattern's trigger (its first words) whose features
/// `keep` accepts: the forms a derived reading keeps out right before
/// the trigger ("and attacking …", ", attacking …", "in house arrest").
pub(super) fn trigger_forms(
    parts: &[Elem],
    lowering: &mut Lowering,
    keep: impl Fn(super::features::Features) -> bool,
) -> Vec<u32> {
    let mut forms = Vec::new();
    if let Some(trigger) = parts.iter().position(is_trigger) {
        collect_first_words(&parts[trigger], lowering.sets, &mut forms);
        let vocab = &*lowering.vocab;
        let reads = &mut lowering.cache.feature_reads;
        forms.retain(|&w| {
            let features = vocab.features(w);
            if let Some(reads) = reads {
                reads.push((w, features));
            }
            keep(features)
        });
    }
    forms
}

/// The words a one-token element (a word, or a choice of them) accepts.
pub(super) fn collect_first_words(elem: &Elem, sets: &WordSets, out: &mut Vec<u32>) {
    match &elem.kind {
        ElemKind::Tokens {
            sets: token_sets, ..
        } => {
            if let Some(first) = token_sets.first() {
                out.extend_from_slice(sets.get(*first));
            }
        }
        ElemKind::Alt(branches) | ElemKind::Seq(branches) => {
            branches
                .iter()
                .for_each(|b| collect_first_words(b, sets, out));
        }
        _ => {}
    }
}

/// The words that the patterns of `rules` write to inflect, and the entries
/// of the word classes they use that do: the words whose inflected forms
/// lowering those rules gives features to (see [`super::words::word_tokens`]).
pub fn inflected_words<'p>(pack: &'p Pack, rules: &'p [RuleDef]) -> Vec<Cow<'p, str>> {
    fn walk<'p>(
        pat: &'p Pat,
        pack: &'p Pack,
        classes: &mut Vec<bool>,
        out: &mut Vec<Cow<'p, str>>,
    ) {
        match &pat.kind {
            PatKind::Seq(parts) | PatKind::Alt(parts) => {
                parts.iter().for_each(|p| walk(p, pack, classes, out));
            }
            PatKind::Optional(inner) | PatKind::NotNext(inner) | PatKind::Category(inner, _) => {
                walk(inner, pack, classes, out);
            }
            PatKind::Gap { except, .. } => {
                if let Some(inner) = except {
                    walk(inner, pack, classes, out);
                }
            }
            PatKind::Word { text, exact } => {
                if !exact {
                    out.push(Cow::Borrowed(text));
                }
            }
            PatKind::Class(class) => {
                let index = class.0 as usize;
                if !std::mem::replace(&mut classes[index], true) {
                    let entries = &pack.word_classes[index].entries;
                    out.extend(
                        entries
                            .iter()
                            .filter(|entry| !entry.exact)
                            .map(|entry| Cow::Owned(entry.words.join(" "))),
                    );
                }
            }
            PatKind::Punct(_) | PatKind::Slot(_) | PatKind::NounPhrase => {}
        }
    }
    let mut classes = vec![false; pack.word_classes.len()];
    let mut out = Vec::new();
    for rule in rules {
        for pattern in &rule.patterns {
            walk(pattern, pack, &mut classes, &mut out);
        }
    }
    out
}

/// Shared state while compiling a pack's patterns.
pub struct Lowering<'a> {
    pub pack: &'a Pack,
    pub vocab: &'a mut Vocabulary,
    pub sets: &'a mut WordSets,
    pub cache: &'a mut LoweringCache,
}

/// What lowering already did: word classes recur in thousands of patterns
/// of a large pack, and inflecting and lowering them once keeps compiling
/// fast.
#[derive(Default)]
pub struct LoweringCache {
    /// The word sets of each word, by its forms (looked up by the word
    /// as written, without allocating: a large pack asks millions of times).
    words: FxHashMap<String, Vec<(Forms, Vec<WordSetId>)>>,
    /// The word set of each one-word element (`!…`, a gap's `except`) by
    /// its file and text: imported packs repeat the same `except` in
    /// thousands of rules. Within a file, the same text names the same words.
    one_word_sets: FxHashMap<FileId, FxHashMap<String, WordSetId>>,
    /// The branches of each word class (their spans are the reference's).
    classes: HashMap<u32, Vec<Elem>>,
    /// The word sets of coordinated verb phrases, made once per pack.
    pub coordination: Option<super::coordination::PhraseWords>,
    /// The word sets of a subject's parenthetical, made once per pack.
    pub parenthetical: Option<super::parenthetical::ParentheticalWords>,
    /// The word sets of a subject's modifier, made once per pack.
    pub modifier: Option<super::modifier::ModifierWords>,
    /// When set, every word whose features lowering read, with what it
    /// read: a part of a pack lowered beside the rules before it (see
    /// `compile::lower_rules`) did not see the features those rules'
    /// words added, and is lowered again if any of them would have
    /// changed what it read.
    pub feature_reads: Option<Vec<(WordId, super::features::Features)>>,
}

impl Lowering<'_> {
    /// The words of one-word elements (after `!`, in a gap's `except`).
    fn word_set_of(&mut self, pat: &Pat) -> WordSetId {
        let span = pat.span;
        let text = (span.start < span.end)
            .then(|| {
                self.pack
                    .sources
                    .get(span.file)
                    .text
                    .get(span.start..span.end)
            })
            .flatten();
        let cached = text.and_then(|text| self.cache.one_word_sets.get(&span.file)?.get(text));
        if let Some(set) = cached {
            return *set;
        }
        let lowered = self.lower(pat);
        let mut words = Vec::new();
        collect_first_words(&lowered, self.sets, &mut words);
        let set = self.sets.add(words);
        if let Some(text) = text {
            let in_file = self.cache.one_word_sets.entry(span.file).or_default();
            in_file.insert(text.to_string(), set);
        }
        set
    }

    pub fn lower(&mut self, pat: &Pat) -> Elem {
        let kind = match &pat.kind {
            PatKind::Seq(parts) => ElemKind::Seq(parts.iter().map(|p| self.lower(p)).collect()),
            PatKind::Alt(parts) => ElemKind::Alt(parts.iter().map(|p| self.lower(p)).collect()),
            PatKind::Optional(inner) => ElemKind::Optional(Box::new(self.lower(inner))),
            PatKind::Gap { min, max, except } => ElemKind::Gap {
                min: *min,
                max: *max,
                except: except.as_ref().map(|inner| self.word_set_of(inner)),
            },
            PatKind::Word { text, exact } => self.tokens(text, *exact),
            PatKind::Punct(text) => self.tokens(text, true),
            PatKind::Slot(index) => ElemKind::Slot(*index),
            PatKind::NotNext(inner) => ElemKind::NotNext(self.word_set_of(inner)),
            PatKind::Category(inner, category) => {
                let mut lowered = self.lower(inner);
                set_category(&mut lowered, *category);
                return Elem {
                    span: pat.span,
                    ..lowered
                };
            }
            PatKind::NounPhrase => ElemKind::NounPhrase,
            PatKind::Class(class) => {
                let mut branches = match self.cache.classes.get(&class.0) {
                    Some(branches) => branches.clone(),
                    None => {
                        let entries = &self.pack.word_classes[class.0 as usize].entries;
                        let mut branches = Vec::new();
                        for entry in entries {
                            let phrase = entry.words.join(" ");
                            branches.push(Elem {
                                kind: self.tokens(&phrase, entry.exact),
                                span: pat.span,
                            });
                        }
                        self.cache.classes.insert(class.0, branches.clone());
                        branches
                    }
                };
                for branch in &mut branches {
                    branch.span = pat.span;
                }
                ElemKind::Alt(branches)
            }
        };
        Elem {
            kind,
            span: pat.span,
        }
    }

    pub fn tokens(&mut self, written: &str, exact: bool) -> ElemKind {
        let forms = if exact {
            Forms::Exact
        } else {
            Forms::Inflected
        };
        self.tokens_with(written, exact, forms)
    }

    pub fn tokens_with(&mut self, written: &str, exact: bool, forms: Forms) -> ElemKind {
        let cached = self
            .cache
            .words
            .get(written)
            .and_then(|by_forms| by_forms.iter().find(|(f, _)| *f == forms));
        let sets = match cached {
            Some((_, sets)) => sets.clone(),
            None => {
                let sets: Vec<WordSetId> = word_tokens(written, forms, self.vocab)
                    .into_iter()
                    .map(|ids| self.sets.add(ids))
                    .collect();
                self.cache
                    .words
                    .entry(written.to_string())
                    .or_default()
                    .push((forms, sets.clone()));
                sets
            }
        };
        ElemKind::Tokens {
            sets,
            written: Some((written.to_string(), exact)),
            trigger: false,
            category: None,
        }
    }
}

/// Asks every word of an element (a word, or the entries of a class) for
/// one reading.
fn set_category(elem: &mut Elem, wanted: WordCategory) {
    match &mut elem.kind {
        ElemKind::Tokens { category, .. } => *category = Some(wanted),
        ElemKind::Alt(parts) => parts.iter_mut().for_each(|p| set_category(p, wanted)),
        ElemKind::Seq(parts) => {
            if let Some(first) = parts.first_mut() {
                set_category(first, wanted);
            }
        }
        _ => {}
    }
}

/// Whether an element already asks for a reading.
fn has_category(elem: &Elem) -> bool {
    match &elem.kind {
        ElemKind::Tokens { category, .. } => category.is_some(),
        ElemKind::Alt(parts) => parts.iter().any(has_category),
        ElemKind::Seq(parts) => parts.first().is_some_and(has_category),
        _ => false,
    }
}

/// Marks the trigger (the first required word of the top-level sequence) and
/// opens a verb group between it and a slot right before it. In an event
/// rule (`verbs`), the trigger right after a required subject reads as a
/// verb unless the pattern says otherwise; entity rules describe noun
/// phrases ("S soldiers") and keep every reading.
pub fn mark_trigger(root: &mut Elem, verbs: bool) {
    let ElemKind::Seq(parts) = &mut root.kind else {
        return;
    };
    // "X and Y clash": the trigger is the verb, not the conjunction.
    let Some(index) = parts
        .iter()
        .position(|p| is_word_element(p) && !is_connector(p))
        .or_else(|| parts.iter().position(is_word_element))
    else {
        return;
    };
    set_trigger(&mut parts[index]);
    if let Some(at) = verb_group_position(&parts[..index]) {
        // "X attack Y", "X [formally] merge": the word after a subject the
        // pattern requires (past optional parts) is a verb, unless the
        // pattern says which reading it wants.
        if verbs && matches!(parts[at - 1].kind, ElemKind::Slot(_)) && !has_category(&parts[index])
        {
            set_category(&mut parts[index], WordCategory::Verb);
        }
        let span = parts[index].span;
        parts.insert(
            at,
            Elem {
                kind: ElemKind::Aux { max: VERB_GROUP },
                span,
            },
        );
    }
}

/// Where the verb group opens among the parts before the trigger: right
/// after the subject slot, past any optional parts that stand between it
/// and the verb ("X [agree to] merge" reads "Rosneft has merged" and
/// "Rosneft has agreed to merge"). `None` when no slot precedes the verb
/// that way.
fn verb_group_position(before_trigger: &[Elem]) -> Option<usize> {
    for (index, part) in before_trigger.iter().enumerate().rev() {
        if ends_with_slot(part) {
            return Some(index + 1);
        }
        if !can_be_skipped(part) {
            return None;
        }
    }
    None
}

/// An optional part or a `!` test: what may stand between a subject and
/// its verb without closing the verb group.
fn can_be_skipped(elem: &Elem) -> bool {
    matches!(elem.kind, ElemKind::Optional(_) | ElemKind::NotNext(_))
}

/// Words that join slots rather than say what happened.
const CONNECTORS: &[&str] = &["and", "or", "nor", ",", "&"];

fn is_connector(elem: &Elem) -> bool {
    match &elem.kind {
        ElemKind::Tokens {
            written: Some((word, _)),
            ..
        } => CONNECTORS.contains(&word.as_str()),
        ElemKind::Alt(branches) => branches.iter().all(is_connector),
        _ => false,
    }
}

/// A slot, or an optional part ending in one: what a verb group may follow.
fn ends_with_slot(elem: &Elem) -> bool {
    match &elem.kind {
        ElemKind::Slot(_) => true,
        ElemKind::Optional(inner) => ends_with_slot(inner),
        ElemKind::Seq(parts) => parts.last().is_some_and(ends_with_slot),
        _ => false,
    }
}

/// The past participles of the trigger of a lowered pattern, if it is a
/// verb written as inflecting words.
pub fn trigger_participles(root: &Elem, lowering: &mut Lowering) -> Option<WordSetId> {
    let ElemKind::Seq(parts) = &root.kind else {
        return None;
    };
    let trigger = parts.iter().find(|p| is_trigger(p))?;
    let mut words = Vec::new();
    collect_participles(trigger, lowering, &mut words)?;
    Some(lowering.sets.add(words))
}

/// Whether a word written as `word` occurs anywhere in the pattern.
pub fn mentions_word(elem: &Elem, word: &str) -> bool {
    match &elem.kind {
        ElemKind::Tokens { written, .. } => written.as_ref().is_some_and(|(w, _)| w == word),
        ElemKind::Seq(parts) | ElemKind::Alt(parts) => parts.iter().any(|p| mentions_word(p, word)),
        ElemKind::Optional(inner) => mentions_word(inner, word),
        _ => false,
    }
}

pub(super) fn is_trigger(elem: &Elem) -> bool {
    match &elem.kind {
        ElemKind::Tokens { trigger, .. } => *trigger,
        ElemKind::Seq(parts) => parts.first().is_some_and(is_trigger),
        ElemKind::Alt(branches) => branches.iter().any(is_trigger),
        _ => false,
    }
}

fn collect_participles(elem: &Elem, lowering: &mut Lowering, out: &mut Vec<u32>) -> Option<()> {
    match &elem.kind {
        ElemKind::Tokens {
            written: Some((word, false)),
            ..
        } => {
            let first_word = word.split_whitespace().next()?;
            if let ElemKind::Tokens { sets, .. } =
                lowering.tokens_with(first_word, false, Forms::PastParticiple)
            {
                out.extend_from_slice(lowering.sets.get(*sets.first()?));
            }
            Some(())
        }
        ElemKind::Seq(parts) => collect_participles(parts.first()?, lowering, out),
        ElemKind::Alt(branches) => {
            for branch in branches {
                collect_participles(branch, lowering, out)?;
            }
            Some(())
        }
        _ => None,
    }
}

/// Words, a phrase, or a choice among them: what can be a trigger.
pub fn is_word_element(elem: &Elem) -> bool {
    match &elem.kind {
        ElemKind::Tokens { .. } => true,
        ElemKind::Seq(parts) => parts
            .iter()
            .all(|p| matches!(p.kind, ElemKind::Tokens { .. })),
        ElemKind::Alt(branches) => branches.iter().all(is_word_element),
        _ => false,
    }
}

fn set_trigger(elem: &mut Elem) {
    match &mut elem.kind {
        ElemKind::Tokens { trigger, .. } => *trigger = true,
        ElemKind::Seq(parts) => parts.iter_mut().take(1).for_each(set_trigger),
        ElemKind::Alt(branches) => branches.iter_mut().for_each(set_trigger),
        _ => {}
    }
}

/// Calls `f` on each part of a sequence, choice or optional element (the
/// passes that rewrite a pattern bottom-up).
fn for_each_part(elem: &mut Elem, f: impl FnMut(&mut Elem)) {
    match &mut elem.kind {
        ElemKind::Seq(parts) | ElemKind::Alt(parts) => parts.iter_mut().for_each(f),
        ElemKind::Optional(inner) => std::iter::once(&mut **inner).for_each(f),
        _ => {}
    }
}

/// Merges the one-word branches of every choice into a single word set, so
/// that `(say | state | warn | …)` or a word class costs one instruction
/// instead of a chain of branches. Only done when no longer branch starts
/// with one of those words, which keeps first-match order intact.
pub fn merge_word_choices(elem: &mut Elem, sets: &mut WordSets) {
    for_each_part(elem, |part| merge_word_choices(part, sets));
    let ElemKind::Alt(branches) = &mut elem.kind else {
        return;
    };
    let category_of = |b: &Elem| match &b.kind {
        ElemKind::Tokens { category, .. } => *category,
        _ => None,
    };
    let first_category = branches
        .iter()
        .find(|b| matches!(&b.kind, ElemKind::Tokens { sets, .. } if sets.len() == 1))
        .and_then(category_of);
    let single = |b: &Elem| {
        matches!(&b.kind, ElemKind::Tokens { sets, .. } if sets.len() == 1)
            && category_of(b) == first_category
    };
    let mut words: Vec<u32> = Vec::new();
    let mut trigger_any = false;
    for branch in branches.iter().filter(|b| single(b)) {
        if let ElemKind::Tokens {
            sets: token_sets,
            trigger,
            ..
        } = &branch.kind
        {
            words.extend_from_slice(sets.get(token_sets[0]));
            trigger_any |= *trigger;
        }
    }
    let singles = branches.iter().filter(|b| single(b)).count();
    let clashes = branches.iter().filter(|b| !single(b)).any(|b| {
        first_set(b).is_none_or(|first| sets.get(first).iter().any(|w| words.contains(w)))
    });
    if singles < 2 || clashes {
        return;
    }
    let at = branches
        .iter()
        .position(single)
        .expect("at least two single-word branches");
    let span = branches[at].span;
    let merged = Elem {
        kind: ElemKind::Tokens {
            sets: vec![sets.add(words)],
            written: None,
            trigger: trigger_any,
            category: first_category,
        },
        span,
    };
    let mut kept: Vec<Elem> = Vec::new();
    for (index, branch) in branches.drain(..).enumerate() {
        if index == at {
            kept.push(merged.clone());
        } else if !single(&branch) {
            kept.push(branch);
        }
    }
    if kept.len() == 1 {
        *elem = kept.pop().expect("one branch");
    } else {
        *branches = kept;
    }
}

/// Puts a [`ElemKind::Peek`] of their first words before the choices of
/// three or more branches that all start with words (those
/// [`merge_word_choices`] could not merge, as a word class holding "fight"
/// and "fight back"): after a gap, each position costs one step, not one
/// per branch. Run after anchors are chosen, before generating.
pub fn guard_choices(elem: &mut Elem, sets: &mut WordSets) {
    for_each_part(elem, |part| guard_choices(part, sets));
    let ElemKind::Alt(branches) = &elem.kind else {
        return;
    };
    if branches.len() < 3 {
        return;
    }
    let Some(firsts) = branches.iter().map(first_set).collect::<Option<Vec<_>>>() else {
        return;
    };
    let words: Vec<WordId> = firsts
        .iter()
        .flat_map(|&set| sets.get(set).iter().copied())
        .collect();
    let span = elem.span;
    let choice = std::mem::replace(&mut elem.kind, ElemKind::Seq(Vec::new()));
    elem.kind = ElemKind::Seq(vec![
        Elem {
            kind: ElemKind::Peek(sets.add(words)),
            span,
        },
        Elem { kind: choice, span },
    ]);
}

/// The word set a branch's first token must be in, if it starts with words.
fn first_set(elem: &Elem) -> Option<WordSetId> {
    match &elem.kind {
        ElemKind::Tokens { sets, .. } => sets.first().copied(),
        ElemKind::Seq(parts) => parts.first().and_then(first_set),
        _ => None,
    }
}

/// The slots of the top-level sequence: every match binds them.
pub fn required_slots(root: &Elem, accept_of_slot: &[u16]) -> Vec<u16> {
    let ElemKind::Seq(parts) = &root.kind else {
        return Vec::new();
    };
    let mut tables: Vec<u16> = parts
        .iter()
        .filter_map(|p| match p.kind {
            ElemKind::Slot(slot) => Some(accept_of_slot[slot]),
            _ => None,
        })
        .collect();
    tables.sort_unstable();
    tables.dedup();
    tables
}

/// Most instructions a pattern (or its derived passive) compiles to; the
/// largest pattern of the conflict pack has under 600. It bounds matching
/// memory (see [`crate::matcher::vm`]); a pattern past it is a compile
/// error at the pattern.
pub const MAX_PROGRAM_INSTS: usize = 16_384;

/// Generates the instructions of a lowered pattern, ending in `Match`.
pub fn generate(root: &Elem, accept_of_slot: &[u16]) -> (Vec<Inst>, InstSpans) {
    let mut generator = Generator {
        insts: Vec::new(),
        spans: InstSpans::default(),
        accept_of_slot,
    };
    generator.emit(root);
    generator.push(Inst::Match, root.span);
    // Grown by pushes, then kept for the whole run: the slack would be a
    // tenth of a running pack's heap.
    generator.insts.shrink_to_fit();
    generator.spans.runs.shrink_to_fit();
    (generator.insts, generator.spans)
}

/// The pattern element each instruction came from, kept as runs of
/// instructions: the steps of a gap or a verb group share their element's
/// span, and a pack of thousands of rules holds over a million
/// instructions.
#[derive(Debug, Clone, Default)]
pub struct InstSpans {
    /// (first instruction of the run, its span), by instruction.
    runs: Vec<(u32, Span)>,
}

impl InstSpans {
    fn push(&mut self, pc: u32, span: Span) {
        if self.runs.last().is_none_or(|&(_, last)| last != span) {
            self.runs.push((pc, span));
        }
    }

    /// The span of instruction `pc` (of a program these spans belong to).
    pub fn get(&self, pc: usize) -> Span {
        let run = self
            .runs
            .partition_point(|&(first, _)| first as usize <= pc);
        self.runs[run.saturating_sub(1)].1
    }
}

struct Generator<'a> {
    insts: Vec<Inst>,
    spans: InstSpans,
    accept_of_slot: &'a [u16],
}

/// Placeholder target, patched once the target is known.
const LATER: u32 = u32::MAX;

impl Generator<'_> {
    fn pc(&self) -> u32 {
        self.insts.len() as u32
    }

    fn push(&mut self, inst: Inst, span: Span) -> usize {
        self.spans.push(self.pc(), span);
        self.insts.push(inst);
        self.insts.len() - 1
    }

    fn patch(&mut self, at: usize, target: u32) {
        match &mut self.insts[at] {
            Inst::Jump(t) => *t = target,
            Inst::Split { first, second } => {
                if *first == LATER {
                    *first = target;
                }
                if *second == LATER {
                    *second = target;
                }
            }
            Inst::SplitIfWord { second, .. } => *second = target,
            other => unreachable!("only jumps and splits are patched, not {other:?}"),
        }
    }

    /// A split that tries the next instruction first; its other target is
    /// patched later.
    fn fork(&mut self, span: Span) -> usize {
        let next = self.pc() + 1;
        self.push(
            Inst::Split {
                first: next,
                second: LATER,
            },
            span,
        )
    }

    /// Up to `count` optional steps of `step`, as few as possible.
    fn lazy_steps(&mut self, count: u32, step: Inst, span: Span) {
        let mut splits = Vec::new();
        for _ in 0..count {
            let next = self.pc() + 1;
            splits.push(self.push(
                Inst::Split {
                    first: LATER,
                    second: next,
                },
                span,
            ));
            self.push(step, span);
        }
        let end = self.pc();
        for split in splits {
            self.patch(split, end);
        }
    }

    fn emit(&mut self, elem: &Elem) {
        let span = elem.span;
        match &elem.kind {
            ElemKind::Seq(parts) => parts.iter().for_each(|p| self.emit(p)),
            ElemKind::Alt(branches) => {
                let mut to_end = Vec::new();
                for (index, branch) in branches.iter().enumerate() {
                    if index + 1 < branches.len() {
                        let split = self.fork(span);
                        self.emit(branch);
                        to_end.push(self.push(Inst::Jump(LATER), span));
                        let here = self.pc();
                        self.patch(split, here);
                    } else {
                        self.emit(branch);
                    }
                }
                let end = self.pc();
                for jump in to_end {
                    self.patch(jump, end);
                }
            }
            ElemKind::Optional(inner) => {
                // Most optional parts open with a word: where the token is
                // none of its words, the part is skipped at once.
                let split = match leading_word_set(inner) {
                    Some(set) => self.push(Inst::SplitIfWord { set, second: LATER }, span),
                    None => self.fork(span),
                };
                self.emit(inner);
                let end = self.pc();
                self.patch(split, end);
            }
            ElemKind::Gap { min, max, except } => {
                let step = match except {
                    Some(set) => Inst::AnyExcept { set: *set },
                    None => Inst::Any,
                };
                for _ in 0..*min {
                    self.push(step, span);
                }
                self.lazy_steps(max - min, step, span);
            }
            ElemKind::Aux { max } => self.lazy_steps(*max, Inst::Aux, span),
            ElemKind::Verb => {
                self.push(Inst::Verb, span);
            }
            ElemKind::ClauseGap {
                max,
                stops,
                before_link,
            } => {
                let step = Inst::InClause {
                    set: *stops,
                    before_link: *before_link,
                };
                self.lazy_steps(*max, step, span);
            }
            ElemKind::GroupStart => {
                self.push(Inst::GroupStart, span);
            }
            ElemKind::VerbGroupStart => {
                self.push(Inst::VerbGroupStart, span);
            }
            ElemKind::NotNext(set) => {
                self.push(Inst::NotWord { set: *set }, span);
            }
            ElemKind::Peek(set) => {
                self.push(Inst::Peek { set: *set }, span);
            }
            ElemKind::Tokens {
                sets,
                trigger,
                category,
                ..
            } => {
                for (index, &set) in sets.iter().enumerate() {
                    let first = index == 0;
                    self.push(
                        Inst::Word {
                            set,
                            trigger: *trigger && first,
                            category: if first { *category } else { None },
                        },
                        span,
                    );
                }
            }
            ElemKind::NounPhrase => {
                self.push(Inst::NounPhrase, span);
            }
            ElemKind::Slot(slot) => {
                self.push(
                    Inst::Slot {
                        slot: *slot as u16,
                        accept: self.accept_of_slot[*slot],
                    },
                    span,
                );
            }
        }
    }
}
