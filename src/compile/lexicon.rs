//! The lexicon index: every lexicon phrase, as a sequence of word ids, in
//! one trie walked from each token of a sentence that starts a phrase.
//!
//! A word that starts no phrase costs one bit test, so a sentence costs
//! about one step per token plus one per word of each phrase found; the
//! trie is one hash map keyed by (node, word id), built in one pass.
//!
//! Rows of one phrase may be restricted to document dates: for a dated
//! document, the first dated row of a type whose range holds the date stands
//! in for the undated rows of that type.

use rustc_hash::FxHashMap;

use super::vocab::{MAX_VOCABULARY, Vocabulary, WordId};
use crate::lang::date::{Date, DateRange};
use crate::lang::pack::{LexiconEntry, TypeId};
use crate::text::{fold_into, tokenize_into};

#[derive(Debug, Clone)]
pub struct LexiconIndex {
    trie: PhraseTrie,
    phrases: PhraseEntries,
}

/// The distinct phrases, word by word. A phrase's pattern is its index
/// among the distinct phrases.
#[derive(Debug, Clone, Default)]
struct PhraseTrie {
    /// (node, word) to the node after that word; the root is node 0.
    next: FxHashMap<(u32, WordId), u32>,
    /// For each node: the pattern of the phrase that ends there, or
    /// [`NO_PATTERN`].
    pattern_at: Vec<u32>,
    /// The words that start a phrase, as a bitset over word ids.
    first_words: Vec<u64>,
}

const NO_PATTERN: u32 = u32::MAX;

impl PhraseTrie {
    fn new() -> PhraseTrie {
        PhraseTrie {
            pattern_at: vec![NO_PATTERN],
            ..PhraseTrie::default()
        }
    }

    /// The pattern of `words`, a new one if the trie does not hold them yet.
    fn insert(&mut self, words: &[WordId], patterns: &mut u32) -> u32 {
        let mut node = 0;
        for &word in words {
            let fresh = self.pattern_at.len() as u32;
            node = *self.next.entry((node, word)).or_insert(fresh);
            if node == fresh {
                self.pattern_at.push(NO_PATTERN);
            }
        }
        if let Some(&first) = words.first() {
            let (word, bit) = (first as usize / 64, first % 64);
            if self.first_words.len() <= word {
                self.first_words.resize(word + 1, 0);
            }
            self.first_words[word] |= 1 << bit;
        }
        let pattern = &mut self.pattern_at[node as usize];
        if *pattern == NO_PATTERN {
            *pattern = *patterns;
            *patterns += 1;
        }
        *pattern
    }

    fn starts_phrase(&self, word: WordId) -> bool {
        self.first_words
            .get(word as usize / 64)
            .is_some_and(|bits| bits & (1 << (word % 64)) != 0)
    }
}

/// The lexicon entries of each pattern, and what choosing among them
/// needs.
#[derive(Debug, Clone)]
struct PhraseEntries {
    /// For each pattern `p`: the lexicon entries with that phrase
    /// are `entries[entry_starts[p]..entry_starts[p + 1]]`.
    entry_starts: Vec<u32>,
    entries: Vec<u32>,
    /// For each entry that must match with its own case: how it is written.
    exact_tokens: Vec<Option<ExactCase>>,
    /// For each pattern: whether one of its entries is dated.
    dated: Vec<bool>,
    /// For each entry: its type and dates, to choose among dated rows.
    dates: Vec<(TypeId, DateRange)>,
}

/// An `exact` entry's phrase as written.
#[derive(Debug, Clone)]
struct ExactCase {
    tokens: Vec<String>,
    /// Written with a small letter ("Chad", not "IS"): in a sentence
    /// written in capitals it matches whatever the case.
    spelt_small: bool,
}

/// A lexicon phrase found in a sentence: token range (sentence-relative) and entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexiconHit {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

/// A lexicon's phrases as word ids, before its trie is built: the part of
/// [`LexiconIndex::build`] that needs the vocabulary.
#[derive(Debug)]
pub struct EncodedLexicon {
    /// Every entry's words, one after the other; entry `i`'s end at
    /// `ends[i]` (an entry without words has none).
    words: Vec<WordId>,
    ends: Vec<u32>,
    exact_tokens: Vec<Option<ExactCase>>,
    dates: Vec<(TypeId, DateRange)>,
}

