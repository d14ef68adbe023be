//! PETRARCH/TABARI verb dictionaries: synsets (`&NAME` and its `+` member
//! lines), verb blocks (`--- NAME [code] ---`), their verbs (irregular
//! forms in `{…}`, multi-word verbs with `+` on the verb, a code of their
//! own in `[…]`) and their patterns
//! (`- pre * post (PREP …) {A B HEAD} [code]`).
//!
//! Patterns are read into [`Part`]s: words, `$` (source), `+` (target),
//! `^` (skip a noun phrase), `%` (a compound actor), `&SYNSET`, noun
//! phrases `{…}` and prepositional phrases `(…)`; `_` between two parts
//! means they are consecutive words.

use std::collections::BTreeSet;

use super::lines::{SourceLine, read_lines};
use super::{Code, NULL_CODE, Origin, Problem, last_bracket};

#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub problems: Vec<Problem>,
}

/// `&NAME` and its members; a name ending in `_` makes no plurals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    pub name: String,
    pub plurals: bool,
    pub members: Vec<SynsetMember>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SynsetMember {
    /// `+AUSTRIAN_FLORIN`: consecutive words; a final `_` makes no plural.
    Phrase {
        words: Vec<String>,
        plural: bool,
        origin: Origin,
    },
    /// `+&OTHER`: every member of another synset.
    Synset { name: String, origin: Origin },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    pub name: String,
    /// The block's code for its verbs alone (`---` when none is given).
    pub code: Code,
    pub verbs: Vec<Verb>,
    pub patterns: Vec<Pattern>,
    pub origin: Origin,
}

/// A verb of a block: `HURRY {HURRIES HURRYING HURRIED}`, `+CORDON_OFF`,
/// `WIRE_+TAP`, `FRUSTRATE [012]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// The words of the verb, consecutive.
    pub words: Vec<String>,
    /// Which word is the verb (`+` in a multi-word verb).
    pub head: usize,
    /// The forms in `{…}` (each a phrase); `Some(empty)` for `{}`.
    pub forms: Option<Vec<Vec<String>>>,
    /// The verb's own code, instead of the block's.
    pub code: Option<Code>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Before the verb `*`.
    pub pre: Vec<Part>,
    /// Whether the verb is joined (`_`) to the part before it.
    pub verb_joined: bool,
    /// After the verb; the first part's `joined` joins it to the verb.
    pub post: Vec<Part>,
    pub code: Code,
    pub origin: Origin,
    pub raw: String,
}

/// A pattern element and whether `_` joins it to the element before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub elem: Elem,
    pub joined: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    Word(String),
    /// `$`
    Source,
    /// `+`
    Target,
    /// `^`: skip to the end of a noun phrase.
    Skip,
    /// `%`: a compound actor.
    Compound,
    /// `&NAME`
    Synset(String),
    /// `{A B HEAD}`: modifiers, then the head noun.
    NounPhrase(Vec<Part>),
    /// `(PREP …)`: the preposition, then what it governs.
    Prep(Vec<Part>),
}

/// Reads a verb dictionary; every line that cannot be read is a problem.
pub fn parse(file: &str, text: &str) -> VerbDictionary {
    let (lines, mut problems) = read_lines(file, text);
    let known: BTreeSet<String> = lines
        .iter()
        .filter(|l| !l.indented && l.text.starts_with('&'))
        .map(|l| synset_name(&l.text).0)
        .collect();
    let mut dictionary = VerbDictionary::default();
    let mut in_synset = false;
    let mut in_broken_block = false;
    for line in &lines {
        let text = line.text.trim();
        if let Some(member) = text.strip_prefix('+').filter(|_| in_synset) {
            let synset = dictionary.synsets.last_mut().expect("a synset is open");
            match parse_member(member, line) {
                Ok(member) => synset.members.push(member),
                Err(reason) => problems.push(problem(line, reason)),
            }
            continue;
        }
        in_synset = false;
        if text.starts_with("---") {
            match parse_block_header(text, line) {
                Ok((block, note)) => {
                    problems.extend(note.map(|note| problem(line, note)));
                    dictionary.blocks.push(block);
                    in_broken_block = false;
                }
                Err(reason) => {
                    problems.push(problem(line, reason));
                    in_broken_block = true;
                }
            }
        } else if in_broken_block && !text.starts_with('&') && !text.starts_with('~') {
            problems.push(problem(
                line,
                "in a verb block whose header could not be read",
            ));
        } else if text.starts_with('&') {
            let (name, plurals) = synset_name(text);
            if name.is_empty() || name.contains(char::is_whitespace) {
                problems.push(problem(line, "a synset label is `&NAME`"));
                continue;
            }
            dictionary.synsets.push(Synset {
                name,
                plurals,
                members: Vec::new(),
                origin: line.origin.clone(),
            });
            in_synset = true;
        } else if text.starts_with('~') {
            problems.push(problem(
                line,
                "verb transformations (`~`) rewrite events into other events; not translated",
            ));
        } else if let Some(body) = text.strip_prefix('-') {
            let Some(block) = dictionary.blocks.last_mut() else {
                problems.push(problem(line, "a pattern outside any verb block"));
                continue;
            };
            match parse_pattern(body, line, &known) {
                Ok(pattern) => block.patterns.push(pattern),
                Err(reason) => problems.push(problem(line, reason)),
            }
        } else {
            let Some(block) = dictionary.blocks.last_mut() else {
                problems.push(problem(line, "a verb outside any verb block"));
                continue;
            };
            match parse_verb(text, line) {
                Ok((verb, note)) => {
                    if let Some(note) = note {
                        problems.push(problem(line, note));
                    }
                    block.verbs.push(verb);
                }
                Err(reason) => problems.push(problem(line, reason)),
            }
        }
    }
    dictionary.problems = problems;
    dictionary
}

