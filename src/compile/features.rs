//! Word features: bits on vocabulary entries for the closed classes of
//! English and the inflected forms of rule words, looked up once per token
//! so that the chunker, the word-category guess and the modality cues test
//! bits instead of comparing strings.

use super::vocab::Vocabulary;
use crate::text::english;

pub type Features = u64;

pub const DETERMINER: Features = 1 << 0;
pub const MODIFIER: Features = 1 << 1;
pub const PARTITIVE: Features = 1 << 2;
pub const POSSESSIVE: Features = 1 << 3;
pub const COORDINATOR: Features = 1 << 4;
pub const PREPOSITION: Features = 1 << 5;
pub const SUBJECT_PRONOUN: Features = 1 << 6;
pub const OBJECT_PRONOUN: Features = 1 << 7;
pub const MODAL: Features = 1 << 8;
/// A word that may stand in a verb group (auxiliary, adverb, negation).
pub const VERB_GROUP: Features = 1 << 9;
pub const BE: Features = 1 << 10;
pub const NEGATION: Features = 1 << 11;
pub const EVENT_ADJECTIVE: Features = 1 << 12;
/// "of", which links a partitive to its group.
pub const OF: Features = 1 << 13;
pub const TO: Features = 1 << 14;
/// A past tense or past participle of an inflected rule word (regular or
/// not: "attacked", "struck").
pub const PAST: Features = 1 << 15;
/// A third-person or plural form of an inflected rule word ("attacks").
pub const S_FORM: Features = 1 << 16;
/// A gerund of an inflected rule word ("bombing").
pub const ING_FORM: Features = 1 << 17;
/// The lemma of an inflected rule word ("attack").
pub const BASE_FORM: Features = 1 << 18;
/// Words that govern a following "to" with a modality ("plan to",
/// "threaten to", "due to"): they may stand in a verb group; see
/// `matcher::modality`. Their kind is one of the `*_CUE` bits.
pub const MODALITY_VERB: Features = 1 << 19;
/// Verbs that make someone else's act intended: "urged X to".
pub const URGE_VERB: Features = 1 << 20;
/// The kind of a modality cue word (a modal, a verb before "to", an
/// adjective before a noun event).
pub const FUTURE_CUE: Features = 1 << 27;
pub const INTENDED_CUE: Features = 1 << 28;
pub const THREAT_CUE: Features = 1 << 29;
pub const HYPOTHETICAL_CUE: Features = 1 << 30;
/// "if", "unless": the clause is a condition.
pub const CONDITION: Features = 1 << 21;
/// Words that end a clause for the cues that look back ("; : but").
pub const CLAUSE_BREAK: Features = 1 << 22;
/// Adjectives that make an event told as a noun not (yet) real
/// ("a planned attack", "possible strikes").
pub const MODALITY_ADJECTIVE: Features = 1 << 23;
/// Verbs that negate the verb they govern through "to" ("refused to").
pub const REFUSAL: Features = 1 << 24;
/// Verbs that negate on their own ("denied").
pub const DENIAL: Features = 1 << 25;
/// Articles and possessive pronouns: what opens an object right after a
/// transitive verb ("attacked the", "shelled their").
pub const ARTICLE: Features = 1 << 26;
/// Adverbs of degree: the word after one describes, it does not act
/// ("very close", "extremely tense").
pub const DEGREE: Features = 1 << 31;

/// Bits 32 to 39 hold the word's classes for the built-in mentions
/// (`text::classes`): see [`register_text_classes`] and [`text_classes`].
const TEXT_CLASSES_SHIFT: u32 = 32;

/// A word's classes for the built-in Number and Proper mentions, from its
/// features.
pub fn text_classes(features: Features) -> crate::text::WordClasses {
    (features >> TEXT_CLASSES_SHIFT) as crate::text::WordClasses
}

/// Gives every word of the built-in lists (the pack's versions of them)
/// its classes, so that a sentence's tokens carry them with their ids.
pub fn register_text_classes(vocab: &mut Vocabulary, words: &super::BuiltinWords) {
    for (word, classes) in crate::text::classes::class_words(&words.proper, &words.number) {
        let id = vocab.intern(&word);
        vocab.add_features(id, Features::from(classes) << TEXT_CLASSES_SHIFT);
    }
}

// Bits of the token itself, set when a sentence is prepared (not on the
// vocabulary: they hold for words the pack never mentions too).
/// Starts with an uppercase letter.
pub const CAPITALIZED: Features = 1 << 40;
/// Punctuation.
pub const PUNCT: Features = 1 << 41;
/// Written with digits.
pub const NUMERIC: Features = 1 << 42;
/// A word in -ly ("reportedly"): an adverb that may stand in a verb group.
pub const LY_ADVERB: Features = 1 << 43;
/// A word in -ed, known to the pack or not.
pub const ED_SUFFIX: Features = 1 << 44;
/// A word in -ing, known to the pack or not.
pub const ING_SUFFIX: Features = 1 << 45;
/// A word in -s (not -ss), known to the pack or not.
pub const S_SUFFIX: Features = 1 << 46;

/// "(" or "[".
pub const OPEN_BRACKET: Features = 1 << 47;
/// ")" or "]".
pub const CLOSE_BRACKET: Features = 1 << 48;
pub const COMMA: Features = 1 << 49;
/// "?": the sentence asks.
pub const QUESTION_MARK: Features = 1 << 50;
/// "-" inside a hyphenated word ("15-year-old", "well-armed").
pub const HYPHEN: Features = 1 << 51;

