//! Program gates: what the matcher tests before it runs a program on a
//! sentence (its anchor word, the slot types and other words every match
//! needs), kept apart from the programs in two flat arrays.
//!
//! A sentence of a CAMEO-sized pack has a hundred candidate programs and
//! turns most of them away. Reaching into each program (its rule, then two
//! vectors of its own) for that cost more than the tests themselves, and
//! grew with the pack: scattered over hundreds of megabytes, each reach
//! was a cache miss.

use super::program::Program;
use crate::lang::Pack;
use crate::lang::pack::{RuleId, RuleOutput};

/// One program's gate: 16 bytes, read in program order.
#[derive(Debug, Clone, Copy)]
pub struct ProgramGate {
    pub rule: RuleId,
    /// How many slots the program's rule has.
    pub slot_count: u16,
    /// Whether the rule builds events (else mentions).
    pub is_event: bool,
    /// Whether the program has an anchor word (else it is tried on every
    /// sentence).
    pub anchored: bool,
    /// Where its needs start in [`Gates::needs`]: `slot_needs` slot type
    /// tables, then `word_needs` word sets.
    needs_start: u32,
    slot_needs: u16,
    word_needs: u16,
}

/// The gates of all of a pack's programs, by program index.
#[derive(Debug, Clone, Default)]
pub struct Gates {
    pub gates: Vec<ProgramGate>,
    needs: Vec<u32>,
}

impl Gates {
    pub fn build(pack: &Pack, programs: &[(RuleId, Program)]) -> Gates {
        let mut gates = Vec::with_capacity(programs.len());
        let mut needs = Vec::new();
        for (rule, program) in programs {
            let def = pack.rule(*rule);
            gates.push(ProgramGate {
                rule: *rule,
                slot_count: def.slots.len() as u16,
                is_event: matches!(def.output, RuleOutput::Event { .. }),
                anchored: program.anchor.is_some(),
                needs_start: needs.len() as u32,
                slot_needs: program.required_slots.len() as u16,
                word_needs: program.required_words.len() as u16,
            });
            needs.extend(program.required_slots.iter().map(|&table| u32::from(table)));
            needs.extend(program.required_words.iter().map(|set| set.0));
        }
        Gates { gates, needs }
    }

    /// The slot type tables (`CompiledPack::accepts`) every match of the
    /// gate's program binds.
    pub fn slot_tables(&self, gate: &ProgramGate) -> &[u32] {
        let start = gate.needs_start as usize;
        &self.needs[start..start + usize::from(gate.slot_needs)]
    }

    /// The word sets besides the anchor one of whose words every match of
    /// the gate's program contains.
    pub fn word_sets(&self, gate: &ProgramGate) -> &[u32] {
        let start = gate.needs_start as usize + usize::from(gate.slot_needs);
        &self.needs[start..start + usize::from(gate.word_needs)]
    }
}