/// From this many entries on, the trie is built on another thread while
/// the rules are lowered: below, a thread costs more than it wins back.
const PARALLEL_BUILD_ENTRIES: usize = 10_000;

impl EncodedLexicon {
    /// Whether the trie is worth building beside other work.
    pub fn is_large(&self) -> bool {
        self.ends.len() >= PARALLEL_BUILD_ENTRIES
    }

    /// Builds the trie and the entry tables; needs no vocabulary, so it
    /// can run while the rules are lowered.
    pub fn build_index(self) -> LexiconIndex {
        let EncodedLexicon {
            words,
            ends,
            exact_tokens,
            dates,
        } = self;
        let mut trie = PhraseTrie::new();
        let mut patterns = 0;
        // (pattern, entry) pairs, in entry order.
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(ends.len());
        let mut start = 0;
        for (index, &end) in ends.iter().enumerate() {
            let phrase = &words[start..end as usize];
            start = end as usize;
            if !phrase.is_empty() {
                pairs.push((trie.insert(phrase, &mut patterns), index as u32));
            }
        }
        let patterns = patterns as usize;
        // Stable: entries of one pattern stay in lexicon order.
        pairs.sort_by_key(|&(pattern, _)| pattern);
        let mut entry_starts = Vec::with_capacity(patterns + 1);
        let mut entries = Vec::with_capacity(pairs.len());
        for (pattern, entry) in pairs {
            while entry_starts.len() <= pattern as usize {
                entry_starts.push(entries.len() as u32);
            }
            entries.push(entry);
        }
        while entry_starts.len() <= patterns {
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
        LexiconIndex {
            trie,
            phrases: PhraseEntries {
                entry_starts,
                entries,
                exact_tokens,
                dated,
                dates,
            },
        }
    }
}

impl LexiconIndex {
    /// Interns the lexicon's words in `vocab` and builds its trie.
    pub fn build(lexicon: &[LexiconEntry], vocab: &mut Vocabulary) -> Result<LexiconIndex, String> {
        Ok(LexiconIndex::encode(lexicon, vocab)?.build_index())
    }

    /// Interns the lexicon's words in `vocab`: the part of building that
    /// needs the vocabulary. Linear in the lexicon: one tokenization and
    /// one hash lookup per word, buffers reused.
    pub fn encode(
        lexicon: &[LexiconEntry],
        vocab: &mut Vocabulary,
    ) -> Result<EncodedLexicon, String> {
        let mut words: Vec<WordId> = Vec::new();
        let mut ends: Vec<u32> = Vec::with_capacity(lexicon.len());
        let mut exact_tokens = vec![None; lexicon.len()];
        let mut tokens = Vec::new();
        let mut folded = String::new();
        for (index, entry) in lexicon.iter().enumerate() {
            tokenize_into(&entry.phrase, &mut tokens);
            for token in &tokens {
                fold_into(token.text(&entry.phrase), &mut folded);
                words.push(vocab.intern(&folded));
            }
            ends.push(words.len() as u32);
            if entry.exact && !tokens.is_empty() {
                let tokens: Vec<String> = tokens
                    .iter()
                    .map(|t| t.text(&entry.phrase).to_string())
                    .collect();
                let spelt_small = tokens.iter().any(|t| t.chars().any(char::is_lowercase));
                exact_tokens[index] = Some(ExactCase {
                    tokens,
                    spelt_small,
                });
            }
        }
        if vocab.is_full() {
            return Err(format!(
                "the lexicons hold more than {MAX_VOCABULARY} distinct word forms, the most a pack's vocabulary holds (see docs/LIMITS.md)"
            ));
        }
        Ok(EncodedLexicon {
            words,
            ends,
            exact_tokens,
            dates: lexicon.iter().map(|e| (e.ty, e.dates)).collect(),
        })
    }

