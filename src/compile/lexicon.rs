//! The lexicon automaton: every lexicon phrase, as a sequence of word ids,
//! in one Aho-Corasick automaton run over a sentence's word ids.
//!
//! Each word id is written as three bytes, the first with its high bit set
//! and the others without, so a match can only start on a token boundary and
//! always spans whole tokens.
//!
//! Rows of one phrase may be restricted to document dates: for a dated
//! document, the first dated row of a type whose range holds the date stands
//! in for the undated rows of that type.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::vocab::{Vocabulary, WordId};
use crate::lang::date::{Date, DateRange};
use crate::lang::pack::{LexiconEntry, TypeId};
use crate::text::{fold, tokenize};

/// Largest vocabulary the three-byte encoding can address (2^21 words).
pub const MAX_VOCABULARY: usize = 1 << 21;

#[derive(Debug, Clone)]
pub struct LexiconIndex {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern: the lexicon entries with that phrase.
    entries: Vec<Vec<u32>>,
    /// For each entry: its phrase's tokens as written, if it must match
    /// with exactly that case.
    exact_tokens: Vec<Option<Vec<String>>>,
    /// For each automaton pattern: whether one of its entries is dated.
    dated: Vec<bool>,
    /// For each entry: its type and dates, to choose among dated rows.
    dates: Vec<(TypeId, DateRange)>,
}

/// A lexicon phrase found in a sentence: token range (sentence-relative) and entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexiconHit {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

impl LexiconIndex {
    pub fn build(lexicon: &[LexiconEntry], vocab: &mut Vocabulary) -> Result<LexiconIndex, String> {
        let mut pattern_of: HashMap<Vec<WordId>, usize> = HashMap::new();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut entries: Vec<Vec<u32>> = Vec::new();
        let mut exact_tokens = vec![None; lexicon.len()];
        let mut dated: Vec<bool> = Vec::new();
        let dates = lexicon.iter().map(|e| (e.ty, e.dates)).collect();
        for (index, entry) in lexicon.iter().enumerate() {
            let tokens = tokenize(&entry.phrase);
            if tokens.is_empty() {
                continue;
            }
            let ids: Vec<WordId> = tokens
                .iter()
                .map(|t| vocab.intern(&fold(t.text(&entry.phrase))))
                .collect();
            if entry.exact {
                exact_tokens[index] = Some(
                    tokens
                        .iter()
                        .map(|t| t.text(&entry.phrase).to_string())
                        .collect(),
                );
            }
            let pattern = *pattern_of.entry(ids.clone()).or_insert_with(|| {
                patterns.push(encode(&ids));
                entries.push(Vec::new());
                patterns.len() - 1
            });
            entries[pattern].push(index as u32);
            if dated.len() < entries.len() {
                dated.resize(entries.len(), false);
            }
            dated[pattern] |= entry.dates.is_dated();
        }
        if vocab.len() > MAX_VOCABULARY {
            return Err(format!(
                "the pack's vocabulary has {} words; at most {MAX_VOCABULARY} are supported",
                vocab.len()
            ));
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .map_err(|e| format!("cannot build the lexicon automaton: {e}"))?,
            )
        };
        Ok(LexiconIndex {
            automaton,
            entries,
            exact_tokens,
            dated,
            dates,
        })
    }

    /// Every lexicon phrase in a sentence, all overlaps included. `encoded` is
    /// the sentence's word ids as [`encode`] writes them; `token_text` gives a
    /// token's original text for exact-case entries; `date` is the document's,
    /// which chooses among dated rows.
    pub fn find<'t>(
        &self,
        encoded: &[u8],
        token_text: impl Fn(usize) -> &'t str,
        date: Option<Date>,
        out: &mut Vec<LexiconHit>,
    ) {
        out.clear();
        let Some(automaton) = &self.automaton else {
            return;
        };
        for found in automaton.find_overlapping_iter(encoded) {
            let start = found.start() / 3;
            let end = found.end() / 3;
            let pattern = found.pattern().as_usize();
            let first = out.len();
            for &entry in &self.entries[pattern] {
                if let Some(exact) = &self.exact_tokens[entry as usize]
                    && !exact
                        .iter()
                        .enumerate()
                        .all(|(i, t)| token_text(start + i) == t)
                {
                    continue;
                }
                out.push(LexiconHit { start, end, entry });
            }
            if self.dated[pattern] {
                let hits: Vec<LexiconHit> = out.drain(first..).collect();
                self.choose_by_date(&hits, date, out);
            }
        }
    }

    /// Of the rows of one phrase, keeps per type the first dated row whose
    /// range holds `date`, or else the undated rows.
    fn choose_by_date(&self, hits: &[LexiconHit], date: Option<Date>, out: &mut Vec<LexiconHit>) {
        let covers = |hit: &LexiconHit| {
            let (_, range) = self.dates[hit.entry as usize];
            range.is_dated() && date.is_some_and(|d| range.contains(d))
        };
        for (i, hit) in hits.iter().enumerate() {
            let (ty, range) = self.dates[hit.entry as usize];
            let same_type = |h: &LexiconHit| self.dates[h.entry as usize].0 == ty;
            let keep = if range.is_dated() {
                covers(hit) && !hits[..i].iter().any(|h| same_type(h) && covers(h))
            } else {
                !hits.iter().any(|h| same_type(h) && covers(h))
            };
            if keep {
                out.push(*hit);
            }
        }
    }
}

/// Word ids as bytes: `1hhhhhhh 0mmmmmmm 0lllllll` per id.
pub fn encode(ids: &[WordId]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ids.len() * 3);
    encode_into(ids.iter().copied(), &mut out);
    out
}

pub fn encode_into(ids: impl Iterator<Item = WordId>, out: &mut Vec<u8>) {
    for id in ids {
        out.push(0x80 | ((id >> 14) & 0x7f) as u8);
        out.push(((id >> 7) & 0x7f) as u8);
        out.push((id & 0x7f) as u8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack::TypeId;
    use crate::lang::source::{FileId, Span};

    fn entry(phrase: &str, exact: bool) -> LexiconEntry {
        LexiconEntry {
            phrase: phrase.into(),
            ty: TypeId(2),
            code: "X".into(),
            exact,
            dates: DateRange::default(),
            span: Span::new(FileId(0), 0, 0),
        }
    }

    #[test]
    fn phrases_match_whole_tokens_and_exact_entries_check_case() {
        let mut vocab = Vocabulary::default();
        let lexicon = [
            entry("Deir ez-Zor", false),
            entry("IS", true),
            entry("Deir", false),
        ];
        let index = LexiconIndex::build(&lexicon, &mut vocab).unwrap();
        let text = "is Deir Ez-Zor IS";
        let tokens = tokenize(text);
        let ids: Vec<WordId> = tokens
            .iter()
            .map(|t| vocab.get(&fold(t.text(text))))
            .collect();
        let mut hits = Vec::new();
        index.find(&encode(&ids), |i| tokens[i].text(text), None, &mut hits);
        hits.sort_by_key(|h| (h.start, h.end));
        assert_eq!(
            hits,
            [
                LexiconHit {
                    start: 1,
                    end: 2,
                    entry: 2
                },
                LexiconHit {
                    start: 1,
                    end: 5,
                    entry: 0
                },
                LexiconHit {
                    start: 5,
                    end: 6,
                    entry: 1
                },
            ]
        );
    }
}
