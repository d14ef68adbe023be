//! Sentence splitter: groups a document's tokens into sentences.
//!
//! Event rules never match across a sentence boundary, so a missed boundary
//! glues unrelated clauses together and a spurious one cuts an event in half.
//! The splitter therefore relies on the cues that are reliable in news copy
//! (terminal punctuation followed by something that can start a sentence,
//! blank lines between headline and body) and knows the abbreviations that
//! wire stories use constantly ("Gen.", "Jan.", "No.").
//!
//! It works on tokens, not characters: decimals and initialisms are already
//! single tokens, which removes most of the ambiguity of a bare period.

use std::ops::Range;

use super::token::{Token, TokenKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset where the sentence's first token starts.
    pub start: usize,
    /// Byte offset where the sentence's last token ends.
    pub end: usize,
    /// Index range into the document's token vector.
    pub tokens: Range<usize>,
    /// Whether this sentence was cut short at [`MAX_SENTENCE_TOKENS`]: the
    /// text ran on without a boundary, and the next sentence continues it.
    pub cut: bool,
}

/// Longest sentence, in tokens. A longer run without a boundary (a table,
/// a list, text without punctuation) is cut into pieces of this many
/// tokens, each matched as a sentence: matching memory is instructions ×
/// tokens of a sentence, so this bounds it (see docs/LIMITS.md). Real
/// sentences stay far below it.
pub const MAX_SENTENCE_TOKENS: usize = 2_048;

/// Abbreviations after which a period never ends a sentence: titles and
/// ranks precede a name, months precede a day, the rest precede a noun.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "rev", "pres", "sec", "amb", "st", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "vs", "mt", "ft", "approx", "est", "dept",
];

/// Abbreviations that end sentences often enough ("... and Apple Inc. The
/// company said") that they are treated like initialisms: a boundary only
/// before a typical sentence opener.
const SOFT_ABBREVIATIONS: &[&str] = &["etc", "inc", "corp", "co", "ltd", "jr", "sr"];

/// Titles and ranks, exposed so that proper-name detection can skip "Gen." and
/// similar, which are capitalized but not names.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "gov",
    "sen", "rep", "rev", "pres", "sec", "amb", "st", "mt", "ft",
];

/// Capitalized words that almost always open a sentence; after an initialism
/// ("in the U.S. The army") they are the only evidence of a boundary.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Meanwhile",
    "However",
];

/// Matches the lowercase or Capitalized form of a (lowercase) list entry.
/// All-caps is deliberately left out: "SEC." and "EST." at the end of a
/// sentence are acronyms, not abbreviations of "sec" and "est".
fn in_list(list: &[&str], word: &str) -> bool {
    let Some((first, rest)) = word.split_at_checked(1) else {
        return false;
    };
    list.iter().any(|entry| {
        entry.len() == word.len()
            && entry.get(1..) == Some(rest)
            && entry
                .get(..1)
                .is_some_and(|e| e.eq_ignore_ascii_case(first))
    })
}

/// True for a title or rank abbreviation such as "Gen" or "Mr".
pub(crate) fn is_title_abbreviation(word: &str) -> bool {
    in_list(TITLES, word)
}

/// How a token may end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// Cannot end a sentence (except at a blank line).
    No,
    /// Ends one before anything that can start a sentence.
    Hard,
    /// Ends one only before a typical sentence opener (or, after closing
    /// quotes or brackets, before anything that can start a sentence).
    Soft,
}

