//! The program executor: backtracking with a visited set over
//! (instruction, token) pairs, as RE2's BitState does.
//!
//! A state that failed once fails again (no instruction reads what earlier
//! ones bound), so each (instruction, position) pair is explored at most
//! once per search: the cost of finding every match in a sentence is
//! O(instructions × tokens × mentions per token), whatever the pattern.
//! After a match only the bits that search set are cleared, so many
//! matches in a sentence cost no more than the states they explore.
//!
//! The visited set is one bit per (instruction, position): its size is
//! bounded by construction, as the regex crate bounds its backtracker,
//! since a program has at most [`MAX_PROGRAM_INSTS`] instructions and a
//! sentence at most [`MAX_SENTENCE_TOKENS`] tokens: at most
//! [`MAX_VISITED_BITS`] bits (about 4 MiB) per thread.

use super::mentions::Mentions;
use super::prepared::Prepared;
use crate::compile::CompiledPack;
use crate::compile::program::{Inst, MAX_PROGRAM_INSTS, Program};
use crate::text::MAX_SENTENCE_TOKENS;

/// The most bits the visited set holds: the largest program on the longest
/// sentence.
pub const MAX_VISITED_BITS: usize = MAX_PROGRAM_INSTS * (MAX_SENTENCE_TOKENS + 1);

/// A successful match: token range (sentence-relative), the mention bound
/// to each slot, and the trigger token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub slots: Vec<Option<u32>>,
    pub trigger: Option<usize>,
}

/// How far a search got: the furthest token position any path reached, the
/// instruction it was about to run there, and where that path started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub start: usize,
    pub position: usize,
    pub pc: u32,
}

/// What a program runs against.
pub struct Input<'a> {
    pub pack: &'a CompiledPack,
    pub prepared: &'a Prepared,
    pub mentions: &'a Mentions,
}

enum Job {
    Explore {
        pc: u32,
        pos: u32,
    },
    Bind {
        slot: u16,
        mention: u32,
        pc: u32,
        pos: u32,
    },
    RestoreSlot {
        slot: u16,
        old: Option<u32>,
    },
    RestoreTrigger(Option<u32>),
}

#[derive(Default)]
pub struct Vm {
    visited: Vec<u64>,
    /// Words of `visited` set since the last clear, so that clearing costs
    /// what the search did, not the size of the set.
    touched: Vec<u32>,
    /// States explored and visited-set words cleared since the VM was
    /// made: a measure of matching work that does not depend on the machine.
    pub steps: u64,
    stride: usize,
    stack: Vec<Job>,
    slots: Vec<Option<u32>>,
    trigger: Option<u32>,
    pub progress: Progress,
}

impl Vm {
    /// Every non-overlapping match, leftmost first; among the matches at one
    /// start, the first in pattern order (longest mentions, optional parts
    /// taken, shortest gaps).
    pub fn find_all(
        &mut self,
        program: &Program,
        slot_count: usize,
        input: &Input,
        out: &mut Vec<Found>,
    ) {
        out.clear();
        self.progress = Progress::default();
        let tokens = input.prepared.len();
        let states = program.insts.len() * (tokens + 1);
        // Unreachable with the caps on programs and sentences; checked so
        // that memory stays bounded whatever builds the input.
        debug_assert!(states <= MAX_VISITED_BITS, "visited set over its cap");
        if states > MAX_VISITED_BITS {
            return;
        }
        self.reset(program.insts.len(), tokens);
        let mut start = 0;
        while start < tokens {
            if !can_start(program, input, start) {
                start += 1;
                continue;
            }
            match self.run(program, slot_count, input, start) {
                Some(found) => {
                    start = found.end.max(start + 1);
                    out.push(found);
                    // States on the successful path are marked visited but
                    // did not fail; start afresh.
                    self.clear_touched();
                }
                None => start += 1,
            }
        }
    }

    /// Sizes the visited set for a program on a sentence, all clear.
    fn reset(&mut self, insts: usize, tokens: usize) {
        self.clear_touched();
        self.stride = tokens + 1;
        let words = (insts * self.stride).div_ceil(64);
        if self.visited.len() < words {
            self.visited.resize(words, 0);
        }
    }

    /// Clears the bits set since the last clear.
    fn clear_touched(&mut self) {
        for &word in &self.touched {
            self.visited[word as usize] = 0;
        }
        self.steps += self.touched.len() as u64;
        self.touched.clear();
    }

    /// Bytes held by the visited set: at most [`MAX_VISITED_BITS`] / 8.
    pub fn visited_bytes(&self) -> usize {
        self.visited.len() * 8
    }

    /// Marks a state visited; false if it already was.
    fn visit(&mut self, pc: u32, pos: u32) -> bool {
        let bit = pc as usize * self.stride + pos as usize;
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let bits = self.visited[word];
        if bits & mask != 0 {
            return false;
        }
        if bits == 0 {
            self.touched.push(word as u32);
        }
        self.visited[word] = bits | mask;
        self.steps += 1;
        true
    }

