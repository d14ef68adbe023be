//! Text-processing stage of evrule: tokens, sentences, case folding,
//! inflection of rule words, and the built-in Number and Proper mentions.
//!
//! Everything works on byte offsets into the original document so that rule
//! matches and event records can always point back at the exact source text.

pub mod classes;
pub mod english;
pub mod fold;
pub mod inflect;
pub mod number;
pub mod offsets;
pub mod proper;
pub mod sentence;
pub mod token;
mod unicode;
pub mod wordlist;

pub use classes::WordClasses;
pub use fold::{fold, fold_into};
pub use inflect::{WordForms, be_forms, word_forms};
pub use number::{NumberMention, NumberWords, find_numbers, find_numbers_classified};
pub use offsets::CharOffsets;
pub use proper::{ProperWords, find_proper_runs, find_proper_runs_classified};
pub use sentence::{MAX_SENTENCE_TOKENS, Sentence, split_sentences};
pub use token::{Token, TokenKind, is_clitic, tokenize, tokenize_into, tokenize_phrase};
pub use wordlist::{PhraseList, WordList};

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole stage on one wire story, the way the engine drives it.
    #[test]
    fn pipeline_on_a_news_story() {
        let doc = "Syrian troops retake Al-Bab\n\nBEIRUT (Reuters) - Syrian troops backed by \
                   Russia's air force recaptured Al-Bab on Monday, killing at least 40 militants, \
                   the U.S. military said. Gen. Kenneth McKenzie put the toll at \"dozens of\" \
                   fighters.";
        let tokens = tokenize(doc);
        let sentences = split_sentences(doc, &tokens);
        let spans: Vec<&str> = sentences.iter().map(|s| &doc[s.start..s.end]).collect();
        assert_eq!(
            spans,
            [
                "Syrian troops retake Al-Bab",
                "BEIRUT (Reuters) - Syrian troops backed by Russia's air force recaptured Al-Bab \
                 on Monday, killing at least 40 militants, the U.S. military said.",
                "Gen. Kenneth McKenzie put the toll at \"dozens of\" fighters."
            ]
        );

        let s = &sentences[1];
        let sent_tokens = &tokens[s.tokens.clone()];
        let numbers = find_numbers(doc, sent_tokens, &NumberWords::default());
        assert_eq!(numbers.len(), 1);
        let n = &numbers[0];
        let text_of = |r: &std::ops::Range<usize>| {
            &doc[sent_tokens[r.start].start..sent_tokens[r.end - 1].end]
        };
        assert_eq!(text_of(&n.tokens), "at least 40");
        assert_eq!(n.value, Some(40.0));

        let names: Vec<&str> = find_proper_runs(doc, sent_tokens, &ProperWords::default())
            .iter()
            .map(text_of)
            .collect();
        assert_eq!(
            names,
            ["BEIRUT", "Reuters", "Syrian", "Russia", "Al-Bab", "U.S."]
        );

        // Rule words match document tokens through the same fold.
        let killing = sent_tokens
            .iter()
            .find(|t| t.text(doc) == "killing")
            .map(|t| fold(t.text(doc)));
        assert!(killing.is_some_and(|k| word_forms("kill").all().contains(&k)));
    }

    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as u32
        }
    }

    /// Random text from many scripts and awkward characters through every
    /// function of the stage: nothing may panic and all invariants hold.
    #[test]
    fn fuzz_whole_stage() {
        let ranges: [(u32, u32); 12] = [
            (0x20, 0x7E),
            (0x20, 0x7E),
            (0x20, 0x7E),
            (0x00, 0x1F),
            (0xA0, 0x17F),
            (0x300, 0x36F),
            (0x600, 0x6FF),
            (0x900, 0x97F),
            (0x2000, 0x206F),
            (0x4E00, 0x4E50),
            (0x1F1E6, 0x1F64F),
            (0xFE00, 0xFE0F),
        ];
        let mut rng = Lcg(7);
        let mut tokens = Vec::new();
        let mut folded = String::new();
        for round in 0..300 {
            let mut doc = String::new();
            for _ in 0..(round % 60) * 5 + 1 {
                let (lo, hi) = ranges[(rng.next() % ranges.len() as u32) as usize];
                let cp = lo + rng.next() % (hi - lo + 1);
                if let Some(c) = char::from_u32(cp) {
                    doc.push(c);
                }
            }
            tokenize_into(&doc, &mut tokens);
            let mut prev = 0;
            for t in &tokens {
                assert!(prev <= t.start && t.start < t.end && t.end <= doc.len());
                assert!(doc.is_char_boundary(t.start) && doc.is_char_boundary(t.end));
                fold_into(t.text(&doc), &mut folded);
                let _ = word_forms(&folded).all();
                prev = t.end;
            }
            let sentences = split_sentences(&doc, &tokens);
            let mut next = 0;
            for s in &sentences {
                assert_eq!(s.tokens.start, next);
                assert!(s.tokens.start < s.tokens.end);
                next = s.tokens.end;
                let slice = &tokens[s.tokens.clone()];
                for m in find_numbers(&doc, slice, &NumberWords::default()) {
                    assert!(m.tokens.start < m.tokens.end && m.tokens.end <= slice.len());
                }
                let mut last = 0;
                for r in find_proper_runs(&doc, slice, &ProperWords::default()) {
                    assert!(last <= r.start && r.start < r.end && r.end <= slice.len());
                    last = r.end;
                }
            }
            assert_eq!(next, tokens.len());
        }
    }
}