/// Splits a document's tokens (from [`tokenize`](super::token::tokenize) on
/// the same `text`) into sentences. Every token belongs to exactly one
/// sentence, sentences are in order, none is empty. Linear in the number of
/// tokens plus the whitespace between them.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let n = tokens.len();
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < n {
        let term = terminal(text, tokens, i);
        let mut last = i;
        let boundary = if term == Terminal::No {
            i + 1 >= n || blank_line_between(text, &tokens[i], &tokens[i + 1])
        } else {
            // Closing quotes and brackets belong to the sentence they close.
            while last + 1 < n
                && is_closer(text, tokens, last + 1)
                && !blank_line_between(text, &tokens[last], &tokens[last + 1])
            {
                last += 1;
            }
            let closed = last > i;
            match tokens.get(last + 1) {
                None => true,
                Some(next) if blank_line_between(text, &tokens[last], next) => true,
                Some(next) => {
                    let next_text = next.text(text);
                    match term {
                        Terminal::Hard => can_start_sentence(next_text),
                        Terminal::Soft if closed => can_start_sentence(next_text),
                        _ => SENTENCE_STARTERS.contains(&next_text),
                    }
                }
            }
        };
        if boundary {
            push_capped(&mut sentences, tokens, first..last + 1);
            first = last + 1;
        }
        i = last + 1;
    }
    if first < n {
        // Unreachable in practice (the last token always closes a sentence),
        // kept so that coverage never depends on that reasoning.
        push_capped(&mut sentences, tokens, first..n);
    }
    sentences
}

/// Adds a sentence, cut into pieces of [`MAX_SENTENCE_TOKENS`] if longer.
fn push_capped(sentences: &mut Vec<Sentence>, tokens: &[Token], range: Range<usize>) {
    let mut first = range.start;
    while first < range.end {
        let end = range.end.min(first + MAX_SENTENCE_TOKENS);
        sentences.push(Sentence {
            start: tokens[first].start,
            end: tokens[end - 1].end,
            tokens: first..end,
            cut: end < range.end,
        });
        first = end;
    }
}

/// Classifies token `i` as a possible sentence end.
fn terminal(text: &str, tokens: &[Token], i: usize) -> Terminal {
    let tok = &tokens[i];
    let t = tok.text(text);
    match tok.kind {
        // Initialisms are the only words that end in a period.
        TokenKind::Word if t.len() > 1 && t.ends_with('.') => Terminal::Soft,
        TokenKind::Punct => match t {
            "." => period_kind(text, tokens, i),
            "!" | "?" | "..." | "…" | "‼" | "⁇" | "⁈" | "⁉" | "؟" | "。" | "！" | "？" => {
                Terminal::Hard
            }
            _ => Terminal::No,
        },
        _ => Terminal::No,
    }
}

/// Decides whether the period at `i` is an abbreviation's.
fn period_kind(text: &str, tokens: &[Token], i: usize) -> Terminal {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return Terminal::Hard;
    };
    if prev.kind != TokenKind::Word || prev.end != tokens[i].start {
        return Terminal::Hard;
    }
    let word = prev.text(text);
    if in_list(ABBREVIATIONS, word) {
        return Terminal::No;
    }
    if in_list(SOFT_ABBREVIATIONS, word) {
        return Terminal::Soft;
    }
    if word.eq_ignore_ascii_case("no") || word.eq_ignore_ascii_case("nos") {
        // "No. 5" is an abbreviation; "He said no. The" is not.
        let before_number = tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Number);
        return if before_number {
            Terminal::No
        } else {
            Terminal::Hard
        };
    }
    // A lone capital is a middle initial: "John F. Kennedy".
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
        return Terminal::No;
    }
    Terminal::Hard
}

/// Closing quotes and brackets that can follow a sentence's final punctuation.
/// Straight quotes are ambiguous, so they count as closing only when glued to
/// the token before them.
fn is_closer(text: &str, tokens: &[Token], j: usize) -> bool {
    let tok = &tokens[j];
    match tok.text(text) {
        "”" | "’" | ")" | "]" | "}" | "»" | "›" => true,
        "\"" | "'" => j > 0 && tokens[j - 1].end == tok.start,
        _ => false,
    }
}

/// Whether a token can open a sentence: uppercase (or uncased-script) letter,
/// digit, or an opening quote or bracket.
fn can_start_sentence(token_text: &str) -> bool {
    let Some(c) = token_text.chars().next() else {
        return false;
    };
    if c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase()) {
        return true;
    }
    matches!(
        c,
        '“' | '‘' | '"' | '\'' | '(' | '[' | '{' | '«' | '‹' | '„' | '¿' | '¡'
    )
}

