//! Reported speech: a subject pronoun right after a speech verb stands for
//! that verb's subject. "Iran said it launched a fresh offensive" holds
//! "Iran launched …", and news tells most claims that way; without this,
//! "it" is no mention and no rule can bind it.
//!
//! The pronoun ("it", "they", "he", "she") gets a copy of every mention of
//! the speaker (the longest mention that ends right before the speech
//! verb, or before its auxiliaries: "Iraq has said"), with the source
//! [`MentionSource::Pronoun`]; records show the speaker's words and the
//! pronoun as the argument's phrase. Between the verb and the pronoun,
//! only "that" and words of when or how it was said ("on Monday", "in a
//! statement") may stand. docs/LANGUAGE.md, "Reported speech", is the
//! user's account.

use super::mentions::{Mention, MentionSource, Mentions};
use super::prepared::Prepared;
use crate::compile::features::{REPORT_FILLER, SPEAKER_PRONOUN, SPEECH_VERB, VERB_GROUP};

/// Most words between the speech verb and the pronoun.
const MAX_FILLERS: usize = 4;
/// Most verb-group words between the speaker and the speech verb ("has
/// also said").
pub(super) const MAX_AUXILIARIES: usize = 2;

/// Adds a mention for every speaker pronoun of the sentence whose speaker
/// is a mention.
pub fn add_speaker_pronouns(prepared: &Prepared, mentions: &mut Mentions) {
    if prepared.any & SPEAKER_PRONOUN == 0 {
        return;
    }
    for pronoun in 1..prepared.len() {
        if !prepared.has(pronoun, SPEAKER_PRONOUN) {
            continue;
        }
        let Some(speaker_end) = speaker_end(prepared, pronoun) else {
            continue;
        };
        // The longest mention ending there, and every mention of its span
        // (a country is a State and an Actor).
        let Some(start) = mentions
            .all
            .iter()
            .filter(|m| m.end == speaker_end && !matches!(m.source, MentionSource::Pronoun { .. }))
            .map(|m| m.start)
            .min()
        else {
            continue;
        };
        let copies: Vec<Mention> = mentions
            .all
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start == start && m.end == speaker_end)
            .map(|(id, m)| Mention {
                start: pronoun,
                end: pronoun + 1,
                source: MentionSource::Pronoun { speaker: id as u32 },
                group: None,
                ..m.clone()
            })
            .collect();
        for copy in copies {
            mentions.add(copy);
        }
    }
}

/// Where the speaker ends for the pronoun at `pronoun`: before the speech
/// verb, the fillers after it and the auxiliaries before it.
fn speaker_end(prepared: &Prepared, pronoun: usize) -> Option<usize> {
    let fillers = (0..pronoun)
        .rev()
        .take(MAX_FILLERS + 1)
        .take_while(|&at| prepared.has(at, REPORT_FILLER))
        .count();
    let verb = pronoun.checked_sub(fillers + 1)?;
    if !prepared.has(verb, SPEECH_VERB) {
        return None;
    }
    let auxiliaries = (0..verb)
        .rev()
        .take(MAX_AUXILIARIES + 1)
        .take_while(|&at| prepared.has(at, VERB_GROUP))
        .count();
    (auxiliaries <= MAX_AUXILIARIES && fillers <= MAX_FILLERS).then(|| verb - auxiliaries)
}
