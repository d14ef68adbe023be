//! Built-in Number mentions: quantities written with digits or words.
//!
//! Casualty counts and troop numbers are the most common slot fillers in
//! event rules, and they come in many shapes: "40", "10,000", "1.5 million",
//! "twenty-five", "a dozen", "dozens of", often after an approximator such as
//! "at least" or "more than". This module recognizes them within one sentence
//! without allocating: words are compared ASCII-case-insensitively in place.
//!
//! A currency ("£11m", "US$5", "5 million dollars") or a unit ("5 percent",
//! "40%") next to a numeral makes a second, longer mention that includes it,
//! so that a slot can take the amount with its currency or, when the
//! pattern spells the currency out (`"£ N"`), the numeral alone. The lists
//! are plain data in [`NumberWords`]; a pack can change them
//! (`number.currency`, `number.unit`).

use std::ops::Range;

use super::classes::{
    APPROXIMATOR_START, CURRENCY_START, NUMBER_START, UNIT_START, WordClasses, classify_by,
    number_classes,
};
use super::token::{Token, TokenKind};
use super::wordlist::PhraseList;

/// The word lists `Number` consults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberWords {
    /// Currency symbols, codes and words, before or after a numeral.
    pub currencies: PhraseList,
    /// Units after a numeral.
    pub units: PhraseList,
}

impl Default for NumberWords {
    fn default() -> NumberWords {
        NumberWords {
            currencies: PhraseList::new(CURRENCIES),
            units: PhraseList::new(MEASURE_UNITS),
        }
    }
}

/// Currencies a Number mention includes: symbols and codes (written before
/// or after the amount) and currency words (after it).
pub const CURRENCIES: &[&str] = &[
    "$", "£", "€", "¥", "₹", "₽", "₩", "₺", "us $", "hk $", "usd", "eur", "gbp", "jpy", "chf",
    "cny", "rmb", "dollars", "euros", "pounds", "pence", "cents", "yen", "yuan", "rupees",
    "roubles", "rubles", "francs", "dinars", "riyals", "lira",
];

/// Units a Number mention includes when they follow the amount.
pub const MEASURE_UNITS: &[&str] = &[
    "%",
    "percent",
    "per cent",
    "percentage points",
    "basis points",
];

#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Index range into the sentence's token slice.
    pub tokens: Range<usize>,
    /// The value when the text determines it; `None` for vague amounts
    /// ("dozens of", "hundreds") and numerals that are not plain quantities.
    pub value: Option<f64>,
}

/// Approximators. Multi-word ones come first so the longest match wins; one
/// only counts when a numeral follows it ("some 40", but not "some soldiers").
const APPROXIMATORS: &[&[&str]] = &[
    &["as", "many", "as"],
    &["as", "few", "as"],
    &["as", "much", "as"],
    &["more", "than"],
    &["less", "than"],
    &["fewer", "than"],
    &["at", "least"],
    &["at", "most"],
    &["up", "to"],
    &["an", "estimated"],
    &["close", "to"],
    &["upwards", "of"],
    &["just", "over"],
    &["just", "under"],
    &["well", "over"],
    &["over"],
    &["about"],
    &["around"],
    &["nearly"],
    &["almost"],
    &["some"],
    &["approximately"],
    &["roughly"],
];

/// Whether an approximator starts with `folded`, a word folded already.
pub(crate) fn starts_approximator(folded: &str) -> bool {
    APPROXIMATORS.iter().any(|approx| approx[0] == folded)
}

/// Number mentions among `tokens` (the tokens of ONE sentence, indices
/// relative to that slice), left to right. Amounts do not overlap; an
/// amount with a currency or unit is two mentions, the whole ("£11m",
/// "5 million dollars", "40%") and the numeral without them ("11m",
/// "5 million", "40"), the whole first.
pub fn find_numbers(text: &str, tokens: &[Token], words: &NumberWords) -> Vec<NumberMention> {
    let mut classes = Vec::new();
    classify_by(
        text,
        tokens,
        |folded| number_classes(folded, words),
        &mut classes,
    );
    find_numbers_classified(text, tokens, &classes, words)
}

