//! Target: the text pipeline (tokens, sentences, numbers, proper names) on
//! text made of the pieces that make it hard: abbreviations, numbers with
//! units and currencies, quotes, brackets, line breaks of every kind, and
//! any Unicode.

use evrule::text::{
    MAX_SENTENCE_TOKENS, find_numbers, find_proper_runs, split_sentences, tokenize,
};
use proptest::prelude::*;

use crate::ensure;
use crate::harness::fuzz;

const PIECES: &[&str] = &[
    "the",
    "attacked",
    "Russia",
    "Isis",
    "Gen.",
    "U.S.",
    "Jan.",
    "No.",
    "Mr",
    "de la",
    "al-",
    "Deir ez-Zor",
    "1,000",
    "3.5",
    "$5m",
    "£11m",
    "€3bn",
    "¥",
    "1bn",
    "600m",
    "20%",
    "dozens of",
    "more than",
    "2015-09-30",
    "10:30",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\"",
    "'",
    "’",
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "—",
    "…",
    "-",
    "'s",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{00A0}",
    "\u{2028}",
    "é",
    "Ü",
    "İ",
    "ß",
    "ﬁ",
    "中文",
    "😀",
    "e\u{0301}",
    "\u{200D}",
    "\u{FEFF}",
    "A.B.C.",
    "...",
    "St.",
    "Inc.",
    "McDonald",
    "O'Neil",
    "IS",
    "ISIS",
    "al-Shabaab",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => (0..PIECES.len()).prop_map(|i| PIECES[i].to_string()),
            1 => any::<char>().prop_map(|c| c.to_string()),
            1 => proptest::collection::vec(prop_oneof![b'a'..=b'z', b'A'..=b'Z'], 1..12)
                .prop_map(|letters| String::from_utf8(letters).expect("ASCII letters")),
        ],
        0..120,
    )
    .prop_map(|pieces| pieces.join(" "))
}

pub fn check_text(text: &str) -> Result<(), TestCaseError> {
    let tokens = tokenize(text);
    let mut previous_end = 0;
    for token in &tokens {
        ensure!(
            token.start < token.end && token.end <= text.len(),
            "token {token:?} out of bounds"
        );
        ensure!(token.start >= previous_end, "tokens overlap or go back");
        ensure!(
            text.is_char_boundary(token.start) && text.is_char_boundary(token.end),
            "token {token:?} not on character boundaries"
        );
        previous_end = token.end;
    }
    let sentences = split_sentences(text, &tokens);
    let mut next = 0;
    for sentence in &sentences {
        ensure!(
            sentence.tokens.start == next,
            "sentences leave a gap or overlap"
        );
        ensure!(!sentence.tokens.is_empty(), "empty sentence");
        ensure!(
            sentence.tokens.len() <= MAX_SENTENCE_TOKENS,
            "sentence over the cap"
        );
        let slice = &tokens[sentence.tokens.clone()];
        for number in find_numbers(text, slice, &evrule::text::NumberWords::default()) {
            ensure!(
                number.tokens.start < number.tokens.end && number.tokens.end <= slice.len(),
                "number {number:?} out of its sentence"
            );
            ensure!(
                number.value.is_none_or(f64::is_finite),
                "number {number:?} is not finite"
            );
        }
        for run in find_proper_runs(text, slice, &evrule::text::ProperWords::default()) {
            ensure!(
                run.start < run.end && run.end <= slice.len(),
                "proper run {run:?} out of its sentence"
            );
        }
        next = sentence.tokens.end;
    }
    ensure!(next == tokens.len(), "sentences do not cover the tokens");
    Ok(())
}

#[test]
fn fuzz_text_pipeline() {
    fuzz("text", 2_000, text(), |text| check_text(&text));
}
