//! Built-in Proper mentions: capitalized runs that look like names.
//!
//! Lexicons never cover every commander, village or militia in the news, so
//! rules can fall back on a generic "Proper" slot. Without a parser the best
//! evidence is capitalization: a maximal run of capitalized words, glued
//! together by the lowercase particles that occur inside names ("Center for
//! Studies", "Bashar al-Assad", "Staffan de Mistura") and by hyphens
//! ("Al-Bab"). Capitalized function words ("The", "However") never start a
//! run, and common words that only are capitalized because they start the
//! sentence ("Buyers snap up…") are no names either.
//!
//! The word lists (titles, stop words, sentence-initial common words) are
//! plain data in [`ProperWords`]: a pack can change them (`proper.title`,
//! `proper.stop`, …); the constants here are the defaults.

use std::ops::Range;

use super::classes::{
    INITIAL, STOP, TITLE_MODIFIER, TITLE_START, WordClasses, classify_by, proper_classes,
};
use super::sentence::is_title_abbreviation;
use super::token::{Token, TokenKind};
use super::wordlist::{PhraseList, WordList};

/// The word lists `Proper` consults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProperWords {
    /// Titles and offices before a name, phrases allowed ("chief executive").
    pub titles: PhraseList,
    /// Words that make a title only together with one ("Prime Minister").
    pub title_modifiers: WordList,
    /// Capitalized words that are never part of a name.
    pub stop: WordList,
    /// Common words that are no name when they start a sentence.
    pub initial: WordList,
}

impl Default for ProperWords {
    fn default() -> ProperWords {
        ProperWords {
            titles: PhraseList::new(TITLES),
            title_modifiers: WordList::new(TITLE_MODIFIERS),
            stop: WordList::new(STOPWORDS),
            initial: WordList::new(INITIAL_COMMON_WORDS),
        }
    }
}

/// Capitalized words that are not names: function words, sentence adverbs,
/// determiners, number words, weekdays and months (but not "May", also a
/// surname). Compared case-insensitively, so all-caps
/// headlines ("ATTACK IN RAQQA") are split at "IN" as well.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "against",
    "all",
    "also",
    "although",
    "amid",
    "among",
    "an",
    "and",
    "another",
    "any",
    "april",
    "are",
    "as",
    "at",
    "august",
    "because",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "december",
    "despite",
    "dozens",
    "during",
    "each",
    "earlier",
    "eight",
    "either",
    "even",
    "every",
    "february",
    "few",
    "five",
    "following",
    "for",
    "four",
    "friday",
    "from",
    "further",
    "furthermore",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "hundreds",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "january",
    "july",
    "june",
    "last",
    "later",
    "local",
    "many",
    "march",
    "meanwhile",
    "millions",
    "monday",
    "more",
    "moreover",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "my",
    "near",
    "neither",
    "nevertheless",
    "next",
    "nine",
    "no",
    "nonetheless",
    "nor",
    "not",
    "november",
    "now",
    "october",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "saturday",
    "scores",
    "september",
    "seven",
    "several",
    "she",
    "since",
    "six",
    "so",
    "some",
    "still",
    "such",
    "sunday",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thousands",
    "three",
    "through",
    "thursday",
    "thus",
    "to",
    "today",
    "tomorrow",
    "tuesday",
    "two",
    "under",
    "unless",
    "until",
    "upon",
    "was",
    "we",
    "wednesday",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Particles that continue a name when a capitalized word follows them.
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "de", "del", "della", "des", "di", "da", "das", "dos", "du", "al",
    "el", "bin", "ibn", "bint", "ould", "la", "le", "van", "von", "der", "den", "az", "ez", "ul",
    "adh", "ath", "esh",
];

/// Assimilated forms of the Arabic article. Many are also English words
/// ("as", "at", "an"), so they only connect when hyphenated: "Deir ez-Zor",
/// "Ras al-Ain", "as-Sukhnah".
const ARABIC_ARTICLES: &[&str] = &[
    "ad", "adh", "al", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "el", "en", "er", "es",
    "esh", "et", "ez", "ul", "ud", "un", "ur", "us", "ut", "uz",
];

/// How many tokens may sit between two capitalized words of one name
/// ("de la", "al -", "of the").
const MAX_BRIDGE: usize = 3;

/// Maximal runs of capitalized word tokens within one sentence's tokens
/// (indices relative to the slice).
pub fn find_proper_runs(text: &str, tokens: &[Token], words: &ProperWords) -> Vec<Range<usize>> {
    let mut classes = Vec::new();
    classify_by(
        text,
        tokens,
        |folded| proper_classes(folded, words),
        &mut classes,
    );
    find_proper_runs_classified(text, tokens, &classes, words)
}

