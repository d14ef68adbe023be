//! Noun phrases around mentions: what an event rule's slot binds.
//!
//! A mention names an actor ("ISWAP fighters"); the noun phrase around it
//! says how many and which ("more than 100 suspected ISWAP fighters", "a
//! group of ISWAP fighters", "the army's ISWAP fighters", "ISWAP fighters
//! (JAS)"). The chunker grows each mention, in one pass and without a
//! parser, leftwards over closed word lists only:
//!
//! - determiners and quantifiers ("the", "several", "dozens"), see
//!   `text::english::PHRASE_DETERMINERS`;
//! - a number mention ("more than 100", "a dozen");
//! - a mention right before it, a modifier of it ("ISWAP fighters",
//!   "Syrian army soldiers");
//! - modifiers, adjectives and participles that describe actors
//!   ("suspected", "unidentified", "heavily armed"), `PHRASE_MODIFIERS`;
//! - a partitive and "of" ("members of", "a group of", "hundreds of"),
//!   `PHRASE_PARTITIVES`;
//! - a possessor and its clitic ("the army's", "Russia's"): a mention
//!   ending before the "'s", or one word;
//! - a hyphenated modifier whose last part is a modifier or a participle
//!   ("a 15-year-old girl", "well-armed men", "knife-wielding men");
//! - right before the mention, a plain lower-case word naming its kind,
//!   where one of the above opens the phrase before it ("a cattle
//!   rancher", "two oil workers"), see [`Phrases::is_noun_adjunct`];
//!
//! and rightwards over a bracketed apposition ("JNIM (Group for Support of
//! Islam and Muslims)"). Every step leftwards gives one more candidate
//! phrase, so that a pattern can still spell a determiner out ("attacked
//! the Y" binds Y to the phrase after "the"). Mentions that an entity rule
//! built from a compound ("Russian and Syrian jets": one mention per
//! country) make one phrase with several heads.

use super::mentions::{MentionSource, Mentions};
use super::prepared::Prepared;
use super::token_lists::TokenLists;
use crate::compile::features::{
    ARTICLE, BASE_FORM, CAPITALIZED, CLAUSE_BREAK, CLAUSE_OPENER, CLOSE_BRACKET, COORDINATOR,
    DETERMINER, ED_SUFFIX, Features, HYPHEN, ING_FORM, ING_SUFFIX, LY_ADVERB, MODAL, MODIFIER,
    NEGATION, NUMERIC, OBJECT_PRONOUN, OF, OPEN_BRACKET, PARTITIVE, PAST, POSSESSIVE, PREPOSITION,
    PUNCT, REPORT_FILLER, S_FORM, S_SUFFIX, SPEECH_VERB, SUBJECT_PRONOUN, TO, VERB_GROUP,
};
use crate::lang::pack::NUMBER;

/// What a noun adjunct is not: punctuation, numbers, names, the closed
/// lists and any inflected verb form (see [`Phrases::is_noun_adjunct`]).
/// A lemma may be one ("a cattle rancher", "the attack victims"): after
/// a determiner it is no verb.
const NOT_AN_ADJUNCT: Features = PUNCT
    | NUMERIC
    | CAPITALIZED
    | HYPHEN
    | DETERMINER
    | ARTICLE
    | MODIFIER
    | PARTITIVE
    | POSSESSIVE
    | PREPOSITION
    | OF
    | TO
    | COORDINATOR
    | SUBJECT_PRONOUN
    | OBJECT_PRONOUN
    | MODAL
    | VERB_GROUP
    | NEGATION
    | CLAUSE_BREAK
    | CLAUSE_OPENER
    | REPORT_FILLER
    | SPEECH_VERB
    | LY_ADVERB
    | PAST
    | S_FORM
    | ING_FORM
    | ED_SUFFIX
    | ING_SUFFIX
    | S_SUFFIX;

/// Longest stretch the chunker adds to the left of a mention, in tokens.
pub const MAX_LEFT: usize = 12;
/// Longest bracketed apposition taken after a mention, in tokens.
pub const MAX_APPOSITION: usize = 12;

/// A noun phrase: a token range and the mentions it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub start: u32,
    pub end: u32,
    /// Where its mentions start: among phrases of one span, the one with
    /// the longest mention comes first ("Security forces" as listed
    /// rather than "forces" after a modifier).
    pub mention_start: u32,
    heads_start: u32,
    heads_end: u32,
}

