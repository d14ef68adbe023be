//! Word classes the built-in Number and Proper mentions test on every
//! token: whether a word may start an amount, starts a currency, unit or
//! title phrase, is a stop word, a sentence-initial common word or a title
//! modifier.
//!
//! Finding numbers and names used to fold and hash each token against
//! these lists again; now a token's classes come with it. A compiled
//! pack stores them as bits on its vocabulary entries, read with the word
//! id it looks up anyway (`compile::features`), so that stage compares no
//! strings for the many words that start nothing. Callers without a pack
//! compute them from the lists with [`classify`]; both read the lists
//! through [`classes_of`], so they cannot disagree.

use super::fold::fold_into;
use super::number::{NumberWords, is_number_start, number_start_words, starts_approximator};
use super::proper::ProperWords;
use super::token::Token;

/// A token's classes: a set of the bits below.
pub type WordClasses = u8;

/// A word an amount may start with: an approximator's first word, "a",
/// a number word or a vague amount ("dozens"). Digits start amounts too;
/// they are told by their token kind.
pub const NUMBER_START: WordClasses = 1 << 0;
/// The first word of a currency phrase ("$", "us" of "us $", "dollars").
pub const CURRENCY_START: WordClasses = 1 << 1;
/// The first word of a unit phrase ("%", "per" of "per cent").
pub const UNIT_START: WordClasses = 1 << 2;
/// A capitalized word that is never part of a name.
pub const STOP: WordClasses = 1 << 3;
/// A common word that is no name at the start of a sentence.
pub const INITIAL: WordClasses = 1 << 4;
/// The first word of a title phrase ("general", "chief" of "chief executive").
pub const TITLE_START: WordClasses = 1 << 5;
/// A word that makes a title only together with one ("prime").
pub const TITLE_MODIFIER: WordClasses = 1 << 6;
/// The first word of an approximator ("more" of "more than", "about").
pub const APPROXIMATOR_START: WordClasses = 1 << 7;

/// The classes of a folded word.
pub fn classes_of(folded: &str, proper: &ProperWords, number: &NumberWords) -> WordClasses {
    number_classes(folded, number) | proper_classes(folded, proper)
}

/// `bit` if `member`, else none.
fn class_if(bit: WordClasses, member: bool) -> WordClasses {
    if member { bit } else { 0 }
}

/// The classes a `Number` mention reads: amount, approximator, currency
/// and unit starts.
pub fn number_classes(folded: &str, number: &NumberWords) -> WordClasses {
    class_if(NUMBER_START, is_number_start(folded))
        | class_if(APPROXIMATOR_START, starts_approximator(folded))
        | class_if(CURRENCY_START, number.currencies.starts_with(folded))
        | class_if(UNIT_START, number.units.starts_with(folded))
}

/// The classes a `Proper` mention reads: stop, initial, title and title
/// modifier words.
pub fn proper_classes(folded: &str, proper: &ProperWords) -> WordClasses {
    class_if(STOP, proper.stop.contains_folded(folded))
        | class_if(INITIAL, proper.initial.contains_folded(folded))
        | class_if(TITLE_START, proper.titles.starts_with(folded))
        | class_if(
            TITLE_MODIFIER,
            proper.title_modifiers.contains_folded(folded),
        )
}

/// Every folded word of the lists with its classes: what a vocabulary
/// needs to carry them. A word in no list has no class.
pub fn class_words(proper: &ProperWords, number: &NumberWords) -> Vec<(String, WordClasses)> {
    let mut words: Vec<&str> = number_start_words().collect();
    words.extend(number.currencies.first_words());
    words.extend(number.units.first_words());
    words.extend(proper.stop.words());
    words.extend(proper.initial.words());
    words.extend(proper.titles.first_words());
    words.extend(proper.title_modifiers.words());
    words.sort_unstable();
    words.dedup();
    words
        .into_iter()
        .map(|word| (word.to_string(), classes_of(word, proper, number)))
        .collect()
}

/// The classes of each of `tokens`, into `out` (cleared first), from the
/// lists themselves: for callers without a compiled pack.
pub fn classify(
    text: &str,
    tokens: &[Token],
    proper: &ProperWords,
    number: &NumberWords,
    out: &mut Vec<WordClasses>,
) {
    classify_by(
        text,
        tokens,
        |folded| classes_of(folded, proper, number),
        out,
    );
}

/// The classes `classes_of` gives each of `tokens` (folded), into `out`
/// (cleared first): for a caller that needs one mention's classes only.
pub fn classify_by(
    text: &str,
    tokens: &[Token],
    classes_of: impl Fn(&str) -> WordClasses,
    out: &mut Vec<WordClasses>,
) {
    out.clear();
    let mut folded = String::new();
    for token in tokens {
        fold_into(token.text(text), &mut folded);
        out.push(classes_of(&folded));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn each_list_gives_its_class() {
        let (proper, number) = (ProperWords::default(), NumberWords::default());
        let text = "About twenty US $ Per cent General Prime The Analysts attack";
        let tokens = tokenize(text);
        let mut classes = Vec::new();
        classify(text, &tokens, &proper, &number, &mut classes);
        let of = |word: &str| {
            let at = tokens.iter().position(|t| t.text(text) == word);
            at.map(|at| classes[at])
        };
        assert_eq!(of("About"), Some(NUMBER_START | APPROXIMATOR_START | STOP));
        assert_eq!(of("twenty"), Some(NUMBER_START));
        assert_eq!(of("US"), Some(CURRENCY_START));
        assert_eq!(of("$"), Some(CURRENCY_START));
        assert_eq!(of("Per"), Some(UNIT_START));
        assert_eq!(of("General"), Some(TITLE_START));
        assert_eq!(of("Prime"), Some(TITLE_MODIFIER));
        assert_eq!(of("The"), Some(STOP));
        assert_eq!(of("Analysts"), Some(INITIAL));
        assert_eq!(of("attack"), Some(0));
    }

    #[test]
    fn the_class_words_carry_the_classes_classify_finds() {
        let (proper, number) = (ProperWords::default(), NumberWords::default());
        let words = class_words(&proper, &number);
        assert!(words.iter().all(|(_, classes)| *classes != 0));
        for (word, classes) in &words {
            let tokens = tokenize(word);
            if tokens.len() == 1 {
                let mut found = Vec::new();
                classify(word, &tokens, &proper, &number, &mut found);
                assert_eq!(found, [*classes], "{word}");
            }
        }
    }
}