    /// Every lexicon phrase in a sentence, all overlaps included, by end
    /// and, at one end, longest first. `words` are the sentence's word
    /// ids; `token_text` gives a token's original text for exact-case
    /// entries; `all_capitals` says (asked only when an exact-case entry
    /// is found) whether the sentence is written in capitals, where case
    /// tells nothing and an exact entry spelt with small letters ("Chad",
    /// "Turkey") matches whatever the case ("CHAD SAYS IT KILLED …");
    /// `date` is the document's, which chooses among dated rows.
    pub fn find<'t>(
        &self,
        words: &[WordId],
        token_text: impl Fn(usize) -> &'t str,
        all_capitals: impl Fn() -> bool,
        date: Option<Date>,
        out: &mut Vec<LexiconHit>,
    ) {
        out.clear();
        let mut capitals = None;
        let mut all_capitals = || *capitals.get_or_insert_with(&all_capitals);
        for start in 0..words.len() {
            if !self.trie.starts_phrase(words[start]) {
                continue;
            }
            let mut node = 0;
            for end in start + 1..=words.len() {
                let Some(&next) = self.trie.next.get(&(node, words[end - 1])) else {
                    break;
                };
                node = next;
                let pattern = self.trie.pattern_at[node as usize];
                if pattern != NO_PATTERN {
                    self.add_hits(
                        start,
                        end,
                        pattern as usize,
                        &token_text,
                        &mut all_capitals,
                        date,
                        out,
                    );
                }
            }
        }
        // Stable, so the rows of one phrase keep their lexicon order.
        out.sort_by_key(|hit| (hit.end, std::cmp::Reverse(hit.end - hit.start)));
    }

    /// The rows of the phrase `pattern` found at `start..end`.
    #[allow(clippy::too_many_arguments)]
    fn add_hits<'t>(
        &self,
        start: usize,
        end: usize,
        pattern: usize,
        token_text: &impl Fn(usize) -> &'t str,
        all_capitals: &mut impl FnMut() -> bool,
        date: Option<Date>,
        out: &mut Vec<LexiconHit>,
    ) {
        let range = self.phrases.entry_starts[pattern] as usize
            ..self.phrases.entry_starts[pattern + 1] as usize;
        let first = out.len();
        for &entry in &self.phrases.entries[range] {
            if let Some(exact) = &self.phrases.exact_tokens[entry as usize] {
                let same_case = exact
                    .tokens
                    .iter()
                    .enumerate()
                    .all(|(i, t)| token_text(start + i) == t);
                // An acronym ("IS", "ETA") keeps its case test even in
                // capitals: "IS" there may still be the verb.
                let case_blind = exact.spelt_small && all_capitals();
                if !(same_case || case_blind) {
                    continue;
                }
            }
            out.push(LexiconHit { start, end, entry });
        }
        if self.phrases.dated[pattern] {
            let hits: Vec<LexiconHit> = out.drain(first..).collect();
            self.choose_by_date(&hits, date, out);
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

    /// The lexicon's hits in `text`, told whether it is in capitals.
    fn find(
        index: &LexiconIndex,
        vocab: &Vocabulary,
        text: &str,
        capitals: bool,
    ) -> Vec<LexiconHit> {
        let tokens = tokenize(text);
        let ids: Vec<WordId> = tokens
            .iter()
            .map(|t| vocab.get(&fold(t.text(text))))
            .collect();
        let mut hits = Vec::new();
        index.find(&ids, |i| tokens[i].text(text), || capitals, None, &mut hits);
        hits
    }

    #[test]
    fn phrases_match_whole_tokens_and_exact_entries_check_case() {
        let mut vocab = Vocabulary::default();
        let lexicon = [
            entry("Deir ez-Zor", false),
            entry("IS", true),
            entry("Deir", false),
            entry("ez-Zor", false),
        ];
        let index = LexiconIndex::build(&lexicon, &mut vocab).unwrap();
        let hits = find(&index, &vocab, "is Deir Ez-Zor IS", false);
        // By end, and at one end longest first.
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
                    start: 2,
                    end: 5,
                    entry: 3
                },
                LexiconHit {
                    start: 5,
                    end: 6,
                    entry: 1
                },
            ]
        );
    }

    #[test]
    fn in_capitals_an_exact_entry_spelt_small_matches_but_an_acronym_keeps_its_case() {
        let mut vocab = Vocabulary::default();
        let lexicon = [entry("Chad", true), entry("IS", true)];
        let index = LexiconIndex::build(&lexicon, &mut vocab).unwrap();
        let found = |text: &str, capitals: bool| -> Vec<u32> {
            let hits = find(&index, &vocab, text, capitals);
            hits.iter().map(|h| h.entry).collect()
        };
        // A headline: "CHAD" is the country.
        assert_eq!(found("CHAD SAYS IS", true), [0, 1]);
        // In running text the case still decides: "chad" is no country,
        // and "is" no group.
        assert_eq!(found("the chad is", false), Vec::<u32>::new());
        assert_eq!(found("CHAD is", false), Vec::<u32>::new());
    }
}
