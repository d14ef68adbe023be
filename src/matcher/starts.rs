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
    /// Bumped whenever the phrases change: a phrase table built for an
    /// older version is stale.
    phrases: u32,
    /// Per table and binding kind: where its slots can begin.
    tables: Vec<SlotTable>,
    /// Bumped for every sentence: the words' bitsets below are stale.
    sentence: u32,
    /// Per word set: the sentence it was built for, and its bits.
    words: Vec<(u32, Vec<u64>)>,
    /// Where a verb group may stand, and the sentence it was built for.
    verb_group: (u32, Vec<u64>),
    /// The last program's starts.
    mask: Vec<u64>,
}

/// Where the slots of one type table can begin, and what it was built from.
#[derive(Default)]
struct SlotTable {
    /// The sentence it was built for (0: none).
    sentence: u32,
    /// The phrases' version it was built for (tables of phrases only).
    phrases: u32,
    /// How many of the sentence's mentions it holds (tables of mentions
    /// only): mentions are only ever added to a sentence, so a table
    /// takes in the new ones instead of being built again.
    seen: usize,
    bits: Vec<u64>,
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
    /// Marks the phrase tables stale: the phrases changed.
    pub fn phrases_changed(&mut self) {
        self.phrases = self.phrases.wrapping_add(1);
    }

    /// Marks everything stale: a new sentence.
    pub fn new_sentence(&mut self) {
        self.phrases_changed();
        self.sentence = self.sentence.wrapping_add(1);
        if self.sentence == 0 {
            self.words
                .iter_mut()
                .for_each(|(built, _)| *built = u32::MAX);
            self.verb_group.0 = u32::MAX;
            self.tables.iter_mut().for_each(|table| table.sentence = 0);
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
            let bits = &self.tables[SlotStarts::index(table, binds)].bits;
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

    /// Brings the table of `table` for `binds` up to date with the
    /// sentence's mentions and phrases.
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
            self.tables.resize_with(index + 1, SlotTable::default);
        }
        let slots = &mut self.tables[index];
        let tokens = mentions.starting_at.len();
        let stale = match binds {
            SlotBinds::Mentions => slots.sentence != self.sentence,
            SlotBinds::Phrases => slots.sentence != self.sentence || slots.phrases != self.phrases,
        };
        let accepts = &pack.accepts[table as usize];
        let accepted = |m: u32| accepts[mentions.all[m as usize].ty.0 as usize];
        if stale {
            slots.sentence = self.sentence;
            slots.phrases = self.phrases;
            slots.seen = 0;
        }
        match binds {
            SlotBinds::Mentions => {
                if stale {
                    fill(&mut slots.bits, tokens, |_| false);
                }
                for (id, mention) in mentions.all.iter().enumerate().skip(slots.seen) {
                    if accepted(id as u32) {
                        slots.bits[mention.start / 64] |= 1 << (mention.start % 64);
                    }
                }
                slots.seen = mentions.all.len();
            }
            SlotBinds::Phrases if stale => fill(&mut slots.bits, tokens, |start| {
                phrases.starting_at.get(start).is_some_and(|here| {
                    here.iter().any(|&p| {
                        let phrase = &phrases.all[p as usize];
                        phrases.heads(phrase).iter().all(|&m| accepted(m))
                    })
                })
            }),
            SlotBinds::Phrases => {}
        }
    }
}

fn or_into(mask: &mut [u64], bits: &[u64]) {
    for (word, &more) in mask.iter_mut().zip(bits) {
        *word |= more;
    }
}
