//! Discard phrases (`discard sentence = …`, `discard document = …`): one
//! Aho-Corasick automaton over word ids, run on a sentence that holds a
//! guard word of one. Entries inflect like word-class entries unless
//! written `=…`.
//!
//! Each word id is written as three bytes, the first with its high bit set
//! and the others without, so a match can only start on a token boundary
//! and always spans whole tokens.

use aho_corasick::{AhoCorasick, MatchKind};

use super::features::DISCARD_GUARD;
use super::vocab::{Vocabulary, WordId};
use super::words::{Forms, word_tokens};
use crate::lang::ast::DiscardScope;
use crate::lang::pack::DiscardDef;

/// Most spellings one entry expands to (its words' forms multiplied).
const MAX_SPELLINGS: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct DiscardIndex {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the discard it spells (index into the
    /// pack's discards).
    discard_of: Vec<u32>,
}

impl DiscardIndex {
    pub fn build(discards: &[DiscardDef], vocab: &mut Vocabulary) -> Result<DiscardIndex, String> {
        let mut patterns = Vec::new();
        let mut discard_of = Vec::new();
        for (index, discard) in discards.iter().enumerate() {
            let forms = if discard.entry.exact {
                Forms::Exact
            } else {
                Forms::Inflected
            };
            let tokens = word_tokens(&discard.entry.words.join(" "), forms, vocab);
            let mut spellings: Vec<Vec<u32>> = vec![Vec::new()];
            for token in &tokens {
                let mut next = Vec::new();
                for spelling in &spellings {
                    for &word in token {
                        if next.len() < MAX_SPELLINGS {
                            let mut longer = spelling.clone();
                            longer.push(word);
                            next.push(longer);
                        }
                    }
                }
                spellings = next;
            }
            for spelling in spellings.into_iter().filter(|s| !s.is_empty()) {
                let guard = spelling.iter().max_by_key(|&&word| vocab.word(word).len());
                if let Some(&guard) = guard {
                    vocab.add_features(guard, DISCARD_GUARD);
                }
                patterns.push(encode(&spelling));
                discard_of.push(index as u32);
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&patterns)
                    .map_err(|e| format!("cannot build the discard automaton: {e}"))?,
            )
        };
        Ok(DiscardIndex {
            automaton,
            discard_of,
        })
    }

    /// The first discard phrase in a sentence (its word ids), a document
    /// discard before a sentence discard: `(discard, token)`. Only worth
    /// calling for a sentence with a word of [`DISCARD_GUARD`].
    pub fn find(&self, words: &[WordId], discards: &[DiscardDef]) -> Option<(u32, usize)> {
        let automaton = self.automaton.as_ref()?;
        let encoded = encode(words);
        let mut first: Option<(u32, usize)> = None;
        for found in automaton.find_iter(&encoded) {
            let discard = self.discard_of[found.pattern().as_usize()];
            let hit = (discard, found.start() / 3);
            if discards[discard as usize].scope == DiscardScope::Document {
                return Some(hit);
            }
            first.get_or_insert(hit);
        }
        first
    }
}

/// Word ids as the automaton's bytes: `1hhhhhhh 0mmmmmmm 0lllllll` per id.
pub fn encode(ids: &[WordId]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ids.len() * 3);
    for &id in ids {
        out.push(0x80 | ((id >> 14) & 0x7f) as u8);
        out.push(((id >> 7) & 0x7f) as u8);
        out.push((id & 0x7f) as u8);
    }
    out
}
