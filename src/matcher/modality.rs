//! Modality: cues that the text holds an event back instead of reporting
//! it: "plans to attack", "threatened to strike", "would bomb", "is due
//! to explode", "urged supporters to protest", "if troops withdraw", "a
//! planned attack", a question. An event type drops such matches
//! (`modality suppress`, the default) or marks them (`modality mark`).
//!
//! Where cues are looked for, in this order (the first found decides):
//!
//! 1. the verb group between the subject and the verb, closest to the
//!    verb first: a modal ("will": future; "would", "could", "may":
//!    hypothetical), a word governing "to" ("plans to": intended;
//!    "threatened to": threatened; "due to", "set to": future), a form
//!    of "be" before "to" ("are to be pulled out": future);
//! 2. an urging verb right before the subject with "to" in the verb
//!    group ("urged supporters to protest", "called on troops to"):
//!    intended; in a match with no subject that opens right after "to",
//!    the word governing that "to", at most four words back ("voted on
//!    Sunday to go on strike", "threatened to stage a walkout");
//! 3. an adjective right before the event word, or before the slot that
//!    names whose event it is ("a planned attack", "possible strikes",
//!    "feared clashes", "any Iranian attack"); for an event told as a
//!    noun, a modal or a word governing "to" right before a verb that
//!    brings it about, a few words back ("could launch missile strikes",
//!    "plans to stage a strike");
//! 4. "if", "unless" or "whether" earlier in the sentence, with no clause
//!    break (";", ":", "but") between it and the verb: conditional;
//! 5. a question mark after the verb in the sentence: question.

use super::negation::verb_group;
use super::prepared::Prepared;
use super::vm::Found;
use crate::compile::features::{
    BE, CLAUSE_BREAK, CONDITION, CREATION_VERB, DETERMINER, FUTURE_CUE, Features, HYPOTHETICAL_CUE,
    INTENDED_CUE, LY_ADVERB, MODAL, MODALITY_ADJECTIVE, MODALITY_VERB, PREPOSITION, PUNCT,
    QUESTION_MARK, THREAT_CUE, TO, URGE_VERB,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    Future,
    Intended,
    Threatened,
    Conditional,
    Hypothetical,
    Question,
}

impl Modality {
    /// The name records carry.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Future => "future",
            Modality::Intended => "intended",
            Modality::Threatened => "threatened",
            Modality::Conditional => "conditional",
            Modality::Hypothetical => "hypothetical",
            Modality::Question => "question",
        }
    }
}

/// The kind of a cue word, from its feature bits.
fn kind(features: Features) -> Option<Modality> {
    if features & THREAT_CUE != 0 {
        Some(Modality::Threatened)
    } else if features & INTENDED_CUE != 0 {
        Some(Modality::Intended)
    } else if features & FUTURE_CUE != 0 {
        Some(Modality::Future)
    } else if features & HYPOTHETICAL_CUE != 0 {
        Some(Modality::Hypothetical)
    } else {
        None
    }
}

/// Whether a match has no verb group of its own (no subject before its
/// trigger): an event told as a noun.
fn group_is_empty(found: &Found) -> bool {
    verb_group(found).is_none_or(|group| group.is_empty())
}

/// The cue (its token, sentence-relative) and the modality of a match, if
/// the text holds it back.
pub fn modality_cue(prepared: &Prepared, found: &Found) -> Option<(usize, Modality)> {
    let trigger = found.trigger?;
    let has = |i: usize, bits: Features| prepared.has(i, bits);
    // 1. The verb group, closest to the verb first.
    if let Some(group) = verb_group(found) {
        for i in group.clone().rev() {
            if has(i, MODAL) {
                return kind(prepared.features[i]).map(|k| (i, k));
            }
            if has(i, TO) && i > group.start {
                let before = i - 1;
                if has(before, MODALITY_VERB) {
                    return kind(prepared.features[before]).map(|k| (before, k));
                }
                if has(before, BE) {
                    return Some((before, Modality::Future));
                }
            }
        }
        // 2. "urged supporters to protest": the urging verb before the
        // subject, "to" before the verb.
        let to_in_group = group.clone().any(|i| has(i, TO));
        if to_in_group && found.start > 0 {
            let before = found.start - 1;
            let urged = if has(before, PREPOSITION) && before > 0 {
                before - 1
            } else {
                before
            };
            if has(urged, URGE_VERB) {
                return Some((urged, Modality::Intended));
            }
        }
        // No subject, and the match opens at or right after "to": the
        // word governing that "to" ("voted on Sunday to go on strike").
        let opening_to = if has(found.start, TO) {
            Some(found.start)
        } else if found.start > 0 && has(found.start - 1, TO) {
            Some(found.start - 1)
        } else {
            None
        };
        if let (true, Some(to)) = (group.start == found.start, opening_to) {
            for i in (to.saturating_sub(4)..to).rev() {
                if has(i, PUNCT) {
                    break;
                }
                if has(i, MODALITY_VERB) {
                    return kind(prepared.features[i]).map(|k| (i, k));
                }
                if has(i, URGE_VERB) {
                    return Some((i, Modality::Intended));
                }
                if i + 1 == to && has(i, BE) {
                    return Some((i, Modality::Future));
                }
            }
        }
    }
    // 3. An adjective before the event word, past a determiner and the
    // words of a slot that names whose event it is ("any Iranian attack",
    // "a possible US strike").
    let in_slot = |i: usize| {
        found
            .slots
            .iter()
            .flatten()
            .any(|bound| bound.start <= i && i < bound.end)
    };
    // Before a determiner such a word is a verb ("feared the student
    // protests" reports them), unless it is a determiner itself ("any").
    let mut i = trigger;
    let mut past_determiner = false;
    while i > 0 && i + 5 > trigger {
        i -= 1;
        if has(i, MODALITY_ADJECTIVE) && (!past_determiner || has(i, DETERMINER)) {
            return kind(prepared.features[i]).map(|k| (i, k));
        }
        if has(i, DETERMINER) {
            past_determiner = true;
        } else if !in_slot(i) {
            break;
        }
    }
    // 3b. A modal, or a word governing "to", before a verb that brings the
    // event about, a few words before the event word ("carriers could
    // launch bombing runs or missile strikes", "plans to stage a strike").
    if group_is_empty(found) {
        let reach = trigger.saturating_sub(6);
        for verb in (reach..trigger).rev() {
            if has(verb, PUNCT | CLAUSE_BREAK | MODAL) {
                break;
            }
            if !has(verb, CREATION_VERB) {
                continue;
            }
            let mut before = verb;
            while before > 0 && has(before - 1, LY_ADVERB) {
                before -= 1;
            }
            if before == 0 {
                break;
            }
            let cue = before - 1;
            if has(cue, MODAL) {
                return kind(prepared.features[cue]).map(|k| (cue, k));
            }
            if has(cue, TO) && cue > 0 && has(cue - 1, MODALITY_VERB) {
                return kind(prepared.features[cue - 1]).map(|k| (cue - 1, k));
            }
            break;
        }
    }
    // 4. A condition earlier in the clause.
    for i in (0..trigger).rev() {
        if has(i, CLAUSE_BREAK) {
            break;
        }
        if has(i, CONDITION) {
            return Some((i, Modality::Conditional));
        }
    }
    // 5. A question.
    (trigger..prepared.len())
        .find(|&i| has(i, QUESTION_MARK))
        .map(|i| (i, Modality::Question))
}
