//! Tokenizer: cuts a whole document into word, number and punctuation tokens.
//!
//! Tokens carry byte offsets into the original text so that every later stage
//! (sentences, rule matches, event records) can point back at the exact source
//! span. The rules follow Penn-Treebank habits where they help phrase matching
//! (clitics such as "'s" and "n't" are split off, hyphens are their own
//! tokens) and keep together what a rule author thinks of as one unit
//! ("U.S.", "10,000", "...").
//!
//! The scanner makes one pass over the characters with constant look-ahead and
//! allocates nothing per token, because it runs over millions of sentences.

use super::unicode::{
    ZWJ, is_apostrophe, is_extender, is_regional_indicator, is_separator, is_word_char,
    is_word_continue,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text. A token paired with a different document yields ""
    /// rather than panicking, because callers juggle many documents at once.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        doc.get(self.start..self.end).unwrap_or("")
    }

    /// True when the first character is uppercase ("Syria", "U.S.", "ISIS").
    pub fn is_capitalized(&self, doc: &str) -> bool {
        self.text(doc)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// Tokens of the whole document; byte offsets into `text`, always on UTF-8
/// char boundaries; never empty tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    // News prose averages roughly one token per five or six bytes.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Like [`tokenize`], but reuses `out` (cleared first) so a caller looping over
/// documents keeps one allocation.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        i = if is_separator(c) || is_word_joiner(text, i, c) {
            i + c.len_utf8()
        } else if is_word_char(c) {
            scan_word(text, i, c, out)
        } else {
            scan_punct(text, i, c, out)
        };
    }
}

/// An underscore between two words ("Dol_Amroth", "New_York") separates
/// them like a space: PETRARCH's input and dictionaries, and corpora
/// prepared for other coders, join the words of one name that way, and a
/// lexicon phrase should match them. Any other underscore is punctuation.
fn is_word_joiner(text: &str, i: usize, c: char) -> bool {
    c == '_'
        && text[..i].chars().next_back().is_some_and(is_word_char)
        && char_at(text, i + 1).is_some_and(is_word_char)
}

/// Tokens of a word or phrase written in a rule, as the same words are
/// tokenized in a document: a clitic written on its own (`'s`, `'re`,
/// `n't`) is the one token it is in text, where it is glued to the word
/// before it ("Russia's" → `Russia` `'s`). Everything else tokenizes as in
/// a document, so a rule word always lowers to tokens text can produce.
pub fn tokenize_phrase(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_separator(c), word_start) {
            (false, None) => word_start = Some(i),
            (true, Some(start)) => {
                phrase_word(text, start, i, &mut out);
                word_start = None;
            }
            _ => {}
        }
    }
    out
}

/// Tokens of one whitespace-free word of a rule phrase (see [`tokenize_phrase`]).
fn phrase_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    if is_clitic(word) {
        out.push(Token {
            start,
            end,
            kind: TokenKind::Word,
        });
        return;
    }
    let mut tokens = Vec::new();
    tokenize_into(word, &mut tokens);
    out.extend(tokens.into_iter().map(|t| Token {
        start: start + t.start,
        end: start + t.end,
        kind: t.kind,
    }));
}

/// Whether a token text is an English clitic the tokenizer splits off the
/// word before it: `'s`, `'re`, `'ve`, `'ll`, `'d`, `'m` (any apostrophe)
/// or `n't`.
pub fn is_clitic(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if is_apostrophe(c) => {
            let after = c.len_utf8();
            clitic_end(word, after) == Some(word.len())
        }
        Some('n' | 'N') => matches!(
            (chars.next(), chars.next(), chars.next()),
            (Some(apostrophe), Some('t' | 'T'), None) if is_apostrophe(apostrophe)
        ),
        _ => false,
    }
}

/// The character starting at byte `i`, or `None` at the end. `i` is always a
/// char boundary in this module; `get` keeps a mistake from becoming a panic.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text.get(i..)?.chars().next()
    }
}