/// [`find_numbers`] with each token's [`WordClasses`] given (a compiled
/// pack reads them off its vocabulary): only a digit or a word of class
/// [`NUMBER_START`] or [`CURRENCY_START`] is looked at further.
pub fn find_numbers_classified(
    text: &str,
    tokens: &[Token],
    classes: &[WordClasses],
    words: &NumberWords,
) -> Vec<NumberMention> {
    let cx = Cx {
        text,
        tokens,
        words,
        classes,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match cx.amount_at(i) {
            Some(amount) => {
                let bare = amount.bare.clone();
                out.push(NumberMention {
                    tokens: amount.whole.clone(),
                    value: amount.value,
                });
                if bare != amount.whole {
                    out.push(NumberMention {
                        tokens: bare,
                        value: amount.value,
                    });
                }
                i = amount.whole.end;
            }
            None => i += 1,
        }
    }
    out
}

/// An amount found at a token: the whole mention, the numeral without its
/// currency or unit, and the value.
struct Amount {
    whole: Range<usize>,
    bare: Range<usize>,
    value: Option<f64>,
}

/// Where the word-number parser stands after the last consumed word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// "a" or "an" before a multiplier ("a dozen", "a hundred").
    Article,
    Unit,
    Teen,
    Tens,
    Hundred,
    Big,
    And,
    Dozen,
}

struct Cx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    words: &'a NumberWords,
    /// Per token: its classes.
    classes: &'a [WordClasses],
}

