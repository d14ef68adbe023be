//! A modifier after the subject: a pattern of the shape `X verb …` also
//! reads `X from/in/armed with … verb …` ("gang members from Cite Soleil
//! attacked", "a mob armed with rods and swords attacked", "CODECO
//! militiamen in Djugu (Ituri) killed"), as news and ACLED notes put a
//! prepositional or participle phrase between a subject and its verb, and
//! `X which verb …`, a relative clause whose verb is the pattern's ("the
//! troops which attacked the ridge").
//!
//! The derivation adds, between the subject slot and its verb group, an
//! optional part: one or two modifiers, each an opening word
//! ([`OPENERS`]: a preposition or a participle that describes people,
//! with "to" or "with" after it) and up to [`MODIFIER_REACH`] words of the
//! clause. Inside, as in a coordinated verb phrase, no word that reads as
//! a verb or is a speech verb (which keeps "police in Kabul said troops
//! attacked" from being the police's attack), no comma, semicolon,
//! auxiliary, clause word, "and" before a verb, or "to" (it opens a clause
//! of its own: "Britain and Japan on the exchange of information to fight
//! …"); a bracketed aside counts as one word. Right after the modifier,
//! neither "to" nor a base or -s form of the trigger: a noun there ends
//! the modifier's phrase ("judges in house arrest", "the assets of Merrill
//! Lynch"), while a past form or an auxiliary opens the verb group. The
//! match's verb group starts after the modifier. docs/LANGUAGE.md, "The
//! verb group and negation", is the user's account.

use super::coordination::phrase_stop_words;
use super::features::{BASE_FORM, PAST, S_FORM};
use super::parenthetical::subject_places;
use super::program::{Elem, ElemKind, Lowering, Voice, trigger_forms};
use super::vocab::{Vocabulary, WordId};
use super::words::{WordSetId, WordSets};

/// Most words of one modifier after its opening word.
pub const MODIFIER_REACH: u32 = 6;

/// Words that open a modifier of the subject: prepositions of origin,
/// place, company and cause, and participles that describe people (what
/// a crowd wants or does on its way: "demonstrators opposing the
/// contract threw stones", "protesters alleging fraud set fire to …",
/// "soldiers fleeing the advance raped …", "soldiers moving into the town
/// came under fire").
pub const OPENERS: &[&str] = &[
    "from",
    "of",
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "around",
    "across",
    "along",
    "with",
    "on",
    "aboard",
    "under",
    "armed",
    "equipped",
    "dressed",
    "wearing",
    "carrying",
    "riding",
    "backed",
    "supported",
    "led",
    "loyal",
    "linked",
    "affiliated",
    "allied",
    "belonging",
    "based",
    "stationed",
    "deployed",
    "occupying",
    "travelling",
    "traveling",
    "working",
    "employed",
    "serving",
    "living",
    "against",
    "opposing",
    "protesting",
    "demanding",
    "denouncing",
    "rejecting",
    "blocking",
    "marching",
    "alleging",
    "accusing",
    "calling",
    "seeking",
    "chanting",
    "waving",
    "opposed",
    "angry",
    "angered",
    "fleeing",
    "moving",
    "advancing",
    "returning",
    "patrolling",
    "heading",
    "escorting",
    "guarding",
];

/// The word sets a modifier tests, the same for every rule.
#[derive(Debug, Clone, Copy)]
pub struct ModifierWords {
    openers: WordSetId,
    /// "which" right after the subject: a relative clause whose verb is
    /// the pattern's ("the troops which attacked the front"). Not "who":
    /// "police detained people who gathered" is the police's act, which a
    /// pattern spelling "who gathered" out reads; a derived "people who
    /// gathered" protest would outrun it.
    relatives: WordSetId,
    /// "to" and "with" after an opener ("loyal to", "affiliated with").
    particles: WordSetId,
    stops: WordSetId,
    to: WordId,
    /// A passive's auxiliary, required after a modifier: "the family of
    /// a man killed by troops" is a reduced relative on "man", while
    /// "the family of a man was threatened by troops" has its subject
    /// before the modifier.
    passive_aux: WordSetId,
}

impl ModifierWords {
    fn new(vocab: &mut Vocabulary, sets: &mut WordSets) -> ModifierWords {
        ModifierWords {
            openers: sets.add_words(vocab, OPENERS.iter().copied()),
            relatives: sets.add_words(vocab, ["which"]),
            particles: sets.add_words(vocab, ["to", "with"]),
            stops: sets.add_words(vocab, phrase_stop_words().chain(["to", ".", "!", "?"])),
            to: vocab.intern("to"),
            passive_aux: sets.add_words(
                vocab,
                [
                    "was", "were", "is", "are", "be", "been", "being", "had", "has", "have",
                ],
            ),
        }
    }
}

/// Adds the optional modifier to a pattern whose verb group follows a
/// required subject slot. Other shapes are left as they are. After a
/// modifier, a passive pattern's verb group must open with an auxiliary.
pub fn add_subject_modifier(root: &mut Elem, voice: Voice, lowering: &mut Lowering) {
    let ElemKind::Seq(parts) = &mut root.kind else {
        return;
    };
    let Some((after, aux)) = subject_places(parts) else {
        return;
    };
    let words = *lowering
        .cache
        .modifier
        .get_or_insert_with(|| ModifierWords::new(lowering.vocab, lowering.sets));
    let at = parts[aux].span;
    let elem = |kind| Elem::derived(kind, at);
    let modifier = || {
        elem(ElemKind::Seq(vec![
            elem(ElemKind::one_word(words.openers)),
            elem(ElemKind::Optional(Box::new(elem(ElemKind::one_word(
                words.particles,
            ))))),
            elem(ElemKind::ClauseGap {
                max: MODIFIER_REACH,
                stops: words.stops,
                before_link: false,
            }),
        ]))
    };
    let mut modifiers = vec![
        modifier(),
        elem(ElemKind::Optional(Box::new(modifier()))),
        elem(ElemKind::VerbGroupStart),
    ];
    if voice == Voice::Passive {
        modifiers.push(elem(ElemKind::one_word(words.passive_aux)));
    }
    // Not a noun ending the modifier's phrase, nor an infinitive's "to".
    let mut not_next = trigger_forms(parts, lowering, |features| {
        features & (BASE_FORM | S_FORM) != 0 && features & PAST == 0
    });
    not_next.push(words.to);
    modifiers.push(elem(ElemKind::NotNext(lowering.sets.add(not_next))));
    let modifiers = elem(ElemKind::Seq(modifiers));
    // Or "which" right before the verb group, nothing between: "the
    // troops which attacked", not "the troops which the army attacked".
    let relative = elem(ElemKind::Seq(vec![
        elem(ElemKind::one_word(words.relatives)),
        elem(ElemKind::VerbGroupStart),
    ]));
    let either = elem(ElemKind::Alt(vec![modifiers, relative]));
    // Before a parenthetical ("X from Y, backed by Z, attacked").
    parts.insert(after, elem(ElemKind::Optional(Box::new(either))));
}
