//! Negation: a cue in the verb group before a match's trigger ("did not
//! intervene", "have never been attacked", "refused to deploy") negates it.

use super::prepared::Prepared;
use super::vm::Found;
use crate::compile::CompiledPack;
use crate::compile::features::{BE, DENIAL, NEGATION, REFUSAL, TO};
use crate::compile::words::WordSetId;

/// The verb group of a match: from the end of the last slot bound before
/// the trigger (or the match start), or from where a coordinated verb
/// phrase's verb group starts ("X did not condemn Y but promised Z":
/// after "but"), up to the trigger.
pub(super) fn verb_group(found: &Found) -> Option<std::ops::Range<usize>> {
    let trigger = found.trigger?;
    let from = found
        .slots
        .iter()
        .flatten()
        .map(|bound| bound.end)
        .filter(|&end| end <= trigger)
        .chain(found.group_start)
        .chain(found.verb_group_start)
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
    found: &Found,
    participles: Option<WordSetId>,
) -> bool {
    let (Some(participles), Some(trigger), Some(group)) =
        (participles, found.trigger, verb_group(found))
    else {
        return false;
    };
    // Only a "be" after the group's last "to" makes the verb passive: "is
    // to be cut" is, "is to cut" and "was set to cut" are not.
    pack.sets.contains(participles, prepared.words[trigger])
        && group
            .clone()
            .rev()
            .take_while(|&i| !prepared.has(i, TO))
            .any(|i| prepared.has(i, BE))
}

/// The token (sentence-relative) of the cue that negates the match, if any:
/// a negation in its verb group.
pub fn negation_cue(prepared: &Prepared, found: &Found) -> Option<usize> {
    let group = verb_group(found)?;
    group.into_iter().find(|&i| {
        prepared.has(i, NEGATION | DENIAL) || (prepared.has(i, REFUSAL) && prepared.has(i + 1, TO))
    })
}