/// [`find_proper_runs`] with each token's [`WordClasses`] given (a
/// compiled pack reads them off its vocabulary), so that no word is looked
/// up in the lists again.
pub fn find_proper_runs_classified(
    text: &str,
    tokens: &[Token],
    classes: &[WordClasses],
    words: &ProperWords,
) -> Vec<Range<usize>> {
    let cx = Cx {
        text,
        tokens,
        words,
        classes,
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !cx.is_member(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        // "and" joins names only inside organization-like runs ("Center for
        // Studies and Research"), never two plain names ("Russia and Turkey").
        let mut has_of_for = false;
        loop {
            if cx.is_member(end) {
                end += 1;
            } else if let Some(next) = cx.bridge(end, has_of_for) {
                has_of_for |= (end..next).any(|k| cx.is_word(k, "of") || cx.is_word(k, "for"));
                end = next + 1;
            } else {
                break;
            }
        }
        runs.push(start..end);
        // "General Kenneth McKenzie" is also "Kenneth McKenzie", so that
        // a rule can tell the title from the name.
        if let Some(name_start) = cx.after_titles(start, end) {
            runs.push(name_start..end);
        }
        i = end;
    }
    runs
}

/// Titles and offices that precede a name, compared case-insensitively.
pub const TITLES: &[&str] = &[
    "admiral",
    "ambassador",
    "brigadier",
    "captain",
    "colonel",
    "commander",
    "commissioner",
    "corporal",
    "dr",
    "emir",
    "gen",
    "general",
    "governor",
    "imam",
    "judge",
    "king",
    "lieutenant",
    "marshal",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rev",
    "senator",
    "sergeant",
    "sheikh",
    "spokesman",
    "spokeswoman",
];

/// Words that make a title only together with one ("Prime Minister",
/// "Defence Minister"; but "Defence Ministry" is no title).
pub const TITLE_MODIFIERS: &[&str] = &[
    "chief", "defence", "defense", "deputy", "foreign", "interior", "justice", "major", "prime",
    "vice",
];

/// Plural and abstract nouns that often start a news sentence and are no
/// names there ("Analysts said…", "Shares fell…", "Buyers snap up…"). A
/// capitalized word of this list at the start of a sentence starts no run.
pub const INITIAL_COMMON_WORDS: &[&str] = &[
    "analysts",
    "authorities",
    "banks",
    "buyers",
    "companies",
    "consumers",
    "critics",
    "customers",
    "demand",
    "diplomats",
    "doctors",
    "earnings",
    "economists",
    "experts",
    "families",
    "farmers",
    "firms",
    "growth",
    "households",
    "inflation",
    "investors",
    "lawmakers",
    "lawyers",
    "leaders",
    "markets",
    "observers",
    "officials",
    "prices",
    "profits",
    "researchers",
    "residents",
    "revenue",
    "sales",
    "scientists",
    "sellers",
    "shareholders",
    "shares",
    "shoppers",
    "sources",
    "staff",
    "stocks",
    "students",
    "traders",
    "unemployment",
    "users",
    "voters",
    "witnesses",
    "workers",
];

struct Cx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    words: &'a ProperWords,
    classes: &'a [WordClasses],
}

