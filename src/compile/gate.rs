//! Program gates: what the matcher tests before it runs a program on a
//! sentence (its anchor word, the slot types and other words every match
//! needs), kept apart from the programs in flat arrays, once per group of
//! programs that need the same.
//!
//! A sentence of a CAMEO-sized pack has a hundred candidate programs and
//! turns most of them away. Reaching into each program (its rule, then two
//! vectors of its own) for that cost more than the tests themselves, and
//! grew with the pack: scattered over hundreds of megabytes, each reach
//! was a cache miss. A larger dictionary repeats needs (a verb's patterns
//! share its anchor, copies of a rule their words), so the sentence marks
//! and tests each group once, and only a group that passes lists its
//! programs.

use rustc_hash::FxHashMap;

use super::program::Program;
use super::words::WordSetId;
use crate::lang::Pack;
use crate::lang::pack::{RuleId, RuleOutput};

/// One program's gate, read in program order.
#[derive(Debug, Clone, Copy)]
pub struct ProgramGate {
    pub rule: RuleId,
    /// How many slots the program's rule has.
    pub slot_count: u16,
    /// Whether the program has an anchor word (else it is tried on every
    /// sentence).
    pub anchored: bool,
    /// Its group in [`Gates::groups`].
    pub group: u32,
}

/// Programs with the same anchor, other required words and slot tables,
/// all event programs or all entity programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateGroup {
    pub is_event: bool,
    /// Where its needs start in [`Gates::needs`]: `slot_needs` slot type
    /// tables, then `word_needs` word sets.
    needs_start: u32,
    slot_needs: u16,
    word_needs: u16,
    /// Where its programs start in [`Gates::members`], and how many.
    members_start: u32,
    members_len: u32,
}

/// The gates of all of a pack's programs, by program index, and their
/// groups.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    pub gates: Vec<ProgramGate>,
    pub groups: Vec<GateGroup>,
    /// The anchor of each group (`None`: tried on every sentence).
    pub anchors: Vec<Option<WordSetId>>,
    needs: Vec<u32>,
    members: Vec<u32>,
}

/// What a program needs of a sentence: anchor, event or entity, other
/// required word sets, required slot tables.
type Needs<'a> = (Option<WordSetId>, bool, &'a [WordSetId], &'a [u16]);

impl Gates {
    pub fn build(pack: &Pack, programs: &[(RuleId, Program)]) -> Gates {
        let rules = programs.iter().map(|(rule, program)| {
            let def = pack.rule(*rule);
            let is_event = matches!(def.output, RuleOutput::Event { .. });
            let needs = (
                program.anchor,
                is_event,
                program.required_words.as_slice(),
                program.required_slots.as_slice(),
            );
            (*rule, def.slots.len() as u16, needs)
        });
        Gates::from_needs(rules)
    }

    /// Gates and groups from each program's rule, slot count and needs,
    /// in program order.
    fn from_needs<'a>(programs: impl Iterator<Item = (RuleId, u16, Needs<'a>)>) -> Gates {
        let mut gates = Vec::new();
        let mut by_needs: FxHashMap<Needs<'a>, u32> = FxHashMap::default();
        let mut group_needs: Vec<Needs<'a>> = Vec::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        for (index, (rule, slot_count, needs)) in programs.enumerate() {
            let group = *by_needs.entry(needs).or_insert_with(|| {
                group_needs.push(needs);
                members.push(Vec::new());
                group_needs.len() as u32 - 1
            });
            members[group as usize].push(index as u32);
            gates.push(ProgramGate {
                rule,
                slot_count,
                anchored: needs.0.is_some(),
                group,
            });
        }
        let mut built = Gates {
            gates,
            ..Gates::default()
        };
        for ((anchor, is_event, words, slots), programs) in group_needs.into_iter().zip(members) {
            built.groups.push(GateGroup {
                is_event,
                needs_start: built.needs.len() as u32,
                slot_needs: slots.len() as u16,
                word_needs: words.len() as u16,
                members_start: built.members.len() as u32,
                members_len: programs.len() as u32,
            });
            built.anchors.push(anchor);
            built
                .needs
                .extend(slots.iter().map(|&table| u32::from(table)));
            built.needs.extend(words.iter().map(|set| set.0));
            built.members.extend(programs);
        }
        built
    }

    /// The slot type tables (`CompiledPack::accepts`) every match of the
    /// group's programs binds.
    pub fn slot_tables(&self, group: &GateGroup) -> &[u32] {
        let start = group.needs_start as usize;
        &self.needs[start..start + usize::from(group.slot_needs)]
    }

    /// The word sets besides the anchor one of whose words every match of
    /// the group's programs contains.
    pub fn word_sets(&self, group: &GateGroup) -> &[u32] {
        let start = group.needs_start as usize + usize::from(group.slot_needs);
        &self.needs[start..start + usize::from(group.word_needs)]
    }

    /// The group's programs, in order.
    pub fn members(&self, group: &GateGroup) -> &[u32] {
        let start = group.members_start as usize;
        &self.members[start..start + group.members_len as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_needing_the_same_share_a_group() {
        let (a, b) = (WordSetId(1), WordSetId(2));
        let words = [b];
        let programs: Vec<(RuleId, u16, Needs)> = vec![
            (RuleId(0), 2, (Some(a), true, &words, &[0])),
            (RuleId(1), 1, (Some(a), true, &[], &[0])),
            (RuleId(2), 2, (Some(a), true, &words, &[0])),
            // Entity programs are grouped apart.
            (RuleId(3), 2, (Some(a), false, &words, &[0])),
            (RuleId(4), 0, (None, true, &[], &[])),
        ];
        let gates = Gates::from_needs(programs.into_iter());
        let group_of: Vec<u32> = gates.gates.iter().map(|g| g.group).collect();
        assert_eq!(group_of, [0, 1, 0, 2, 3]);
        assert_eq!(gates.anchors, [Some(a), Some(a), Some(a), None]);
        let first = &gates.groups[0];
        assert_eq!(gates.members(first), [0, 2]);
        assert_eq!(gates.word_sets(first), [2]);
        assert_eq!(gates.slot_tables(first), [0]);
        assert!(first.is_event && !gates.groups[2].is_event);
        assert!(gates.word_sets(&gates.groups[1]).is_empty());
        assert_eq!(gates.members(&gates.groups[3]), [4]);
        assert!(!gates.gates[4].anchored && gates.gates[0].anchored);
        assert_eq!(gates.gates[1].slot_count, 1);
    }
}