fn problem(line: &SourceLine, reason: impl Into<String>) -> Problem {
    Problem::new(line.origin.clone(), line.raw.clone(), reason)
}

/// `&NAME_` → (`NAME`, no plurals).
fn synset_name(text: &str) -> (String, bool) {
    let name = text.trim().trim_start_matches('&').trim();
    match name.strip_suffix('_') {
        Some(stripped) => (stripped.to_string(), false),
        None => (name.to_string(), true),
    }
}

fn parse_member(member: &str, line: &SourceLine) -> Result<SynsetMember, String> {
    let member = member.trim();
    if let Some(name) = member.strip_prefix('&') {
        let (name, _) = synset_name(name);
        return Ok(SynsetMember::Synset {
            name,
            origin: line.origin.clone(),
        });
    }
    let plural = !member.ends_with('_');
    let words: Vec<String> = member
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Err("a synset member with no words".into());
    }
    if let Some(odd) = words
        .iter()
        .find(|w| w.contains(['&', '$', '*', '{', '(', '[']))
    {
        return Err(format!(
            "a synset member holds `{odd}`; members are plain words"
        ));
    }
    Ok(SynsetMember::Phrase {
        words,
        plural,
        origin: line.origin.clone(),
    })
}

/// A block header; the note says what was assumed about it.
fn parse_block_header(
    text: &str,
    line: &SourceLine,
) -> Result<(VerbBlock, Option<String>), String> {
    let inner = text
        .trim_start_matches('-')
        .trim_end_matches(|c: char| c == '-' || c.is_whitespace());
    let mut note = None;
    let (name, code) = match inner.find('[') {
        Some(open) => {
            let close = inner[open..]
                .find(']')
                .map(|c| open + c)
                .ok_or("a `[` without its `]`")?;
            let code = &inner[open + 1..close];
            let rest = inner[close + 1..].trim();
            if !rest.is_empty() {
                note = Some(format!(
                    "text after the block's first code `[{code}]` (`{rest}`) is ignored, as PETRARCH does"
                ));
            }
            let mut code = Code::parse(code).ok_or_else(|| format!("bad code `[{code}]`"))?;
            if let Some(reason) = code.not_an_event_code() {
                note = Some(format!(
                    "{reason}; the verbs alone code no event, their patterns are translated"
                ));
                code = Code {
                    first: NULL_CODE.into(),
                    second: None,
                };
            }
            (inner[..open].trim(), code)
        }
        None => (
            inner,
            Code {
                first: NULL_CODE.into(),
                second: None,
            },
        ),
    };
    if name.is_empty() || name.contains(']') {
        return Err("a verb block starts `--- NAME [code] ---`".into());
    }
    let block = VerbBlock {
        name: name.split_whitespace().collect::<Vec<_>>().join("_"),
        code,
        verbs: Vec::new(),
        patterns: Vec::new(),
        origin: line.origin.clone(),
    };
    Ok((block, note))
}