impl Cx<'_> {
    fn word(&self, i: usize) -> &str {
        match self.tokens.get(i) {
            Some(t) if t.kind == TokenKind::Word => t.text(self.text),
            _ => "",
        }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    /// An amount starting at `i`: [approximator] [currency] numeral
    /// [currency or unit].
    fn amount_at(&self, i: usize) -> Option<Amount> {
        if i >= self.tokens.len() {
            return None;
        }
        let may_start = self.may_start(i);
        // A currency can start an amount only with a numeral right after
        // it: its class is tested first, the phrase lookup and the look
        // ahead run on the few tokens it leaves.
        if !may_start && (self.currency_at(i).is_none() || !self.numeral_may_follow(i)) {
            return None;
        }
        let first = self.word(i);
        let approximators = if self.has_class(i, APPROXIMATOR_START) {
            APPROXIMATORS
        } else {
            &[]
        };
        for approx in approximators {
            let matches = approx[0].eq_ignore_ascii_case(first)
                && approx
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, w)| self.is(i + k, w));
            if matches && let Some(amount) = self.priced_at(i, i + approx.len()) {
                return Some(amount);
            }
        }
        self.priced_at(i, i)
    }

    /// A numeral at `at`, or a currency there and a numeral after it; the
    /// whole mention starts at `start` (before an approximator).
    fn priced_at(&self, start: usize, at: usize) -> Option<Amount> {
        let (numeral_start, (end, value)) = match self.currency_at(at) {
            Some(len) => (at + len, self.numeral_at(at + len)?),
            None => (at, self.numeral_at(at)?),
        };
        let after = self
            .currency_at(end)
            .or_else(|| self.unit_at(end))
            .unwrap_or(0);
        // Without a currency before it, the bare numeral keeps its
        // approximator ("about 5" of "about 5 percent").
        let bare_start = if numeral_start > at {
            numeral_start
        } else {
            start
        };
        Some(Amount {
            whole: start..end + after,
            bare: bare_start..end,
            value,
        })
    }

    /// Whether a numeral may start within the longest currency phrase's
    /// reach after token `i`.
    fn numeral_may_follow(&self, i: usize) -> bool {
        let reach = self.words.currencies.max_len();
        (i + 1..self.tokens.len().min(i + 1 + reach)).any(|k| self.may_start(k))
    }

    /// A digit token, or a word an amount can start with.
    fn may_start(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
            || self.has_class(i, NUMBER_START)
    }

    fn has_class(&self, i: usize, class: WordClasses) -> bool {
        self.classes.get(i).is_some_and(|c| c & class != 0)
    }

    fn currency_at(&self, i: usize) -> Option<usize> {
        if !self.has_class(i, CURRENCY_START) {
            return None;
        }
        self.words.currencies.longest_at(self.text, self.tokens, i)
    }

    fn unit_at(&self, i: usize) -> Option<usize> {
        if !self.has_class(i, UNIT_START) {
            return None;
        }
        self.words.units.longest_at(self.text, self.tokens, i)
    }

    /// A numeral starting exactly at `i`: (end index, value).
    fn numeral_at(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let tok = self.tokens.get(i)?;
        if tok.kind == TokenKind::Number {
            return self.digits_at(i);
        }
        self.vague_at(i)
            .or_else(|| self.several_at(i))
            .or_else(|| self.words_at(i))
    }

    /// A digit numeral with optional scale words: "40", "1.5 million", "5bn",
    /// "£11m".
    fn digits_at(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let mut value = match parse_digits(self.tokens.get(i)?.text(self.text)) {
            Digits::Ordinal => return None,
            Digits::Value(v) => Some(v),
            Digits::Other => None,
        };
        let mut end = i + 1;
        let mut last_scale = 0.0;
        while let Some(scale) = scale_word(self.word(end)).filter(|&s| s > last_scale) {
            value = value.map(|v| v * scale);
            last_scale = scale;
            end += 1;
        }
        Some((end, value))
    }

    /// "dozens of", "hundreds", "tens of thousands of", "scores of".
    fn vague_at(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let mut j = if self.is(i, "tens") {
            if !(self.is(i + 1, "of") && is_vague_scale(self.word(i + 2))) {
                return None;
            }
            i + 3
        } else {
            if !is_vague_scale(self.word(i)) {
                return None;
            }
            i + 1
        };
        // "hundreds of thousands of": another vague scale may follow.
        while self.is(j, "of") && is_vague_scale(self.word(j + 1)) {
            j += 2;
        }
        if self.is(j, "of") {
            j += 1;
        }
        Some((j, None))
    }

    /// "several hundred", "a few thousand", "several dozen": vague amounts.
    fn several_at(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let mut j = if self.is(i, "several") {
            i + 1
        } else if self.is(i, "a") && self.is(i + 1, "few") {
            i + 2
        } else {
            return None;
        };
        let start = j;
        let mut last = 0.0;
        while let Some(s) = scale_word(self.word(j))
            .or_else(|| self.is(j, "dozen").then_some(12.0))
            .filter(|&s| s > last)
        {
            last = s;
            j += 1;
        }
        (j > start).then_some((j, None))
    }

    /// Number words: "one", "twenty-five", "two hundred and fifty",
    /// "a dozen", "three million".
    fn words_at(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let mut total = 0.0_f64;
        let mut current = 0.0_f64;
        let mut big_limit = f64::INFINITY;
        let mut state = State::Start;
        let mut j = i;
        // The state right after the last token that may end a numeral, with
        // its end index and value; "and" alone or a dangling "a" may not.
        let mut accepted: Option<(usize, f64)> = None;
        loop {
            let w = self.word(j);
            if w.is_empty() {
                break;
            }
            use State::*;
            if let Some(v) = unit(w) {
                // After "twenty" only one..nine may follow ("twenty five").
                let allowed =
                    matches!(state, Start | Hundred | Big | And) || (state == Tens && v > 0.0);
                if !allowed {
                    break;
                }
                current += v;
                state = Unit;
                j += 1;
            } else if let Some(v) = teen(w) {
                if !matches!(state, Start | Hundred | Big | And) {
                    break;
                }
                current += v;
                state = Teen;
                j += 1;
            } else if let Some(v) = tens(w) {
                if !matches!(state, Start | Hundred | Big | And) {
                    break;
                }
                current += v;
                state = Tens;
                j += 1;
                // "twenty-five": hyphen glued to both words.
                let hyphen = self.tokens.get(j).map(|t| t.text(self.text));
                if hyphen == Some("-")
                    && self.adjacent(j - 1, j)
                    && self.adjacent(j, j + 1)
                    && let Some(u) = unit(self.word(j + 1)).filter(|&u| u > 0.0)
                {
                    current += u;
                    state = Unit;
                    j += 2;
                }
            } else if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
                && state == Start
            {
                let next = self.word(j + 1);
                let multiplier = next.eq_ignore_ascii_case("dozen") || scale_word(next).is_some();
                if !multiplier {
                    break;
                }
                current = 1.0;
                state = Article;
                j += 1;
                continue;
            } else if w.eq_ignore_ascii_case("hundred") {
                if !matches!(state, Unit | Teen | Article) || current >= 100.0 {
                    break;
                }
                current *= 100.0;
                state = Hundred;
                j += 1;
            } else if w.eq_ignore_ascii_case("dozen") {
                if !matches!(state, Unit | Article) || total > 0.0 {
                    break;
                }
                current *= 12.0;
                state = Dozen;
                j += 1;
            } else if let Some(scale) = scale_word(w).filter(|&s| s >= 1000.0) {
                if !matches!(state, Unit | Teen | Tens | Hundred | Article) || scale >= big_limit {
                    break;
                }
                total += current * scale;
                current = 0.0;
                big_limit = scale;
                state = Big;
                j += 1;
            } else if w.eq_ignore_ascii_case("and") {
                let next = self.word(j + 1);
                let continues =
                    unit(next).is_some() || teen(next).is_some() || tens(next).is_some();
                if !matches!(state, Hundred | Big) || !continues {
                    break;
                }
                state = And;
                j += 1;
                continue;
            } else {
                break;
            }
            accepted = Some((j, total + current));
            if state == Dozen {
                break;
            }
        }
        accepted.map(|(end, v)| (end, Some(v)))
    }
}

