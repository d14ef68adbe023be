//! Entity mentions of a sentence: lexicon phrases, built-in `Proper` and
//! `Number` mentions, and the mentions entity rules build from them.

use std::sync::Arc;

use super::prepared::Prepared;
use super::token_lists::TokenLists;
use crate::compile::CompiledPack;
use crate::compile::lexicon::LexiconHit;
use crate::lang::date::Date;
use crate::lang::pack::{NUMBER, PROPER, RuleId, TypeId};
use crate::text::{Token, find_numbers_classified, find_proper_runs_classified};

/// A typed span of a sentence's tokens (token indices relative to the sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub ty: TypeId,
    /// Shared with the pack's lexicon entry it comes from: a sentence's
    /// many listed mentions cost no copies of their codes.
    pub code: Option<Arc<str>>,
    pub value: Option<f64>,
    pub source: MentionSource,
    /// The id of the first mention of a compound an entity rule built
    /// ("Russian and Syrian jets": one mention per country, same span);
    /// `None` for a mention of its own.
    pub group: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionSource {
    /// An entity rule built it; `guessed` when it rests on a `Proper`
    /// mention (an unknown name) rather than on lexicon entries only.
    Entity {
        rule: RuleId,
        guessed: bool,
    },
    /// A lexicon entry (index into the pack's lexicon).
    Lexicon(u32),
    Number,
    Proper,
    /// A speaker pronoun standing for the mention `speaker` of the same
    /// sentence ("Iran said it …", see `matcher::pronouns`).
    Pronoun {
        speaker: u32,
    },
}

impl MentionSource {
    /// Among mentions of equal length: listed phrases first, then what
    /// rules built from listed phrases, then what rules built on unknown
    /// names, then the built-ins.
    fn rank(self) -> u8 {
        match self {
            MentionSource::Lexicon(_) => 0,
            MentionSource::Entity { guessed: false, .. } => 1,
            MentionSource::Entity { guessed: true, .. } => 2,
            MentionSource::Number => 3,
            MentionSource::Proper => 4,
            MentionSource::Pronoun { .. } => 5,
        }
    }

    /// Whether the mention rests on an unknown name.
    pub fn guessed(self) -> bool {
        matches!(
            self,
            MentionSource::Proper | MentionSource::Entity { guessed: true, .. }
        )
    }
}

/// All mentions of a sentence, and for each token the mentions starting
/// there, longest first.
#[derive(Debug, Default)]
pub struct Mentions {
    pub all: Vec<Mention>,
    pub starting_at: TokenLists,
    /// The types some mention has, as a bitset over type ids.
    present: Vec<u64>,
    hits: Vec<LexiconHit>,
}

impl Mentions {
    /// Lexicon, number and proper-name mentions of one sentence; `date` is
    /// the document's, which chooses among date-restricted lexicon rows.
    pub fn find(
        &mut self,
        pack: &CompiledPack,
        text: &str,
        tokens: &[Token],
        prepared: &Prepared,
        date: Option<Date>,
    ) {
        self.all.clear();
        self.present.clear();
        self.present.resize(pack.pack.types.len().div_ceil(64), 0);
        self.starting_at.reset(tokens.len());
        let mut hits = std::mem::take(&mut self.hits);
        pack.lexicon.find(
            &prepared.words,
            |i| tokens[i].text(text),
            || written_in_capitals(text, tokens),
            date,
            &mut hits,
        );
        for hit in &hits {
            let entry = &pack.pack.lexicon[hit.entry as usize];
            self.add(Mention {
                start: hit.start,
                end: hit.end,
                ty: entry.ty,
                code: pack.lexicon_codes[hit.entry as usize].clone(),
                value: None,
                source: MentionSource::Lexicon(hit.entry),
                group: None,
            });
        }
        for number in
            find_numbers_classified(text, tokens, &prepared.classes, &pack.builtin_words.number)
        {
            self.add(Mention {
                start: number.tokens.start,
                end: number.tokens.end,
                ty: NUMBER,
                code: None,
                value: number.value,
                source: MentionSource::Number,
                group: None,
            });
        }
        // A phrase the lexicon knows is no unknown name.
        let known =
            |start: usize, end: usize| hits.iter().any(|hit| hit.start <= start && end <= hit.end);
        for run in
            find_proper_runs_classified(text, tokens, &prepared.classes, &pack.builtin_words.proper)
        {
            if known(run.start, run.end) {
                continue;
            }
            self.add(Mention {
                start: run.start,
                end: run.end,
                ty: PROPER,
                code: None,
                value: None,
                source: MentionSource::Proper,
                group: None,
            });
        }
        self.hits = hits;
    }

    /// Whether some mention has a type of `mask` (a bitset over type ids,
    /// as in `CompiledPack::accepted_masks`).
    pub fn any_present(&self, mask: &[u64]) -> bool {
        mask.iter().zip(&self.present).any(|(m, p)| m & p != 0)
    }

    /// Adds a mention, keeping each start's list longest first; returns
    /// its id, or `None` when an equal mention is already there.
    pub fn add(&mut self, mention: Mention) -> Option<u32> {
        let duplicate = self.starting_at[mention.start].iter().any(|&m| {
            let other = &self.all[m as usize];
            other.end == mention.end
                && other.ty == mention.ty
                && other.code == mention.code
                && other.group.is_some() == mention.group.is_some()
        });
        if duplicate {
            return None;
        }
        let ty = mention.ty.0 as usize;
        if let Some(present) = self.present.get_mut(ty / 64) {
            *present |= 1 << (ty % 64);
        }
        let id = self.all.len() as u32;
        let key = |m: &Mention| (std::cmp::Reverse(m.end - m.start), m.source.rank());
        let new_key = key(&mention);
        let list = &self.starting_at[mention.start];
        let at = list
            .iter()
            .position(|&m| key(&self.all[m as usize]) > new_key)
            .unwrap_or(list.len());
        self.all.push(mention);
        self.starting_at[self.all[id as usize].start].insert(at, id);
        Some(id)
    }
}

/// Whether a sentence is written in capitals (a headline): at least two of
/// its tokens hold letters, and none a small one.
fn written_in_capitals(text: &str, tokens: &[Token]) -> bool {
    let mut lettered = 0;
    for token in tokens {
        let written = token.text(text);
        if written.chars().any(char::is_lowercase) {
            return false;
        }
        if written.chars().any(char::is_alphabetic) {
            lettered += 1;
        }
    }
    lettered >= 2
}