impl Cx<'_> {
    fn has_class(&self, i: usize, class: WordClasses) -> bool {
        self.classes.get(i).is_some_and(|c| c & class != 0)
    }

    fn text_of(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && t.text(self.text).eq_ignore_ascii_case(w))
    }

    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    fn is_hyphen(&self, i: usize) -> bool {
        matches!(self.text_of(i), "-" | "\u{2010}" | "\u{2011}")
    }

    /// Where the name starts in the run `start..end` when it begins with
    /// titles ("Deputy Foreign Minister", "Chief Executive"), else `None`.
    fn after_titles(&self, start: usize, end: usize) -> Option<usize> {
        let mut k = start;
        let mut titled = false;
        while k < end {
            if let Some(len) = self
                .has_class(k, TITLE_START)
                .then(|| self.words.titles.longest_at(self.text, self.tokens, k))
                .flatten()
                .filter(|&len| k + len <= end)
            {
                titled = true;
                k += len;
            } else if self.has_class(k, TITLE_MODIFIER) {
                k += 1;
            } else {
                break;
            }
        }
        (titled && k < end).then_some(k)
    }

    /// Whether only opening punctuation (quotes, brackets, dashes) comes
    /// before token `i` in the sentence.
    fn at_sentence_start(&self, i: usize) -> bool {
        i <= 3 && self.tokens[..i].iter().all(|t| t.kind == TokenKind::Punct)
    }

    /// A capitalized word that can be part of a name.
    fn is_member(&self, i: usize) -> bool {
        let Some(tok) = self.tokens.get(i) else {
            return false;
        };
        if tok.kind != TokenKind::Word {
            return false;
        }
        let w = tok.text(self.text);
        // Most words of a sentence: lowercase ASCII, and no apostrophe
        // after the first letter ("d'Ivoire" is a name).
        if let [first, second, ..] = w.as_bytes()
            && first.is_ascii_lowercase()
            && !matches!(second, b'\'' | 0xE2)
        {
            return false;
        }
        if !(starts_uppercase(w) || is_elided_name(w)) {
            return false;
        }
        if self.has_class(i, STOP) {
            return false;
        }
        if self.has_class(i, INITIAL) && self.at_sentence_start(i) {
            return false;
        }
        // "Gen." and "Mr." are capitalized but are titles, not names.
        let before_period = self.text_of(i + 1) == "." && self.adjacent(i, i + 1);
        !(before_period && is_title_abbreviation(w))
    }

    /// If tokens from `from` form a bridge that is followed by a member, the
    /// index of that member.
    fn bridge(&self, from: usize, has_of_for: bool) -> Option<usize> {
        let limit = (from + MAX_BRIDGE).min(self.tokens.len());
        for j in from..=limit {
            if j > from && self.is_member(j) {
                return Some(j);
            }
            if j == limit || !self.is_bridge_token(j, has_of_for) {
                return None;
            }
        }
        None
    }

    fn is_bridge_token(&self, j: usize, has_of_for: bool) -> bool {
        let Some(tok) = self.tokens.get(j) else {
            return false;
        };
        let t = tok.text(self.text);
        match tok.kind {
            TokenKind::Word => {
                let hyphen_follows = self.is_hyphen(j + 1) && self.adjacent(j, j + 1);
                if hyphen_follows && ARABIC_ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(t)) {
                    return true;
                }
                if !CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(t)) {
                    return false;
                }
                if t.eq_ignore_ascii_case("and") {
                    return has_of_for;
                }
                if t.eq_ignore_ascii_case("the") {
                    // Only "of the": "Ministry of the Interior".
                    return j > 0 && self.is_word(j - 1, "of");
                }
                true
            }
            TokenKind::Punct => {
                if self.is_hyphen(j) {
                    return j > 0 && self.adjacent(j - 1, j) && self.adjacent(j, j + 1);
                }
                match t {
                    "&" => true,
                    // The period of a middle initial: "John F. Kennedy".
                    "." => {
                        j > 0 && self.adjacent(j - 1, j) && is_single_capital(self.text_of(j - 1))
                    }
                    _ => false,
                }
            }
            TokenKind::Number => false,
        }
    }
}

