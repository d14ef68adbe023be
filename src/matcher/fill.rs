//! `fill FIELD from sentence TYPE`: where a rule left an event field
//! empty, the record takes a mention of that type from elsewhere in the
//! sentence ("a strike by Kenya's teachers", "MOGADISHU - … dockers went
//! on strike"). Which one is a fixed choice, documented in LANGUAGE.md
//! ("Filling a field from the sentence"): the mention nearest the match
//! that none of its slots holds, that is no speaker ("Iraq said …"), and
//! that lies in no longer mention ("Japan" in "Bank of Japan", "Ireland"
//! in "Northern Ireland"). Inside a slot's phrase, only a possessor counts
//! ("Kenya's teachers", not "U.S. naval forces"); and words that name an
//! actor too are no place where they modify the next word ("a
//! U.S.-flagged tanker", "Iran Air").

use indexmap::IndexMap;

use super::mentions::{Mention, MentionSource};
use super::prepared::Prepared;
use super::pronouns::MAX_AUXILIARIES;
use super::vm::Conjunct;
use super::{Matcher, RuleMatch};
use crate::compile::features::{
    CLAUSE_BREAK, COORDINATOR, DETERMINER, HYPHEN, ING_FORM, NUMERIC, PAST, POSSESSIVE,
    PREPOSITION, PUNCT, REPORT_FILLER, SPEECH_VERB, SUBJECT_PRONOUN, VERB_GROUP,
};
use crate::event::Argument;
use crate::lang::Pack;
use crate::lang::pack::{EventDef, TypeId};

/// The index (into `mentions`) of the mention that fills a field of `m`'s
/// record from the sentence, if any: of one of `types`, nearest to the
/// match, then the longest, then the first (see the module's header for
/// what is left out).
pub fn sentence_mention(
    pack: &Pack,
    prepared: &Prepared,
    mentions: &[Mention],
    m: &RuleMatch,
    types: &[TypeId],
) -> Option<usize> {
    let own = |mention: &Mention| !matches!(mention.source, MentionSource::Pronoun { .. });
    let overlaps = |a: &Mention, start: usize, end: usize| a.start < end && start < a.end;
    let held_by_slot = |mention: &Mention| {
        let possessor = prepared.has(mention.end, POSSESSIVE);
        m.slots.iter().flatten().any(|bound| {
            (overlaps(mention, bound.start, bound.end) && !possessor)
                || bound.conjuncts.iter().any(|conjunct| {
                    let slot = &mentions[conjunct.mention as usize];
                    // The speaker a pronoun stands for is held too.
                    let speaker = match slot.source {
                        MentionSource::Pronoun { speaker } => Some(&mentions[speaker as usize]),
                        _ => None,
                    };
                    std::iter::once(slot)
                        .chain(speaker)
                        .any(|held| overlaps(mention, held.start, held.end))
                })
        })
    };
    let speaker = |mention: &Mention| {
        (mention.end..prepared.len())
            .take(MAX_AUXILIARIES + 1)
            .find(|&at| !prepared.has(at, VERB_GROUP))
            .is_some_and(|at| prepared.has(at, SPEECH_VERB))
    };
    let fills = |mention: &Mention| types.iter().any(|&ty| pack.is_subtype(mention.ty, ty));
    // A content word (or a hyphen) right after it, and no past tense or
    // gerund of a rule's verb ("Algeria hit by riots"): it modifies that
    // word.
    let modifies_next = |mention: &Mention| {
        let next = mention.end;
        next < prepared.len()
            && (prepared.has(next, HYPHEN)
                || !prepared.has(
                    next,
                    PUNCT
                        | PREPOSITION
                        | VERB_GROUP
                        | POSSESSIVE
                        | COORDINATOR
                        | REPORT_FILLER
                        | DETERMINER
                        | SUBJECT_PRONOUN
                        | NUMERIC
                        | CLAUSE_BREAK
                        | PAST
                        | ING_FORM,
                ))
    };
    let actor_modifier = |mention: &Mention| {
        modifies_next(mention)
            && mentions.iter().any(|other| {
                own(other)
                    && other.start == mention.start
                    && other.end == mention.end
                    && !fills(other)
            })
    };
    let inside_longer = |mention: &Mention| {
        mentions.iter().any(|other| {
            own(other)
                && other.start <= mention.start
                && mention.end <= other.end
                && other.end - other.start > mention.end - mention.start
        })
    };
    let distance = |mention: &Mention| {
        if mention.end <= m.start {
            m.start - mention.end
        } else {
            mention.start.saturating_sub(m.end)
        }
    };
    mentions
        .iter()
        .enumerate()
        .filter(|(_, mention)| {
            own(mention)
                && fills(mention)
                && !held_by_slot(mention)
                && !speaker(mention)
                && !actor_modifier(mention)
                && !inside_longer(mention)
        })
        .min_by_key(|(_, mention)| {
            (
                distance(mention),
                std::cmp::Reverse(mention.end - mention.start),
                mention.start,
            )
        })
        .map(|(index, _)| index)
}

impl Matcher<'_> {
    /// The fields the event's `fill` options take from the sentence, where
    /// the rule left them empty; the arguments stay in field order.
    pub(super) fn fill_from_sentence(
        &self,
        def: &EventDef,
        m: &RuleMatch,
        args: &mut IndexMap<String, Argument>,
        argument: &dyn Fn(&Conjunct) -> Argument,
    ) {
        let mut filled = false;
        for fill in &def.fills {
            let name = &def.fields[fill.field].name;
            if args.contains_key(name) {
                continue;
            }
            let pack = &self.pack.pack;
            let Some(index) =
                sentence_mention(pack, &self.prepared, &self.mentions.all, m, &fill.types)
            else {
                continue;
            };
            // With the longest noun phrase around it ("hourly-paid
            // workers"), as a slot would bind it.
            let mention = &self.mentions.all[index];
            let (start, end) = self
                .phrases
                .all
                .iter()
                .filter(|phrase| self.phrases.heads(phrase).contains(&(index as u32)))
                .map(|phrase| (phrase.start, phrase.end))
                .min_by_key(|&(start, end)| (start, std::cmp::Reverse(end)))
                .unwrap_or((mention.start as u32, mention.end as u32));
            let conjunct = Conjunct {
                mention: index as u32,
                start,
                end,
            };
            let arg = Argument {
                from_sentence: true,
                ..argument(&conjunct)
            };
            args.insert(name.clone(), arg);
            filled = true;
        }
        if filled {
            args.sort_by_cached_key(|name, _| def.fields.iter().position(|f| f.name == *name));
        }
    }
}
