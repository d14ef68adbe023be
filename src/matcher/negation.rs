//! Negation: a cue in the verb group before a match's trigger ("did not
//! intervene", "have never been attacked", "refused to deploy") negates it.

use super::mentions::Mentions;
use super::prepared::Prepared;
use super::vm::Found;
use crate::compile::CompiledPack;
use crate::compile::words::WordSetId;

/// The verb group of a match: from the end of the last slot bound before
/// the trigger (or the match start) up to the trigger.
fn verb_group(mentions: &Mentions, found: &Found) -> Option<std::ops::Range<usize>> {
    let trigger = found.trigger?;
    let from = found
        .slots
        .iter()
        .flatten()
        .map(|&m| mentions.all[m as usize].end)
        .filter(|&end| end <= trigger)
        .max()
        .unwrap_or(found.start);
    Some(from..trigger)
}

/// Whether an active pattern matched a passive clause: a form of "be" in
/// the verb group and the trigger a past participle ("the school was
/// burned" is not the school burning something).
pub fn is_passive_clause(
    pack: &CompiledPack,
    prepared: &Prepared,
    mentions: &Mentions,
    found: &Found,
    participles: Option<WordSetId>,
) -> bool {
    let (Some(participles), Some(trigger), Some(group)) =
        (participles, found.trigger, verb_group(mentions, found))
    else {
        return false;
    };
    pack.sets.contains(participles, prepared.words[trigger])
        && group
            .clone()
            .any(|i| pack.sets.contains(pack.words.be, prepared.words[i]))
}

/// The token (sentence-relative) of the cue that negates the match, if any:
/// a negation in its verb group.
pub fn negation_cue(
    pack: &CompiledPack,
    prepared: &Prepared,
    mentions: &Mentions,
    found: &Found,
) -> Option<usize> {
    let group = verb_group(mentions, found)?;
    let words = &prepared.words;
    let sets = &pack.sets;
    group.into_iter().find(|&i| {
        let word = words[i];
        sets.contains(pack.words.negation, word)
            || sets.contains(pack.words.denial, word)
            || (sets.contains(pack.words.refusal, word) && words.get(i + 1) == Some(&pack.words.to))
    })
}
