//! Lowering a pack's rules to programs: every pattern of every rule, with
//! its derived readings (passive, coordinated subject, parenthetical and
//! modifier), generated as VM instructions with its anchor and required
//! words. A large pack's rules are lowered in two parts on two threads,
//! merged so that every id is the one lowering them in one pass gives.

use super::program::{self, Lowering, Program, SlotBinds, Voice, generate, mark_trigger};
use super::vocab::{self, Vocabulary, WordId};
use super::words::{self, WordSetId, WordSets};
use super::{anchor, coordination, features, modifier, parenthetical, passive};
use crate::lang::Pack;
use crate::lang::pack::{RuleId, RuleOutput, TypeId};

/// A pack's rules lowered to programs, and the slot acceptance tables
/// the programs refer to.
pub(super) struct LoweredRules {
    pub(super) accepts: Vec<Vec<bool>>,
    pub(super) programs: Vec<(RuleId, Program)>,
    /// Each rule's programs, as a range of `programs`.
    pub(super) rule_programs: Vec<std::ops::Range<usize>>,
}

/// From this many rules on, a pack's rules are lowered in two parts on two
/// threads (the CAMEO pack has 7,790; lowering them on one thread was a
/// third of its load time). A smaller pack is not worth the copy of the
/// vocabulary the second part lowers against.
pub(super) const PARALLEL_LOWERING_RULES: usize = 4_000;

/// Lowers every pattern of every rule (with its passive and coordinated
/// variants) and generates its program.
///
/// Lowering interns words and word sets as it goes, and their ids are
/// given in order of first use. A large pack's second part is lowered on
/// another thread against a copy of the vocabulary and word sets as they
/// stand before lowering, in which the first part's words already have the
/// features lowering the first part gives them ([`seed_features`]); its
/// new words and sets are then added to the first part's in the order it
/// made them, and its programs renumbered, which gives every id the value
/// lowering the rules one after the other gives it. Where that would not
/// hold (a feature the second part read or was given differs from what
/// lowering the first part left, the second part failed, or the
/// vocabulary would overflow), the second part is lowered again after
/// the first, as it would have been on one thread.
pub(super) fn lower_rules(
    pack: &Pack,
    vocab: &mut Vocabulary,
    sets: &mut WordSets,
) -> Result<LoweredRules, String> {
    let (accepts, accept_of_slot) = accept_tables(pack);
    let rules = pack.rules.len();
    let split = if rules >= PARALLEL_LOWERING_RULES {
        split_point(pack)
    } else {
        rules
    };
    lower_rules_parted(pack, vocab, sets, split, accepts, &accept_of_slot)
}

/// [`lower_rules`] with the rules from `split` on lowered on another
/// thread (none when `split` is the number of rules).
fn lower_rules_parted(
    pack: &Pack,
    vocab: &mut Vocabulary,
    sets: &mut WordSets,
    split: usize,
    accepts: Vec<Vec<bool>>,
    accept_of_slot: &[Vec<u16>],
) -> Result<LoweredRules, String> {
    let rules = pack.rules.len();
    let mut first = RuleLowering::default();
    if split == rules {
        first.lower(pack, 0..rules, accept_of_slot, vocab, sets)?;
        return Ok(first.finish(accepts));
    }
    let base = (vocab.len(), sets.len());
    let mut local_vocab = vocab.clone();
    let mut local_sets = sets.clone();
    let mut second = RuleLowering::default();
    second.cache.feature_reads = Some(Vec::new());
    let (first_lowered, second_lowered) = rayon::join(
        || first.lower(pack, 0..split, accept_of_slot, vocab, sets),
        || {
            let seed = seed_features(pack, &pack.rules[..split], &mut local_vocab);
            second
                .lower(
                    pack,
                    split..rules,
                    accept_of_slot,
                    &mut local_vocab,
                    &mut local_sets,
                )
                .map(|()| seed)
        },
    );
    first_lowered?;
    let merged = second_lowered.ok().and_then(|seed| {
        let local = Local {
            vocab: &local_vocab,
            sets: &local_sets,
            base,
            seed,
        };
        local.merge_into(&second, vocab, sets)
    });
    match merged {
        Some(set_of) => first.append(second, &set_of, vocab, sets),
        // As on one thread: on from where the first part ended.
        None => first.lower(pack, split..rules, accept_of_slot, vocab, sets)?,
    }
    Ok(first.finish(accepts))
}

