//! Anchors and required words: for each program, the word sets one of whose
//! words must occur in any sentence it matches. The rarest is the anchor:
//! the index from words to programs lets a sentence try only the rules
//! whose anchor it contains. The others are checked before a search
//! starts, so that a sentence with "said" but without "access" does not
//! run a pattern needing both (in a pack of thousands of rules sharing
//! their verbs, almost every search would otherwise fail).

use super::program::{Elem, ElemKind};
use super::vocab::{Vocabulary, WordId};
use super::words::{WordSetId, WordSets};
use crate::text::english::COMMON_WORDS;

/// What a program needs among a sentence's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequiredWords {
    /// The rarest requirement, indexed by its words.
    pub anchor: Option<WordSetId>,
    /// The other requirements, checked before a search.
    pub others: Vec<WordSetId>,
}

/// The requirements of a pattern, the rarest one as the anchor.
pub fn required_words(
    root: &Elem,
    vocab: &Vocabulary,
    sets: &mut WordSets,
    common: &mut CommonWords,
) -> RequiredWords {
    let requirements = requirements(root, sets);
    choose_anchor(requirements, vocab, sets, common)
}

/// The anchor among a pattern's requirements (as [`requirements`]
/// lists them): the rarest, the lowest set id among equals.
pub fn choose_anchor(
    mut requirements: Vec<WordSetId>,
    vocab: &Vocabulary,
    sets: &WordSets,
    common: &mut CommonWords,
) -> RequiredWords {
    requirements.sort_unstable_by_key(|set| set.0);
    requirements.dedup();
    let Some(best) = requirements
        .iter()
        .enumerate()
        .min_by_key(|&(_, &set)| {
            let words = sets.get(set);
            (common.commonness(words, vocab), words.len())
        })
        .map(|(index, _)| index)
    else {
        return RequiredWords::default();
    };
    let anchor = requirements.remove(best);
    RequiredWords {
        anchor: Some(anchor),
        others: requirements,
    }
}

/// Which words are [`COMMON_WORDS`], remembered by id: a large pack asks
/// for every word of every requirement (millions of string comparisons).
#[derive(Debug, Default)]
pub struct CommonWords {
    /// By word id: 0 not asked yet, 1 not common, 2 common.
    known: Vec<u8>,
}

impl CommonWords {
    fn is_common(&mut self, word: WordId, vocab: &Vocabulary) -> bool {
        let at = word as usize;
        if at >= self.known.len() {
            self.known.resize(vocab.len().max(at + 1), 0);
        }
        if self.known[at] == 0 {
            self.known[at] = 1 + u8::from(COMMON_WORDS.contains(&vocab.word(word)));
        }
        self.known[at] == 2
    }

    /// 0 when no word is common, 1 when some are, 2 when all are.
    fn commonness(&mut self, words: &[WordId], vocab: &Vocabulary) -> u8 {
        let common = words.iter().filter(|&&w| self.is_common(w, vocab)).count();
        if common == words.len() {
            2
        } else if common > 0 {
            1
        } else {
            0
        }
    }
}

/// Word sets one word of each of which every match contains, in the
/// order the pattern gives them (with repeats).
pub fn requirements(elem: &Elem, sets: &mut WordSets) -> Vec<WordSetId> {
    match &elem.kind {
        ElemKind::Tokens {
            sets: token_sets, ..
        } => token_sets.clone(),
        ElemKind::Seq(parts) => parts.iter().flat_map(|p| requirements(p, sets)).collect(),
        ElemKind::Alt(branches) => {
            let per_branch: Vec<Vec<WordSetId>> =
                branches.iter().map(|b| requirements(b, sets)).collect();
            // A requirement of every branch is one of the whole choice.
            let shared: Vec<WordSetId> = per_branch
                .first()
                .map(|first| {
                    first
                        .iter()
                        .filter(|r| per_branch[1..].iter().all(|other| other.contains(r)))
                        .copied()
                        .collect()
                })
                .unwrap_or_default();
            if !shared.is_empty() || per_branch.iter().any(|b| b.is_empty()) {
                return shared;
            }
            // Otherwise one word of some branch's requirement must occur:
            // the union of each branch's smallest.
            let union: Vec<WordId> = per_branch
                .iter()
                .filter_map(|b| b.iter().min_by_key(|&&set| sets.get(set).len()))
                .flat_map(|&set| sets.get(set).iter().copied())
                .collect();
            vec![sets.add(union)]
        }
        ElemKind::Optional(_)
        | ElemKind::Gap { .. }
        | ElemKind::NotNext(_)
        | ElemKind::Peek(_)
        | ElemKind::Slot(_)
        | ElemKind::NounPhrase
        | ElemKind::Aux { .. }
        | ElemKind::Verb
        | ElemKind::ClauseGap { .. }
        | ElemKind::GroupStart
        | ElemKind::VerbGroupStart => Vec::new(),
    }
}
