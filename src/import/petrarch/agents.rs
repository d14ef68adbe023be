//! PETRARCH agent dictionaries: `PHRASE {plural} [~CODE]` (the code goes
//! after the actor's: SYR + ~MIL = SYRMIL), `PHRASE [CODE~]` (before it:
//! NGO~ + SYR = NGOSYR), and substitution sets `!PERSON! = MAN, MEN, …`
//! used inside phrases (`CONGRESS!PERSON!`).
//!
//! [`expand`] turns entries into the phrases they stand for: every member
//! of a substitution set (no plurals then), or the phrase and its plural
//! (regular unless given in `{…}`; none for `{}`).

use std::collections::BTreeMap;

use super::lines::{SourceLine, read_lines};
use super::{Origin, Problem};

#[derive(Debug, Clone, Default)]
pub struct AgentDictionary {
    pub sets: Vec<SubstitutionSet>,
    pub entries: Vec<AgentEntry>,
    pub problems: Vec<Problem>,
}

/// `!PERSON! = MAN, MEN, WOMAN`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubstitutionSet {
    pub name: String,
    pub members: Vec<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// As written, words joined by `_` or spaces, markers `!SET!` kept.
    pub phrase: String,
    pub plural: Plural,
    /// The code without its `~`.
    pub code: String,
    pub placement: Placement,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plural {
    /// Formed by English rules.
    Regular,
    /// `{}`: no plural.
    None,
    /// `{ATTORNEYS_GENERAL}`
    Given(String),
}

/// Where an agent's code goes relative to its actor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placement {
    /// `~MIL`: after (SYRMIL).
    After,
    /// `NGO~`: before (NGOSYR).
    Before,
}

/// One phrase an agent entry stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentPhrase {
    pub words: Vec<String>,
    pub code: String,
    pub placement: Placement,
    pub origin: Origin,
}

/// Reads an agent dictionary; every line that cannot be read is a problem.
pub fn parse(file: &str, text: &str) -> AgentDictionary {
    let (lines, problems) = read_lines(file, text);
    let mut dictionary = AgentDictionary {
        problems,
        ..AgentDictionary::default()
    };
    for line in &lines {
        let text = line.text.trim();
        let result = if text.contains('!') && text.contains('=') {
            substitution_set(text, line).map(|set| dictionary.sets.push(set))
        } else {
            entry(text, line).map(|entry| dictionary.entries.push(entry))
        };
        if let Err(reason) = result {
            dictionary
                .problems
                .push(Problem::new(line.origin.clone(), line.raw.clone(), reason));
        }
    }
    dictionary
}

fn substitution_set(text: &str, line: &SourceLine) -> Result<SubstitutionSet, String> {
    let (marker, members) = text.split_once('=').expect("the caller saw `=`");
    let name = marker
        .trim()
        .strip_prefix('!')
        .and_then(|m| m.strip_suffix('!'))
        .filter(|m| !m.is_empty() && !m.contains(['!', ' ']))
        .ok_or("a substitution set starts `!NAME! =`")?;
    let members: Vec<String> = members
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if members.is_empty() {
        return Err(format!("substitution set `!{name}!` has no members"));
    }
    Ok(SubstitutionSet {
        name: name.to_string(),
        members,
        origin: line.origin.clone(),
    })
}

fn entry(text: &str, line: &SourceLine) -> Result<AgentEntry, String> {
    let open = text.find('[').ok_or("an agent without a `[code]`")?;
    let close = open + text[open..].find(']').ok_or("a `[` without its `]`")?;
    if !text[close + 1..].trim().is_empty() {
        return Err("text after the agent's code".into());
    }
    let code = text[open + 1..close].trim();
    let (code, placement) = if let Some(code) = code.strip_prefix('~') {
        (code.trim(), Placement::After)
    } else if let Some(code) = code.strip_suffix('~') {
        (code.trim(), Placement::Before)
    } else {
        return Err(format!(
            "agent code `[{code}]` needs `~`: `[~CODE]` goes after the actor's code, `[CODE~]` before"
        ));
    };
    if code.is_empty() || code.contains(char::is_whitespace) || code.contains('~') {
        return Err(format!("bad agent code `{}`", &text[open..=close]));
    }
    let head = &text[..open];
    let (phrase, plural) = match head.find('{') {
        Some(brace) => {
            let end = brace + head[brace..].find('}').ok_or("a `{` without its `}`")?;
            if !head[end + 1..].trim().is_empty() {
                return Err("text between the plural `{…}` and the code".into());
            }
            let plural = head[brace + 1..end].trim();
            let plural = if plural.is_empty() {
                Plural::None
            } else {
                Plural::Given(plural.to_string())
            };
            (head[..brace].trim(), plural)
        }
        None if head.contains('}') => return Err("a `}` without its `{`".into()),
        None => (head.trim(), Plural::Regular),
    };
    if phrase.is_empty() {
        return Err("an agent with no words".into());
    }
    Ok(AgentEntry {
        phrase: phrase.to_string(),
        plural,
        code: code.to_string(),
        placement,
        origin: line.origin.clone(),
    })
}

