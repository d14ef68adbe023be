//! Verb patterns in evrule's pattern language.
//!
//! `S` is the source and `T` the target, both `Participant`s. `$` and `+`
//! place them; without `$` the source stands before everything else (the
//! subject), without `+` the target after everything else, or before it
//! when `$` follows the verb. Words joined by `_` are consecutive; a space
//! allows up to six words between (`...`), and up to three inside a noun
//! phrase `{…}` or a prepositional phrase `(PREP …)`. `&SYNSET` is the word
//! class `@synset`. `^` (skip a noun phrase) is evrule's `^`. `%` (a
//! compound actor) is the slot the pattern leaves free: the target after
//! the verb or when `$` places the source, the source when `+` places the
//! target; before the verb in a pattern placing neither it is the pair
//! `S and T` ("Gondor and Osgiliath have renewed ties"), coded both ways.

use super::verbs::{Elem, Part, Pattern};

/// A pattern in evrule's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub pattern: String,
    /// The synsets it uses.
    pub synsets: Vec<String>,
    /// How many words, synsets and phrases it requires: more is more specific.
    pub specificity: usize,
    /// `%` became `S and T`: the parts of a compound act on each other, so
    /// the event is also coded from `T` to `S`.
    pub pair: bool,
    /// The target stands before the verb and the source after it ("+ * FROM
    /// $"): the subject is what the event is done to, so the pattern reads
    /// passive clauses as written ("T was freed from S"), as PETRARCH reads
    /// them.
    pub subject_is_target: bool,
}

