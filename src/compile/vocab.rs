//! The pack's vocabulary: every case-folded word form any rule or lexicon
//! mentions, interned to a dense [`WordId`].
//!
//! Text tokens are looked up once per token; a form the pack never mentions
//! gets [`UNKNOWN_WORD`], which no pattern contains.

use rustc_hash::FxHashMap as HashMap;

pub type WordId = u32;

/// The id of every word the pack does not know.
pub const UNKNOWN_WORD: WordId = 0;

#[derive(Debug, Clone)]
pub struct Vocabulary {
    ids: HashMap<String, WordId>,
    words: Vec<String>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            ids: HashMap::default(),
            words: vec![String::new()],
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
        self.ids.insert(folded.to_string(), id);
        id
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