    fn run(
        &mut self,
        program: &Program,
        slot_count: usize,
        input: &Input,
        start: usize,
    ) -> Option<Found> {
        self.slots.clear();
        self.slots.resize(slot_count, None);
        self.trigger = None;
        self.stack.clear();
        self.stack.push(Job::Explore {
            pc: 0,
            pos: start as u32,
        });
        while let Some(job) = self.stack.pop() {
            let (pc, pos) = match job {
                Job::Explore { pc, pos } => (pc, pos),
                Job::Bind {
                    slot,
                    mention,
                    pc,
                    pos,
                } => {
                    self.stack.push(Job::RestoreSlot {
                        slot,
                        old: self.slots[slot as usize],
                    });
                    self.slots[slot as usize] = Some(mention);
                    (pc, pos)
                }
                Job::RestoreSlot { slot, old } => {
                    self.slots[slot as usize] = old;
                    continue;
                }
                Job::RestoreTrigger(old) => {
                    self.trigger = old;
                    continue;
                }
            };
            if let Some(end) = self.step(program, input, start, pc, pos) {
                return Some(Found {
                    start,
                    end,
                    slots: self.slots.clone(),
                    trigger: self.trigger.map(|t| t as usize),
                });
            }
        }
        None
    }

    /// Runs one thread until it fails, forks (the other branches go on the
    /// stack) or matches (returns the end position).
    fn step(
        &mut self,
        program: &Program,
        input: &Input,
        start: usize,
        mut pc: u32,
        mut pos: u32,
    ) -> Option<usize> {
        let tokens = input.prepared.len() as u32;
        loop {
            if !self.visit(pc, pos) {
                return None;
            }
            // The path that matched the longest stretch, then got furthest
            // in the program, explains best why a rule did not fire.
            let reach = (pos as usize - start, pc);
            if reach
                > (
                    self.progress.position - self.progress.start,
                    self.progress.pc,
                )
            {
                self.progress = Progress {
                    start,
                    position: pos as usize,
                    pc,
                };
            }
            match program.insts[pc as usize] {
                Inst::Match => return Some(pos as usize),
                Inst::Word { set, trigger } => {
                    if pos >= tokens
                        || !input
                            .pack
                            .sets
                            .contains(set, input.prepared.words[pos as usize])
                    {
                        return None;
                    }
                    if trigger {
                        self.stack.push(Job::RestoreTrigger(self.trigger));
                        self.trigger = Some(pos);
                    }
                    pc += 1;
                    pos += 1;
                }
                Inst::Any => {
                    if pos >= tokens {
                        return None;
                    }
                    pc += 1;
                    pos += 1;
                }
                Inst::NotWord { set } => {
                    let word = input.prepared.words.get(pos as usize);
                    if word.is_some_and(|&w| input.pack.sets.contains(set, w)) {
                        return None;
                    }
                    pc += 1;
                }
                Inst::Aux => {
                    if pos >= tokens || !input.prepared.verb_group[pos as usize] {
                        return None;
                    }
                    pc += 1;
                    pos += 1;
                }
                Inst::Split { first, second } => {
                    self.stack.push(Job::Explore { pc: second, pos });
                    pc = first;
                }
                Inst::Jump(target) => pc = target,
                Inst::Slot { slot, accept } => {
                    self.push_slot_choices(input, start, slot, accept, pc + 1, pos);
                    return None;
                }
            }
        }
    }

    /// Pushes one job per mention that can fill the slot at `pos`, so that
    /// the longest is tried first. A determiner and a number before the
    /// mention are skipped ("attacked the SAA", "abducted 20 students"),
    /// except at the very start of a match.
    fn push_slot_choices(
        &mut self,
        input: &Input,
        start: usize,
        slot: u16,
        accept: u16,
        next: u32,
        pos: u32,
    ) {
        let tokens = input.prepared.len();
        let pos = pos as usize;
        if pos >= tokens {
            return;
        }
        let pack = input.pack;
        let accepts = &pack.accepts[accept as usize];
        // Where the mention may start: here, after a determiner, after a
        // number, after both; tried in that order.
        let mut positions = [pos; 4];
        let mut count = 1;
        if pos > start {
            let mut after = pos;
            if pack
                .sets
                .contains(pack.words.determiners, input.prepared.words[pos])
            {
                after = pos + 1;
                positions[count] = after;
                count += 1;
            }
            let number_end = input.mentions.starting_at.get(after).and_then(|ids| {
                ids.iter()
                    .map(|&m| &input.mentions.all[m as usize])
                    .find(|m| m.ty == crate::lang::pack::NUMBER)
                    .map(|m| m.end)
            });
            if let Some(end) = number_end {
                positions[count] = end;
                count += 1;
            }
        }
        // The stack pops the last pushed first: push the last position
        // first, and at each position the shortest mention first.
        for &p in positions[..count].iter().rev() {
            let Some(ids) = input.mentions.starting_at.get(p) else {
                continue;
            };
            for &mention in ids.iter().rev() {
                let m = &input.mentions.all[mention as usize];
                if accepts[m.ty.0 as usize] {
                    self.stack.push(Job::Bind {
                        slot,
                        mention,
                        pc: next,
                        pos: m.end as u32,
                    });
                }
            }
        }
    }
}

/// Whether the token at `start` can begin a match: a cheap test that skips
/// most start positions without a search.
fn can_start(program: &Program, input: &Input, start: usize) -> bool {
    let Some(first) = &program.first else {
        return true;
    };
    first
        .words
        .is_some_and(|set| input.pack.sets.contains(set, input.prepared.words[start]))
        || (first.aux && input.prepared.verb_group[start])
        || first.slots.iter().any(|&accept| {
            let accepts = &input.pack.accepts[accept as usize];
            input.mentions.starting_at[start]
                .iter()
                .any(|&m| accepts[input.mentions.all[m as usize].ty.0 as usize])
        })
}