/// A verb line; the note says what was assumed about it.
fn parse_verb(text: &str, line: &SourceLine) -> Result<(Verb, Option<String>), String> {
    let (text, code) = match text.find('[') {
        Some(open) => {
            let close = text[open..]
                .find(']')
                .map(|c| open + c)
                .ok_or("a `[` without its `]`")?;
            let inside = &text[open + 1..close];
            let code = Code::parse(inside).ok_or_else(|| format!("bad code `[{inside}]`"))?;
            if let Some(reason) = code.not_an_event_code() {
                return Err(format!("{reason}; the verb is left out"));
            }
            let rest = format!("{} {}", &text[..open], &text[close + 1..]);
            if rest.contains(['[', ']']) {
                return Err("a verb with more than one `[code]`".into());
            }
            (rest, Some(code))
        }
        None if text.contains(']') => return Err("a `]` without its `[`".into()),
        None => (text.to_string(), None),
    };
    let text = text.as_str();
    let (base, forms) = match text.find('{') {
        Some(open) => {
            let close = text[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or("a `{` without its `}`")?;
            if !text[close + 1..].trim().is_empty() {
                return Err("text after the verb's `{…}` forms".into());
            }
            let forms: Vec<Vec<String>> = text[open + 1..close]
                .split_whitespace()
                .map(|form| verb_words(form).0)
                .collect();
            (&text[..open], Some(forms))
        }
        None if text.contains('}') => return Err("a `}` without its `{`".into()),
        None => (text, None),
    };
    let tokens: Vec<&str> = base.split_whitespace().collect();
    if tokens.is_empty() {
        return Err("a verb line with no verb".into());
    }
    let phrase = tokens.join("_");
    if phrase.contains(['$', '*', '&', '(', ')', '^', '%']) {
        return Err(format!("`{phrase}` is not a verb"));
    }
    let (words, head) = verb_words(&phrase);
    if words.is_empty() {
        return Err("a verb line with no verb".into());
    }
    let note = if tokens.len() > 1 {
        Some(format!(
            "words of a verb separated by spaces; kept as the multi-word verb `{}`",
            words.join(" ")
        ))
    } else if words.len() > 1 && head.is_none() {
        Some(format!(
            "multi-word verb without `+` on its verb; kept, taking `{}` as the verb",
            words[0]
        ))
    } else {
        None
    };
    Ok((
        Verb {
            words,
            head: head.unwrap_or(0),
            forms,
            code,
            origin: line.origin.clone(),
        },
        note,
    ))
}

/// `WIRE_+TAP` → (["WIRE", "TAP"], Some(1)).
fn verb_words(phrase: &str) -> (Vec<String>, Option<usize>) {
    let mut head = None;
    let words = phrase
        .split('_')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| match w.strip_prefix('+') {
            Some(w) => {
                head = Some(i);
                w.to_string()
            }
            None => w.to_string(),
        })
        .collect();
    (words, head)
}

/// A pattern's text after its `-`.
fn parse_pattern(
    body: &str,
    line: &SourceLine,
    synsets: &BTreeSet<String>,
) -> Result<Pattern, String> {
    let (text, code) = match last_bracket(body) {
        Some((before, code, after)) if after.trim().is_empty() => {
            let code = Code::parse(code).ok_or_else(|| format!("bad code `[{code}]`"))?;
            if let Some(reason) = code.not_an_event_code() {
                return Err(format!("{reason}; the pattern is left out"));
            }
            (before, code)
        }
        Some(_) => return Err("text after the pattern's code".into()),
        None => return Err("a pattern without a `[code]`".into()),
    };
    if text.contains(['[', ']']) {
        return Err("a `[` or `]` inside the pattern".into());
    }
    let tokens = lex(text, synsets)?;
    let verbs = tokens.iter().filter(|t| t.kind == Lexeme::Verb).count();
    if verbs != 1 {
        return Err(if verbs == 0 {
            "a pattern without its verb `*`".into()
        } else {
            "a pattern with more than one `*`".into()
        });
    }
    let verb_at = tokens
        .iter()
        .position(|t| t.kind == Lexeme::Verb)
        .expect("one verb");
    let pre = group(&tokens[..verb_at])?;
    let post = group(&tokens[verb_at + 1..])?;
    Ok(Pattern {
        pre,
        verb_joined: tokens[verb_at].joined,
        post,
        code,
        origin: line.origin.clone(),
        raw: line.raw.clone(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Word(String),
    Synset(String),
    Mark(char),
    Verb,
    Open(char),
    Close(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    kind: Lexeme,
    joined: bool,
}

fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, '_' | '(' | ')' | '{' | '}' | '*')
}

/// The tokens of a pattern, each knowing whether `_` joins it to the one
/// before.
fn lex(text: &str, synsets: &BTreeSet<String>) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut joined = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let push = |tokens: &mut Vec<Token>, kind, joined: &mut bool| {
            tokens.push(Token {
                kind,
                joined: *joined,
            });
            *joined = false;
        };
        match c {
            c if c.is_whitespace() => {
                joined = false;
                i += 1;
            }
            '_' => {
                joined = true;
                i += 1;
            }
            '(' | '{' => {
                push(&mut tokens, Lexeme::Open(c), &mut joined);
                i += 1;
            }
            ')' | '}' => {
                // A closing bracket joins nothing: what follows decides.
                tokens.push(Token {
                    kind: Lexeme::Close(c),
                    joined: false,
                });
                i += 1;
            }
            '*' => {
                push(&mut tokens, Lexeme::Verb, &mut joined);
                i += 1;
            }
            '$' | '+' | '^' | '%' if chars.get(i + 1).is_none_or(|&n| is_break(n)) => {
                push(&mut tokens, Lexeme::Mark(c), &mut joined);
                i += 1;
            }
            '&' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && !is_break(chars[end])
                    || end < chars.len() && chars[end] == '_'
                {
                    end += 1;
                }
                // The longest known synset name, backing off at `_`.
                let run: String = chars[start..end].iter().collect();
                let mut name = run.trim_end_matches('_').to_string();
                while !synsets.contains(&name) {
                    match name.rfind('_') {
                        Some(cut) => name.truncate(cut),
                        None => {
                            let first = run.split('_').next().unwrap_or_default();
                            return Err(format!("synset `&{first}` is not defined in this file"));
                        }
                    }
                }
                i = start + name.chars().count();
                push(&mut tokens, Lexeme::Synset(name), &mut joined);
            }
            _ => {
                let start = i;
                while i < chars.len() && !is_break(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                push(&mut tokens, Lexeme::Word(word), &mut joined);
            }
        }
    }
    Ok(tokens)
}

