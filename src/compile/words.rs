//! Word sets: the folded surface forms a pattern word or word class accepts,
//! expanded from lemmas by the inflection model once, at compile time.

use rustc_hash::FxHashMap;

use super::features;
use super::vocab::{Vocabulary, WordId};
use crate::text::{TokenKind, fold, is_clitic, tokenize_phrase, word_forms};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WordSetId(pub u32);

/// Deduplicated sorted sets of word ids. Once the vocabulary is complete,
/// [`WordSets::finish`] gives the larger sets a bitset, so that testing a
/// token is one load whatever the set's size.
#[derive(Debug, Clone, Default)]
pub struct WordSets {
    sets: Vec<Vec<WordId>>,
    /// FxHash: compiling a large pack looks sets up hundreds of thousands
    /// of times, and SipHash over their words was a visible part of it.
    index: FxHashMap<Vec<WordId>, WordSetId>,
    /// How each set is tested once the vocabulary is complete.
    lookup: Vec<SetLookup>,
}

/// A set as the matcher tests it: a few ids compared all at once (no
/// branch per id, no pointer to follow), or a bitset over the stretch of
/// the vocabulary its words span: `first` is the 64-word block of its
/// lowest id. Ids are handed out as rules use words, so a set's words are
/// mostly near each other; stretches take about half the memory of
/// bitsets over the whole vocabulary, and cost one subtraction.
#[derive(Debug, Clone)]
enum SetLookup {
    Few([WordId; SEARCHED]),
    Bits { first: usize, bits: Box<[u64]> },
}

/// Pads a [`SetLookup::Few`]: no word has this id.
const NO_WORD: WordId = WordId::MAX;

/// Sets up to this size are searched; larger ones get a bitset.
const SEARCHED: usize = 8;

impl WordSets {
    /// The set of `words` as written (no inflection), interned in `vocab`:
    /// for the closed lists the compiler tests itself.
    pub fn add_words<'w>(
        &mut self,
        vocab: &mut Vocabulary,
        words: impl IntoIterator<Item = &'w str>,
    ) -> WordSetId {
        let ids = words.into_iter().map(|w| vocab.intern(w)).collect();
        self.add(ids)
    }

    pub fn add(&mut self, mut ids: Vec<WordId>) -> WordSetId {
        ids.sort_unstable();
        ids.dedup();
        if let Some(&id) = self.index.get(&ids) {
            return id;
        }
        let id = WordSetId(self.sets.len() as u32);
        self.sets.push(ids.clone());
        self.index.insert(ids, id);
        id
    }

    // Always inlined: the VM and the start bitsets test a token per call,
    // and whether LLVM inlined it otherwise changed with unrelated edits
    // (a call costs as much as the test).
    #[inline(always)]
    pub fn contains(&self, set: WordSetId, word: WordId) -> bool {
        match self.lookup.get(set.0 as usize) {
            Some(SetLookup::Few(words)) => words.contains(&word),
            // Below the stretch, the subtraction wraps to an index past
            // its end: one bounds check either way.
            Some(SetLookup::Bits { first, bits }) => bits
                .get((word as usize / 64).wrapping_sub(*first))
                .is_some_and(|b| b & (1 << (word % 64)) != 0),
            // Before `finish`, while the pack compiles.
            None => self.sets[set.0 as usize].contains(&word),
        }
    }

    /// Builds each set's lookup: the few ids of a small set, a bitset over
    /// the stretch of ids a larger one spans.
    pub fn finish(&mut self) {
        // Only compiling looks sets up by their words: a second copy of
        // every set the matcher never reads.
        self.index = FxHashMap::default();
        self.lookup = self
            .sets
            .iter()
            .map(|set| {
                if set.len() <= SEARCHED {
                    let mut few = [NO_WORD; SEARCHED];
                    few[..set.len()].copy_from_slice(set);
                    SetLookup::Few(few)
                } else {
                    let block = |word: &WordId| *word as usize / 64;
                    let first = set.iter().map(block).min().unwrap_or(0);
                    let last = set.iter().map(block).max().unwrap_or(0);
                    let mut bits = vec![0u64; last + 1 - first];
                    for &word in set {
                        bits[word as usize / 64 - first] |= 1 << (word % 64);
                    }
                    SetLookup::Bits {
                        first,
                        bits: bits.into_boxed_slice(),
                    }
                }
            })
            .collect();
    }

    /// How many sets there are (ids run from 0 to this).
    pub fn len(&self) -> usize {
        self.sets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    pub fn get(&self, set: WordSetId) -> &[WordId] {
        &self.sets[set.0 as usize]
    }
}

