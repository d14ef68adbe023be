//! Negation: a cue in the verb group before a match's trigger ("did not
//! intervene", "have never been attacked", "refused to deploy") negates it.

use super::mentions::Mentions;
use super::prepared::Prepared;
use super::vm::Found;
use crate::compile::CompiledPack;

/// The token (sentence-relative) of the cue that negates the match, if any.
/// The verb group runs from the end of the last slot bound before the
/// trigger (or the match start) up to the trigger.
pub fn negation_cue(
    pack: &CompiledPack,
    prepared: &Prepared,
    mentions: &Mentions,
    found: &Found,
) -> Option<usize> {
    let trigger = found.trigger?;
    let from = found
        .slots
        .iter()
        .flatten()
        .map(|&m| mentions.all[m as usize].end)
        .filter(|&end| end <= trigger)
        .max()
        .unwrap_or(found.start);
    let words = &prepared.words;
    let sets = &pack.sets;
    (from..trigger).find(|&i| {
        let word = words[i];
        sets.contains(pack.words.negation, word)
            || sets.contains(pack.words.denial, word)
            || (sets.contains(pack.words.refusal, word) && words.get(i + 1) == Some(&pack.words.to))
    })
}
