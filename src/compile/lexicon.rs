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

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use super::vocab::{MAX_VOCABULARY, Vocabulary, WordId};
use crate::lang::date::{Date, DateRange};
use crate::lang::pack::{LexiconEntry, TypeId};
use crate::text::{fold_into, tokenize_into};

#[derive(Debug, Clone)]
pub struct LexiconIndex {
    automaton: Option<AhoCorasick>,
    phrases: PhraseEntries,
}

/// The lexicon entries of each automaton pattern, and what choosing among
/// them needs.
#[derive(Debug, Clone)]
struct PhraseEntries {
    /// For each automaton pattern `p`: the lexicon entries with that phrase
    /// are `entries[entry_starts[p]..entry_starts[p + 1]]`.
    entry_starts: Vec<u32>,
    entries: Vec<u32>,
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

/// A lexicon's phrases as word ids, before its automaton is built: the
/// part of [`LexiconIndex::build`] that needs the vocabulary.
#[derive(Debug)]
pub struct EncodedLexicon {
    /// Each distinct phrase, encoded; its index is its automaton pattern.
    patterns: Vec<Vec<u8>>,
    phrases: PhraseEntries,
}

/// Below this many phrases the automaton is built on the loading thread:
/// a worker thread costs more than it wins back.
const PARALLEL_BUILD_PHRASES: usize = 10_000;

impl EncodedLexicon {
    /// Whether the automaton is worth building beside other work.
    pub fn is_large(&self) -> bool {
        self.patterns.len() >= PARALLEL_BUILD_PHRASES
    }

    /// Builds the automaton; needs no vocabulary, so it can run while the
    /// rules are lowered.
    pub fn build_automaton(self) -> Result<LexiconIndex, String> {
        let EncodedLexicon { patterns, phrases } = self;
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    // The final automaton is the same as with the default
                    // (3), but building it for a million phrases peaks at
                    // a fifth of the memory, in half the time.
                    .dense_depth(2)
                    .build(&patterns)
                    .map_err(|e| format!("cannot build the lexicon automaton: {e}"))?,
            )
        };
        Ok(LexiconIndex { automaton, phrases })
    }
}

impl LexiconIndex {
    /// Encodes the lexicon with `vocab` and builds its automaton.
    pub fn build(lexicon: &[LexiconEntry], vocab: &mut Vocabulary) -> Result<LexiconIndex, String> {
        LexiconIndex::encode(lexicon, vocab)?.build_automaton()
    }

    /// Linear in the lexicon: one tokenization and one hash lookup per
    /// entry, buffers reused, entries kept in two flat arrays.
    pub fn encode(
        lexicon: &[LexiconEntry],
        vocab: &mut Vocabulary,
    ) -> Result<EncodedLexicon, String> {
        // Each distinct phrase, encoded, and its pattern number.
        let mut pattern_of: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        let mut encoded: Vec<u8> = Vec::new();
        // (pattern, entry) pairs, in entry order.
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(lexicon.len());
        let mut exact_tokens = vec![None; lexicon.len()];
        let mut tokens = Vec::new();
        let mut folded = String::new();
        let dates: Vec<(TypeId, DateRange)> = lexicon.iter().map(|e| (e.ty, e.dates)).collect();
        for (index, entry) in lexicon.iter().enumerate() {
            tokenize_into(&entry.phrase, &mut tokens);
            if tokens.is_empty() {
                continue;
            }
            encoded.clear();
            for token in &tokens {
                fold_into(token.text(&entry.phrase), &mut folded);
                encode_into(std::iter::once(vocab.intern(&folded)), &mut encoded);
            }
            if entry.exact {
                exact_tokens[index] = Some(
                    tokens
                        .iter()
                        .map(|t| t.text(&entry.phrase).to_string())
                        .collect(),
                );
            }
            let pattern = match pattern_of.get(&encoded) {
                Some(&pattern) => pattern,
                None => {
                    let pattern = pattern_of.len() as u32;
                    pattern_of.insert(encoded.clone(), pattern);
                    pattern
                }
            };
            pairs.push((pattern, index as u32));
        }
        let mut patterns: Vec<Vec<u8>> = vec![Vec::new(); pattern_of.len()];
        for (phrase, pattern) in pattern_of {
            patterns[pattern as usize] = phrase;
        }
        if vocab.is_full() {
            return Err(format!(
                "the lexicons hold more than {MAX_VOCABULARY} distinct word forms, the most a pack's vocabulary holds (see docs/LIMITS.md)"
            ));
        }
        // Stable: entries of one pattern stay in lexicon order.
        pairs.sort_by_key(|&(pattern, _)| pattern);
        let mut entry_starts = Vec::with_capacity(patterns.len() + 1);
        let mut entries = Vec::with_capacity(pairs.len());
        for (pattern, entry) in pairs {
            while entry_starts.len() <= pattern as usize {
                entry_starts.push(entries.len() as u32);
            }
            entries.push(entry);
        }
        while entry_starts.len() <= patterns.len() {
            entry_starts.push(entries.len() as u32);
        }
        let dated = entry_starts
            .windows(2)
            .map(|w| {
                entries[w[0] as usize..w[1] as usize]
                    .iter()
                    .any(|&e| dates[e as usize].1.is_dated())
            })
            .collect();
        Ok(EncodedLexicon {
            patterns,
            phrases: PhraseEntries {
                entry_starts,
                entries,
                exact_tokens,
                dated,
                dates,
            },
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
            let range = self.phrases.entry_starts[pattern] as usize
                ..self.phrases.entry_starts[pattern + 1] as usize;
            let first = out.len();
            for &entry in &self.phrases.entries[range] {
                if let Some(exact) = &self.phrases.exact_tokens[entry as usize]
                    && !exact
                        .iter()
                        .enumerate()
                        .all(|(i, t)| token_text(start + i) == t)
                {
                    continue;
                }
                out.push(LexiconHit { start, end, entry });
            }
            if self.phrases.dated[pattern] {
                let hits: Vec<LexiconHit> = out.drain(first..).collect();
                self.choose_by_date(&hits, date, out);
            }
        }
    }
    /// Of the rows of one phrase, keeps per type the first dated row whose
    /// range holds `date`, or else the undated rows.
    fn choose_by_date(&self, hits: &[LexiconHit], date: Option<Date>, out: &mut Vec<LexiconHit>) {
        let covers = |hit: &LexiconHit| {
            let (_, range) = self.phrases.dates[hit.entry as usize];
            range.is_dated() && date.is_some_and(|d| range.contains(d))
        };
        for (i, hit) in hits.iter().enumerate() {
            let (ty, range) = self.phrases.dates[hit.entry as usize];
            let same_type = |h: &LexiconHit| self.phrases.dates[h.entry as usize].0 == ty;
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
    use crate::text::{fold, tokenize};

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