/// Names of the word classes synsets became (`None` when a synset could
/// not be written).
pub trait Classes {
    fn class_of(&self, synset: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Classes for F {
    fn class_of(&self, synset: &str) -> Option<String> {
        self(synset)
    }
}

/// The slot names.
pub const SOURCE: &str = "S";
pub const TARGET: &str = "T";

/// A pattern with `verb` (an element such as `@grant_verbs`) for `*`, or
/// why it cannot be translated.
pub fn translate(
    pattern: &Pattern,
    verb: &str,
    classes: &dyn Classes,
) -> Result<Translation, String> {
    let all: Vec<&Part> = pattern.pre.iter().chain(&pattern.post).collect();
    let count = |wanted: &Elem| {
        all.iter()
            .map(|p| count_elem(&p.elem, wanted))
            .sum::<usize>()
    };
    if count(&Elem::Compound) > 1 {
        return Err("more than one compound `%`".into());
    }
    if count(&Elem::Source) > 1 {
        return Err("more than one source `$`".into());
    }
    if count(&Elem::Target) > 1 {
        return Err("more than one target `+`".into());
    }
    let source_in_post = pattern
        .post
        .iter()
        .map(|p| count_elem(&p.elem, &Elem::Source))
        .sum::<usize>()
        > 0;
    let mut has_source = count(&Elem::Source) > 0;
    let mut has_target = count(&Elem::Target) > 0;
    let compound_in_pre = pattern
        .pre
        .iter()
        .map(|p| count_elem(&p.elem, &Elem::Compound))
        .sum::<usize>()
        > 0;
    let compound = if count(&Elem::Compound) == 0 {
        None
    } else if has_source && has_target {
        return Err("`%` with both `$` and `+`: no slot is left for the compound".into());
    } else if has_source {
        has_target = true;
        Some(TARGET.to_string())
    } else if has_target {
        has_source = true;
        Some(SOURCE.to_string())
    } else if compound_in_pre {
        has_source = true;
        has_target = true;
        Some(format!("{SOURCE} and {TARGET}"))
    } else {
        has_target = true;
        Some(TARGET.to_string())
    };
    let pair = compound.as_deref().is_some_and(|c| c.contains(" and "));
    let target_in_pre = pattern
        .pre
        .iter()
        .any(|p| count_elem(&p.elem, &Elem::Target) > 0)
        || (compound_in_pre && compound.as_deref() == Some(TARGET));
    let subject_is_target = target_in_pre && source_in_post;

    let mut writer = Writer {
        classes,
        synsets: Vec::new(),
        specificity: usize::from(pair),
        compound,
    };
    // (text, what joins it to the item before)
    let mut items: Vec<(String, Joint)> = Vec::new();
    let mut implicit_first = false;
    if !has_source {
        items.push((SOURCE.to_string(), Joint::Gap(WORD_GAP)));
        implicit_first = true;
    } else if !has_target && source_in_post {
        items.push((TARGET.to_string(), Joint::Gap(WORD_GAP)));
        implicit_first = true;
    }
    for part in &pattern.pre {
        items.push((writer.part(part)?, Joint::of(part.joined, WORD_GAP)));
    }
    items.push((verb.to_string(), Joint::of(pattern.verb_joined, WORD_GAP)));
    if implicit_first && items.len() == 2 {
        items[1].1 = Joint::Gap(SUBJECT_GAP);
    }
    let mut post = Vec::new();
    for part in &pattern.post {
        post.push((writer.part(part)?, Joint::of(part.joined, WORD_GAP)));
    }
    let implicit_target = !has_target && !source_in_post;
    if implicit_target && matches!(post.first(), Some((_, Joint::Gap(_)))) {
        // PETRARCH's target is the verb's object: after the pattern's words
        // ("held talks with T"), or else between the verb and them ("allowed
        // that T is a pleasant place").
        let rest = join(
            &std::iter::once((String::new(), Joint::Joined))
                .chain(post)
                .collect::<Vec<_>>(),
        );
        let rest = rest.trim_start();
        items.push((
            format!("({rest} {} | {WORD_GAP} {TARGET} {rest})", clause_object()),
            Joint::Joined,
        ));
    } else {
        items.extend(post);
        if implicit_target {
            items.push((clause_object(), Joint::Joined));
        }
    }
    Ok(Translation {
        pattern: join(&items),
        synsets: writer.synsets,
        specificity: writer.specificity,
        pair,
        subject_is_target,
    })
}

fn count_elem(elem: &Elem, wanted: &Elem) -> usize {
    match elem {
        Elem::NounPhrase(parts) | Elem::Prep(parts) => {
            parts.iter().map(|p| count_elem(&p.elem, wanted)).sum()
        }
        other => usize::from(other == wanted),
    }
}

/// Between words a space separates: what may stand between them.
pub const WORD_GAP: &str = "...";
/// Between the subject and its verb: a parenthetical between commas
/// ("Arnor's foreign minister, in remarks published on Monday, urged";
/// "Valdora, which holds the pass, said"), then a few words.
pub const SUBJECT_GAP: &str = "[, ...{1,8} ,] ...";
/// How far an implicit target may stand after the last element: anywhere
/// in the verb's clause ("criticized the closure of guest houses in Michel
/// Delving"), up to 12 tokens.
pub const OBJECT_REACH: usize = 12;

/// The word class of the words that end the verb's clause
/// ([`CLAUSE_WORDS`]), declared in `types.evr`.
pub const CLAUSE_CLASS: &str = "clause_end";

/// Subordinating conjunctions and relative pronouns: with `,` and `;`, what
/// ends the verb's clause.
pub const CLAUSE_WORDS: &[&str] = crate::text::english::CLAUSE_OPENERS;

/// The implicit target after the last element: the nearest `T` within
/// [`OBJECT_REACH`] tokens, not past the end of the verb's clause (`,`,
/// `;`, [`CLAUSE_WORDS`]: PETRARCH reads the verb's object, not a phrase of
/// the next clause: "…, a senior official said", "… after a patrol was seen
/// near T"): `...{0,12 except (, | ; | @clause_end)} T`, a lazy gap, so
/// the nearest `T` is taken. Right before the object, the gap is left out
/// of the derived passive ("T was attacked by S").
pub fn clause_object() -> String {
    format!("...{{0,{OBJECT_REACH} except (, | ; | @{CLAUSE_CLASS})}} {TARGET}")
}
/// Inside a noun or prepositional phrase.
const PHRASE_GAP: &str = "...{0,3}";

#[derive(Debug, Clone, Copy)]
enum Joint {
    /// `_`: the next word.
    Joined,
    Gap(&'static str),
}

impl Joint {
    fn of(joined: bool, gap: &'static str) -> Joint {
        if joined {
            Joint::Joined
        } else {
            Joint::Gap(gap)
        }
    }
}

/// Items with what joins each to the one before.
fn join(items: &[(String, Joint)]) -> String {
    let mut out = String::new();
    for (i, (text, joint)) in items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
            if let Joint::Gap(gap) = joint {
                out.push_str(gap);
                out.push(' ');
            }
        }
        out.push_str(text);
    }
    out
}

struct Writer<'c> {
    classes: &'c dyn Classes,
    synsets: Vec<String>,
    specificity: usize,
    /// What `%` is written as.
    compound: Option<String>,
}

