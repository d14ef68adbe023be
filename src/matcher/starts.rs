//! Where each slot type can begin a match in the current sentence: one
//! bitset per slot type table, built on first use and reused by every
//! program that starts with such a slot, so that finding where a program
//! may start costs a bit test per token, not a walk over the mentions
//! and phrases there for each program.

use super::mentions::Mentions;
use super::phrases::Phrases;
use crate::compile::CompiledPack;
use crate::compile::program::SlotBinds;

/// Start positions per (slot type table, what slots bind), valid for one
/// state of the sentence's mentions and phrases.
#[derive(Default)]
pub struct SlotStarts {
    /// Bumped whenever the mentions or phrases change: a table built for
    /// an older version is stale.
    version: u32,
    /// Per table and binding kind: the version it was built for, and its
    /// bits (one per token).
    tables: Vec<(u32, Vec<u64>)>,
}

impl SlotStarts {
    /// Marks every table stale: the mentions or the phrases changed.
    pub fn invalidate(&mut self) {
        self.version = self.version.wrapping_add(1);
        if self.version == 0 {
            self.tables
                .iter_mut()
                .for_each(|(built, _)| *built = u32::MAX);
            self.version = 1;
        }
    }

    fn index(table: u16, binds: SlotBinds) -> usize {
        table as usize * 2 + matches!(binds, SlotBinds::Phrases) as usize
    }

    /// Builds the table of `table` for `binds` if it is stale.
    pub fn ensure(
        &mut self,
        pack: &CompiledPack,
        mentions: &Mentions,
        phrases: &Phrases,
        table: u16,
        binds: SlotBinds,
    ) {
        let index = SlotStarts::index(table, binds);
        if self.tables.len() <= index {
            self.tables
                .resize_with(index + 1, || (u32::MAX, Vec::new()));
        }
        let (built, bits) = &mut self.tables[index];
        if *built == self.version {
            return;
        }
        *built = self.version;
        let tokens = mentions.starting_at.len();
        bits.clear();
        bits.resize(tokens.div_ceil(64) + 1, 0);
        let accepts = &pack.accepts[table as usize];
        let accepted = |m: u32| accepts[mentions.all[m as usize].ty.0 as usize];
        for start in 0..tokens {
            let starts = match binds {
                SlotBinds::Mentions => mentions.starting_at[start].iter().any(|&m| accepted(m)),
                SlotBinds::Phrases => phrases.starting_at.get(start).is_some_and(|here| {
                    here.iter().any(|&p| {
                        phrases
                            .heads(&phrases.all[p as usize])
                            .iter()
                            .all(|&m| accepted(m))
                    })
                }),
            };
            if starts {
                bits[start / 64] |= 1 << (start % 64);
            }
        }
    }

    /// Whether a slot of `table` can begin at token `start`: yes, to be
    /// safe, when [`SlotStarts::ensure`] did not build the table for the
    /// sentence as it is now (the search then decides).
    pub fn starts(&self, table: u16, binds: SlotBinds, start: usize) -> bool {
        self.tables
            .get(SlotStarts::index(table, binds))
            .is_some_and(|(built, bits)| {
                *built != self.version || bits[start / 64] & (1 << (start % 64)) != 0
            })
    }
}