#[inline]
fn byte_at(text: &str, i: usize) -> Option<u8> {
    text.as_bytes().get(i).copied()
}

/// Scans a word or number starting at `start` (whose first char is `first`),
/// pushes one or two tokens and returns the byte offset after them.
fn scan_word(text: &str, start: usize, first: char, out: &mut Vec<Token>) -> usize {
    if first.is_alphabetic()
        && let Some(end) = initialism_end(text, start)
    {
        out.push(Token {
            start,
            end,
            kind: TokenKind::Word,
        });
        return end;
    }

    let kind = if first.is_numeric() {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    // Separators "," and "." stay inside a token only while it is a pure
    // digit run, so "10,000" is one token but "Aleppo,5" is not.
    let mut digits_only = first.is_numeric();
    let mut i = start + first.len_utf8();
    let bytes = text.as_bytes();

    while let Some(&byte) = bytes.get(i) {
        // Nearly every character of English text: an ASCII letter or digit
        // continues the word, with nothing else to decide.
        if byte.is_ascii_alphabetic() {
            digits_only = false;
            i += 1;
            continue;
        }
        if byte.is_ascii_digit() {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        // Apostrophes first: U+02BC is alphabetic and would otherwise be
        // swallowed as a letter, hiding "Russiaʼs" from clitic splitting.
        if is_apostrophe(c) {
            let after = i + c.len_utf8();
            if let Some(end) = negation_end(text, start, i, after) {
                let n = i - 1; // the ASCII 'n' of "n't" starts one byte earlier
                if n > start {
                    out.push(Token {
                        start,
                        end: n,
                        kind,
                    });
                }
                out.push(Token {
                    start: n,
                    end,
                    kind: TokenKind::Word,
                });
                return end;
            }
            if let Some(end) = clitic_end(text, after) {
                out.push(Token {
                    start,
                    end: i,
                    kind,
                });
                out.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Word,
                });
                return end;
            }
            if char_at(text, after).is_some_and(is_word_char) {
                // "O'Brien", "Ma'arrat", "d'Ivoire": part of the name.
                digits_only = false;
                i = after;
                continue;
            }
            break;
        }
        if is_word_continue(c) {
            digits_only &= c.is_numeric();
            i += c.len_utf8();
        } else if digits_only
            && (c == ',' || c == '.')
            && char_at(text, i + 1).is_some_and(char::is_numeric)
        {
            i += 1;
        } else {
            break;
        }
    }
    out.push(Token {
        start,
        end: i,
        kind,
    });
    i
}

/// End of an initialism such as "U.S.", "U.N.", "D.C." or "a.m." starting at
/// `start`: at least two single letters each followed by a period.
fn initialism_end(text: &str, start: usize) -> Option<usize> {
    let mut i = start;
    let mut pairs = 0;
    while let Some(c) = char_at(text, i) {
        if !c.is_alphabetic() {
            break;
        }
        let dot = i + c.len_utf8();
        if byte_at(text, dot) != Some(b'.') {
            break;
        }
        pairs += 1;
        i = dot + 1;
    }
    (pairs >= 2).then_some(i)
}

/// If the apostrophe at `apos` (next char at `after`) completes "n't" for a
/// word begun at `start`, the end of the "n't" token.
fn negation_end(text: &str, start: usize, apos: usize, after: usize) -> Option<usize> {
    if apos <= start || !matches!(byte_at(text, apos - 1), Some(b'n' | b'N')) {
        return None;
    }
    if !matches!(byte_at(text, after), Some(b't' | b'T')) {
        return None;
    }
    let end = after + 1;
    (!char_at(text, end).is_some_and(is_word_continue)).then_some(end)
}

