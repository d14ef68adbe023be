//! Word lists the built-in mentions consult (titles, stop words, currencies,
//! units): single words looked up case-insensitively, and phrases matched
//! token by token. Plain data: the lists come from the caller (a pack's
//! configuration) or from the defaults next to the code that uses them.

use super::fold::fold;
use super::token::{Token, tokenize_phrase};

/// Single words, compared after case folding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    /// Folded and sorted, for binary search.
    words: Vec<String>,
}

impl WordList {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> WordList {
        let mut words: Vec<String> = words.into_iter().map(|w| fold(w.as_ref())).collect();
        words.sort_unstable();
        words.dedup();
        WordList { words }
    }

    /// Whether the list holds `word`, whatever its case. ASCII words (nearly
    /// all) are lowercased on the stack: this runs on every capitalized token.
    pub fn contains(&self, word: &str) -> bool {
        let mut buf = [0u8; 24];
        match buf.get_mut(..word.len()) {
            Some(dst) if word.is_ascii() => {
                dst.copy_from_slice(word.as_bytes());
                dst.make_ascii_lowercase();
                self.words
                    .binary_search_by(|w| w.as_bytes().cmp(&*dst))
                    .is_ok()
            }
            _ => self.words.binary_search(&fold(word)).is_ok(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Phrases of one or more tokens, matched case-insensitively against a
/// sentence's tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseList {
    /// Each phrase as folded token texts, longest first.
    phrases: Vec<Vec<String>>,
    /// For each lowercased ASCII first byte, whether some phrase may start
    /// with it: most tokens are rejected by this one lookup.
    first_bytes: [bool; 128],
}

impl Default for PhraseList {
    fn default() -> PhraseList {
        PhraseList::new(std::iter::empty::<&str>())
    }
}

impl PhraseList {
    pub fn new<S: AsRef<str>>(phrases: impl IntoIterator<Item = S>) -> PhraseList {
        let mut list: Vec<Vec<String>> = phrases
            .into_iter()
            .map(|p| {
                let p = p.as_ref();
                tokenize_phrase(p)
                    .iter()
                    .map(|t| fold(t.text(p)))
                    .collect::<Vec<String>>()
            })
            .filter(|tokens| !tokens.is_empty())
            .collect();
        list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        list.dedup();
        let mut first_bytes = [false; 128];
        for phrase in &list {
            if let Some(&b) = phrase[0].as_bytes().first()
                && b < 128
            {
                first_bytes[b.to_ascii_lowercase() as usize] = true;
            }
        }
        PhraseList {
            phrases: list,
            first_bytes,
        }
    }

    /// The length in tokens of the longest phrase starting at token `i`.
    pub fn longest_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        let first = tokens.get(i)?.text(text);
        match first.as_bytes().first() {
            Some(&b) if b < 128 && !self.first_bytes[b.to_ascii_lowercase() as usize] => {
                return None;
            }
            None => return None,
            _ => {}
        }
        self.phrases
            .iter()
            .find(|phrase| {
                phrase.iter().enumerate().all(|(k, word)| {
                    tokens
                        .get(i + k)
                        .is_some_and(|t| same_word(t.text(text), word))
                })
            })
            .map(Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
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
