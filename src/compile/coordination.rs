//! Coordinated verb phrases: a pattern of the shape `X [front] verb …`
//! also reads `X verb₁ … and verb …`, whose second verb has the first
//! one's subject ("The council condemned the raid by Y on Thursday and
//! promised aid to Z": the council promised, not Y).
//!
//! The derivation adds, right before the trigger, a choice the search
//! tries only after the pattern as written: a word that reads as a verb
//! by its form (`Inst::Verb`, see `matcher::vm::is_phrase_verb`), up to
//! [`PHRASE_REACH`] words of its clause (no verb, auxiliary, comma,
//! semicolon or clause word among them; a bracketed aside counts as one
//! word, see `matcher::vm::MAX_ASIDE`), then "and" or "but" (a comma may
//! precede it) or the comma of a list of verb phrases that an "and" or
//! "but" closes, a verb group, and the trigger (not its -ing form); one
//! more verb phrase of such a list, with its comma, may come first, so the
//! trigger may stand two phrases from its subject. The
//! match's own verb group starts after the conjunction, so "did not
//! condemn Y but promised Z" is not negated, and the match competes only
//! with matches whose trigger stands in its own clause
//! (`RuleMatch::own_length`). docs/LANGUAGE.md, "Coordinated verb
//! phrases", is the user's account.

use super::features::ING_FORM;
use super::program::{Elem, ElemKind, Lowering, VERB_GROUP, is_trigger, trigger_forms};
use super::vocab::Vocabulary;
use super::words::{WordSetId, WordSets};
use crate::text::english;

/// Most words between the first verb and the conjunction.
pub const PHRASE_REACH: u32 = 12;

/// Punctuation that ends a clause, "that" and "whether": with
/// [`english::CLAUSE_OPENERS`], what the subject's words before the first
/// verb, and the first verb's phrase, may not cross.
const CLAUSE_STOPS: &[&str] = &[",", ";", ":", "(", ")", "\"", "that", "whether"];

/// Auxiliaries and modals: in the first verb's phrase they belong to
/// another verb ("X said the plan was sound and …").
const FINITE_AUXILIARIES: &[&str] = &["has", "have", "had", "do", "does", "did"];

/// What ends a phrase inside a clause: punctuation and words that end the
/// clause, and the auxiliaries and modals of another verb.
pub(super) fn phrase_stop_words() -> impl Iterator<Item = &'static str> {
    CLAUSE_STOPS
        .iter()
        .chain(english::CLAUSE_OPENERS)
        .chain(english::BE_FORMS)
        .chain(english::MODALS)
        .chain(FINITE_AUXILIARIES)
        .copied()
}

/// The word sets a coordinated verb phrase tests, the same for every rule.
#[derive(Debug, Clone, Copy)]
pub struct PhraseWords {
    clause_stops: WordSetId,
    phrase_stops: WordSetId,
    conjunction: WordSetId,
    comma: WordSetId,
}

impl PhraseWords {
    fn new(vocab: &mut Vocabulary, sets: &mut WordSets) -> PhraseWords {
        PhraseWords {
            clause_stops: sets.add_words(
                vocab,
                CLAUSE_STOPS.iter().chain(english::CLAUSE_OPENERS).copied(),
            ),
            phrase_stops: sets.add_words(vocab, phrase_stop_words()),
            conjunction: sets.add_words(vocab, ["and", "but"]),
            comma: sets.add_words(vocab, [","]),
        }
    }
}

/// Adds the coordinated reading to an active event pattern whose subject
/// slot comes first and stands before the trigger with only optional
/// parts, `!` tests, a verb group or a plain gap between them. Other
/// shapes are left as they are.
pub fn add_coordinated_subject(root: &mut Elem, lowering: &mut Lowering) {
    let ElemKind::Seq(parts) = &mut root.kind else {
        return;
    };
    if !matches!(parts.first().map(|p| &p.kind), Some(ElemKind::Slot(_))) {
        return;
    }
    let Some(trigger) = parts.iter().position(is_trigger) else {
        return;
    };
    let front_is_plain = parts[1..trigger].iter().all(|part| {
        matches!(
            part.kind,
            ElemKind::Aux { .. }
                | ElemKind::Optional(_)
                | ElemKind::NotNext(_)
                | ElemKind::Gap { except: None, .. }
        )
    });
    if !front_is_plain {
        return;
    }
    let words = *lowering
        .cache
        .coordination
        .get_or_insert_with(|| PhraseWords::new(lowering.vocab, lowering.sets));
    // "X picked up awards … and supporting actor": after the conjunction an
    // -ing form is a noun's modifier more often than X's second act.
    let gerunds = trigger_forms(parts, lowering, |features| features & ING_FORM != 0);
    let gerunds = (!gerunds.is_empty()).then(|| lowering.sets.add(gerunds));

    let at = parts[trigger].span;
    let elem = |kind| Elem::derived(kind, at);
    let one_word = ElemKind::one_word;
    let mut phrase = Vec::new();
    // A gap before the verb ("X … verb") may hold words of the subject's
    // phrase and its verb group, but no other verb.
    let before = match &parts[trigger - 1].kind {
        ElemKind::Gap { max, .. } => Some(*max),
        _ => None,
    };
    if let Some(max) = before {
        phrase.push(elem(ElemKind::ClauseGap {
            max,
            stops: words.clause_stops,
            before_link: true,
        }));
    }
    // One more verb phrase of the list before it, with its comma ("chanted
    // slogans, burned tyres and threw stones"): the trigger may stand
    // two phrases from its subject.
    phrase.push(elem(ElemKind::Optional(Box::new(elem(ElemKind::Seq(
        vec![
            elem(ElemKind::Verb),
            elem(ElemKind::ClauseGap {
                max: PHRASE_REACH,
                stops: words.phrase_stops,
                before_link: true,
            }),
            elem(one_word(words.comma)),
        ],
    ))))));
    phrase.extend([
        elem(ElemKind::Verb),
        elem(ElemKind::ClauseGap {
            max: PHRASE_REACH,
            stops: words.phrase_stops,
            before_link: true,
        }),
        // "and", ", and", or a comma of a list that an "and" closes later
        // ("blocked roads, attacked buildings and overturned cars"):
        // no coordinated phrase starts after the last "and" or "but".
        elem(ElemKind::Alt(vec![
            elem(ElemKind::Seq(vec![
                elem(ElemKind::Optional(Box::new(elem(one_word(words.comma))))),
                elem(one_word(words.conjunction)),
            ])),
            elem(one_word(words.comma)),
        ])),
        elem(ElemKind::GroupStart),
        elem(ElemKind::Aux { max: VERB_GROUP }),
    ]);
    phrase.extend(gerunds.map(|set| elem(ElemKind::NotNext(set))));
    let coordinated = elem(ElemKind::Seq(phrase));
    if before.is_some() {
        let gap = parts.remove(trigger - 1);
        parts.insert(trigger - 1, elem(ElemKind::Alt(vec![gap, coordinated])));
    } else {
        // As written first: the coordinated reading is for subjects the
        // pattern itself cannot reach.
        parts.insert(
            trigger,
            elem(ElemKind::Alt(vec![
                elem(ElemKind::Seq(Vec::new())),
                coordinated,
            ])),
        );
    }
}
