//! Word category: whether a word reads as a noun or a verb here, from
//! cheap context, so that a pattern can ask for one reading
//! (`attack:v`, `attack:n`) and "the attacks on Y" does not match a verb
//! rule while "rebels shell Aleppo" does.
//!
//! The guess looks at the word's form and its neighbours only, in this
//! order (the first that applies decides; otherwise the reading stays
//! open and both kinds of pattern words accept it):
//!
//! 1. after a determiner, a possessive, a number or an event adjective
//!    ("the attacks", "Russia's offensive", "two raids", "fierce
//!    clashes"): a noun, but a past form after an event adjective is a
//!    verb ("a bomb rocked the city");
//! 2. after a preposition or an adverb of degree ("in clashes", "after
//!    raids", "very close"): a noun (no verb, at least);
//! 3. after "to", a modal, a negation or a subject pronoun ("to attack",
//!    "will strike", "did not fire", "they shelled"): a verb, but an -s
//!    form after "to" is a noun ("prone to attacks");
//! 4. after an auxiliary: a past or -ing form is a verb ("was attacked",
//!    "are fighting"), an -s form a noun ("there were clashes");
//! 5. a past tense or participle ("attacked", "struck"): a verb;
//! 6. right before a past form (not an auxiliary) and an article or
//!    object pronoun ("the government issue condemned an attack",
//!    "lightning strikes hit the port"): a noun, the subject of that verb;
//! 7. right after a one-word capitalized mention that itself follows a
//!    determiner, preposition, number or hyphen ("an Iranian attack", "the
//!    1981 Brixton riots", "an anti-Gondor parade"), or after a one-word
//!    mention that is the object of a past form, not a speech verb
//!    ("chanted regime slogans"): a noun; right after another mention
//!    (its subject): a verb ("rebels shell Aleppo"), but an -s form
//!    followed by a preposition stays open ("Israeli attacks on Gaza",
//!    "Russia intervenes against Isis");
//! 8. before an article or an object pronoun ("attack the", "shelled
//!    them"): a verb;
//! 9. an -s form before a preposition ("clashes between", "raids in"): a
//!    noun;
//! 10. an -ing form after a comma (", killing 40"): a verb;
//! 11. a lemma after an article and one to three modifiers ("a bitter
//!     legal battle"): a noun (see [`heads_an_article_phrase`]).

use super::prepared::Prepared;
use crate::compile::features::{
    ARTICLE, BASE_FORM, BE, COMMA, COORDINATOR, DEGREE, DETERMINER, ED_SUFFIX, EVENT_ADJECTIVE,
    Features, HYPHEN, ING_FORM, ING_SUFFIX, LY_ADVERB, MODAL, NEGATION, NUMERIC, OBJECT_PRONOUN,
    PAST, POSSESSIVE, PREPOSITION, PUNCT, S_FORM, S_SUFFIX, SUBJECT_PRONOUN, TO, VERB_GROUP,
};
use crate::lang::ast::WordCategory;

/// The reading of a word in its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// The context does not tell.
    #[default]
    Open,
    Noun,
    Verb,
}

/// Whether a word with this reading can fill a pattern word asking for
/// `category` (`None`: any reading).
#[inline]
pub fn accepts(category: Option<WordCategory>, reading: Reading) -> bool {
    !matches!(
        (category, reading),
        (Some(WordCategory::Verb), Reading::Noun) | (Some(WordCategory::Noun), Reading::Verb)
    )
}

/// What ends right before a token: a mention (not a number), a number,
/// or a one-word mention that describes the word after it: a capitalized
/// one inside a noun phrase ("an Iranian", "the 1981 Brixton") or a past
/// verb's object ("chanted regime").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Before {
    pub mention: bool,
    pub number: bool,
    pub modifier: bool,
}

/// The reading of every token of a prepared sentence; `before[i]` says
/// what ends right before token `i`.
pub fn read_sentence(prepared: &Prepared, before: &[Before], out: &mut Vec<Reading>) {
    out.clear();
    let features = &prepared.features;
    let before_token = before;
    for i in 0..features.len() {
        let before = if i > 0 { features[i - 1] } else { 0 };
        let after = features.get(i + 1).copied().unwrap_or(0);
        let then = features.get(i + 2).copied().unwrap_or(0);
        let mut read = reading(
            features[i],
            before,
            [after, then],
            before_token.get(i).copied().unwrap_or_default(),
        );
        if read == Reading::Open && heads_an_article_phrase(features, i) {
            read = Reading::Noun;
        }
        out.push(read);
    }
}

/// How many modifiers may stand between an article and the noun of rule 11.
const MAX_MODIFIERS: usize = 3;