/// Every phrase of a sentence.
#[derive(Debug, Default)]
pub struct Phrases {
    pub all: Vec<Phrase>,
    heads: Vec<u32>,
    /// For each token, the phrases starting there, longest first.
    pub starting_at: TokenLists,
    /// Scratch: for each token, where the longest mention ending there
    /// starts, and where a number mention ending there starts.
    mention_from: Vec<u32>,
    number_from: Vec<u32>,
    /// Scratch: where the phrases around one mention may start.
    starts: Vec<usize>,
}

const NONE: u32 = u32::MAX;

impl Phrases {
    /// The mentions a phrase is about: one, or the parts of a compound.
    pub fn heads(&self, phrase: &Phrase) -> &[u32] {
        &self.heads[phrase.heads_start as usize..phrase.heads_end as usize]
    }

    /// The phrases of a sentence whose mentions are complete (after the
    /// entity cascade).
    /// No phrases, for a sentence of `tokens` tokens: the state the entity
    /// cascade sees, since phrases grow around the mentions it builds.
    pub fn clear(&mut self, tokens: usize) {
        self.all.clear();
        self.heads.clear();
        self.starting_at.reset(tokens);
    }

    pub fn build(&mut self, prepared: &Prepared, mentions: &Mentions) {
        let tokens = prepared.len();
        self.clear(tokens);
        self.mention_from.clear();
        self.mention_from.resize(tokens + 1, NONE);
        self.number_from.clear();
        self.number_from.resize(tokens + 1, NONE);
        for m in &mentions.all {
            let end = m.end;
            let (start, slot) = (m.start as u32, &mut self.mention_from[end]);
            if m.ty == NUMBER {
                let number = &mut self.number_from[end];
                *number = (*number).min(start);
            } else {
                *slot = (*slot).min(start);
            }
        }
        for (id, m) in mentions.all.iter().enumerate() {
            // A compound's parts share one phrase, made at its first part.
            let heads_start = self.heads.len() as u32;
            match m.group {
                Some(group) if group as usize != id => continue,
                Some(group) => self.heads.extend(
                    (group..mentions.all.len() as u32)
                        .filter(|&other| mentions.all[other as usize].group == Some(group)),
                ),
                None => self.heads.push(id as u32),
            }
            let heads_end = self.heads.len() as u32;
            let ends = match self.apposition_end(prepared, m.end) {
                Some(after) => [m.end, after],
                None => [m.end, m.end],
            };
            let mut starts = std::mem::take(&mut self.starts);
            starts.clear();
            starts.push(m.start);
            // A speaker pronoun is a phrase by itself ("said that it": no
            // determiner).
            if m.ty != NUMBER && !matches!(m.source, MentionSource::Pronoun { .. }) {
                self.left_starts(prepared, m.start, &mut starts);
            }
            for &start in &starts {
                for (index, &end) in ends.iter().enumerate() {
                    if index == 1 && end == ends[0] {
                        continue;
                    }
                    self.push(Phrase {
                        start: start as u32,
                        end: end as u32,
                        mention_start: m.start as u32,
                        heads_start,
                        heads_end,
                    });
                }
            }
            self.starts = starts;
        }
        for list in self.starting_at.iter_mut() {
            list.sort_by_key(|&p| {
                let phrase = &self.all[p as usize];
                let head = &mentions.all[self.heads[phrase.heads_start as usize] as usize];
                (
                    std::cmp::Reverse(phrase.end),
                    phrase.mention_start - phrase.start,
                    source_preference(head.source),
                )
            });
        }
    }

    fn push(&mut self, phrase: Phrase) {
        let id = self.all.len() as u32;
        self.starting_at[phrase.start as usize].push(id);
        self.all.push(phrase);
    }

