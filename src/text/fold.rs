//! Case folding of token text for matching.
//!
//! Rules and lexicon phrases are folded with the same function as document
//! tokens, so anything folded away here ("Turkey’s" vs "Turkey's", "—" vs
//! "-") can never make a rule miss. Offsets always refer to the original
//! text; folded strings are throwaway keys.

/// Case-folds a token's text into `out` (cleared first): Unicode lowercase,
/// curly apostrophes/quotes ’‘ -> ', and the dashes – — ‑ -> -. Used for
/// matching only; offsets always refer to the original text.
///
/// Beyond the minimum it also maps curly double quotes to `"`, "…" to "...",
/// the remaining Unicode hyphens and the minus sign to "-", and drops
/// invisible characters (soft hyphen, zero-width joiners and spaces,
/// variation selectors) that the tokenizer keeps inside words.
pub fn fold_into(token_text: &str, out: &mut String) {
    out.clear();
    if token_text.is_ascii() {
        // Nearly all English tokens take this path: no per-char decoding.
        out.push_str(token_text);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(token_text.len());
    for c in token_text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                out.push('-')
            }
            '\u{2026}' => out.push_str("..."),
            '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{FE00}'..='\u{FE0F}' => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Allocating convenience form of [`fold_into`].
pub fn fold(token_text: &str) -> String {
    let mut out = String::new();
    fold_into(token_text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lowercases() {
        assert_eq!(fold("U.S.-Led"), "u.s.-led");
        assert_eq!(fold("ISIS"), "isis");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn apostrophes_quotes_and_dashes() {
        assert_eq!(fold("’S"), "'s");
        assert_eq!(fold("N’T"), "n't");
        assert_eq!(fold("‘"), "'");
        assert_eq!(fold("Daʼesh"), "da'esh");
        assert_eq!(fold("“"), "\"");
        assert_eq!(fold("–"), "-");
        assert_eq!(fold("—"), "-");
        assert_eq!(fold("\u{2011}"), "-");
        assert_eq!(fold("…"), "...");
    }

    #[test]
    fn unicode_lowercase() {
        assert_eq!(fold("Zürich"), "zürich");
        assert_eq!(fold("CÔTE"), "côte");
        assert_eq!(fold("МОСКВА"), "москва");
        assert_eq!(fold("ΣΥΡΙΑ"), "συρια");
        assert_eq!(fold("حلب"), "حلب");
        // Dotted capital I lowercases to two chars; nothing may panic on it.
        assert_eq!(fold("İdlib"), "i\u{307}dlib");
        assert_eq!(fold("\u{301}"), "\u{301}");
        assert_eq!(fold("😀"), "😀");
    }

    #[test]
    fn invisible_characters_dropped() {
        assert_eq!(fold("Ka\u{AD}bul"), "kabul");
        assert_eq!(fold("❤\u{FE0F}"), "❤");
        assert_eq!(fold("a\u{200D}b\u{200C}c"), "abc");
    }

    #[test]
    fn fold_into_clears_and_reuses() {
        let mut buf = String::from("leftover");
        fold_into("Aleppo", &mut buf);
        assert_eq!(buf, "aleppo");
        fold_into("Raqqa’s", &mut buf);
        assert_eq!(buf, "raqqa's");
    }
}