/// "it", "they", "he", "she": may stand for a speech verb's subject.
pub const SPEAKER_PRONOUN: Features = 1 << 53;
/// "say", "claimed", "announced" … (see `english::SPEECH_VERBS`).
pub const SPEECH_VERB: Features = 1 << 54;
/// "that", "today", "on Monday" … between a speech verb and its pronoun.
pub const REPORT_FILLER: Features = 1 << 55;
/// "when", "where", "who", "since", "than" …: words that open a clause or
/// a comparison, and so end a noun phrase before them.
pub const CLAUSE_OPENER: Features = 1 << 56;

/// A verb that brings about the event told as a noun after it ("could
/// launch strikes"): see `english::CREATION_VERBS`.
pub const CREATION_VERB: Features = 1 << 57;

/// The word of a discard phrase's spelling a sentence must hold for the
/// phrase to be there (its longest word, likely its rarest): a sentence
/// with no such word is not searched for discards.
pub const DISCARD_GUARD: Features = 1 << 52;

/// The bits of a token's own shape, from its kind, its text and its
/// folded form.
pub fn token_shape(kind: crate::text::TokenKind, capitalized: bool, folded: &str) -> Features {
    use crate::text::TokenKind;
    let mut bits = 0;
    match kind {
        TokenKind::Punct => {
            return PUNCT
                | match folded {
                    "(" | "[" => OPEN_BRACKET,
                    ")" | "]" => CLOSE_BRACKET,
                    "," => COMMA,
                    "?" => QUESTION_MARK,
                    "-" => HYPHEN,
                    _ => 0,
                };
        }
        TokenKind::Number => bits |= NUMERIC,
        TokenKind::Word => {}
    }
    if capitalized {
        bits |= CAPITALIZED;
    }
    let long = folded.len() > 4;
    if long && folded.ends_with("ly") {
        bits |= LY_ADVERB;
    }
    // "speed", "need", "breed" are no past forms; "agreed", "freed" are
    // known to a pack that inflects their verbs.
    if long && folded.ends_with("ed") && !folded.ends_with("eed") {
        bits |= ED_SUFFIX;
    }
    if long && folded.ends_with("ing") {
        bits |= ING_SUFFIX;
    }
    if folded.len() > 3 && folded.ends_with('s') && !folded.ends_with("ss") {
        bits |= S_SUFFIX;
    }
    bits
}

/// The closed classes a pack can change through built-in word lists
/// (`words phrase.modifier += masked`), with their features.
const LISTED_CLASSES: &[(&str, Features)] = &[
    ("phrase.determiner", DETERMINER),
    ("phrase.modifier", MODIFIER),
    ("phrase.partitive", PARTITIVE),
    ("modality.future", MODALITY_VERB | FUTURE_CUE),
    ("modality.intended", MODALITY_VERB | INTENDED_CUE),
    ("modality.threatened", MODALITY_VERB | THREAT_CUE),
    ("modality.urge", URGE_VERB),
];

/// Gives every closed-class word its features, interning it if the pack
/// does not mention it: the fixed classes of [`english`], and the pack's
/// own version of the built-in lists it may change.
pub fn register_closed_classes(vocab: &mut Vocabulary, pack: &crate::lang::Pack) {
    for (list, features) in LISTED_CLASSES {
        for entry in pack.word_list(list) {
            let word = crate::text::fold(&entry.words.join(" "));
            let id = vocab.intern(&word);
            vocab.add_features(id, *features);
        }
    }
    let classes: &[(&[&str], Features)] = &[
        (english::POSSESSIVES, POSSESSIVE),
        (english::COORDINATORS, COORDINATOR),
        (english::PREPOSITIONS, PREPOSITION),
        (english::SUBJECT_PRONOUNS, SUBJECT_PRONOUN),
        (english::OBJECT_PRONOUNS, OBJECT_PRONOUN),
        (english::MODALS, MODAL),
        (english::VERB_GROUP_WORDS, VERB_GROUP),
        (english::BE_FORMS, BE),
        (english::NEGATION_WORDS, NEGATION),
        (english::EVENT_ADJECTIVES, EVENT_ADJECTIVE),
        (english::ARTICLES, ARTICLE),
        (english::DEGREE_ADVERBS, DEGREE),
        (&["of"], OF),
        (&["to"], TO),
        (english::REFUSAL_VERBS, REFUSAL),
        (english::CREATION_VERBS, CREATION_VERB),
        (english::FUTURE_MODALS, FUTURE_CUE),
        (english::HYPOTHETICAL_MODALS, HYPOTHETICAL_CUE),
        (english::FUTURE_ADJECTIVES, MODALITY_ADJECTIVE | FUTURE_CUE),
        (
            english::INTENDED_ADJECTIVES,
            MODALITY_ADJECTIVE | INTENDED_CUE,
        ),
        (
            english::HYPOTHETICAL_ADJECTIVES,
            MODALITY_ADJECTIVE | HYPOTHETICAL_CUE,
        ),
        (english::DENIAL_VERBS, DENIAL),
        (english::SPEAKER_PRONOUNS, SPEAKER_PRONOUN),
        (english::SPEECH_VERBS, SPEECH_VERB),
        (english::REPORT_FILLERS, REPORT_FILLER),
        (&["if", "unless", "whether"], CONDITION),
        (english::CLAUSE_OPENERS, CLAUSE_OPENER),
        (&["than", "as", "then", "so"], CLAUSE_OPENER),
        (
            &[";", ":", "but", "while", "whereas", "although", "though"],
            CLAUSE_BREAK,
        ),
    ];
    for (words, features) in classes {
        for word in *words {
            let id = vocab.intern(word);
            vocab.add_features(id, *features);
        }
    }
}