/// Rule 11: a plain lemma after an article and one to three modifiers ("a
/// bitter legal battle", "the unilateral boycott", "a 1.3 mln dlr
/// charge", "a little-known shell company"): the article opens a noun
/// phrase and nothing between ends it, so the word is a noun. A modifier
/// is any word that is not a function word or an -s form (the plural
/// subject of "the rebels attack" ends the phrase), a number, or a
/// hyphen inside a word. Only words still open after rules 1-10 get here,
/// so a mention before the word ("the rebels shell") has decided already.
fn heads_an_article_phrase(features: &[Features], i: usize) -> bool {
    let has = |f: Features, bits: Features| f & bits != 0;
    let word = features[i];
    if !has(word, BASE_FORM) || has(word, S_LIKE | PAST_LIKE | ING_LIKE | NOT_A_NOUN) {
        return false;
    }
    let is_modifier =
        |f: Features| has(f, HYPHEN) || !has(f, PUNCT | FUNCTION_WORD | S_LIKE | POSSESSIVE);
    for before in (i.saturating_sub(MAX_MODIFIERS + 1)..i).rev() {
        let f = features[before];
        if has(f, ARTICLE) {
            return before + 1 < i;
        }
        if !is_modifier(f) {
            return false;
        }
    }
    false
}

const S_LIKE: Features = S_FORM | S_SUFFIX;
const FUNCTION_WORD: Features = VERB_GROUP
    | MODAL
    | DETERMINER
    | PREPOSITION
    | COORDINATOR
    | SUBJECT_PRONOUN
    | OBJECT_PRONOUN
    | TO;
const PAST_LIKE: Features = PAST | ED_SUFFIX;
/// Punctuation, numbers and function words have no noun reading to tell
/// from a verb one ("was", "the", "of").
const NOT_A_NOUN: Features = PUNCT | NUMERIC | FUNCTION_WORD;
const ING_LIKE: Features = ING_FORM | ING_SUFFIX;

