//! The pack's vocabulary: every case-folded word form any rule or lexicon
//! mentions, interned to a dense [`WordId`].
//!
//! Text tokens are looked up once per token; a form the pack never mentions
//! gets [`UNKNOWN_WORD`], which no pattern contains. Each entry carries its
//! [`Features`] (closed-class and inflection bits), read with the same lookup.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::features::Features;

pub type WordId = u32;

/// The id of every word the pack does not know.
pub const UNKNOWN_WORD: WordId = 0;

/// Most word forms a vocabulary holds: the discard automaton writes each
/// id in three bytes of 7 bits ([`super::discard::encode`]), 2^21 ids.
pub const MAX_VOCABULARY: usize = 1 << 21;

#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Each form is allocated once, shared by the map and the list.
    ids: HashMap<Arc<str>, WordId>,
    words: Vec<Arc<str>>,
    /// Set when a form could not be added: the vocabulary is full, and the
    /// pack must not be used (its compiler reports it).
    full: bool,
    features: Vec<Features>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            ids: HashMap::default(),
            words: vec![Arc::from("")],
            features: vec![0],
            full: false,
        }
    }
}

impl Vocabulary {
    /// The id of a folded form, adding it if new. Past [`MAX_VOCABULARY`]
    /// forms a new form gets [`UNKNOWN_WORD`] and the vocabulary is marked
    /// [`Vocabulary::is_full`]: ids never wrap.
    pub fn intern(&mut self, folded: &str) -> WordId {
        if let Some(&id) = self.ids.get(folded) {
            return id;
        }
        if self.words.len() >= MAX_VOCABULARY {
            self.full = true;
            return UNKNOWN_WORD;
        }
        let id = self.words.len() as WordId;
        let word: Arc<str> = Arc::from(folded);
        self.words.push(word.clone());
        self.features.push(0);
        self.ids.insert(word, id);
        id
    }

    /// Adds features to a word's.
    pub fn add_features(&mut self, id: WordId, features: Features) {
        self.features[id as usize] |= features;
    }

    /// The features of a word; none for [`UNKNOWN_WORD`].
    #[inline]
    pub fn features(&self, id: WordId) -> Features {
        self.features[id as usize]
    }

    /// The id of a folded form, or [`UNKNOWN_WORD`].
    pub fn get(&self, folded: &str) -> WordId {
        self.ids.get(folded).copied().unwrap_or(UNKNOWN_WORD)
    }

    /// The id of a folded form, if the vocabulary has it.
    pub fn id(&self, folded: &str) -> Option<WordId> {
        self.ids.get(folded).copied()
    }

    pub fn word(&self, id: WordId) -> &str {
        &self.words[id as usize]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether a form was refused because the vocabulary was full.
    pub fn is_full(&self) -> bool {
        self.full
    }

    pub fn is_empty(&self) -> bool {
        self.words.len() <= 1
    }
}
