//! PETRARCH/TABARI dictionaries: verbs (`verbs`), actors (`actors`), agents
//! (`agents`) and discards (`discards`), each read into a typed form that
//! keeps every entry's file and line (`lines` removes comments); and the
//! evrule pack written from them (`generate`, with `cameo` for the names of
//! the CAMEO codes and `translate` for verb patterns).
//!
//! Nothing is dropped silently: a line that cannot be read, and an entry
//! that cannot be translated, becomes a [`Problem`] with its file, line and
//! reason, listed in the pack's `IMPORT_REPORT.md`.

pub mod actors;
pub mod agents;
pub mod cameo;
pub mod discards;
pub mod emit_actors;
pub mod emit_verbs;
pub mod events;
pub mod generate;
pub mod lines;
pub mod names;
pub mod report;
pub mod translate;
pub mod verbs;

use std::fmt;

/// Where an entry was written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl Origin {
    pub fn new(file: &str, line: usize) -> Origin {
        Origin {
            file: file.to_string(),
            line,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A line that could not be read, or an entry that could not be translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub origin: Origin,
    /// The line as written.
    pub text: String,
    pub reason: String,
}

impl Problem {
    pub fn new(origin: Origin, text: impl Into<String>, reason: impl Into<String>) -> Problem {
        Problem {
            origin,
            text: text.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.origin, self.reason, self.text.trim())
    }
}

/// An event code as written in brackets: `[042]`, or `[042:043]` whose
/// second code is coded with source and target swapped. `---` is the null
/// code: no event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code {
    pub first: String,
    pub second: Option<String>,
}

/// The null code: the verb or pattern codes no event.
pub const NULL_CODE: &str = "---";

impl Code {
    /// Reads the inside of `[…]`; `None` when it is empty or holds spaces.
    /// `[:173]` codes nothing for the source and 173 for the target.
    pub fn parse(inside: &str) -> Option<Code> {
        let inside = inside.trim();
        if inside.is_empty() || inside.contains(char::is_whitespace) {
            return None;
        }
        match inside.split_once(':') {
            Some((first, second)) if !second.is_empty() && !second.contains(':') => Some(Code {
                first: if first.is_empty() { NULL_CODE } else { first }.to_string(),
                second: Some(second.to_string()),
            }),
            Some(_) => None,
            None => Some(Code {
                first: inside.to_string(),
                second: None,
            }),
        }
    }

    /// Why the code is not a CAMEO event code, if it is not. CAMEO codes
    /// start with a digit (`042`, `1721`, `174K`); PETRARCH's test
    /// dictionaries mark patterns that must never code an event with
    /// `[+++]`, `[###]` or `[xxy]`, and PETRARCH codes such a sentence as if
    /// the pattern were not there.
    pub fn not_an_event_code(&self) -> Option<String> {
        let is_event_code =
            |code: &str| code == NULL_CODE || code.starts_with(|c: char| c.is_ascii_digit());
        std::iter::once(&self.first)
            .chain(&self.second)
            .find(|code| !is_event_code(code))
            .map(|code| format!("`{code}` is not a CAMEO event code (those start with a digit)"))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.second {
            Some(second) => write!(f, "[{}:{second}]", self.first),
            None => write!(f, "[{}]", self.first),
        }
    }
}

/// Splits `text` at its last `[…]`: what comes before, the inside, what
/// comes after. `None` without a bracket pair.
pub fn last_bracket(text: &str) -> Option<(&str, &str, &str)> {
    let open = text.rfind('[')?;
    let close = open + text[open..].find(']')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_single_paired_and_malformed() {
        assert_eq!(Code::parse("064").unwrap().to_string(), "[064]");
        let paired = Code::parse("042:043").unwrap();
        assert_eq!(paired.first, "042");
        assert_eq!(paired.second.as_deref(), Some("043"));
        assert_eq!(Code::parse(" --- ").unwrap().first, NULL_CODE);
        assert_eq!(Code::parse(""), None);
        assert_eq!(Code::parse("04 2"), None);
        assert_eq!(Code::parse("042:"), None);
        assert_eq!(Code::parse(":173").unwrap().to_string(), "[---:173]");
        for valid in ["064", "174K", "023?", "---", "---:173", "042:043"] {
            assert_eq!(
                Code::parse(valid).unwrap().not_an_event_code(),
                None,
                "{valid}"
            );
        }
        assert_eq!(
            Code::parse("+++").unwrap().not_an_event_code().unwrap(),
            "`+++` is not a CAMEO event code (those start with a digit)"
        );
        assert!(
            Code::parse("042:xxy")
                .unwrap()
                .not_an_event_code()
                .is_some()
        );
    }

    #[test]
    fn the_last_bracket_pair_is_found() {
        assert_eq!(
            last_bracket("- * (TO) [042:043] x"),
            Some(("- * (TO) ", "042:043", " x"))
        );
        assert_eq!(last_bracket("no code"), None);
        assert_eq!(last_bracket("open [ only"), None);
    }
}
