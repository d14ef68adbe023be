//! The pack's vocabulary: every case-folded word form any rule or lexicon
//! mentions, interned to a dense [`WordId`].
//!
//! Text tokens are looked up once per token; a form the pack never mentions
//! gets [`UNKNOWN_WORD`], which no pattern contains. Each entry carries its
//! [`Features`] (closed-class and inflection bits), read with the same lookup.

use rustc_hash::FxHashMap as HashMap;

use super::features::Features;

pub type WordId = u32;

/// The id of every word the pack does not know.
pub const UNKNOWN_WORD: WordId = 0;

#[derive(Debug, Clone)]
pub struct Vocabulary {
    ids: HashMap<String, WordId>,
    words: Vec<String>,
    features: Vec<Features>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            ids: HashMap::default(),
            words: vec![String::new()],
            features: vec![0],
        }
    }
}

impl Vocabulary {
    /// The id of a folded form, adding it if new.
    pub fn intern(&mut self, folded: &str) -> WordId {
        if let Some(&id) = self.ids.get(folded) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.push(folded.to_string());
        self.features.push(0);
        self.ids.insert(folded.to_string(), id);
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

    pub fn word(&self, id: WordId) -> &str {
        &self.words[id as usize]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.len() <= 1
    }
}
