//! Word lists the built-in mentions consult (titles, stop words, currencies,
//! units): single words looked up case-insensitively, and phrases matched
//! token by token. Plain data: the lists come from the caller (a pack's
//! configuration) or from the defaults next to the code that uses them.

use rustc_hash::{FxHashMap, FxHashSet};

use super::fold::fold;
use super::token::{Token, tokenize_phrase};

/// Runs `f` on `word` folded, lowercasing ASCII words (nearly all) on the
/// stack: the lookups below run on every capitalized token, and an
/// allocation per lookup was a tenth of the matching time.
fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(dst) if word.is_ascii() => {
            dst.copy_from_slice(word.as_bytes());
            dst.make_ascii_lowercase();
            // ASCII bytes in, ASCII bytes out: always valid UTF-8.
            f(std::str::from_utf8(dst).unwrap_or(word))
        }
        _ => f(&fold(word)),
    }
}

/// Single words, compared after case folding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    words: FxHashSet<String>,
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> WordList {
        WordList {
            words: words.into_iter().map(|w| fold(w.as_ref())).collect(),
        }
    }

    /// Whether the list holds `word`, whatever its case.
    pub fn contains(&self, word: &str) -> bool {
        !self.words.is_empty() && with_folded(word, |folded| self.words.contains(folded))
    }

    /// Whether the list holds `folded`, a word folded already.
    pub fn contains_folded(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    /// The list's words, folded.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Phrases of one or more tokens, matched case-insensitively against a
/// sentence's tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseList {
    /// The phrases' tails (folded tokens after the first), longest first,
    /// by their folded first token: a token that starts no phrase costs
    /// one hash lookup.
    by_first: FxHashMap<String, Vec<Vec<String>>>,
    max_len: usize,
}

impl PhraseList {
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> PhraseList {
        let mut by_first: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for phrase in phrases {
            let phrase = phrase.as_ref();
            let mut tokens = tokenize_phrase(phrase)
                .iter()
                .map(|t| fold(t.text(phrase)))
                .collect::<Vec<String>>()
                .into_iter();
            if let Some(first) = tokens.next() {
                by_first.entry(first).or_default().push(tokens.collect());
            }
        }
        for tails in by_first.values_mut() {
            tails.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            tails.dedup();
        }
        let max_len = by_first
            .values()
            .filter_map(|tails| tails.first())
            .map(|longest| longest.len() + 1)
            .max()
            .unwrap_or(0);
        PhraseList { by_first, max_len }
    }

    /// The length in tokens of the longest phrase.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Whether a phrase starts with `folded`, a word folded already.
    pub fn starts_with(&self, folded: &str) -> bool {
        self.by_first.contains_key(folded)
    }

    /// The phrases' first words, folded.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    /// The length in tokens of the longest phrase starting at token `i`.
    pub fn longest_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        if self.by_first.is_empty() {
            return None;
        }
        let first = tokens.get(i)?.text(text);
        let tails = with_folded(first, |folded| self.by_first.get(folded))?;
        tails
            .iter()
            .find(|tail| {
                tail.iter().enumerate().all(|(k, word)| {
                    tokens
                        .get(i + 1 + k)
                        .is_some_and(|t| same_word(t.text(text), word))
                })
            })
            .map(|tail| tail.len() + 1)
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// Whether a token's text folds to `folded`.
fn same_word(token_text: &str, folded: &str) -> bool {
    if token_text.is_ascii() {
        token_text.eq_ignore_ascii_case(folded)
    } else {
        fold(token_text) == folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn words_match_whatever_their_case() {
        let list = WordList::new(["Buyers", "shares", "Ünal"]);
        assert!(list.contains("buyers") && list.contains("SHARES") && list.contains("ünal"));
        assert!(list.contains("ÜNAL"));
        assert!(!list.contains("buyer") && !list.contains("a-very-long-word-past-the-buffer"));
        assert!(WordList::default().is_empty());
    }

    #[test]
    fn the_longest_phrase_wins() {
        let list = PhraseList::new(["chief", "chief executive", "us $", "£", "'s"]);
        let text = "Chief Executive Tim Cook paid US$5 and £3 for Rosneft’s unit";
        let tokens = tokenize(text);
        let at = |word: &str| {
            let i = tokens
                .iter()
                .position(|t| t.text(text) == word)
                .expect("token");
            list.longest_at(text, &tokens, i)
        };
        assert_eq!(at("Chief"), Some(2));
        assert_eq!(at("US"), Some(2));
        assert_eq!(at("£"), Some(1));
        assert_eq!(at("’s"), Some(1));
        assert_eq!(at("Tim"), None);
        assert_eq!(list.longest_at(text, &tokens, tokens.len()), None);
    }
}
