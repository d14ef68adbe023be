//! Compiling a checked pack for matching: vocabulary, word sets, the
//! lexicon trie, slot type tables, rule programs and the anchor index.
//!
//! Everything here runs once per pack; the matcher only reads the result.

pub mod anchor;
pub mod coordination;
pub mod discard;
pub mod features;
pub mod gate;
pub mod lexicon;
pub mod load;
mod lower;
pub mod modifier;
pub mod parenthetical;
pub mod passive;
pub mod program;
pub mod shape;
pub mod vocab;
pub mod words;

use crate::lang::Pack;
use crate::lang::pack::RuleId;
use crate::text::{NumberWords, PhraseList, ProperWords, WordList};
use lexicon::LexiconIndex;
use lower::{LoweredRules, PARALLEL_LOWERING_RULES, lower_rules};
use program::Program;
use vocab::{Vocabulary, WordId};
use words::{WordSetId, WordSets};

/// A pack ready for matching.
#[derive(Debug, Clone)]
pub struct CompiledPack {
    pub pack: Pack,
    pub vocab: Vocabulary,
    pub sets: WordSets,
    pub lexicon: LexiconIndex,
    pub discards: discard::DiscardIndex,
    /// Slot type tables: `accepts[set][type]` when a mention of `type` may fill
    /// a slot typed with that set (the union's types and their subtypes).
    pub accepts: Vec<Vec<bool>>,
    /// The same tables as bitsets over type ids (64 types a word), so
    /// that "is any accepted type present in the sentence" is a few ANDs.
    pub accepted_masks: Vec<Vec<u64>>,
    /// All programs; `rule_programs[rule]` is the range of that rule's.
    pub programs: Vec<(RuleId, Program)>,
    pub rule_programs: Vec<std::ops::Range<usize>>,
    /// What each program needs of a sentence, packed for the matcher's
    /// first test of its candidates.
    pub gates: gate::Gates,
    /// For each word id, the gate groups (`gates.groups`) anchored on it.
    pub anchored: WordIndex,
    /// Gate groups without an anchor: tried on every sentence.
    pub unanchored: Vec<u32>,
    /// For each word id, the programs' other required word sets
    /// (`Program::required_words`) holding it: a sentence marks the sets
    /// its words are in, instead of testing each set against its words.
    pub required_sets: WordIndex,
    pub words: FunctionWords,
    /// The lists the built-in `Proper` and `Number` mentions consult.
    pub builtin_words: BuiltinWords,
    /// Each lexicon entry's code, shared by the mentions of it; `None`
    /// for an entry without one.
    pub lexicon_codes: Vec<Option<std::sync::Arc<str>>>,
}

/// The pack's built-in word lists (`proper.*`, `number.*`) as the plain
/// data the text stage takes.
#[derive(Debug, Clone)]
pub struct BuiltinWords {
    pub proper: ProperWords,
    pub number: NumberWords,
}

impl BuiltinWords {
    fn new(pack: &Pack) -> BuiltinWords {
        let phrases = |name: &str| -> Vec<String> {
            pack.word_list(name)
                .iter()
                .map(|entry| entry.words.join(" "))
                .collect()
        };
        BuiltinWords {
            proper: ProperWords {
                titles: PhraseList::new(phrases("proper.title")),
                title_modifiers: WordList::new(phrases("proper.title_modifier")),
                stop: WordList::new(phrases("proper.stop")),
                initial: WordList::new(phrases("proper.initial")),
            },
            number: NumberWords {
                currencies: PhraseList::new(phrases("number.currency")),
                units: PhraseList::new(phrases("number.unit")),
            },
        }
    }
}

/// Word sets of the closed classes the matcher uses (see [`english`]).
#[derive(Debug, Clone)]
pub struct FunctionWords {
    pub determiners: WordSetId,
    pub to: WordId,
    pub as_: WordId,
    pub well: WordId,
}

impl CompiledPack {
    /// Whether the sentence has "as well as" at token `at` (a compound's
    /// coordinator).
    pub fn as_well_as(&self, prepared: &crate::matcher::prepared::Prepared, at: usize) -> bool {
        let w = &self.words;
        prepared.words.get(at..at + 3) == Some(&[w.as_, w.well, w.as_][..])
    }