/// Every phrase the entries stand for, in entry order; an entry naming an
/// unknown substitution set is a problem.
pub fn expand(dictionary: &AgentDictionary) -> (Vec<AgentPhrase>, Vec<Problem>) {
    let sets: BTreeMap<&str, &SubstitutionSet> = dictionary
        .sets
        .iter()
        .map(|s| (s.name.as_str(), s))
        .collect();
    let mut phrases = Vec::new();
    let mut problems = Vec::new();
    for entry in &dictionary.entries {
        let phrase = |text: &str| AgentPhrase {
            words: words(text),
            code: entry.code.clone(),
            placement: entry.placement,
            origin: entry.origin.clone(),
        };
        if entry.phrase.contains('!') {
            match substitute(&entry.phrase, &sets) {
                Ok(texts) => phrases.extend(texts.iter().map(|t| phrase(t))),
                Err(reason) => problems.push(Problem::new(
                    entry.origin.clone(),
                    entry.phrase.clone(),
                    reason,
                )),
            }
            continue;
        }
        phrases.push(phrase(&entry.phrase));
        match &entry.plural {
            Plural::Regular => {
                let mut plural = words(&entry.phrase);
                if let Some(last) = plural.last_mut() {
                    *last = plural_of(last);
                }
                phrases.push(AgentPhrase {
                    words: plural,
                    ..phrase("")
                });
            }
            Plural::Given(text) => phrases.push(phrase(text)),
            Plural::None => {}
        }
    }
    (phrases, problems)
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every text `!SET!` markers stand for.
fn substitute(text: &str, sets: &BTreeMap<&str, &SubstitutionSet>) -> Result<Vec<String>, String> {
    let Some(start) = text.find('!') else {
        return Ok(vec![text.to_string()]);
    };
    let end = start
        + 1
        + text[start + 1..]
            .find('!')
            .ok_or("a `!` marker without its closing `!`")?;
    let name = &text[start + 1..end];
    let set = sets
        .get(name)
        .ok_or_else(|| format!("substitution set `!{name}!` is not defined"))?;
    let mut out = Vec::new();
    for member in &set.members {
        let replaced = format!("{}{member}{}", &text[..start], &text[end + 1..]);
        out.extend(substitute(&replaced, sets)?);
    }
    Ok(out)
}

/// The English plural of an upper-case noun, by the regular rules.
pub fn plural_of(word: &str) -> String {
    let upper = word.to_uppercase();
    let vowel_before_y = upper
        .strip_suffix('Y')
        .and_then(|stem| stem.chars().last())
        .is_some_and(|c| "AEIOU".contains(c));
    if upper.ends_with('Y') && !vowel_before_y {
        format!("{}IES", &word[..word.len() - 1])
    } else if ["S", "X", "Z", "CH", "SH"]
        .iter()
        .any(|end| upper.ends_with(end))
    {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICTIONARY: &str = "\
!PERSON! = MAN, MEN, WOMAN
PARLIAMENTARY_OPPOSITION {} [~OPP] #jap 11 Oct 2002
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS [~LEG]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
POLICE {} [ ~COP]
AUTHORITY  [~GOV]
ENVOY [~GOV]
";

    #[test]
    fn entries_sets_and_their_phrases() {
        let dictionary = parse("g.txt", DICTIONARY);
        assert_eq!(dictionary.problems, []);
        assert_eq!(dictionary.sets[0].members, ["MAN", "MEN", "WOMAN"]);
        assert_eq!(dictionary.entries[4].placement, Placement::Before);
        assert_eq!(dictionary.entries[4].code, "NGO");
        let (phrases, problems) = expand(&dictionary);
        assert_eq!(problems, []);
        let shown: Vec<String> = phrases
            .iter()
            .map(|p| {
                let code = match p.placement {
                    Placement::After => format!("~{}", p.code),
                    Placement::Before => format!("{}~", p.code),
                };
                format!("{} {code} @{}", p.words.join(" "), p.origin.line)
            })
            .collect();
        assert_eq!(
            shown,
            [
                "PARLIAMENTARY OPPOSITION ~OPP @2",
                "ATTORNEY GENERAL ~GOV @3",
                "ATTORNEYS GENERAL ~GOV @3",
                "CONGRESS ~LEG @4",
                "CONGRESSES ~LEG @4",
                "CONGRESSMAN ~LEG @5",
                "CONGRESSMEN ~LEG @5",
                "CONGRESSWOMAN ~LEG @5",
                "HUMAN RIGHTS BODY NGO~ @6",
                "HUMAN RIGHTS BODIES NGO~ @6",
                "POLICE ~COP @7",
                "AUTHORITY ~GOV @8",
                "AUTHORITIES ~GOV @8",
                "ENVOY ~GOV @9",
                "ENVOYS ~GOV @9",
            ]
        );
    }

    #[test]
    fn malformed_lines_and_unknown_sets_are_problems() {
        let text = "\
SOLDIER
TROOP [MIL]
GUARD [~MIL] extra
!BAD = A, B
MINISTER!MINST! [~GOV]
JUDGE {JUDGES [~JUD]
";
        let dictionary = parse("g.txt", text);
        let problems: Vec<String> = dictionary
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.origin.line, p.reason))
            .collect();
        assert_eq!(
            problems,
            [
                "1: an agent without a `[code]`",
                "2: agent code `[MIL]` needs `~`: `[~CODE]` goes after the actor's code, `[CODE~]` before",
                "3: text after the agent's code",
                "4: a substitution set starts `!NAME! =`",
                "6: a `{` without its `}`",
            ]
        );
        let (_, problems) = expand(&dictionary);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].reason,
            "substitution set `!MINST!` is not defined"
        );
        assert_eq!(problems[0].origin.line, 5);
    }
}