/// Nests `(…)` and `{…}` groups.
fn group(tokens: &[Token]) -> Result<Vec<Part>, String> {
    let mut stack: Vec<(char, bool, Vec<Part>)> = vec![(' ', false, Vec::new())];
    for token in tokens {
        let elem = match &token.kind {
            Lexeme::Open(c) => {
                if stack.iter().any(|(open, _, _)| *open == *c) {
                    return Err(format!("a `{c}` inside another `{c}`"));
                }
                stack.push((*c, token.joined, Vec::new()));
                continue;
            }
            Lexeme::Close(c) => {
                let want = if *c == ')' { '(' } else { '{' };
                let (open, joined, parts) = stack.pop().expect("the outer level stays");
                if open == ' ' {
                    return Err(format!("a `{c}` without its `{want}`"));
                }
                if open != want {
                    return Err(format!("a `{open}` closed by `{c}`"));
                }
                if parts.is_empty() && open == '{' {
                    return Err("an empty `{}` noun phrase".into());
                }
                if parts.is_empty() {
                    return Err("an empty `()` phrase".into());
                }
                let elem = if open == '(' {
                    Elem::Prep(parts)
                } else {
                    Elem::NounPhrase(parts)
                };
                stack
                    .last_mut()
                    .expect("the outer level stays")
                    .2
                    .push(Part { elem, joined });
                continue;
            }
            Lexeme::Word(word) => Elem::Word(word.clone()),
            Lexeme::Synset(name) => Elem::Synset(name.clone()),
            Lexeme::Mark('$') => Elem::Source,
            Lexeme::Mark('+') => Elem::Target,
            Lexeme::Mark('^') => Elem::Skip,
            Lexeme::Mark(_) => Elem::Compound,
            Lexeme::Verb => unreachable!("the verb splits the pattern"),
        };
        stack
            .last_mut()
            .expect("the outer level stays")
            .2
            .push(Part {
                elem,
                joined: token.joined,
            });
    }
    if stack.len() > 1 {
        let (open, _, _) = stack.last().expect("more than one level");
        return Err(format!("a `{open}` is never closed"));
    }
    Ok(stack.pop().expect("the outer level").2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| {
                let elem = match &p.elem {
                    Elem::Word(w) => w.clone(),
                    Elem::Source => "$".into(),
                    Elem::Target => "+".into(),
                    Elem::Skip => "^".into(),
                    Elem::Compound => "%".into(),
                    Elem::Synset(s) => format!("&{s}"),
                    Elem::NounPhrase(inner) => format!("{{{}}}", words(inner)),
                    Elem::Prep(inner) => format!("({})", words(inner)),
                };
                if p.joined {
                    format!("_{elem}")
                } else {
                    format!(" {elem}")
                }
            })
            .collect::<String>()
            .trim_start()
            .to_string()
    }

    const DICTIONARY: &str = "\
&CURRENCY
+DOLLARS
+SWISS FRANCS
+KRONER_