impl Writer<'_> {
    fn part(&mut self, part: &Part) -> Result<String, String> {
        Ok(match &part.elem {
            Elem::Word(word) => {
                self.specificity += 1;
                exact_words(&pattern_words(word)?)
            }
            Elem::Source => SOURCE.to_string(),
            Elem::Target => TARGET.to_string(),
            Elem::Synset(name) => {
                self.specificity += 1;
                let class = self
                    .classes
                    .class_of(name)
                    .ok_or_else(|| format!("synset `&{name}` has no member patterns can match"))?;
                if !self.synsets.contains(name) {
                    self.synsets.push(name.clone());
                }
                format!("@{class}")
            }
            Elem::NounPhrase(parts) | Elem::Prep(parts) => {
                let items = parts
                    .iter()
                    .map(|p| Ok((self.part(p)?, Joint::of(p.joined, PHRASE_GAP))))
                    .collect::<Result<Vec<_>, String>>()?;
                join(&items)
            }
            Elem::Skip => "^".to_string(),
            Elem::Compound => self
                .compound
                .clone()
                .ok_or_else(|| "`%` without a slot for it".to_string())?,
        })
    }
}

/// A dictionary word as pattern elements: lower case, `/` as punctuation;
/// a word with other characters patterns cannot match is an error.
pub fn pattern_words(word: &str) -> Result<String, String> {
    let lower = word.to_lowercase();
    let mut pieces = Vec::new();
    for (i, piece) in lower.split('/').enumerate() {
        if i > 0 {
            pieces.push("/".to_string());
        }
        if piece.is_empty() {
            continue;
        }
        if !is_pattern_word(piece) {
            return Err(format!(
                "the word `{word}` has characters patterns cannot match"
            ));
        }
        pieces.push(piece.to_string());
    }
    if pieces.iter().all(|p| p == "/") {
        return Err(format!("the word `{word}` has no letters"));
    }
    Ok(pieces.join(" "))
}

