//! A sentence prepared for matching: its tokens' word ids (one vocabulary
//! lookup per token), their features (closed-class bits from the
//! vocabulary, shape bits from the token), verb-group flags, and the byte
//! encoding the lexicon automaton reads.

use crate::compile::CompiledPack;
use crate::compile::features::{self, Features};
use crate::compile::lexicon::encode_into;
use crate::compile::vocab::WordId;
use crate::text::{Token, fold_into};

#[derive(Debug, Default)]
pub struct Prepared {
    pub words: Vec<WordId>,
    pub features: Vec<Features>,
    /// Whether each token may stand in a verb group (auxiliary, negation,
    /// adverb, modality verb).
    pub verb_group: Vec<bool>,
    /// One past the last coordinator or clause break ("and", "but", ";"):
    /// no coordinated verb phrase starts at or after it.
    pub links_end: usize,
    pub encoded: Vec<u8>,
    folded: String,
}

impl Prepared {
    pub fn prepare(&mut self, pack: &CompiledPack, text: &str, tokens: &[Token]) {
        self.words.clear();
        self.features.clear();
        self.verb_group.clear();
        for token in tokens {
            let written = token.text(text);
            fold_into(written, &mut self.folded);
            let word = pack.vocab.get(&self.folded);
            self.words.push(word);
            let capitalized = written.chars().next().is_some_and(char::is_uppercase);
            let bits = pack.vocab.features(word)
                | features::token_shape(token.kind, capitalized, &self.folded);
            self.features.push(bits);
            self.verb_group.push(
                bits & (features::VERB_GROUP | features::LY_ADVERB | features::MODALITY_VERB) != 0,
            );
        }
        self.links_end = self
            .features
            .iter()
            .rposition(|&f| f & (features::COORDINATOR | features::CLAUSE_BREAK) != 0)
            .map_or(0, |last| last + 1);
        self.encoded.clear();
        encode_into(self.words.iter().copied(), &mut self.encoded);
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