/// The slot acceptance tables of a pack's rules (each table once, in
/// order of first use), and each rule's slots' tables.
fn accept_tables(pack: &Pack) -> (Vec<Vec<bool>>, Vec<Vec<u16>>) {
    let mut accepts: Vec<Vec<bool>> = Vec::new();
    let accept_of_slot = pack
        .rules
        .iter()
        .map(|rule| {
            rule.slots
                .iter()
                .map(|slot| {
                    let table: Vec<bool> = (0..pack.types.len())
                        .map(|t| {
                            slot.types
                                .iter()
                                .any(|&u| pack.is_subtype(TypeId(t as u32), u))
                        })
                        .collect();
                    let index = accepts.iter().position(|a| *a == table).unwrap_or_else(|| {
                        accepts.push(table);
                        accepts.len() - 1
                    });
                    index as u16
                })
                .collect()
        })
        .collect();
    (accepts, accept_of_slot)
}

/// Gives the words that lowering `rules` inflects (see
/// [`program::inflected_words`]) the features lowering them gives, in a
/// copy of the vocabulary the rules after them are lowered against: those
/// rules read the features of their triggers' forms as lowering the rules
/// one after the other leaves them. Returns what was given.
fn seed_features(
    pack: &Pack,
    rules: &[crate::lang::pack::RuleDef],
    vocab: &mut Vocabulary,
) -> Vec<(WordId, features::Features)> {
    let mut given = Vec::new();
    let mut done = rustc_hash::FxHashSet::default();
    for written in program::inflected_words(pack, rules) {
        if !done.insert(written.clone()) {
            continue;
        }
        words::inflection_features(&written, |form, feature| {
            let id = vocab.intern(form);
            vocab.add_features(id, feature);
            given.push((id, feature));
        });
    }
    given
}

/// How much of a large pack's pattern text the first part of its rules
/// holds: the second part also gives the first part's words their
/// features (see [`seed_features`]) and starts with nothing cached, and its
/// thread often builds the lexicon's index first. 50 to 70 loaded the
/// CAMEO pack in about the same time; 60 was a little ahead.
const SPLIT_PERCENT: usize = 60;

/// Where a large pack's rules are parted for lowering (see
/// [`SPLIT_PERCENT`]; the rules vary tenfold in size).
fn split_point(pack: &Pack) -> usize {
    let size = |rule: &crate::lang::pack::RuleDef| -> usize {
        rule.patterns
            .iter()
            .map(|p| p.span.end.saturating_sub(p.span.start) + 1)
            .sum()
    };
    let total: usize = pack.rules.iter().map(size).sum();
    let mut so_far = 0;
    for (index, rule) in pack.rules.iter().enumerate() {
        so_far += size(rule);
        if so_far * 100 >= total * SPLIT_PERCENT {
            return index + 1;
        }
    }
    pack.rules.len()
}

/// The rules lowered so far, and what lowering them keeps for the next.
#[derive(Default)]
struct RuleLowering {
    cache: program::LoweringCache,
    common: anchor::CommonWords,
    programs: Vec<(RuleId, Program)>,
    rule_programs: Vec<std::ops::Range<usize>>,
}

impl RuleLowering {
    fn finish(self, accepts: Vec<Vec<bool>>) -> LoweredRules {
        LoweredRules {
            accepts,
            programs: self.programs,
            rule_programs: self.rule_programs,
        }
    }

    /// Lowers the rules `range`, which follow those lowered so far.
    fn lower(
        &mut self,
        pack: &Pack,
        range: std::ops::Range<usize>,
        accept_of_slot: &[Vec<u16>],
        vocab: &mut Vocabulary,
        sets: &mut WordSets,
    ) -> Result<(), String> {
        for rule_index in range {
            let start = self.programs.len();
            self.lower_rule(pack, rule_index, &accept_of_slot[rule_index], vocab, sets)?;
            self.rule_programs.push(start..self.programs.len());
            if vocab.is_full() {
                let rule = &pack.rules[rule_index];
                return Err(format!(
                    "rule `{}` ({}) brings the pack's vocabulary past {} word forms, the most it holds: its words and word classes, with every inflected form, are too many (see docs/LIMITS.md)",
                    rule.name,
                    pack.sources.location(rule.span),
                    vocab::MAX_VOCABULARY
                ));
            }
        }
        Ok(())
    }

