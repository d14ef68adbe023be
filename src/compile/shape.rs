//! Event programs of one shape: the same instructions and slots but for
//! the word sets some instructions test.
//!
//! Two such programs find the same matches in a sentence where, at every
//! instruction whose set differs between them, both sets are absent (or
//! are the same set): the VM reads a set only through the sentence's
//! words. Dictionaries repeat a pattern with one word changed (one verb
//! of a choice of twenty-five, an optional word), and without this every
//! copy searched the sentence again although the changed word was not in
//! it. Identical programs (a rule with a second code repeats its
//! patterns) are the shape whose sets never differ.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::program::{Inst, Program, SlotBinds};
use super::words::WordSetId;
use crate::lang::Pack;
use crate::lang::pack::RuleId;

/// Programs of one shape (two or more, in order) and the instructions
/// where their word sets differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeGroup {
    pub members: Vec<usize>,
    pub positions: Vec<usize>,
}

/// Stands for every set when shapes are compared.
const ANY_SET: WordSetId = WordSetId(u32::MAX);

/// The groups of event programs of one shape, in order of their first
/// program. Entity programs are left alone: each cascade level sees other
/// mentions.
pub fn same_shape_programs(pack: &Pack, programs: &[(RuleId, Program)]) -> Vec<ShapeGroup> {
    group_by_shape(
        programs
            .iter()
            .enumerate()
            .filter(|(_, (_, program))| program.binds == SlotBinds::Phrases)
            .map(|(index, (rule, program))| {
                (
                    index,
                    program.insts.as_slice(),
                    pack.rule(*rule).slots.len(),
                )
            }),
        |index| programs[index].1.insts.as_slice(),
    )
}

/// [`same_shape_programs`] over (program index, instructions, slot count),
/// `insts_of` giving a program's instructions back by its index.
fn group_by_shape<'a>(
    programs: impl Iterator<Item = (usize, &'a [Inst], usize)>,
    insts_of: impl Fn(usize) -> &'a [Inst],
) -> Vec<ShapeGroup> {
    // Keyed by a hash of the shape, not the shape itself: a copy of every
    // instruction of a large pack would cost tens of megabytes at load.
    // Programs whose shapes only share a hash are told apart below.
    let mut buckets: FxHashMap<(u64, usize), Vec<Vec<usize>>> = FxHashMap::default();
    for (index, insts, slots) in programs {
        let mut hasher = FxHasher::default();
        insts.len().hash(&mut hasher);
        for inst in insts {
            inst.with_set(ANY_SET).hash(&mut hasher);
        }
        let shapes = buckets.entry((hasher.finish(), slots)).or_default();
        match shapes
            .iter_mut()
            .find(|members| same_shape(insts_of(members[0]), insts))
        {
            Some(members) => members.push(index),
            None => shapes.push(vec![index]),
        }
    }
    let mut groups: Vec<ShapeGroup> = buckets
        .into_values()
        .flatten()
        .filter(|members| members.len() > 1)
        .map(|members| {
            let first = insts_of(members[0]);
            let positions = (0..first.len())
                .filter(|&at| {
                    members
                        .iter()
                        .any(|&m| insts_of(m)[at].word_set() != first[at].word_set())
                })
                .collect();
            ShapeGroup { members, positions }
        })
        .collect();
    groups.sort_unstable_by_key(|group| group.members[0]);
    groups
}

fn same_shape(a: &[Inst], b: &[Inst]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.with_set(ANY_SET) == y.with_set(ANY_SET))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(set: u32) -> Inst {
        Inst::Word {
            set: WordSetId(set),
            trigger: false,
            category: None,
        }
    }

    fn groups(programs: &[(Vec<Inst>, usize)]) -> Vec<ShapeGroup> {
        group_by_shape(
            programs
                .iter()
                .enumerate()
                .map(|(index, (insts, slots))| (index, insts.as_slice(), *slots)),
            |index| programs[index].0.as_slice(),
        )
    }

    #[test]
    fn programs_differing_in_sets_only_share_a_shape() {
        let slot = Inst::Slot { slot: 0, accept: 0 };
        let programs = [
            (vec![slot, word(1), word(2), Inst::Match], 1),
            // Another set at the third instruction: the same shape.
            (vec![slot, word(1), word(3), Inst::Match], 1),
            // Another instruction: another shape.
            (vec![slot, Inst::Any, word(2), Inst::Match], 1),
            // Another slot count: another shape.
            (vec![slot, word(1), word(2), Inst::Match], 2),
            // The same as the first.
            (vec![slot, word(1), word(2), Inst::Match], 1),
            // Alone in its shape: no group.
            (vec![word(1), Inst::Match], 1),
            (
                vec![
                    Inst::Any,
                    word(4),
                    Inst::Peek { set: WordSetId(5) },
                    Inst::Match,
                ],
                1,
            ),
            (
                vec![
                    Inst::Any,
                    word(4),
                    Inst::Peek { set: WordSetId(6) },
                    Inst::Match,
                ],
                1,
            ),
        ];
        assert_eq!(
            groups(&programs),
            [
                ShapeGroup {
                    members: vec![0, 1, 4],
                    positions: vec![2],
                },
                ShapeGroup {
                    members: vec![6, 7],
                    positions: vec![2],
                },
            ]
        );
    }

    #[test]
    fn identical_programs_differ_nowhere() {
        let programs = [
            (vec![word(1), Inst::Match], 2),
            (vec![word(1), Inst::Match], 2),
        ];
        assert_eq!(
            groups(&programs),
            [ShapeGroup {
                members: vec![0, 1],
                positions: vec![],
            }]
        );
    }
}