/// The reading of a word from its features, the word before it, the two
/// after it and what ends right before it.
fn reading(word: Features, before: Features, after: [Features; 2], ends: Before) -> Reading {
    let [after, then] = after;
    let has = |f: Features, bits: Features| f & bits != 0;
    // An -s form that is not also a lemma ("attacks", not "news").
    let s_form = has(word, S_LIKE) && !has(word, BASE_FORM);
    if has(word, NOT_A_NOUN) {
        return Reading::Open;
    }
    // 1. A past form after an event adjective that is also a noun stays
    // a verb ("a bomb rocked", "the missile struck").
    if has(before, EVENT_ADJECTIVE)
        && !has(before, DETERMINER | POSSESSIVE | NUMERIC)
        && !ends.number
        && has(word, PAST_LIKE)
    {
        return Reading::Verb;
    }
    if ends.number || has(before, DETERMINER | POSSESSIVE | EVENT_ADJECTIVE | NUMERIC) {
        // "that attacked": a relative pronoun before a past tense.
        if has(before, SUBJECT_PRONOUN) && has(word, PAST_LIKE) {
            return Reading::Verb;
        }
        return Reading::Noun;
    }
    // 2.
    if has(before, PREPOSITION | DEGREE) {
        return Reading::Noun;
    }
    // 3.
    if has(before, TO) {
        return if s_form { Reading::Noun } else { Reading::Verb };
    }
    if has(before, MODAL | NEGATION | SUBJECT_PRONOUN) {
        return Reading::Verb;
    }
    // 4.
    if has(before, VERB_GROUP) {
        if has(word, PAST_LIKE | ING_LIKE) {
            return Reading::Verb;
        }
        if s_form && has(before, BE) {
            return Reading::Noun;
        }
        return Reading::Open;
    }
    // 5.
    if has(word, PAST_LIKE) {
        return Reading::Verb;
    }
    // Past here, only a word the pack inflects (or one with a verb's
    // ending) may be read as a verb: "rebels artillery" is no verb.
    if !has(word, BASE_FORM | S_LIKE | PAST_LIKE | ING_LIKE) {
        return Reading::Open;
    }
    // 6. Right before a past form that takes an object, a word is that
    // verb's subject ("the government issue condemned an attack"), unless
    // it is an adverb of that verb ("sexually assaulted a").
    if has(after, PAST_LIKE)
        && !has(after, VERB_GROUP)
        && has(then, ARTICLE | OBJECT_PRONOUN)
        && !has(word, LY_ADVERB)
    {
        return Reading::Noun;
    }
    // 7.
    if ends.modifier {
        return Reading::Noun;
    }
    if ends.mention {
        // "Israeli attacks on Gaza" and "Russia intervenes against Isis"
        // look alike: an -s form between a name and a preposition stays open.
        return if s_form && has(after, PREPOSITION) {
            Reading::Open
        } else {
            Reading::Verb
        };
    }
    // 8.
    if has(after, ARTICLE | OBJECT_PRONOUN) {
        return Reading::Verb;
    }
    // 9.
    if s_form && has(after, PREPOSITION) {
        return Reading::Noun;
    }
    // 10.
    if has(word, ING_LIKE) && has(before, COMMA) {
        return Reading::Verb;
    }
    Reading::Open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_decides_in_order() {
        let none = Before::default();
        let subject = Before {
            mention: true,
            ..none
        };
        let noun = |before, after| reading(S_FORM, before, [after, 0], none);
        assert_eq!(noun(DETERMINER, 0), Reading::Noun);
        assert_eq!(noun(PREPOSITION, 0), Reading::Noun);
        assert_eq!(noun(TO, 0), Reading::Noun);
        assert_eq!(reading(BASE_FORM, TO, [0, 0], none), Reading::Verb);
        assert_eq!(reading(PAST, VERB_GROUP | BE, [0, 0], none), Reading::Verb);
        assert_eq!(
            reading(S_FORM, VERB_GROUP | BE, [0, 0], none),
            Reading::Noun
        );
        assert_eq!(reading(S_FORM, 0, [PREPOSITION, 0], subject), Reading::Open);
        assert_eq!(reading(S_FORM, 0, [ARTICLE, 0], subject), Reading::Verb);
        assert_eq!(reading(BASE_FORM, 0, [0, 0], subject), Reading::Verb);
        let modifier = Before {
            mention: true,
            modifier: true,
            ..none
        };
        assert_eq!(reading(BASE_FORM, 0, [0, 0], modifier), Reading::Noun);
        assert_eq!(reading(ING_FORM, COMMA, [0, 0], none), Reading::Verb);
        assert_eq!(reading(ING_FORM, 0, [0, 0], none), Reading::Open);
        // "issue condemned an", "strikes hit the": the subject of the past
        // tense; not before an auxiliary ("diplomats say was the").
        assert_eq!(
            reading(BASE_FORM, 0, [PAST, ARTICLE], subject),
            Reading::Noun
        );
        assert_eq!(
            reading(S_FORM, 0, [ED_SUFFIX, OBJECT_PRONOUN], none),
            Reading::Noun
        );
        assert_eq!(
            reading(BASE_FORM, 0, [PAST | VERB_GROUP | BE, ARTICLE], subject),
            Reading::Verb
        );
        assert_eq!(reading(BASE_FORM, 0, [PAST, 0], subject), Reading::Verb);
        assert_eq!(
            reading(BASE_FORM | LY_ADVERB, 0, [PAST, ARTICLE], subject),
            Reading::Verb
        );
        assert_eq!(reading(BASE_FORM, TO, [PAST, ARTICLE], none), Reading::Verb);
    }

    #[test]
    fn a_lemma_after_an_article_and_modifiers_is_a_noun() {
        const WORD: Features = 0;
        let noun = |features: &[Features]| heads_an_article_phrase(features, features.len() - 1);
        // "a bitter legal battle", "the 1.3 mln dlr charge", "a little-known shell"
        assert!(noun(&[ARTICLE, WORD, WORD, BASE_FORM]));
        assert!(noun(&[ARTICLE, NUMERIC, WORD, WORD, BASE_FORM]));
        assert!(noun(&[ARTICLE, WORD, PUNCT | HYPHEN, ED_SUFFIX, BASE_FORM]));
        // "the attack": rule 1's; "the rebels attack": a plural ends the phrase.
        assert!(!noun(&[ARTICLE, BASE_FORM]));
        assert!(!noun(&[ARTICLE, S_SUFFIX, BASE_FORM]));
        assert!(!noun(&[ARTICLE, WORD, PREPOSITION, BASE_FORM]));
        assert!(!noun(&[ARTICLE, WORD, COMMA | PUNCT, BASE_FORM]));
        // Four modifiers are too many; only plain lemmas are read.
        assert!(!noun(&[ARTICLE, WORD, WORD, WORD, WORD, BASE_FORM]));
        assert!(!noun(&[ARTICLE, WORD, BASE_FORM | S_FORM]));
        assert!(!noun(&[ARTICLE, WORD, BASE_FORM | PREPOSITION]));
    }

    #[test]
    fn categories_accept_open_readings() {
        assert!(accepts(Some(WordCategory::Verb), Reading::Open));
        assert!(!accepts(Some(WordCategory::Verb), Reading::Noun));
        assert!(accepts(Some(WordCategory::Noun), Reading::Noun));
        assert!(accepts(None, Reading::Verb));
    }
}
