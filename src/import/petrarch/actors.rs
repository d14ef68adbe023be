//! PETRARCH/TABARI actor dictionaries: an entry is a phrase
//! (`AFGHANISTAN_ [AFG]`), its `+` synonyms, and its codes, some restricted
//! to dates (tab-indented `[AFGGOV 331108-730717]`, `[HOB <950601]`,
//! `[HOBREB >990816]`, or several in one line, TABARI style).
//!
//! PETRARCH's date limits are inclusive ("or equal to"); dates are
//! `YYYYMMDD` or `YYMMDD` (years up to 30 are 20YY, the others 19YY).

use super::lines::{SourceLine, read_lines};
use super::{Origin, Problem};
use crate::lang::date::{Date, DateRange};

#[derive(Debug, Clone, Default)]
pub struct ActorDictionary {
    pub entries: Vec<ActorEntry>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary phrase first, then the `+` synonyms.
    pub phrases: Vec<ActorPhrase>,
    /// Every code of the entry, in the order written; none means the null
    /// code.
    pub codes: Vec<DatedCode>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorPhrase {
    /// Consecutive words (`_` and spaces both separate them).
    pub words: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub restriction: Restriction,
    pub origin: Origin,
}

/// When a code applies; every limit is inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restriction {
    Always,
    /// `<D`: on or before D.
    OnOrBefore(Date),
    /// `>D`: on or after D.
    OnOrAfter(Date),
    /// `D1-D2`: from D1 to D2, both included.
    Between(Date, Date),
}

impl Restriction {
    /// The same days as a half-open lexicon range (`until` is the day after
    /// the last one).
    pub fn range(self) -> DateRange {
        match self {
            Restriction::Always => DateRange::default(),
            Restriction::OnOrBefore(last) => DateRange {
                from: None,
                until: Some(last.next_day()),
            },
            Restriction::OnOrAfter(first) => DateRange {
                from: Some(first),
                until: None,
            },
            Restriction::Between(first, last) => DateRange {
                from: Some(first),
                until: Some(last.next_day()),
            },
        }
    }
}

/// Reads an actor dictionary; every line that cannot be read is a problem.
pub fn parse(file: &str, text: &str) -> ActorDictionary {
    let (lines, mut problems) = read_lines(file, text);
    let mut entries: Vec<ActorEntry> = Vec::new();
    // After an actor line that cannot be read, its synonyms and codes
    // belong to nothing.
    let mut broken = false;
    for line in &lines {
        let text = line.text.trim();
        if broken && (text.starts_with('[') || text.starts_with('+')) {
            problems.push(problem(
                line,
                "belongs to an actor line that could not be read",
            ));
            continue;
        }
        if text.starts_with('[') {
            let Some(entry) = entries.last_mut() else {
                problems.push(problem(line, "a code line before any actor"));
                continue;
            };
            match codes(text, line) {
                Ok(codes) => entry.codes.extend(codes),
                Err(reason) => problems.push(problem(line, reason)),
            }
        } else if let Some(synonym) = text.strip_prefix('+') {
            let Some(entry) = entries.last_mut() else {
                problems.push(problem(line, "a `+` synonym before any actor"));
                continue;
            };
            if synonym.contains(['[', ']']) {
                problems.push(problem(
                    line,
                    "a synonym with a code of its own; synonyms take their actor's codes",
                ));
                continue;
            }
            match phrase(synonym, line) {
                Ok(phrase) => entry.phrases.push(phrase),
                Err(reason) => problems.push(problem(line, reason)),
            }
        } else {
            let (words, code_text) = match text.find('[') {
                Some(open) => (&text[..open], &text[open..]),
                None => (text, ""),
            };
            let parsed = phrase(words, line).and_then(|phrase| {
                let codes = if code_text.is_empty() {
                    Vec::new()
                } else {
                    codes(code_text, line)?
                };
                Ok((phrase, codes))
            });
            broken = parsed.is_err();
            match parsed {
                Ok((phrase, codes)) => entries.push(ActorEntry {
                    phrases: vec![phrase],
                    codes,
                    origin: line.origin.clone(),
                }),
                Err(reason) => problems.push(problem(line, reason)),
            }
        }
    }
    ActorDictionary { entries, problems }
}

fn problem(line: &SourceLine, reason: impl Into<String>) -> Problem {
    Problem::new(line.origin.clone(), line.raw.clone(), reason)
}

fn phrase(text: &str, line: &SourceLine) -> Result<ActorPhrase, String> {
    if text.contains(']') {
        return Err("a `]` without its `[`".into());
    }
    let words: Vec<String> = text
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Err("an actor with no words".into());
    }
    Ok(ActorPhrase {
        words,
        origin: line.origin.clone(),
    })
}

/// `[CODE]`, `[CODE <D]`, `[CODE >D]`, `[CODE D1-D2]`, one or more.
fn codes(text: &str, line: &SourceLine) -> Result<Vec<DatedCode>, String> {
    let mut codes = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let inside = rest
            .strip_prefix('[')
            .ok_or_else(|| format!("`{rest}` after the codes"))?;
        let close = inside.find(']').ok_or("a `[` without its `]`")?;
        codes.push(dated_code(&inside[..close], line)?);
        rest = inside[close + 1..].trim_start();
    }
    Ok(codes)
}