/// If the text at `after` (just past an apostrophe) is an English clitic
/// ('s 're 've 'll 'd 'm) ending the word, the end of that clitic.
fn clitic_end(text: &str, after: usize) -> Option<usize> {
    let b = text.as_bytes();
    let first = b.get(after)?.to_ascii_lowercase();
    let second = b.get(after + 1).map(u8::to_ascii_lowercase);
    let len = match (first, second) {
        (b'r', Some(b'e')) | (b'v', Some(b'e')) | (b'l', Some(b'l')) => 2,
        (b's' | b'd' | b'm', _) => 1,
        _ => return None,
    };
    let end = after + len;
    (!char_at(text, end).is_some_and(is_word_continue)).then_some(end)
}

/// Scans a punctuation or symbol token starting at `start` with char `c`.
fn scan_punct(text: &str, start: usize, c: char, out: &mut Vec<Token>) -> usize {
    let mut end = start + c.len_utf8();
    match c {
        '.' if text.as_bytes().get(start + 1..start + 3) == Some(b"..") => end = start + 3,
        '-' if byte_at(text, start + 1) == Some(b'-') => end = start + 2,
        _ if is_apostrophe(c) => {
            // "U.S.'s": the initialism already ended, yet "'s" is still a
            // clitic of it, as long as it is glued to the word before.
            let glued = out
                .last()
                .is_some_and(|t| t.end == start && t.kind != TokenKind::Punct);
            if glued && let Some(clitic) = clitic_end(text, end) {
                out.push(Token {
                    start,
                    end: clitic,
                    kind: TokenKind::Word,
                });
                return clitic;
            }
        }
        // Two regional indicators are one flag; splitting them would put a
        // token boundary inside a single visible character.
        _ if is_regional_indicator(c) => {
            if let Some(next) = char_at(text, end).filter(|&n| is_regional_indicator(n)) {
                end += next.len_utf8();
            }
        }
        _ => {}
    }
    end = absorb_extenders(text, end);
    out.push(Token {
        start,
        end,
        kind: TokenKind::Punct,
    });
    end
}

