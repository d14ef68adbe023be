//! Where a program can begin a match in the current sentence, as a bitset
//! over its tokens: the union of where each slot type its first token may
//! bind can begin (one bitset per slot type table), where a word of its
//! first word set stands (one bitset per word set) and, if a verb group
//! may come first, where one can stand. Each part is built on first use
//! and reused by every program that starts the same way, so the VM only
//! tries the starts a program's first instruction accepts and skips the
//! others a word of bits at a time.

use super::mentions::Mentions;
use super::phrases::Phrases;
use super::prepared::Prepared;
use super::verbs::VerbChains;
use crate::compile::CompiledPack;
use crate::compile::program::{FirstToken, SlotBinds};

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
    /// Bumped for every sentence: the words' bitsets below are stale.
    sentence: u32,
    /// Per word set: the sentence it was built for, and its bits.
    words: Vec<(u32, Vec<u64>)>,
    /// Where a verb group may stand, and the sentence it was built for.
    verb_group: (u32, Vec<u64>),
    /// The last program's starts.
    mask: Vec<u64>,
}

/// Sets the bit of every token `at` in `0..tokens` for which `holds`.
fn fill(bits: &mut Vec<u64>, tokens: usize, holds: impl Fn(usize) -> bool) {
    bits.clear();
    bits.resize(tokens.div_ceil(64), 0);
    for at in (0..tokens).filter(|&at| holds(at)) {
        bits[at / 64] |= 1 << (at % 64);
    }
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

    /// Marks everything stale: a new sentence.
    pub fn new_sentence(&mut self) {
        self.invalidate();
        self.sentence = self.sentence.wrapping_add(1);
        if self.sentence == 0 {
            self.words
                .iter_mut()
                .for_each(|(built, _)| *built = u32::MAX);
            self.verb_group.0 = u32::MAX;
            self.sentence = 1;
        }
    }

    /// Where a program whose first token must pass `first` can begin: the
    /// bits of the tokens `0..tokens` (one word per 64 tokens).
    pub fn program_starts(
        &mut self,
        input: (&CompiledPack, &Prepared, &VerbChains, &Mentions, &Phrases),
        first: &FirstToken,
        binds: SlotBinds,
    ) -> &[u64] {
        let (pack, prepared, chains, mentions, phrases) = input;
        let tokens = prepared.len();
        self.mask.clear();
        self.mask.resize(tokens.div_ceil(64), 0);
        for &table in &first.slots {
            self.ensure(pack, mentions, phrases, table, binds);
            let (_, bits) = &self.tables[SlotStarts::index(table, binds)];
            or_into(&mut self.mask, bits);
        }
        if let Some(set) = first.words {
            let index = set.0 as usize;
            if self.words.len() <= index {
                self.words.resize_with(index + 1, || (u32::MAX, Vec::new()));
            }
            let (built, bits) = &mut self.words[index];
            if *built != self.sentence {
                *built = self.sentence;
                fill(bits, tokens, |at| {
                    pack.sets.contains(set, prepared.words[at])
                });
            }
            or_into(&mut self.mask, bits);
        }
        if first.aux {
            let (built, bits) = &mut self.verb_group;
            if *built != self.sentence {
                *built = self.sentence;
                fill(bits, tokens, |at| {
                    prepared.verb_group[at] || chains.inside[at]
                });
            }
            or_into(&mut self.mask, bits);
        }
        &self.mask
    }

    fn index(table: u16, binds: SlotBinds) -> usize {
        table as usize * 2 + matches!(binds, SlotBinds::Phrases) as usize
    }

    /// Builds the table of `table` for `binds` if it is stale.
    fn ensure(
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
}

fn or_into(mask: &mut [u64], bits: &[u64]) {
    for (word, &more) in mask.iter_mut().zip(bits) {
        *word |= more;
    }
}
