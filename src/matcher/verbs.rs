//! Coordinated verbs: in "gunmen attacked and killed three villagers" both
//! verbs share the subject and the object, so a rule for either verb
//! matches. A chain is two or more verbs of the same form joined by commas
//! and a final "and"/"or" ("assaulted, shot and wounded"); a rule's verb
//! may then skip the rest of the chain to reach its object, and the verbs
//! before the last one may stand in the verb group of a later verb.

use super::category::Reading;
use super::prepared::Prepared;
use crate::compile::features::{
    BASE_FORM, COMMA, COORDINATOR, ED_SUFFIX, Features, ING_FORM, ING_SUFFIX, PAST, S_FORM,
};

/// Longest chain, in verbs.
const MAX_VERBS: usize = 6;

pub const NO_CHAIN: u32 = u32::MAX;

#[derive(Debug, Default)]
pub struct VerbChains {
    /// For a verb followed by more verbs of its chain: the token after the
    /// last one. [`NO_CHAIN`] elsewhere.
    pub skip_to: Vec<u32>,
    /// Tokens of a chain before its last verb (verbs, commas,
    /// coordinators): they may stand in the verb group of the last verb.
    pub inside: Vec<bool>,
    /// For every verb of a chain, the token after its last verb: two
    /// verbs are of one chain when this is the same.
    pub chain_end: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Past,
    Ing,
    S,
    Base,
}

fn form(features: Features, reading: Reading) -> Option<Form> {
    if reading == Reading::Noun {
        return None;
    }
    let has = |bits| features & bits != 0;
    if has(PAST | ED_SUFFIX) {
        Some(Form::Past)
    } else if has(ING_FORM | ING_SUFFIX) {
        Some(Form::Ing)
    } else if has(S_FORM) {
        Some(Form::S)
    } else if has(BASE_FORM) {
        Some(Form::Base)
    } else {
        None
    }
}

impl VerbChains {
    pub fn build(&mut self, prepared: &Prepared, readings: &[Reading]) {
        let n = prepared.len();
        self.skip_to.clear();
        self.skip_to.resize(n, NO_CHAIN);
        self.inside.clear();
        self.inside.resize(n, false);
        self.chain_end.clear();
        self.chain_end.resize(n, NO_CHAIN);
        let features = &prepared.features;
        let mut i = 0;
        while i < n {
            let Some(first) = form(features[i], readings[i]) else {
                i += 1;
                continue;
            };
            // A present-tense chain needs a first verb the context reads as
            // a verb: "rebels attack and kill", not "attacks and counterattacks".
            if matches!(first, Form::S | Form::Base) && readings[i] != Reading::Verb {
                i += 1;
                continue;
            }
            let mut members = vec![i];
            let mut closed = false;
            let mut at = i;
            while members.len() < MAX_VERBS {
                let (separator, closes) = if prepared.has(at + 1, COORDINATOR) {
                    (1, true)
                } else if prepared.has(at + 1, COMMA) && prepared.has(at + 2, COORDINATOR) {
                    (2, true)
                } else if prepared.has(at + 1, COMMA) {
                    (1, false)
                } else {
                    break;
                };
                let next = at + 1 + separator;
                if next >= n || form(features[next], readings[next]) != Some(first) {
                    break;
                }
                members.push(next);
                at = next;
                if closes {
                    closed = true;
                    break;
                }
            }
            if !closed {
                i += 1;
                continue;
            }
            let last = *members.last().expect("a chain has verbs");
            for &verb in &members[..members.len() - 1] {
                self.skip_to[verb] = last as u32 + 1;
            }
            for &verb in &members {
                self.chain_end[verb] = last as u32 + 1;
            }
            self.inside[i..last].iter_mut().for_each(|t| *t = true);
            i = last + 1;
        }
    }
}

impl VerbChains {
    /// Whether two tokens are verbs of one chain ("attacked" and "killed"
    /// in "attacked and killed"): their matches report two acts, not two
    /// readings of one.
    pub fn same_chain(&self, a: usize, b: usize) -> bool {
        let end = |t: usize| self.chain_end.get(t).copied().unwrap_or(NO_CHAIN);
        end(a) != NO_CHAIN && end(a) == end(b)
    }
}
