//! A list of ids per token of a sentence (the mentions or phrases starting
//! at each token), kept from sentence to sentence: resetting it for the
//! next sentence clears the lists but keeps their buffers, where a
//! `Vec<Vec<u32>>` cut to the sentence's length would free the lists past
//! it and allocate them again for the next longer sentence.

use std::ops::{Index, IndexMut};

#[derive(Debug, Default)]
pub struct TokenLists {
    lists: Vec<Vec<u32>>,
    len: usize,
}

impl TokenLists {
    /// Empty lists for a sentence of `tokens` tokens.
    pub fn reset(&mut self, tokens: usize) {
        for list in self.lists.iter_mut().take(self.len.max(tokens)) {
            list.clear();
        }
        if self.lists.len() < tokens {
            self.lists.resize_with(tokens, Vec::new);
        }
        self.len = tokens;
    }

    /// The list of token `at`; `None` past the sentence's end.
    pub fn get(&self, at: usize) -> Option<&Vec<u32>> {
        self.lists[..self.len].get(at)
    }

    /// How many tokens the sentence has.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Vec<u32>> {
        self.lists[..self.len].iter_mut()
    }
}

impl Index<usize> for TokenLists {
    type Output = Vec<u32>;

    fn index(&self, at: usize) -> &Vec<u32> {
        &self.lists[..self.len][at]
    }
}

impl IndexMut<usize> for TokenLists {
    fn index_mut(&mut self, at: usize) -> &mut Vec<u32> {
        &mut self.lists[..self.len][at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_empties_every_list_and_sets_the_length() {
        let mut lists = TokenLists::default();
        lists.reset(3);
        lists[2].push(7);
        lists.reset(1);
        assert_eq!(
            (lists.len(), lists.get(0), lists.get(1)),
            (1, Some(&vec![]), None)
        );
        lists.reset(3);
        assert_eq!(
            lists[2],
            Vec::<u32>::new(),
            "a list past the last length is empty"
        );
        assert!(!lists.is_empty());
    }
}
