//! A parenthetical after the subject: a pattern of the shape `X verb …`
//! also reads `X, …, verb …` ("M23 rebels, backed by RDF troops, seized
//! Goma"; "unidentified armed men, presumably members of a cartel, shot
//! two men") and `X (…) verb …` ("Matupi (Matupi, Chin) fell to …"), as
//! news put an apposition or a participle phrase between a subject and
//! its verb, and ACLED notes a place's admin units.
//!
//! The derivation adds, between the subject slot and its verb group, an
//! optional part: a comma, 1 to [`PARENTHETICAL_REACH`] tokens with no
//! `,`, `;` or `:` among them, a comma, or a bracketed aside of as many
//! tokens with no bracket inside, and no -ing form of the trigger right
//! after it ("police, attacking troops, damaging …" lists participles).
//! The match's verb group starts after the second comma, so a "was" or a
//! "not" inside the parenthetical ("Kestria, which was founded in 1990,
//! attacked", "X, who did not …, said") neither makes the clause passive
//! nor negates it. docs/LANGUAGE.md, "The verb group and negation", is the
//! user's account.

use super::features::ING_FORM;
use super::program::{Elem, ElemKind, Lowering, trigger_forms};
use super::vocab::Vocabulary;
use super::words::{WordSetId, WordSets};

/// Most tokens between the two commas.
pub const PARENTHETICAL_REACH: u32 = 12;

/// The word sets a parenthetical tests, the same for every rule.
#[derive(Debug, Clone, Copy)]
pub struct ParentheticalWords {
    comma: WordSetId,
    /// What a parenthetical may not hold: it would end the clause, or be
    /// a list ("Jon Berg, a reporter, and Ana Ruiz, …").
    stops: WordSetId,
    open: WordSetId,
    close: WordSetId,
    /// What a bracketed aside may not hold: another bracket, or the end
    /// of a clause.
    bracket_stops: WordSetId,
}

impl ParentheticalWords {
    fn new(vocab: &mut Vocabulary, sets: &mut WordSets) -> ParentheticalWords {
        ParentheticalWords {
            comma: sets.add_words(vocab, [","]),
            stops: sets.add_words(vocab, [";", ":", ","]),
            open: sets.add_words(vocab, ["("]),
            close: sets.add_words(vocab, [")"]),
            bracket_stops: sets.add_words(vocab, ["(", ")", ";", ":"]),
        }
    }
}

/// Where a subject's add-ons go in a pattern's top-level sequence, for a
/// required subject slot that its verb group (an `Aux`, see
/// `program::mark_trigger`) follows with only the other derived add-ons
/// between them (see `Elem::derived`: no text, an empty span): right
/// after the subject (a modifier), and the verb group (a parenthetical
/// goes right before it).
pub(super) fn subject_places(parts: &[Elem]) -> Option<(usize, usize)> {
    let aux = parts
        .iter()
        .position(|p| matches!(p.kind, ElemKind::Aux { .. }))?;
    let derived = |p: &Elem| matches!(p.kind, ElemKind::Optional(_)) && p.span.start == p.span.end;
    let subject = (0..aux).rev().find(|&i| !derived(&parts[i]))?;
    matches!(parts[subject].kind, ElemKind::Slot(_)).then_some((subject + 1, aux))
}

/// Adds the optional parenthetical to a pattern whose verb group (an
/// `Aux`, see `program::mark_trigger`) follows a required subject slot.
/// Other shapes are left as they are.
pub fn add_subject_parenthetical(root: &mut Elem, lowering: &mut Lowering) {
    let ElemKind::Seq(parts) = &mut root.kind else {
        return;
    };
    // Right before the verb group, after a subject's modifier if any.
    let Some((_, aux)) = subject_places(parts) else {
        return;
    };
    let words = *lowering
        .cache
        .parenthetical
        .get_or_insert_with(|| ParentheticalWords::new(lowering.vocab, lowering.sets));
    let at = parts[aux].span;
    let elem = |kind| Elem::derived(kind, at);
    let comma = || elem(ElemKind::one_word(words.comma));
    let between_commas = elem(ElemKind::Seq(vec![
        comma(),
        elem(ElemKind::Gap {
            min: 1,
            max: PARENTHETICAL_REACH,
            except: Some(words.stops),
        }),
        comma(),
    ]));
    let in_brackets = elem(ElemKind::Seq(vec![
        elem(ElemKind::one_word(words.open)),
        elem(ElemKind::Gap {
            min: 1,
            max: PARENTHETICAL_REACH,
            except: Some(words.bracket_stops),
        }),
        elem(ElemKind::one_word(words.close)),
    ]));
    let mut parenthetical = vec![
        elem(ElemKind::Alt(vec![between_commas, in_brackets])),
        elem(ElemKind::VerbGroupStart),
    ];
    // "police, attacking troops, damaging …" lists participles: right
    // after the comma, the verb is finite.
    let participles = trigger_forms(parts, lowering, |features| features & ING_FORM != 0);
    if !participles.is_empty() {
        parenthetical.push(elem(ElemKind::NotNext(lowering.sets.add(participles))));
    }
    let parenthetical = elem(ElemKind::Seq(parenthetical));
    parts.insert(aux, elem(ElemKind::Optional(Box::new(parenthetical))));
}
