//! A sentence prepared for matching: its tokens' word ids (one vocabulary
//! lookup per token), their features (closed-class bits from the
//! vocabulary, shape bits from the token), verb-group flags and word
//! classes.

use crate::compile::CompiledPack;
use crate::compile::features::{self, Features};
use crate::compile::vocab::WordId;
use crate::text::{Token, WordClasses, fold_into};

#[derive(Debug, Default)]
pub struct Prepared {
    pub words: Vec<WordId>,
    pub features: Vec<Features>,
    /// Whether each token may stand in a verb group (auxiliary, negation,
    /// adverb, modality verb).
    pub verb_group: Vec<bool>,
    /// Each token's classes for the built-in mentions, off the vocabulary.
    pub classes: Vec<WordClasses>,
    /// The features of all tokens together: whether any has a bit.
    pub any: Features,
    /// One past the last coordinator or clause break ("and", "but", ";"):
    /// no coordinated verb phrase starts at or after it.
    pub links_end: usize,
    folded: String,
}

impl Prepared {
    pub fn prepare(&mut self, pack: &CompiledPack, text: &str, tokens: &[Token]) {
        self.words.clear();
        self.features.clear();
        self.verb_group.clear();
        self.classes.clear();
        self.any = 0;
        for token in tokens {
            let written = token.text(text);
            // Most tokens are folded already (lowercase ASCII): no copy.
            let folded = if written
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
            {
                written
            } else {
                fold_into(written, &mut self.folded);
                &self.folded
            };
            let word = pack.vocab.get(folded);
            self.words.push(word);
            let capitalized = match written.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => written.chars().next().is_some_and(char::is_uppercase),
            };
            let bits =
                pack.vocab.features(word) | features::token_shape(token.kind, capitalized, folded);
            self.features.push(bits);
            self.any |= bits;
            self.classes.push(features::text_classes(bits));
            self.verb_group.push(
                bits & (features::VERB_GROUP | features::LY_ADVERB | features::MODALITY_VERB) != 0,
            );
        }
        if self.any & features::HYPHEN != 0 {
            self.unmark_spaced_dashes(tokens);
        }
        self.links_end = self
            .features
            .iter()
            .rposition(|&f| f & (features::COORDINATOR | features::CLAUSE_BREAK) != 0)
            .map_or(0, |last| last + 1);
    }

    /// A "-" with a space on each side is a dash between two phrases
    /// ("Nairobi - Embakasi", "India - Sikh extremists"), not a hyphen
    /// inside a word ("15-year-old", "an anti- Gondor parade").
    fn unmark_spaced_dashes(&mut self, tokens: &[Token]) {
        for i in 1..tokens.len().saturating_sub(1) {
            if self.features[i] & features::HYPHEN != 0
                && tokens[i - 1].end < tokens[i].start
                && tokens[i].end < tokens[i + 1].start
            {
                self.features[i] &= !features::HYPHEN;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the token at `index` has any of `bits`; false past the end.
    #[inline]
    pub fn has(&self, index: usize, bits: Features) -> bool {
        self.features.get(index).is_some_and(|f| f & bits != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::load::load;
    use crate::text::classes::classify;
    use crate::text::tokenize;

    /// The classes a pack's vocabulary gives each token are the ones the
    /// pack's word lists give it, its own changes to them included.
    #[test]
    fn vocabulary_classes_agree_with_the_word_lists() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("pack.evr");
        let source = "words number.currency += quid\nwords proper.stop += reuters\n\
                      words proper.title -= general\ntype Army\n";
        std::fs::write(&path, source).expect("write the pack");
        let pack = load(&path).expect("the pack loads").compiled;
        let text = "About 20 quid, US$ 5 and twenty per cent: General Sir Ali, \
                    Reuters said. Analysts in Ünye expect a dozen Prime Ministers.";
        let tokens = tokenize(text);
        let mut prepared = Prepared::default();
        prepared.prepare(&pack, text, &tokens);
        let lists = &pack.builtin_words;
        let mut expected = Vec::new();
        classify(text, &tokens, &lists.proper, &lists.number, &mut expected);
        assert_eq!(prepared.classes, expected);
        let class_of = |word: &str| {
            let at = tokens.iter().position(|t| t.text(text) == word);
            at.map(|at| prepared.classes[at])
        };
        use crate::text::classes::{CURRENCY_START, STOP, TITLE_START};
        assert_eq!(class_of("quid"), Some(CURRENCY_START));
        assert_eq!(class_of("Reuters"), Some(STOP));
        assert_eq!(class_of("General").map(|c| c & TITLE_START), Some(0));
    }
}