&AUXVERB3_
+HAVE
+&CURRENCY

--- GRANT [070] ---
GRANT
GIVE {GAVE GIVEN GIVING }  # jw
CLARIFY {CLARIFIES CLARIFIED} [040]
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}
WIRE_+TAP
- * &CURRENCY [903] # -PAS 12.01.12
- $ * (AS {&CURRENCY DEBT}) (WITH +) [042:043]
- IN_* RELIEF_&CURRENCY_NOW [071]
- * OFF (FROM ^) % [---]
";

    #[test]
    fn synsets_blocks_verbs_and_patterns() {
        let dictionary = parse("v.txt", DICTIONARY);
        assert_eq!(dictionary.problems, []);
        let currency = &dictionary.synsets[0];
        assert_eq!(currency.name, "CURRENCY");
        assert!(currency.plurals);
        assert_eq!(
            currency.members[2],
            SynsetMember::Phrase {
                words: vec!["KRONER".into()],
                plural: false,
                origin: Origin::new("v.txt", 4)
            }
        );
        let aux = &dictionary.synsets[1];
        assert!(!aux.plurals);
        assert!(matches!(&aux.members[1], SynsetMember::Synset { name, .. } if name == "CURRENCY"));

        let block = &dictionary.blocks[0];
        assert_eq!(block.name, "GRANT");
        assert_eq!(block.code.to_string(), "[070]");
        assert_eq!(block.verbs.len(), 5);
        assert_eq!(block.verbs[1].forms.as_ref().unwrap().len(), 3);
        assert_eq!(block.verbs[2].code.as_ref().unwrap().first, "040");
        assert_eq!(block.verbs[3].words, ["CORDON", "OFF"]);
        assert_eq!(block.verbs[3].head, 0);
        assert_eq!(
            block.verbs[3].forms.as_ref().unwrap()[0],
            ["CORDONED", "OFF"]
        );
        assert_eq!(block.verbs[4].head, 1);

        let patterns: Vec<String> = block
            .patterns
            .iter()
            .map(|p| {
                let verb = if p.verb_joined { "_*" } else { " *" };
                format!("{}{verb} {} {}", words(&p.pre), words(&p.post), p.code)
            })
            .collect();
        assert_eq!(
            patterns,
            [
                " * &CURRENCY [903]",
                "$ * (AS {&CURRENCY DEBT}) (WITH +) [042:043]",
                "IN_* RELIEF_&CURRENCY_NOW [071]",
                " * OFF (FROM ^) % [---]",
            ]
        );
        assert_eq!(block.patterns[0].origin.line, 16);
    }

    #[test]
    fn transformations_are_reported() {
        let text = format!("{DICTIONARY}~ a (a b ATTACK) SAY = a b 015\n");
        let dictionary = parse("v.txt", &text);
        assert_eq!(dictionary.problems.len(), 1);
        assert_eq!(dictionary.problems[0].origin.line, 20);
        assert!(dictionary.problems[0].reason.contains("transformations"));
    }

    #[test]
    fn malformed_lines_become_problems_with_their_line() {
        let text = "\
- * ORPHAN [010]
--- ACT [100] ---
ACT
TWO WORDS
- * NO CODE
- STRONGLY * ATTACK (ON ^)   ^)[111]
- * &UNDEFINED [112]
- THE * AND * [113]
- (TO {BANNED PARTIES) * [114]
- * X [11 2]
CLEAR_UP
--- DELAY [120]  [031:031] ---
--- [ ---
DELAYED
- * [010]
";
        let dictionary = parse("v.txt", text);
        let problems: Vec<String> = dictionary
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.origin.line, p.reason))
            .collect();
        assert_eq!(
            problems,
            [
                "1: a pattern outside any verb block",
                "4: words of a verb separated by spaces; kept as the multi-word verb `TWO WORDS`",
                "5: a pattern without a `[code]`",
                "6: a `)` without its `(`",
                "7: synset `&UNDEFINED` is not defined in this file",
                "8: a pattern with more than one `*`",
                "9: a `{` closed by `)`",
                "10: bad code `[11 2]`",
                "11: multi-word verb without `+` on its verb; kept, taking `CLEAR` as the verb",
                "12: text after the block's first code `[120]` (`[031:031]`) is ignored, as PETRARCH does",
                "13: a `[` without its `]`",
                "14: in a verb block whose header could not be read",
                "15: in a verb block whose header could not be read",
            ]
        );
        assert_eq!(dictionary.blocks[0].verbs.len(), 3);
    }
}