/// Vague amounts, and the article of "a dozen": words an amount may start
/// with besides approximators and number words.
const VAGUE_STARTS: &[&str] = &[
    "a",
    "several",
    "tens",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "millions",
    "billions",
];

/// The words an amount may start with (besides digits): approximators'
/// first words, vague amounts and number words. A token of another word
/// starts no amount unless a currency does ("$ 5", "US $ 5").
pub(crate) fn number_start_words() -> impl Iterator<Item = &'static str> {
    APPROXIMATORS
        .iter()
        .map(|approx| approx[0])
        .chain(VAGUE_STARTS.iter().copied())
        .chain(UNITS)
        .chain(TEENS)
        .chain(TENS)
}

/// Whether an amount may start with `folded`, a word folded already.
pub(crate) fn is_number_start(folded: &str) -> bool {
    number_start_words().any(|word| word == folded)
}

enum Digits {
    Value(f64),
    /// "3rd", "21st": positions, not quantities.
    Ordinal,
    /// Numeric but without a clean value: "1980s", "10km", "5.10.2020".
    Other,
}

/// Parses a Number token: "10,000", "1.5", "٣", "5bn", "3rd".
fn parse_digits(s: &str) -> Digits {
    // Split into the numeric part and a letter suffix.
    let split = s
        .char_indices()
        .find(|&(_, c)| !(decimal_value(c).is_some() || c == ',' || c == '.'))
        .map_or(s.len(), |(k, _)| k);
    let (num, suffix) = s.split_at(split);
    let lower_suffix_is = |w: &str| suffix.eq_ignore_ascii_case(w);
    if ["st", "nd", "rd", "th"].iter().any(|o| lower_suffix_is(o)) {
        return Digits::Ordinal;
    }
    let scale = match suffix {
        "" => 1.0,
        _ if lower_suffix_is("bn") => 1e9,
        // "600m", "£11m", "$3.5m": millions in business news.
        _ if lower_suffix_is("m") || lower_suffix_is("mln") || lower_suffix_is("mn") => 1e6,
        _ if lower_suffix_is("k") => 1e3,
        _ if lower_suffix_is("tn") => 1e12,
        _ => return Digits::Other,
    };
    // Rebuild as ASCII (commas dropped, native digits mapped) on the stack.
    let mut buf = [0u8; 64];
    let mut len = 0;
    let mut dots = 0;
    for c in num.chars() {
        let b = match c {
            ',' => continue,
            '.' => {
                dots += 1;
                b'.'
            }
            _ => match decimal_value(c) {
                Some(d) => b'0' + d,
                None => return Digits::Other,
            },
        };
        if len == buf.len() {
            return Digits::Other;
        }
        buf[len] = b;
        len += 1;
    }
    if dots > 1 || len == 0 {
        return Digits::Other;
    }
    std::str::from_utf8(&buf[..len])
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .map_or(Digits::Other, |v| Digits::Value(v * scale))
}

/// Decimal digit value for ASCII and the digit sets common in Middle East
/// and South Asia coverage (Arabic-Indic, Persian, Devanagari, full-width).
fn decimal_value(c: char) -> Option<u8> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{660}'..='\u{669}' => '\u{660}',
        '\u{6F0}'..='\u{6F9}' => '\u{6F0}',
        '\u{966}'..='\u{96F}' => '\u{966}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    u8::try_from(c as u32 - zero as u32).ok()
}

const UNITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn unit(w: &str) -> Option<f64> {
    lookup(&UNITS, w).map(|k| k as f64)
}

fn teen(w: &str) -> Option<f64> {
    lookup(&TEENS, w).map(|k| (k + 10) as f64)
}

fn tens(w: &str) -> Option<f64> {
    lookup(&TENS, w).map(|k| ((k + 2) * 10) as f64)
}

fn lookup(list: &[&str], w: &str) -> Option<usize> {
    list.iter().position(|x| x.eq_ignore_ascii_case(w))
}