    pub fn new(pack: Pack) -> Result<CompiledPack, String> {
        let mut vocab = Vocabulary::default();
        features::register_closed_classes(&mut vocab, &pack);
        let mut sets = WordSets::default();
        let lexicon = LexiconIndex::encode(&pack.lexicon, &mut vocab)?;
        let builtin_words = BuiltinWords::new(&pack);
        features::register_text_classes(&mut vocab, &builtin_words);
        let discards = discard::DiscardIndex::build(&pack.discards, &mut vocab)?;
        let words = FunctionWords {
            determiners: sets.add_words(
                &mut vocab,
                crate::text::english::DETERMINERS.iter().copied(),
            ),
            to: vocab.intern("to"),
            as_: vocab.intern("as"),
            well: vocab.intern("well"),
        };
        if vocab.is_full() {
            return Err(format!(
                "the lexicons fill the pack's vocabulary ({} word forms, the most it holds; see docs/LIMITS.md)",
                vocab::MAX_VOCABULARY
            ));
        }
        // The trie needs no vocabulary: a large lexicon's is built on
        // another thread while the rules are lowered.
        let (lexicon, lowered) = if lexicon.is_large() {
            rayon::join(
                || lexicon.build_index(),
                || lower_rules(&pack, &mut vocab, &mut sets),
            )
        } else {
            (
                lexicon.build_index(),
                lower_rules(&pack, &mut vocab, &mut sets),
            )
        };
        let LoweredRules {
            accepts,
            mut programs,
            rule_programs,
        } = lowered?;
        // Grouping programs by shape hashes every instruction of a large
        // pack: beside the indexes, which read the programs too.
        let mut index = || {
            sets.finish();
            let accepted_masks = accepts
                .iter()
                .map(|table| {
                    let mut mask = vec![0u64; table.len().div_ceil(64)];
                    for t in (0..table.len()).filter(|&t| table[t]) {
                        mask[t / 64] |= 1 << (t % 64);
                    }
                    mask
                })
                .collect();
            let gates = gate::Gates::build(&pack, &programs);
            let mut anchors: Vec<(WordId, u32)> = Vec::new();
            let mut unanchored = Vec::new();
            for (group, anchor) in gates.anchors.iter().enumerate() {
                match anchor {
                    Some(set) => {
                        anchors.extend(sets.get(*set).iter().map(|&word| (word, group as u32)));
                    }
                    None => unanchored.push(group as u32),
                }
            }
            let anchored = WordIndex::new(vocab.len(), &anchors);
            let mut required_ids: Vec<u32> = programs
                .iter()
                .flat_map(|(_, program)| program.required_words.iter().map(|set| set.0))
                .collect();
            required_ids.sort_unstable();
            required_ids.dedup();
            let required: Vec<(WordId, u32)> = required_ids
                .iter()
                .flat_map(|&set| {
                    sets.get(WordSetId(set))
                        .iter()
                        .map(move |&word| (word, set))
                })
                .collect();
            let required_sets = WordIndex::new(vocab.len(), &required);
            let lexicon_codes = pack
                .lexicon
                .iter()
                .map(|entry| {
                    (!entry.code.is_empty()).then(|| std::sync::Arc::from(entry.code.as_str()))
                })
                .collect();
            (
                accepted_masks,
                anchored,
                unanchored,
                required_sets,
                gates,
                lexicon_codes,
            )
        };
        let (groups, (accepted_masks, anchored, unanchored, required_sets, gates, lexicon_codes)) =
            if pack.rules.len() >= PARALLEL_LOWERING_RULES {
                rayon::join(|| shape::same_shape_programs(&pack, &programs), index)
            } else {
                (shape::same_shape_programs(&pack, &programs), index())
            };
        for (number, group) in groups.into_iter().enumerate() {
            for member in group.members {
                let program = &mut programs[member].1;
                program.shared = Some(number as u32);
                program.variants = group
                    .positions
                    .iter()
                    .filter_map(|&at| program.insts[at].word_set())
                    .collect();
            }
        }
        Ok(CompiledPack {
            lexicon_codes,
            pack,
            vocab,
            sets,
            lexicon,
            discards,
            accepts,
            accepted_masks,
            programs,
            rule_programs,
            gates,
            anchored,
            unanchored,
            required_sets,
            words,
            builtin_words,
        })
    }
}

/// Values listed per word id, all in one array (an index of a few
/// hundred thousand words costs two allocations, not one per word).
#[derive(Debug, Clone, Default)]
pub struct WordIndex {
    /// Where each word's values start in `values`; one more than words.
    starts: Vec<u32>,
    values: Vec<u32>,
}

impl WordIndex {
    /// From (word, value) pairs in any order of words; each word's values
    /// keep the order they came in (a counting sort: no comparison sort
    /// of a pack's hundreds of thousands of pairs at load).
    fn new(words: usize, pairs: &[(WordId, u32)]) -> WordIndex {
        let mut starts = vec![0u32; words + 1];
        for &(word, _) in pairs {
            starts[word as usize + 1] += 1;
        }
        for i in 0..words {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut values = vec![0u32; pairs.len()];
        for &(word, value) in pairs {
            let at = &mut next[word as usize];
            values[*at as usize] = value;
            *at += 1;
        }
        WordIndex { starts, values }
    }

    /// The values of a word.
    pub fn get(&self, word: WordId) -> &[u32] {
        let word = word as usize;
        match (self.starts.get(word), self.starts.get(word + 1)) {
            (Some(&start), Some(&end)) => &self.values[start as usize..end as usize],
            _ => &[],
        }
    }
}
