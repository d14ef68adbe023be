//! The candidate programs of a sentence, as a two-level bitset: one bit
//! per program, and one summary bit per 64 programs.
//!
//! Programs are numbered in rule order and rules run in that order, so
//! reading the bits lists the candidates sorted without a sort (at
//! thousands of candidates a sentence, sorting cost more). The summary
//! keeps the reading proportional to the candidates: a large pack has tens
//! of thousands of programs, a sentence a hundred candidates.

#[derive(Debug, Default)]
pub struct CandidateSet {
    bits: Vec<u64>,
    /// Bit `w` is set when `bits[w]` has a mark.
    summary: Vec<u64>,
}

impl CandidateSet {
    /// Room for `programs` programs, none marked.
    pub fn reserve(&mut self, programs: usize) {
        let words = programs.div_ceil(64);
        if self.bits.len() < words {
            self.bits.resize(words, 0);
            self.summary.resize(words.div_ceil(64), 0);
        }
    }

    pub fn mark(&mut self, program: u32) {
        let word = program as usize / 64;
        self.bits[word] |= 1 << (program % 64);
        self.summary[word / 64] |= 1 << (word % 64);
    }

    /// Appends the marked programs to `out` in increasing order and clears
    /// the marks.
    pub fn drain_into(&mut self, out: &mut Vec<u32>) {
        for (high, summary) in self.summary.iter_mut().enumerate() {
            let mut words = std::mem::take(summary);
            while words != 0 {
                let word = high * 64 + words.trailing_zeros() as usize;
                words &= words - 1;
                let mut bits = std::mem::take(&mut self.bits[word]);
                while bits != 0 {
                    out.push(word as u32 * 64 + bits.trailing_zeros());
                    bits &= bits - 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_come_out_sorted_once_and_are_cleared() {
        let mut set = CandidateSet::default();
        set.reserve(10_000);
        for program in [9_999, 3, 64, 4_096, 3, 63, 4_095] {
            set.mark(program);
        }
        let mut out = Vec::new();
        set.drain_into(&mut out);
        assert_eq!(out, [3, 63, 64, 4_095, 4_096, 9_999]);
        out.clear();
        set.drain_into(&mut out);
        assert!(out.is_empty());
    }
}