/// Pattern words matching only the form written: PETRARCH compares a
/// pattern's words with the text as written (only synset members get a
/// plural), so `* EFFORT` does not read "efforts". Function words ("to",
/// "from") have no other forms and stay as they are.
fn exact_words(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            let inflects = w.chars().next().is_some_and(char::is_alphanumeric)
                && !crate::text::english::FUNCTION_WORDS.contains(&w);
            if inflects {
                format!("={w}")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the grammar reads as one word: a lower-case letter or digit (or an
/// apostrophe) first, then letters, digits, apostrophes and hyphens.
pub fn is_pattern_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest_ok = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    let first_ok = first.is_lowercase()
        || first.is_ascii_digit()
        || (first.is_alphabetic() && !first.is_uppercase());
    if first == '\'' {
        let rest: Vec<char> = chars.collect();
        return !rest.is_empty() && rest.into_iter().all(rest_ok);
    }
    first_ok && chars.all(rest_ok)
}

/// A word a word class can hold (no leading apostrophe, no punctuation).
pub fn is_class_word(word: &str) -> bool {
    !word.starts_with('\'') && is_pattern_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::petrarch::verbs;

    fn translated(lines: &str) -> Vec<String> {
        let text =
            format!("&CURRENCY\n+DOLLARS\n&EMPTY\n+F.B.I.\n--- GRANT [070] ---\nGRANT\n{lines}");
        let dictionary = verbs::parse("v.txt", &text);
        assert_eq!(dictionary.problems, []);
        let classes = |name: &str| (name == "CURRENCY").then(|| "currency".to_string());
        dictionary.blocks[0]
            .patterns
            .iter()
            .map(|p| match translate(p, "@grant_verbs", &classes) {
                Ok(t) => format!(
                    "{} ({})",
                    t.pattern.replace(&clause_object(), "OBJECT"),
                    t.specificity
                ),
                Err(reason) => format!("error: {reason}"),
            })
            .collect()
    }

    #[test]
    fn sources_targets_and_gaps() {
        assert_eq!(
            translated(
                "\
- * &CURRENCY [903]
- $ * (AS {&CURRENCY DEBT}) (WITH +) [045]
- IN_* RELIEF_NOW [071]
- * PROTESTS (FROM $) [110]
- SAID + MUST * POLICY [100]
- * (TO) [042:043]
- * F/A-18 [072]
"
            ),
            [
                "S [, ...{1,8} ,] ... @grant_verbs (... @currency OBJECT | ... T ... @currency) (1)",
                "S ... @grant_verbs ... as ...{0,3} @currency ...{0,3} =debt ... with ...{0,3} T (4)",
                "S ... in @grant_verbs (... =relief =now OBJECT | ... T ... =relief =now) (3)",
                "T [, ...{1,8} ,] ... @grant_verbs ... =protests ... from ...{0,3} S (2)",
                "S ... =said ... T ... =must ... @grant_verbs ... =policy (3)",
                "S [, ...{1,8} ,] ... @grant_verbs (... to OBJECT | ... T ... to) (1)",
                "S [, ...{1,8} ,] ... @grant_verbs (... =f / =a-18 OBJECT | ... T ... =f / =a-18) (1)",
            ]
        );
    }

    #[test]
    fn what_cannot_be_said_yet_is_refused_with_a_reason() {
        assert_eq!(
            translated(
                "\
- % $ * + [030]
- * &EMPTY [031]
- * U.S. [032]
- $ * $ [033]
"
            ),
            [
                "error: `%` with both `$` and `+`: no slot is left for the compound",
                "error: synset `&EMPTY` has no member patterns can match",
                "error: the word `U.S.` has characters patterns cannot match",
                "error: more than one source `$`",
            ]
        );
    }

    #[test]
    fn skips_and_compounds() {
        assert_eq!(
            translated(
                "\
- * OFF (FROM ^) [042]
- $ ^ FOR * [043]
- % HAVE * [044]
- * WITH % [045]
- % * BE HELD BY $ [046]
- + WAS * BY % [047]
"
            ),
            [
                "S [, ...{1,8} ,] ... @grant_verbs (... off ... from ...{0,3} ^ OBJECT | ... T ... off ... from ...{0,3} ^) (2)",
                "S ... ^ ... for ... @grant_verbs OBJECT (1)",
                "S and T ... =have ... @grant_verbs (2)",
                "S [, ...{1,8} ,] ... @grant_verbs ... with ... T (1)",
                "T ... @grant_verbs ... =be ... =held ... by ... S (3)",
                "T ... =was ... @grant_verbs ... by ... S (2)",
            ]
        );
    }

    #[test]
    fn pattern_and_class_words() {
        assert!(is_pattern_word("n't"));
        assert!(is_pattern_word("'s"));
        assert!(is_pattern_word("cease-fire"));
        assert!(is_pattern_word("1990"));
        assert!(!is_pattern_word("u.s."));
        assert!(!is_pattern_word("Gondor"));
        assert!(!is_class_word("'s"));
        assert!(is_class_word("n't"));
    }
}