fn dated_code(inside: &str, line: &SourceLine) -> Result<DatedCode, String> {
    let inside = inside.trim();
    let (code, restriction) = match inside.split_once(char::is_whitespace) {
        Some((code, restriction)) => (code, restriction.trim()),
        None => (inside, ""),
    };
    if code.is_empty() {
        return Err("an empty code `[]`".into());
    }
    let looks_like_dates = code.len() >= 6 && code.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if code.starts_with(['<', '>']) || looks_like_dates {
        return Err(format!("`[{inside}]` has dates but no code"));
    }
    let restriction: String = restriction.split_whitespace().collect();
    let restriction = if restriction.is_empty() {
        Restriction::Always
    } else if let Some(date) = restriction.strip_prefix('<') {
        Restriction::OnOrBefore(date_of(date)?)
    } else if let Some(date) = restriction.strip_prefix('>') {
        Restriction::OnOrAfter(date_of(date)?)
    } else if let Some((first, last)) = restriction.split_once('-') {
        let (first, last) = (date_of(first)?, date_of(last)?);
        if last < first {
            return Err(format!("the dates of `[{inside}]` end before they start"));
        }
        Restriction::Between(first, last)
    } else {
        return Err(format!(
            "`{restriction}` is not a date restriction (`<D`, `>D` or `D1-D2`)"
        ));
    };
    Ok(DatedCode {
        code: code.to_string(),
        restriction,
        origin: line.origin.clone(),
    })
}

/// `YYYYMMDD`, or `YYMMDD` with years up to 30 in the 2000s.
pub fn date_of(text: &str) -> Result<Date, String> {
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = match text.len() {
        8 if digits => (number(0..4), number(4..6), number(6..8)),
        6 if digits => {
            let year = number(0..2);
            let year = if year <= 30 { 2000 + year } else { 1900 + year };
            (year, number(2..4), number(4..6))
        }
        _ => return Err(format!("`{text}` is not a date (YYYYMMDD or YYMMDD)")),
    };
    Date::new(year, month, day).map_err(|error| format!("`{text}`: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICTIONARY: &str = "\
<!-- VALIDATION ACTORS -->
AUSTRALIA [AUS]
+AUSTRALIAN
GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB >990816]
ZIMBABWE
\t[RHO <790606]
\t[ZBW]#jw 9/30/91
JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt
";

    fn summary(entry: &ActorEntry) -> String {
        let phrases: Vec<String> = entry.phrases.iter().map(|p| p.words.join(" ")).collect();
        let codes: Vec<String> = entry
            .codes
            .iter()
            .map(|c| {
                let range = c.restriction.range();
                if range.is_dated() {
                    format!("{} {range}", c.code)
                } else {
                    c.code.clone()
                }
            })
            .collect();
        format!("{} = {}", phrases.join(" / "), codes.join(", "))
    }

    #[test]
    fn entries_synonyms_and_dated_codes() {
        let dictionary = parse("a.txt", DICTIONARY);
        assert_eq!(dictionary.problems, []);
        let entries: Vec<String> = dictionary.entries.iter().map(summary).collect();
        assert_eq!(
            entries,
            [
                "AUSTRALIA / AUSTRALIAN = AUS",
                "GOLLUM / SMEAGOL = HOB until=1995-06-02, HOBGOV from=1995-06-01 until=1999-08-16, HOBREB from=1999-08-16",
                "ZIMBABWE = RHO until=1979-06-07, ZBW",
                "JAVIER DE CUELLAR = IGOUNO from=1982-01-01 until=1992-01-01, ELI",
            ]
        );
        assert_eq!(dictionary.entries[1].codes[1].origin.line, 7);
    }

    #[test]
    fn two_digit_years_up_to_30_are_this_century() {
        assert_eq!(date_of("300101").unwrap().to_string(), "2030-01-01");
        assert_eq!(date_of("310101").unwrap().to_string(), "1931-01-01");
        assert_eq!(date_of("19950601").unwrap().to_string(), "1995-06-01");
    }

    #[test]
    fn malformed_lines_become_problems_with_their_line() {
        let text = "\
\t[XYZ]
+ORPHAN
GONDOR [GON
ROHAN [ROH <9506]
MORDOR [MOR 950601-940101]
ITHILEN [ITH ~950601]
BREE [BRE] extra
ARNOR [] 
+ARNORIAN
ERIADOR [ERI]
+EASTERN [ARN]
RHUN [<950101]
";
        let dictionary = parse("a.txt", text);
        let problems: Vec<String> = dictionary
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.origin.line, p.reason))
            .collect();
        assert_eq!(
            problems,
            [
                "1: a code line before any actor",
                "2: a `+` synonym before any actor",
                "3: a `[` without its `]`",
                "4: `9506` is not a date (YYYYMMDD or YYMMDD)",
                "5: the dates of `[MOR 950601-940101]` end before they start",
                "6: `~950601` is not a date restriction (`<D`, `>D` or `D1-D2`)",
                "7: `extra` after the codes",
                "8: an empty code `[]`",
                "9: belongs to an actor line that could not be read",
                "11: a synonym with a code of its own; synonyms take their actor's codes",
                "12: `[<950101]` has dates but no code",
            ]
        );
    }
}
