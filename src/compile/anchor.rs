//! Anchors: for each program, the word set one of whose words must occur in
//! any sentence it matches. The index from words to programs lets a sentence
//! try only the rules whose anchor it contains.

use super::program::{Elem, ElemKind};
use super::vocab::{Vocabulary, WordId};
use super::words::{WordSetId, WordSets};
use crate::text::english::COMMON_WORDS;

/// The rarest required word element of a pattern, as one word set.
pub fn choose_anchor(root: &Elem, vocab: &Vocabulary, sets: &mut WordSets) -> Option<WordSetId> {
    let parts: Vec<&Elem> = match &root.kind {
        ElemKind::Seq(parts) => parts.iter().collect(),
        _ => vec![root],
    };
    let candidates: Vec<Vec<WordId>> = parts.iter().filter_map(|p| first_words(p, sets)).collect();
    let best = candidates.into_iter().min_by_key(|words| {
        let common = words
            .iter()
            .filter(|&&w| COMMON_WORDS.contains(&vocab.word(w)))
            .count();
        let commonness = if common == words.len() {
            2
        } else if common > 0 {
            1
        } else {
            0
        };
        (commonness, words.len())
    })?;
    Some(sets.add(best))
}

/// The words one of which must start this element, if it is a required
/// word element.
fn first_words(elem: &Elem, sets: &WordSets) -> Option<Vec<WordId>> {
    match &elem.kind {
        ElemKind::Tokens {
            sets: token_sets, ..
        } => token_sets.first().map(|s| sets.get(*s).to_vec()),
        ElemKind::Alt(branches) => {
            let mut words = Vec::new();
            for branch in branches {
                words.extend(first_words(branch, sets)?);
            }
            Some(words)
        }
        ElemKind::Seq(parts) => parts.first().and_then(|p| first_words(p, sets)),
        _ => None,
    }
}