    /// Where the phrase around a mention starting at `start` may start,
    /// each step leftwards of `start`, pushed onto `starts`.
    fn left_starts(&self, prepared: &Prepared, start: usize, starts: &mut Vec<usize>) {
        let mut current = start;
        // Inside a hyphenated modifier ("15-year-old"): its parts join
        // whatever they are, and only the whole word is a phrase start.
        let mut hyphenated = false;
        while current > 0 && start - current < MAX_LEFT {
            let before = current - 1;
            let number_start = self.number_from[current];
            let mention_start = self.mention_from[current];
            // A participle ends a hyphenated modifier too: "stone-pelting
            // mob", "knife-wielding men", "Russian-backed forces".
            if prepared.has(before, HYPHEN)
                && before > 0
                && !prepared.has(before - 1, PUNCT)
                && (hyphenated
                    || (current != start
                        && prepared.has(current, MODIFIER | ING_SUFFIX | ED_SUFFIX)))
            {
                hyphenated = true;
                current = before - 1;
                continue;
            }
            if hyphenated {
                hyphenated = false;
                starts.push(current);
                continue;
            }
            let next = if number_start != NONE {
                number_start as usize
            } else if mention_start != NONE && !prepared.has(before, PUNCT) {
                // A mention right before is a modifier of this one
                // ("Syrian army soldiers", "ISWAP fighters").
                mention_start as usize
            } else if prepared.has(before, DETERMINER | MODIFIER)
                || (prepared.has(before, ING_SUFFIX | ED_SUFFIX)
                    && before > 0
                    && prepared.has(before - 1, HYPHEN))
            {
                before
            } else if prepared.has(before, OF) && before > 0 && prepared.has(before - 1, PARTITIVE)
            {
                before - 1
            } else if current == start && self.is_noun_adjunct(prepared, before) {
                before
            } else if prepared.has(before, POSSESSIVE) && before > 0 {
                // The possessor: a mention ending before the clitic, or one
                // word ("the company's").
                let owner = self.mention_from[before];
                if owner != NONE {
                    owner as usize
                } else if !prepared.has(before - 1, PUNCT | NUMERIC) {
                    before - 1
                } else {
                    break;
                }
            } else {
                break;
            };
            current = next;
            starts.push(current);
        }
        // A hyphenated word that opens the sentence ("Well-armed gunmen").
        if hyphenated {
            starts.push(current);
        }
    }

    /// Whether the word at `at`, right before a mention, is a noun that
    /// names its kind ("a cattle rancher", "a group of quarry workers",
    /// "the Bangladeshi cattle trader"): a plain lower-case word that no
    /// list or verb form claims, after what opens a noun phrase (a
    /// determiner, a number, a modifier, a preposition or coordinator, a
    /// partitive's "of", or a one-word name after a determiner). That
    /// opening word is what keeps a verb out ("Israel hit Lebanon" is no
    /// phrase).
    fn is_noun_adjunct(&self, prepared: &Prepared, at: usize) -> bool {
        if at == 0 || prepared.has(at, NOT_AN_ADJUNCT) {
            return false;
        }
        let opener = at - 1;
        let opens = |i: usize| prepared.has(i, DETERMINER | ARTICLE | NUMERIC | MODIFIER);
        opens(opener)
            || self.number_from[at] != NONE
            // A preposition or a coordinator opens a phrase too: "a strike
            // by telephone engineers", "strikers and replacement drivers";
            // not before a name ("in what Washington called").
            || (prepared.has(opener, PREPOSITION | COORDINATOR) && !prepared.has(at + 1, CAPITALIZED))
            || (prepared.has(opener, OF) && opener > 0 && prepared.has(opener - 1, PARTITIVE))
            // After a name, a word the pack inflects may be the name's
            // verb ("the Taliban attack villagers").
            || (prepared.has(opener, CAPITALIZED)
                && !prepared.has(at, BASE_FORM)
                && self.mention_from[at] == opener as u32
                && opener > 0
                && opens(opener - 1))
    }

    /// The end of a bracketed apposition right after a mention ending at
    /// `end`: "(…)" of at most [`MAX_APPOSITION`] tokens, no bracket inside.
    fn apposition_end(&self, prepared: &Prepared, end: usize) -> Option<usize> {
        if !prepared.has(end, OPEN_BRACKET) {
            return None;
        }
        (end + 1..prepared.len().min(end + 2 + MAX_APPOSITION))
            .take_while(|&i| !prepared.has(i, OPEN_BRACKET))
            .find(|&i| prepared.has(i, CLOSE_BRACKET))
            .filter(|&close| close > end + 1)
            .map(|close| close + 1)
    }
}

/// Among phrases of one span and one mention length, which mention a slot
/// tries first: what entity rules built from listed phrases (the most
/// refined reading: "Russian" as Russian troops in "Russian and Syrian
/// troops"), then listed phrases, then what rules built on unknown names,
/// then the built-ins.
fn source_preference(source: MentionSource) -> u8 {
    match source {
        MentionSource::Entity { guessed: false, .. } => 0,
        MentionSource::Lexicon(_) => 1,
        MentionSource::Entity { guessed: true, .. } => 2,
        MentionSource::Number => 3,
        MentionSource::Proper => 4,
        MentionSource::Pronoun { .. } => 5,
    }
}
