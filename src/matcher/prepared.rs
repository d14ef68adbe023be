//! A sentence prepared for matching: its tokens' word ids (one vocabulary
//! lookup per token), verb-group flags, and the byte encoding the lexicon
//! automaton reads.

use crate::compile::CompiledPack;
use crate::compile::lexicon::encode_into;
use crate::compile::vocab::WordId;
use crate::text::{Token, TokenKind, fold_into};

#[derive(Debug, Default)]
pub struct Prepared {
    pub words: Vec<WordId>,
    /// Whether each token may stand in a verb group (auxiliary, negation, adverb).
    pub verb_group: Vec<bool>,
    pub encoded: Vec<u8>,
    folded: String,
}

impl Prepared {
    pub fn prepare(&mut self, pack: &CompiledPack, text: &str, tokens: &[Token]) {
        self.words.clear();
        self.verb_group.clear();
        for token in tokens {
            fold_into(token.text(text), &mut self.folded);
            let word = pack.vocab.get(&self.folded);
            self.words.push(word);
            let adverb = token.kind == TokenKind::Word
                && self.folded.len() > 4
                && self.folded.ends_with("ly");
            self.verb_group
                .push(adverb || pack.sets.contains(pack.words.verb_group, word));
        }
        self.encoded.clear();
        encode_into(self.words.iter().copied(), &mut self.encoded);
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}