/// True when the whitespace between two tokens contains a blank line: two or
/// more line breaks, counting "\r\n" once and a paragraph separator as two.
fn blank_line_between(text: &str, a: &Token, b: &Token) -> bool {
    // One byte holds one line break at most: the gap between most tokens
    // (none, or a space) holds no blank line.
    if b.start.saturating_sub(a.end) < 2 {
        return false;
    }
    let Some(gap) = text.get(a.end..b.start) else {
        return false;
    };
    let mut breaks = 0;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                breaks += 1;
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => breaks += 1,
            '\u{2029}' => breaks += 2,
            _ => {}
        }
        if breaks >= 2 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        let sents = split_sentences(text, &toks);
        check_coverage(text, &toks, &sents);
        sents.iter().map(|s| &text[s.start..s.end]).collect()
    }

    fn check_coverage(text: &str, toks: &[Token], sents: &[Sentence]) {
        let mut next = 0;
        for s in sents {
            assert_eq!(s.tokens.start, next, "gap or overlap");
            assert!(s.tokens.start < s.tokens.end, "empty sentence");
            assert_eq!(s.start, toks[s.tokens.start].start);
            assert_eq!(s.end, toks[s.tokens.end - 1].end);
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            next = s.tokens.end;
        }
        assert_eq!(next, toks.len());
    }

    #[test]
    fn basic_boundaries() {
        assert_eq!(
            split(
                "Rebels shelled Aleppo on Monday. The army responded! Who fired first? Nobody knows."
            ),
            [
                "Rebels shelled Aleppo on Monday.",
                "The army responded!",
                "Who fired first?",
                "Nobody knows."
            ]
        );
        // Lowercase after a period is not a boundary; a digit is.
        assert_eq!(
            split("It was near the border. 12 people died. see below."),
            ["It was near the border.", "12 people died. see below."]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            split("Gen. Smith met Mr. Putin on Jan. 5 in Moscow. Lt. Col. Ivanov attended."),
            [
                "Gen. Smith met Mr. Putin on Jan. 5 in Moscow.",
                "Lt. Col. Ivanov attended."
            ]
        );
        assert_eq!(
            split("Resolution No. 2254 passed. He said no. The vote was held in St. Petersburg."),
            [
                "Resolution No. 2254 passed.",
                "He said no.",
                "The vote was held in St. Petersburg."
            ]
        );
        assert_eq!(
            split("John F. Kennedy was shot. He filed with the SEC. The agency declined."),
            [
                "John F. Kennedy was shot.",
                "He filed with the SEC.",
                "The agency declined."
            ]
        );
        assert_eq!(split("The gen. staff met."), ["The gen. staff met."]);
        // Soft abbreviations end a sentence only before a typical opener.
        assert_eq!(
            split(
                "They seized rifles, mortars etc. The raid ended. Apple Inc. Chief Tim Cook spoke."
            ),
            [
                "They seized rifles, mortars etc.",
                "The raid ended.",
                "Apple Inc. Chief Tim Cook spoke."
            ]
        );
    }

    #[test]
    fn initialisms() {
        assert_eq!(
            split(
                "The U.S. military struck in the U.S. The army said U.S. Central Command agreed."
            ),
            [
                "The U.S. military struck in the U.S.",
                "The army said U.S. Central Command agreed."
            ]
        );
        assert_eq!(split("Talks at the U.N."), ["Talks at the U.N."]);
        assert_eq!(
            split("Clashes erupted at 5 p.m. Tuesday near Homs."),
            ["Clashes erupted at 5 p.m. Tuesday near Homs."]
        );
    }

    #[test]
    fn decimals_are_not_boundaries() {
        assert_eq!(
            split("Growth slowed to 3.5 percent. Prices rose 1,200.5 points."),
            [
                "Growth slowed to 3.5 percent.",
                "Prices rose 1,200.5 points."
            ]
        );
    }

    #[test]
    fn quotes_and_parentheses() {
        assert_eq!(
            split("He said: \"We will fight.\" The army advanced."),
            ["He said: \"We will fight.\"", "The army advanced."]
        );
        assert_eq!(
            split("“Will we fight?” he asked. “Yes.” Then he left."),
            ["“Will we fight?” he asked.", "“Yes.”", "Then he left."]
        );
        // A straight quote after whitespace opens the next sentence.
        assert_eq!(
            split("The rebels withdrew. \"We lost,\" a commander said."),
            ["The rebels withdrew.", "\"We lost,\" a commander said."]
        );
        assert_eq!(
            split("Troops left (the town was empty.) Fighting resumed (in Idlib). Later, calm."),
            [
                "Troops left (the town was empty.)",
                "Fighting resumed (in Idlib).",
                "Later, calm."
            ]
        );
        assert_eq!(
            split("It ended.' 'No,' she said."),
            ["It ended.'", "'No,' she said."]
        );
    }

    #[test]
    fn headlines_and_blank_lines() {
        let s = "Syrian army retakes Palmyra\n\nDAMASCUS (Reuters) - The army retook\nthe city on Sunday.\n \n Residents returned";
        assert_eq!(
            split(s),
            [
                "Syrian army retakes Palmyra",
                "DAMASCUS (Reuters) - The army retook\nthe city on Sunday.",
                "Residents returned"
            ]
        );
        let crlf = "Blast in Kabul\r\n\r\nA car bomb exploded\r\nnear the ministry. Ten died.\r\n";
        assert_eq!(
            split(crlf),
            [
                "Blast in Kabul",
                "A car bomb exploded\r\nnear the ministry.",
                "Ten died."
            ]
        );
        // A blank line wins even over an abbreviation.
        assert_eq!(split("Meet Gen.\n\nSmith"), ["Meet Gen.", "Smith"]);
        assert_eq!(split("one\u{2029}two"), ["one", "two"]);
    }

    #[test]
    fn ellipsis_and_other_scripts() {
        assert_eq!(
            split("We waited... Nothing came. قتل ثلاثة جنود. Done"),
            ["We waited...", "Nothing came.", "قتل ثلاثة جنود.", "Done"]
        );
    }

    #[test]
    fn degenerate_inputs() {
        assert!(split("").is_empty());
        assert!(split("   \n\n  ").is_empty());
        assert_eq!(split("."), ["."]);
        assert_eq!(split(". . ."), [". . ."]);
        assert_eq!(split("?!"), ["?!"]);
        assert_eq!(split("\"\""), ["\"\""]);
        assert_eq!(split(")."), [")."]);
        assert_eq!(split("No."), ["No."]);
        assert_eq!(split("U.S. \""), ["U.S. \""]);
    }

    #[test]
    fn long_documents() {
        let para = "Gen. Smith said 5,000 troops moved to the U.S. base. They arrived (on time.) ";
        let doc = para.repeat(1000);
        let toks = tokenize(&doc);
        let sents = split_sentences(&doc, &toks);
        check_coverage(&doc, &toks, &sents);
        assert_eq!(sents.len(), 2000);
        // 5,000 tokens with no boundary at all: cut at the sentence cap.
        let long = "and the militants fired ".repeat(1250);
        let toks = tokenize(&long);
        assert_eq!(toks.len(), 5000);
        let sents = split_sentences(&long, &toks);
        check_coverage(&long, &toks, &sents);
        let pieces: Vec<(Range<usize>, bool)> =
            sents.iter().map(|s| (s.tokens.clone(), s.cut)).collect();
        assert_eq!(
            pieces,
            [(0..2048, true), (2048..4096, true), (4096..5000, false)]
        );
        assert_eq!((sents[0].start, sents[2].end), (0, long.len() - 1));
    }
}