/// Extends a symbol token over skin-tone modifiers, variation selectors,
/// combining marks and zero-width-joiner sequences so an emoji like a family
/// or a thumbs-up with skin tone stays one token.
fn absorb_extenders(text: &str, mut end: usize) -> usize {
    while let Some(c) = char_at(text, end) {
        if is_extender(c) {
            end += c.len_utf8();
        } else if c == ZWJ {
            end += c.len_utf8();
            match char_at(text, end) {
                Some(n) if !is_separator(n) && !is_word_char(n) => end += n.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text).iter().map(|t| t.kind).collect()
    }

    /// Checks the invariants every tokenization must satisfy.
    fn check_invariants(text: &str, toks: &[Token]) {
        let mut prev_end = 0;
        for t in toks {
            assert!(t.start < t.end, "empty token {t:?}");
            assert!(t.start >= prev_end, "overlap at {t:?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            // Nothing but separators may be skipped between tokens.
            assert!(
                text[prev_end..t.start].chars().all(is_separator),
                "skipped non-separator text {:?}",
                &text[prev_end..t.start]
            );
            assert_eq!(t.text(text), &text[t.start..t.end]);
            prev_end = t.end;
        }
        assert!(text[prev_end..].chars().all(is_separator));
    }

    #[test]
    fn plain_news_sentence() {
        let s = "Syrian troops recaptured the town of Al-Bab on Tuesday, state media said.";
        assert_eq!(
            texts(s),
            [
                "Syrian",
                "troops",
                "recaptured",
                "the",
                "town",
                "of",
                "Al",
                "-",
                "Bab",
                "on",
                "Tuesday",
                ",",
                "state",
                "media",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn clitics_split_ptb_style() {
        let s = "Russia's army didn't say it can't, but they're sure the soldiers' families won't.";
        assert_eq!(
            texts(s),
            [
                "Russia", "'s", "army", "did", "n't", "say", "it", "ca", "n't", ",", "but", "they",
                "'re", "sure", "the", "soldiers", "'", "families", "wo", "n't", "."
            ]
        );
        assert_eq!(
            texts("We'll see, I'm told, what he'd done and they've said."),
            [
                "We", "'ll", "see", ",", "I", "'m", "told", ",", "what", "he", "'d", "done", "and",
                "they", "'ve", "said", "."
            ]
        );
    }

    #[test]
    fn curly_apostrophes_and_names() {
        assert_eq!(
            texts("Turkey’s envoy met O'Brien in Côte d'Ivoire and Ma’arrat al-Nu’man."),
            [
                "Turkey",
                "’s",
                "envoy",
                "met",
                "O'Brien",
                "in",
                "Côte",
                "d'Ivoire",
                "and",
                "Ma’arrat",
                "al",
                "-",
                "Nu’man",
                "."
            ]
        );
        assert_eq!(texts("ISN’T IT"), ["IS", "N’T", "IT"]);
        assert_eq!(texts("the 1980's"), ["the", "1980", "'s"]);
        assert_eq!(texts("n't"), ["n't"]);
        assert_eq!(texts("'s"), ["'", "s"]);
    }

    #[test]
    fn rule_phrases_tokenize_as_their_words_do_in_text() {
        let phrase = |s: &str| -> Vec<String> {
            tokenize_phrase(s)
                .iter()
                .map(|t| t.text(s).to_string())
                .collect()
        };
        // A clitic written alone is the token it is in "Rosneft's".
        assert_eq!(phrase("'s"), ["'s"]);
        assert_eq!(phrase("n 's c"), ["n", "'s", "c"]);
        assert_eq!(phrase("’re n't 'll 'D"), ["’re", "n't", "'ll", "'D"]);
        assert_eq!(texts("Rosneft's"), ["Rosneft", "'s"]);
        // Everything else as in a document.
        assert_eq!(phrase("can't  al-bab"), ["ca", "n't", "al", "-", "bab"]);
        assert_eq!(phrase("'twas 'st"), ["'", "twas", "'", "st"]);
        assert_eq!(phrase("£11m"), ["£", "11m"]);
        assert!(is_clitic("'s") && is_clitic("N’T") && is_clitic("'ve"));
        assert!(!is_clitic("'") && !is_clitic("s") && !is_clitic("'st") && !is_clitic("nt"));
    }

    #[test]
    fn hyphens_and_dashes() {
        assert_eq!(
            texts("the Hama-Aleppo-Raqqa road -- and Deir ez-Zor — Dayr az Zawr"),
            [
                "the", "Hama", "-", "Aleppo", "-", "Raqqa", "road", "--", "and", "Deir", "ez", "-",
                "Zor", "—", "Dayr", "az", "Zawr"
            ]
        );
        assert_eq!(texts("a---b"), ["a", "--", "-", "b"]);
    }

    #[test]
    fn underscores_between_words_separate_them() {
        assert_eq!(
            texts("the Prince of Dol_Amroth met New_York_Times staff"),
            [
                "the", "Prince", "of", "Dol", "Amroth", "met", "New", "York", "Times", "staff"
            ]
        );
        // Not between two words: punctuation, as before.
        assert_eq!(
            texts("_x y_ __ a__b"),
            ["_", "x", "y", "_", "_", "_", "a", "_", "_", "b"]
        );
        let phrase: Vec<_> = tokenize_phrase("dol_amroth")
            .iter()
            .map(|t| t.text("dol_amroth"))
            .collect();
        assert_eq!(phrase, ["dol", "amroth"]);
    }

    #[test]
    fn initialisms_keep_periods() {
        assert_eq!(
            texts("U.S.-led forces and U.N. monitors met Gen. Smith at 5 p.m. in Washington D.C."),
            [
                "U.S.",
                "-",
                "led",
                "forces",
                "and",
                "U.N.",
                "monitors",
                "met",
                "Gen",
                ".",
                "Smith",
                "at",
                "5",
                "p.m.",
                "in",
                "Washington",
                "D.C."
            ]
        );
        assert_eq!(texts("John F. Kennedy"), ["John", "F", ".", "Kennedy"]);
        assert_eq!(texts("the U.S.'s allies"), ["the", "U.S.", "'s", "allies"]);
        assert_eq!(texts("U.S.Army"), ["U.S.", "Army"]);
    }

    #[test]
    fn numbers() {
        let s = "Some 10,000 people, 1.5 percent, $5 and 2,500.75 dollars; 50% in the 1980s, 3rd brigade.";
        assert_eq!(
            texts(s),
            [
                "Some", "10,000", "people", ",", "1.5", "percent", ",", "$", "5", "and",
                "2,500.75", "dollars", ";", "50", "%", "in", "the", "1980s", ",", "3rd", "brigade",
                "."
            ]
        );
        use TokenKind::*;
        assert_eq!(kinds("$5 killed 40."), [Punct, Number, Word, Number, Punct]);
        // A trailing separator is punctuation, not part of the number.
        assert_eq!(
            texts("in 2019. Then 1,000, 2"),
            ["in", "2019", ".", "Then", "1,000", ",", "2"]
        );
        assert_eq!(texts("Aleppo,5"), ["Aleppo", ",", "5"]);
    }

    #[test]
    fn ellipses_and_other_punct() {
        assert_eq!(
            texts("He said... then…. (maybe) \"yes\" [1]"),
            [
                "He", "said", "...", "then", "…", ".", "(", "maybe", ")", "\"", "yes", "\"", "[",
                "1", "]"
            ]
        );
        assert_eq!(texts("...."), ["...", "."]);
        assert_eq!(texts(".."), [".", "."]);
    }

    #[test]
    fn non_ascii_offsets() {
        let s = "Zürich: «Deir ez-Zor — Dayr az Zawr» قتل ٣ جنود في حلب 😀 👍🏽 🇺🇸!";
        let toks = tokenize(s);
        check_invariants(s, &toks);
        assert_eq!(
            texts(s),
            [
                "Zürich", ":", "«", "Deir", "ez", "-", "Zor", "—", "Dayr", "az", "Zawr", "»",
                "قتل", "٣", "جنود", "في", "حلب", "😀", "👍🏽", "🇺🇸", "!"
            ]
        );
        assert_eq!(
            toks[0],
            Token {
                start: 0,
                end: 7,
                kind: TokenKind::Word
            }
        );
        assert_eq!(toks[13].kind, TokenKind::Number);
    }

    #[test]
    fn combining_marks_joiners_and_emoji_sequences() {
        // Decomposed "é" and Devanagari with a virama stay single words.
        assert_eq!(texts("Cafe\u{301} नमस्ते"), ["Cafe\u{301}", "नमस्ते"]);
        // A lone combining mark is still a (word) token.
        assert_eq!(texts("\u{301}"), ["\u{301}"]);
        assert_eq!(kinds(" \u{301} "), [TokenKind::Word]);
        // Family emoji joined by ZWJ, heart with variation selector.
        assert_eq!(
            texts("👨\u{200D}👩\u{200D}👧 ❤\u{FE0F}"),
            ["👨\u{200D}👩\u{200D}👧", "❤\u{FE0F}"]
        );
        // Persian ZWNJ inside a word; soft hyphen inside a word.
        assert_eq!(
            texts("می\u{200C}خواهم Ka\u{AD}bul"),
            ["می\u{200C}خواهم", "Ka\u{AD}bul"]
        );
        // Invisible characters between tokens vanish.
        assert_eq!(texts("\u{FEFF}a\u{200B}b \u{200D} c"), ["a", "b", "c"]);
    }

    #[test]
    fn whitespace_of_all_kinds() {
        assert_eq!(texts(""), Vec::<&str>::new());
        assert_eq!(texts(" \t\r\n\u{A0}\u{2009}\u{3000}"), Vec::<&str>::new());
        assert_eq!(texts("a\u{A0}b\r\nc\u{202F}d"), ["a", "b", "c", "d"]);
        assert_eq!(texts("a\u{0}b\u{7}c"), ["a", "b", "c"]);
    }

    #[test]
    fn capitalization() {
        let s = "ISIS fighters attacked Ürümqi 'hard'";
        let toks = tokenize(s);
        let caps: Vec<bool> = toks.iter().map(|t| t.is_capitalized(s)).collect();
        assert_eq!(caps, [true, false, false, true, false, false, false]);
        // A token from another document must not panic.
        assert_eq!(toks[3].text("short"), "");
        assert!(!toks[3].is_capitalized("short"));
    }

    #[test]
    fn tokenize_into_reuses_buffer() {
        let mut buf = tokenize("one two three");
        tokenize_into("four", &mut buf);
        assert_eq!(
            buf,
            [Token {
                start: 0,
                end: 4,
                kind: TokenKind::Word
            }]
        );
    }

    #[test]
    fn edge_inputs_do_not_panic() {
        for s in [
            "'",
            "’",
            "n'",
            "'t",
            "a'",
            "''s",
            "..",
            "--",
            "-",
            "$",
            "1,",
            "1.",
            ",1",
            "1,,2",
            "U.",
            "U.S",
            "A.B.",
            "a.b.c.d",
            "\u{200D}",
            "\u{FE0F}",
            "🇺",
            "🇺🇸🇬",
            "\u{E0067}",
            "x\u{200D}",
            "😀\u{200D}",
            "😀\u{200D} ",
            "\r\n\r\n",
            "ʼs",
            "aʼs",
            "1'",
            "’’’",
        ] {
            let toks = tokenize(s);
            check_invariants(s, &toks);
        }
        assert_eq!(texts("1.5.2020"), ["1.5.2020"]);
    }

    #[test]
    fn long_sentence_is_linear_and_exact() {
        let s = "militants fired 5,000 rockets at U.S. bases, officials' said. ".repeat(600);
        let toks = tokenize(&s);
        check_invariants(&s, &toks);
        assert_eq!(toks.len(), 12 * 600);
    }

    /// Deterministic pseudo-random generator so the property test needs no crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }
    }

    #[test]
    fn property_mixed_scripts() {
        let pieces = [
            "Syria",
            "’s",
            "'",
            "n't",
            "U.S.",
            "-",
            "--",
            "...",
            "…",
            ".",
            ",",
            "10,000",
            "1.5",
            "Zürich",
            "Côte",
            "d'Ivoire",
            "حلب",
            "٣",
            "नमस्ते",
            "\u{301}",
            "😀",
            "👍🏽",
            "🇺🇸",
            "\u{200D}",
            "\u{200C}",
            "\u{AD}",
            "\u{FEFF}",
            "\u{FE0F}",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\u{A0}",
            "\t",
            "$",
            "%",
            "“",
            "”",
            "(",
            ")",
            "ʼ",
            "O'",
            "Brien",
            "a",
            "Z",
            "0",
            "北京",
            "한국",
            "Ελλάδα",
            "Москва",
            "\u{0}",
            "ǅ",
        ];
        let mut rng = Lcg(42);
        for round in 0..200 {
            let mut s = String::new();
            for _ in 0..(round * 7 + 1) {
                let p = pieces[(rng.next() % pieces.len() as u64) as usize];
                s.push_str(p);
            }
            let toks = tokenize(&s);
            check_invariants(&s, &toks);
            // Re-tokenizing each token alone never produces something that
            // crosses the original boundaries (tokens are self-contained).
            for t in &toks {
                let inner = tokenize(t.text(&s));
                assert!(!inner.is_empty());
            }
        }
    }
}