fn starts_uppercase(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_single_capital(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// French/Italian elided particles glued to a name: "d'Ivoire", "l'Aquila".
fn is_elided_name(w: &str) -> bool {
    let mut chars = w.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(a), Some('\'' | '\u{2019}'), Some(c)) if a.is_lowercase() && c.is_uppercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn runs(s: &str) -> Vec<&str> {
        runs_with(s, &ProperWords::default())
    }

    fn runs_with<'a>(s: &'a str, words: &ProperWords) -> Vec<&'a str> {
        let toks = tokenize(s);
        find_proper_runs(s, &toks, words)
            .into_iter()
            .map(|r| {
                assert!(r.start < r.end && r.end <= toks.len());
                &s[toks[r.start].start..toks[r.end - 1].end]
            })
            .collect()
    }

    #[test]
    fn names_and_places() {
        assert_eq!(
            runs("Gen. Kenneth McKenzie said ISIS fighters attacked Faydat Ibn Muwaina on Monday."),
            ["Kenneth McKenzie", "ISIS", "Faydat Ibn Muwaina"]
        );
        assert_eq!(
            runs("General Kenneth McKenzie and President Joe Biden spoke."),
            [
                "General Kenneth McKenzie",
                "Kenneth McKenzie",
                "President Joe Biden",
                "Joe Biden"
            ]
        );
        assert_eq!(
            runs("The report by the Emirates Center for Studies and Research was published."),
            ["Emirates Center for Studies and Research"]
        );
        assert_eq!(
            runs("Russia and Turkey agreed, according to the Ministry of the Interior."),
            ["Russia", "Turkey", "Ministry of the Interior"]
        );
    }

    #[test]
    fn arabic_particles_and_hyphens() {
        assert_eq!(
            runs(
                "President Bashar al-Assad visited Al-Bab and Deir ez-Zor with Staffan de Mistura."
            ),
            [
                "President Bashar al-Assad",
                "Bashar al-Assad",
                "Al-Bab",
                "Deir ez-Zor",
                "Staffan de Mistura"
            ]
        );
        // Unhyphenated "as" is English, not an article.
        assert_eq!(
            runs("He joined Hamas as Fatah left the Hama-Aleppo road."),
            ["Hamas", "Fatah", "Hama-Aleppo"]
        );
        // A spaced dash does not join names.
        assert_eq!(runs("Damascus - Syria"), ["Damascus", "Syria"]);
        // A trailing particle is not part of the run.
        assert_eq!(runs("the Bank of the"), ["Bank"]);
    }

    #[test]
    fn function_words_never_start_runs() {
        assert_eq!(
            runs("However, Local officials in Several villages said This was It."),
            Vec::<&str>::new()
        );
        assert_eq!(
            runs("Meanwhile SAA troops entered Palmyra."),
            ["SAA", "Palmyra"]
        );
        assert_eq!(runs("ISIS ATTACK IN RAQQA"), ["ISIS ATTACK", "RAQQA"]);
    }

    #[test]
    fn breaks_on_numbers_punct_and_clitics() {
        assert_eq!(
            runs("Russia's Defense Ministry, Turkey (Ankara) and 3 Brigade units"),
            ["Russia", "Defense Ministry", "Turkey", "Ankara", "Brigade"]
        );
        assert_eq!(
            runs("the U.S. Central Command and Mr. Putin met John F. Kennedy's heirs"),
            ["U.S. Central Command", "Putin", "John F. Kennedy"]
        );
        assert_eq!(
            runs("Côte d'Ivoire and Johnson & Johnson, Zürich"),
            ["Côte d'Ivoire", "Johnson & Johnson", "Zürich"]
        );
    }

    #[test]
    fn stopwords_are_found_in_any_case() {
        let stop = ProperWords::default().stop;
        for w in STOPWORDS {
            assert!(stop.contains(w) && stop.contains(&w.to_uppercase()), "{w}");
        }
        assert!(!stop.contains("Aleppo"));
        assert!(!stop.contains("Ünal"));
    }

    #[test]
    fn common_words_starting_a_sentence_are_no_names() {
        assert_eq!(
            runs("Buyers snap up Rosneft shares, Analysts said."),
            ["Rosneft", "Analysts"]
        );
        assert_eq!(runs("\"Shares fell,\" Gazprom said."), ["Gazprom"]);
        // Not in the list: still a name at the start of a sentence.
        assert_eq!(runs("Rosneft bought Gazprom."), ["Rosneft", "Gazprom"]);
    }

    #[test]
    fn the_lists_are_the_callers_to_change() {
        let text = "Chairman Gene Kahn met General Kurilla and Chief Executive Tim Cook.";
        assert_eq!(
            runs(text),
            [
                "Chairman Gene Kahn",
                "General Kurilla",
                "Kurilla",
                "Chief Executive Tim Cook"
            ]
        );
        let words = ProperWords {
            titles: PhraseList::new(["chairman", "chief executive"]),
            ..ProperWords::default()
        };
        assert_eq!(
            runs_with(text, &words),
            [
                "Chairman Gene Kahn",
                "Gene Kahn",
                "General Kurilla",
                "Chief Executive Tim Cook",
                "Tim Cook"
            ]
        );
        let words = ProperWords {
            stop: WordList::new(["met"]),
            initial: WordList::default(),
            ..ProperWords::default()
        };
        assert_eq!(
            runs_with("The Buyers Club met.", &words),
            ["The Buyers Club"]
        );
    }

    #[test]
    fn degenerate_inputs() {
        assert!(runs("").is_empty());
        assert!(runs("- & . of the al-").is_empty());
        assert_eq!(runs("A"), Vec::<&str>::new());
        assert_eq!(runs("X-"), ["X"]);
        let long = "Aleppo of ".repeat(2500);
        let toks = tokenize(&long);
        assert_eq!(
            find_proper_runs(&long, &toks, &ProperWords::default()),
            [Range {
                start: 0,
                end: 4999
            }]
        );
    }
}