/// How a word written in a rule matches text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Forms {
    /// Only the form as written (`=word`, punctuation, lexicon phrases).
    Exact,
    /// Every inflected form of the lemma.
    Inflected,
    /// Only the past participle(s), for derived passives.
    PastParticiple,
}

/// A rule word or phrase as the tokens of text will show it: one entry per
/// token, each the folded forms that token may take. Every word token of a
/// phrase inflects ("air strike" also matches "air strikes"; forms that
/// never occur in text cost nothing); for a passive only the first word
/// becomes a participle ("carry out" → "carried out"). Clitics (`'s`,
/// `n't`) are the single tokens text splits off ("Rosneft's") and never
/// inflect.
pub fn word_tokens(written: &str, forms: Forms, vocab: &mut Vocabulary) -> Vec<Vec<WordId>> {
    tokenize_phrase(written)
        .iter()
        .enumerate()
        .map(|(index, token)| {
            let text = token.text(written);
            let folded = fold(text);
            let token_forms = token_forms(forms, index, token.kind, text);
            if token_forms == Forms::Inflected {
                return inflected_ids(&folded, vocab);
            }
            surface_forms(&folded, token_forms)
                .iter()
                .map(|f| vocab.intern(f))
                .collect()
        })
        .collect()
}

/// How the `index`th token of a rule word written with `forms` matches:
/// punctuation and clitics as written, a participle's later words too.
fn token_forms(forms: Forms, index: usize, kind: TokenKind, text: &str) -> Forms {
    match (forms, kind) {
        (_, TokenKind::Punct) => Forms::Exact,
        _ if is_clitic(text) => Forms::Exact,
        (Forms::PastParticiple, _) if index > 0 => Forms::Exact,
        (forms, _) => forms,
    }
}

/// Every inflected form of a word, interned with the features that say
/// which form it is (a form can be several: "shot" is past and participle).
fn inflected_ids(folded: &str, vocab: &mut Vocabulary) -> Vec<WordId> {
    let mut ids = Vec::new();
    each_inflected_form(folded, |form, feature| {
        let id = vocab.intern(form);
        vocab.add_features(id, feature);
        if !ids.contains(&id) {
            ids.push(id);
        }
    });
    ids
}

/// Calls `f` on every inflected form of a word with the feature that says
/// which form it is, in the order [`inflected_ids`] interns them.
fn each_inflected_form(folded: &str, mut f: impl FnMut(&str, features::Features)) {
    let forms = word_forms(folded);
    let tagged = std::iter::once((&forms.lemma, features::BASE_FORM))
        .chain(forms.third_person.iter().map(|f| (f, features::S_FORM)))
        .chain(forms.plural.iter().map(|f| (f, features::S_FORM)))
        .chain(forms.past.iter().map(|f| (f, features::PAST)))
        .chain(forms.past_participle.iter().map(|f| (f, features::PAST)))
        .chain(forms.gerund.iter().map(|f| (f, features::ING_FORM)));
    for (form, feature) in tagged {
        if !form.is_empty() {
            f(form, feature);
        }
    }
}

/// Calls `f` on each form [`word_tokens`] gives features to for a rule word
/// written to inflect (`Forms::Inflected`), with those features.
pub fn inflection_features(written: &str, mut f: impl FnMut(&str, features::Features)) {
    for (index, token) in tokenize_phrase(written).iter().enumerate() {
        let text = token.text(written);
        if token_forms(Forms::Inflected, index, token.kind, text) == Forms::Inflected {
            each_inflected_form(&fold(text), &mut f);
        }
    }
}

/// The folded surface forms of one token-sized word.
pub fn surface_forms(folded: &str, forms: Forms) -> Vec<String> {
    match forms {
        Forms::Exact => vec![folded.to_string()],
        Forms::Inflected => word_forms(folded).all(),
        Forms::PastParticiple => {
            let inflected = word_forms(folded);
            if inflected.past_participle.is_empty() {
                vec![folded.to_string()]
            } else {
                inflected.past_participle
            }
        }
    }
}