    fn lower_rule(
        &mut self,
        pack: &Pack,
        rule_index: usize,
        accept_of_slot: &[u16],
        vocab: &mut Vocabulary,
        sets: &mut WordSets,
    ) -> Result<(), String> {
        let rule = &pack.rules[rule_index];
        for (pattern_index, pattern) in rule.patterns.iter().enumerate() {
            let mut lowering = Lowering {
                pack,
                vocab,
                sets,
                cache: &mut self.cache,
            };
            let mut active = lowering.lower(pattern);
            if !matches!(active.kind, program::ElemKind::Seq(_)) {
                let span = active.span;
                active = program::Elem {
                    kind: program::ElemKind::Seq(vec![active]),
                    span,
                };
            }
            let mut passive = if rule.passive {
                passive::passive_variant(&active, &mut lowering)
            } else {
                None
            };
            let is_event = matches!(rule.output, RuleOutput::Event { .. });
            // The passive's subject takes an aside and a modifier as the
            // active's does: "a patrol moving towards the town was
            // ambushed by …", "the convoy, escorted by police, was hit by …".
            if is_event && let Some(passive) = passive.as_mut() {
                parenthetical::add_subject_parenthetical(passive, &mut lowering);
                modifier::add_subject_modifier(passive, Voice::Passive, &mut lowering);
            }
            mark_trigger(&mut active, is_event);
            if is_event && rule.coordination {
                coordination::add_coordinated_subject(&mut active, &mut lowering);
            }
            if is_event {
                parenthetical::add_subject_parenthetical(&mut active, &mut lowering);
                modifier::add_subject_modifier(&mut active, Voice::Active, &mut lowering);
            }
            // A pattern that says "by" may spell a passive out itself, and
            // `passive as written` says the pattern reads passive clauses;
            // any other active pattern is not about a passive clause.
            let spells_passive =
                rule.reads_passive_clauses || program::mentions_word(&active, "by");
            let variants = std::iter::once((active, Voice::Active))
                .chain(passive.map(|p| (p, Voice::Passive)));
            for (mut elem, voice) in variants {
                // Before choices are merged: a merged word set no
                // longer says which words it was written with.
                let participles = match voice {
                    Voice::Active if !spells_passive => {
                        let mut lowering = Lowering {
                            pack,
                            vocab,
                            sets,
                            cache: &mut self.cache,
                        };
                        program::trigger_participles(&elem, &mut lowering)
                    }
                    Voice::Active | Voice::Passive => None,
                };
                program::merge_word_choices(&mut elem, sets);
                let required = anchor::required_words(&elem, vocab, sets, &mut self.common);
                program::guard_choices(&mut elem, sets);
                let required_slots = program::required_slots(&elem, accept_of_slot);
                let (insts, spans) = generate(&elem, accept_of_slot);
                if insts.len() > program::MAX_PROGRAM_INSTS {
                    return Err(format!(
                        "the pattern of rule `{}` at {} compiles to {} instructions; at most {} are allowed (see docs/LIMITS.md): split it into several patterns or rules",
                        rule.name,
                        pack.sources.location(pattern.span),
                        insts.len(),
                        program::MAX_PROGRAM_INSTS
                    ));
                }
                let first = program::first_token(&insts, sets);
                let binds = match rule.output {
                    RuleOutput::Event { .. } => SlotBinds::Phrases,
                    RuleOutput::Entity { .. } => SlotBinds::Mentions,
                };
                self.programs.push((
                    RuleId(rule_index as u32),
                    Program {
                        insts,
                        spans,
                        pattern: pattern_index,
                        voice,
                        binds,
                        anchor: required.anchor,
                        required_words: required.others,
                        required_slots,
                        first,
                        participles,
                        shared: None,
                        variants: Vec::new(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// Adds the programs of the part `next` lowered against its own copy
    /// of the word sets, renumbered by `set_of` (see [`Local::merge_into`]).
    fn append(
        &mut self,
        next: RuleLowering,
        set_of: &[WordSetId],
        vocab: &Vocabulary,
        sets: &WordSets,
    ) {
        let map = |set: WordSetId| set_of[set.0 as usize];
        let offset = self.programs.len();
        self.programs.reserve(next.programs.len());
        for (rule, mut program) in next.programs {
            program.map_sets(&map);
            // The anchor is the rarest requirement, the one of the lowest
            // id among equals: chosen again among the renumbered sets.
            let requirements = program
                .anchor
                .into_iter()
                .chain(std::mem::take(&mut program.required_words))
                .collect();
            let required = anchor::choose_anchor(requirements, vocab, sets, &mut self.common);
            program.anchor = required.anchor;
            program.required_words = required.others;
            self.programs.push((rule, program));
        }
        self.rule_programs.extend(
            next.rule_programs
                .into_iter()
                .map(|range| range.start + offset..range.end + offset),
        );
    }
}

/// A part of the pack's rules lowered against a copy of the vocabulary
/// and word sets: ids below `base` (words, sets) are the copy's, shared
/// with the pack's; the others are the part's own.
struct Local<'a> {
    vocab: &'a Vocabulary,
    sets: &'a WordSets,
    base: (usize, usize),
    /// The features the part was given of the words of the rules before it
    /// (see [`seed_features`]).
    seed: Vec<(WordId, features::Features)>,
}

impl Local<'_> {
    /// Adds the part's words (with their features) and word sets to the
    /// pack's, in the order the part made them, and returns the pack's id
    /// of each of the part's sets; `None`, with nothing added, when the
    /// part would have read other features lowered after the rules before
    /// it, or the vocabulary would overflow.
    fn merge_into(
        &self,
        part: &RuleLowering,
        vocab: &mut Vocabulary,
        sets: &mut WordSets,
    ) -> Option<Vec<WordSetId>> {
        let (base_words, base_sets) = self.base;
        if self.vocab.is_full() {
            return None;
        }
        // The pack's id of each of the part's own words it has already.
        let known: Vec<Option<WordId>> = (base_words..self.vocab.len())
            .map(|w| vocab.id(self.vocab.word(w as WordId)))
            .collect();
        let added = known.iter().filter(|id| id.is_none()).count();
        if vocab.len() + added > vocab::MAX_VOCABULARY {
            return None;
        }
        let pack_id = |w: WordId| -> Option<WordId> {
            match (w as usize).checked_sub(base_words) {
                None => Some(w),
                Some(own) => known[own],
            }
        };
        // It was given no feature the rules before it did not add…
        let seeded = self
            .seed
            .iter()
            .all(|&(w, given)| pack_id(w).is_some_and(|id| vocab.features(id) & given == given));
        if !seeded {
            return None;
        }
        // … and what it read of a word is what it reads after them only if
        // they added no feature it did not see.
        let reads = part.cache.feature_reads.as_deref().unwrap_or_default();
        let stale = reads
            .iter()
            .any(|&(w, seen)| pack_id(w).is_some_and(|id| vocab.features(id) | seen != seen));
        if stale {
            return None;
        }
        let word_of: Vec<WordId> = (0..self.vocab.len())
            .map(|w| {
                let w = w as WordId;
                let id = pack_id(w).unwrap_or_else(|| vocab.intern(self.vocab.word(w)));
                vocab.add_features(id, self.vocab.features(w));
                id
            })
            .collect();
        let set_of = (0..self.sets.len())
            .map(|s| {
                if s < base_sets {
                    WordSetId(s as u32)
                } else {
                    let words = self.sets.get(WordSetId(s as u32));
                    sets.add(words.iter().map(|&w| word_of[w as usize]).collect())
                }
            })
            .collect();
        Some(set_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything lowering gives ids to, and the programs, as text.
    fn lowered(pack: &Pack, split: usize) -> (Vec<(String, u64)>, Vec<Vec<WordId>>, String) {
        let mut vocab = Vocabulary::default();
        features::register_closed_classes(&mut vocab, pack);
        let mut sets = WordSets::default();
        let (accepts, accept_of_slot) = accept_tables(pack);
        let lowered =
            lower_rules_parted(pack, &mut vocab, &mut sets, split, accepts, &accept_of_slot)
                .expect("the pack compiles");
        let words = (0..vocab.len() as WordId)
            .map(|w| (vocab.word(w).to_string(), vocab.features(w)))
            .collect();
        let sets = (0..sets.len() as u32)
            .map(|s| sets.get(WordSetId(s)).to_vec())
            .collect();
        let programs = format!(
            "{:?} {:?} {:?}",
            lowered.accepts, lowered.programs, lowered.rule_programs
        );
        (words, sets, programs)
    }

    fn pack(name: &str) -> Pack {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules")
            .join(name);
        crate::lang::load_pack(&path).pack.expect("the pack checks")
    }

    /// Lowering in two parts gives every word, word set and program the
    /// ids lowering the rules one after the other gives them.
    #[test]
    fn rules_lowered_in_two_parts_get_the_ids_of_one_pass() {
        let conflict = pack("conflict");
        let rules = conflict.rules.len();
        let whole = lowered(&conflict, rules);
        for split in [1, rules / 3, rules / 2, rules - 1] {
            assert!(lowered(&conflict, split) == whole, "split at {split}");
        }
        // The CAMEO pack's second part reads features that the first
        // part's words add ("armed" is the lemma of one rule and a past
        // form of "arm" in another).
        let cameo = pack("cameo");
        let whole = lowered(&cameo, cameo.rules.len());
        assert!(lowered(&cameo, split_point(&cameo)) == whole);
    }
}