/// Multipliers that can follow a numeral: "hundred", "million", "bn".
fn scale_word(w: &str) -> Option<f64> {
    const SCALES: [(&str, f64); 8] = [
        ("hundred", 1e2),
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        ("mln", 1e6),
        ("mn", 1e6),
        ("bn", 1e9),
    ];
    SCALES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(w))
        .map(|&(_, v)| v)
}

/// Plural scale words that make a vague amount: "dozens", "hundreds".
fn is_vague_scale(w: &str) -> bool {
    const VAGUE: [&str; 6] = [
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "millions",
        "billions",
    ];
    lookup(&VAGUE, w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    /// (mention text, value) pairs for a sentence.
    fn mentions(s: &str) -> Vec<(String, Option<f64>)> {
        let toks = tokenize(s);
        find_numbers(s, &toks, &NumberWords::default())
            .into_iter()
            .map(|m| {
                let a = toks[m.tokens.start].start;
                let b = toks[m.tokens.end - 1].end;
                (s[a..b].to_string(), m.value)
            })
            .collect()
    }

    fn m(text: &str, value: Option<f64>) -> (String, Option<f64>) {
        (text.to_string(), value)
    }

    #[test]
    fn digits_and_scales() {
        assert_eq!(
            mentions("Militants killed 40 soldiers and wounded 10,000 civilians in 2019."),
            [
                m("40", Some(40.0)),
                m("10,000", Some(10000.0)),
                m("2019", Some(2019.0))
            ]
        );
        assert_eq!(
            mentions("The fund lost 1.5 million, then 2,500.75 and 3 bn more."),
            [
                m("1.5 million", Some(1.5e6)),
                m("2,500.75", Some(2500.75)),
                m("3 bn", Some(3e9))
            ]
        );
        assert_eq!(
            mentions("Budget: 5bn, or 200 thousand per unit, 4.2mln in total."),
            [
                m("5bn", Some(5e9)),
                m("200 thousand", Some(2e5)),
                m("4.2mln", Some(4.2e6))
            ]
        );
        assert_eq!(
            mentions("It paid 600m, a 500k bonus and 2.5bn."),
            [
                m("600m", Some(6e8)),
                m("500k", Some(5e5)),
                m("2.5bn", Some(2.5e9))
            ]
        );
    }

    #[test]
    fn currencies_and_units_make_a_longer_mention() {
        assert_eq!(
            mentions("It paid £11m, then US$3.5m and 5 million dollars, more than €2bn."),
            [
                m("£11m", Some(1.1e7)),
                m("11m", Some(1.1e7)),
                m("US$3.5m", Some(3.5e6)),
                m("3.5m", Some(3.5e6)),
                m("5 million dollars", Some(5e6)),
                m("5 million", Some(5e6)),
                m("more than €2bn", Some(2e9)),
                m("2bn", Some(2e9))
            ]
        );
        assert_eq!(
            mentions("Shares rose 40%, about 5 percent, and 12 per cent."),
            [
                m("40%", Some(40.0)),
                m("40", Some(40.0)),
                m("about 5 percent", Some(5.0)),
                m("about 5", Some(5.0)),
                m("12 per cent", Some(12.0)),
                m("12", Some(12.0))
            ]
        );
        // A currency with no amount is no mention.
        assert_eq!(mentions("Paid in $ and £."), []);
        // The lists are the caller's: without them, only the numerals.
        let toks = tokenize("£11m and 40%");
        let bare = NumberWords {
            currencies: PhraseList::default(),
            units: PhraseList::default(),
        };
        let found = find_numbers("£11m and 40%", &toks, &bare);
        assert_eq!(
            found.iter().map(|m| m.tokens.clone()).collect::<Vec<_>>(),
            [1..2, 3..4]
        );
    }

    #[test]
    fn approximators() {
        assert_eq!(
            mentions("At least 40 people died and more than 100 were hurt; up to 5,000 fled."),
            [
                m("At least 40", Some(40.0)),
                m("more than 100", Some(100.0)),
                m("up to 5,000", Some(5000.0))
            ]
        );
        assert_eq!(
            mentions("An estimated 300 fighters and some 20 tanks, nearly two dozen trucks."),
            [
                m("An estimated 300", Some(300.0)),
                m("some 20", Some(20.0)),
                m("nearly two dozen", Some(24.0))
            ]
        );
        // An approximator with no numeral after it is not a mention.
        assert_eq!(mentions("Some soldiers fled over the border."), []);
        assert_eq!(
            mentions("as many as 15 were taken"),
            [m("as many as 15", Some(15.0))]
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(
            mentions("Two soldiers and twenty-five civilians died, one of them a child."),
            [
                m("Two", Some(2.0)),
                m("twenty-five", Some(25.0)),
                m("one", Some(1.0))
            ]
        );
        assert_eq!(
            mentions("two hundred and fifty militants, three thousand troops, a dozen tanks"),
            [
                m("two hundred and fifty", Some(250.0)),
                m("three thousand", Some(3000.0)),
                m("a dozen", Some(12.0))
            ]
        );
        assert_eq!(
            mentions("Two million five hundred thousand people and a hundred more"),
            [
                m("Two million five hundred thousand", Some(2.5e6)),
                m("a hundred", Some(100.0))
            ]
        );
        assert_eq!(
            mentions("twenty five and forty"),
            [m("twenty five", Some(25.0)), m("forty", Some(40.0))]
        );
        // A number word cannot follow a unit: two separate mentions.
        assert_eq!(
            mentions("one two"),
            [m("one", Some(1.0)), m("two", Some(2.0))]
        );
        // "and" that does not continue a numeral stays out of it.
        assert_eq!(
            mentions("five hundred and more"),
            [m("five hundred", Some(500.0))]
        );
        // A spaced dash is not the hyphen of "twenty-five".
        assert_eq!(
            mentions("twenty - five"),
            [m("twenty", Some(20.0)), m("five", Some(5.0))]
        );
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(
            mentions("Dozens of people were hurt and hundreds of homes burned."),
            [m("Dozens of", None), m("hundreds of", None)]
        );
        assert_eq!(
            mentions(
                "tens of thousands of refugees and hundreds of thousands fled, scores of them"
            ),
            [
                m("tens of thousands of", None),
                m("hundreds of thousands", None),
                m("scores of", None)
            ]
        );
        assert_eq!(
            mentions("more than a dozen rockets and several hundred shells, a few thousand rounds"),
            [
                m("more than a dozen", Some(12.0)),
                m("several hundred", None),
                m("a few thousand", None)
            ]
        );
        assert_eq!(mentions("Thousands marched."), [m("Thousands", None)]);
        // "tens" alone is not a quantity.
        assert_eq!(mentions("the tens column"), []);
    }

    #[test]
    fn odd_numerals() {
        assert_eq!(
            mentions("The 3rd Division in the 1980s fired ٣٥ shells on 5.10.2020"),
            [m("1980s", None), m("٣٥", Some(35.0)), m("5.10.2020", None)]
        );
        assert_eq!(mentions("a lone a"), []);
        assert_eq!(mentions(""), []);
        assert_eq!(mentions("hundred"), []);
        assert_eq!(mentions("and"), []);
        let huge = "9".repeat(400);
        assert_eq!(mentions(&huge), [m(&huge, None)]);
    }

    #[test]
    fn pre_check_accepts_every_starter() {
        let can_start = |word: &str| {
            let tokens = tokenize(word);
            let words = NumberWords::default();
            let mut classes = Vec::new();
            classify_by(word, &tokens, |w| number_classes(w, &words), &mut classes);
            matches!(classes[..], [only] if only & NUMBER_START != 0)
        };
        for approx in APPROXIMATORS {
            assert!(can_start(approx[0]), "{}", approx[0]);
        }
        let vague = [
            "a",
            "an",
            "several",
            "tens",
            "dozens",
            "scores",
            "hundreds",
            "thousands",
            "millions",
            "billions",
        ];
        let all = vague.iter().chain(&UNITS).chain(&TEENS).chain(&TENS);
        for w in all {
            assert!(can_start(w), "{w}");
            assert!(can_start(&w.to_uppercase()), "{w}");
        }
        assert_eq!(teen("Nineteen"), Some(19.0));
        assert_eq!(tens("NINETY"), Some(90.0));
        assert!(!can_start("soldiers"));
        assert!(!can_start("ü"));
        assert!(!can_start("approximately-ish-long-word"));
    }

    #[test]
    fn long_sentence() {
        let s = "at least 5 and dozens of ".repeat(1000);
        let toks = tokenize(&s);
        let found = find_numbers(&s, &toks, &NumberWords::default());
        assert_eq!(found.len(), 2000);
        assert_eq!(
            found[0],
            NumberMention {
                tokens: 0..3,
                value: Some(5.0)
            }
        );
        assert_eq!(
            found[1],
            NumberMention {
                tokens: 4..6,
                value: None
            }
        );
    }
}
