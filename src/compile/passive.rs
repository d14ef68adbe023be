//! Derived passives: a pattern written in the active voice,
//! `X verb [particles] Y rest`, also matches
//! `Y [verb group] verb-ed [particles] [adverbs] by X rest`
//! ("Malian soldiers had been ambushed by JNIM fighters"). A gap with
//! `except` just before the object is left out of the passive.

use super::program::{Elem, ElemKind, Lowering, VERB_GROUP};
use super::words::Forms;

/// Adverb particles of phrasal verbs; any other word between the verb and
/// the object makes the pattern intransitive for passives.
const PARTICLES: &[&str] = &[
    "up", "down", "out", "off", "over", "away", "back", "around", "aside",
];

/// The passive form of an active pattern, if it has the shape
/// `X [gap] verb [particle words] Y ...`.
pub fn passive_variant(root: &Elem, lowering: &mut Lowering) -> Option<Elem> {
    let ElemKind::Seq(parts) = &root.kind else {
        return None;
    };
    let ElemKind::Slot(subject) = parts.first()?.kind else {
        return None;
    };
    let mut index = 1;
    // "X [, … ,] urge Y" ("X, in remarks on Monday, urged Y"): what stands
    // between the subject and its verb has no place in "Y was urged by X".
    if let ElemKind::Optional(inner) = &parts.get(index)?.kind
        && starts_with_comma(inner)
    {
        index += 1;
    }
    if matches!(parts.get(index)?.kind, ElemKind::Gap { .. }) {
        index += 1;
    }
    let verb = participle(parts.get(index)?, lowering)?;
    index += 1;
    // Particles stay after the verb ("carried out"); optional parts such as
    // a number move before the object ("[N] Y": "two civilians were shot").
    // A preposition ("withdraw from Z") means the verb has no object.
    let mut particles = Vec::new();
    let mut before_object = Vec::new();
    loop {
        let part = parts.get(index)?;
        match &part.kind {
            ElemKind::Tokens {
                written: Some((word, _)),
                ..
            } if PARTICLES.contains(&word.as_str()) => particles.push(part.clone()),
            // "shoot !down Y": the condition stays right after the verb.
            ElemKind::NotNext(_) => particles.push(part.clone()),
            ElemKind::Optional(_) => before_object.push(part.clone()),
            // "X attack ...{0,8 except ,} Y": the words a gap skips before
            // the object ("attacked the capital of Y") have no place in
            // "Y was attacked by X"; a gap that may cross anything ("shot
            // ... Y") makes the verb intransitive, as a preposition does.
            ElemKind::Gap {
                except: Some(_), ..
            } if matches!(
                parts.get(index + 1).map(|p| &p.kind),
                Some(ElemKind::Slot(_))
            ) => {}
            ElemKind::Slot(_) => break,
            _ => return None,
        }
        index += 1;
    }
    let ElemKind::Slot(object) = parts[index].kind else {
        return None;
    };
    let span = root.span;
    let slot = |slot, span| Elem {
        kind: ElemKind::Slot(slot),
        span,
    };
    let mut passive = before_object;
    passive.extend([
        slot(object, parts[index].span),
        Elem {
            kind: ElemKind::Aux { max: VERB_GROUP },
            span: verb.span,
        },
        verb,
    ]);
    passive.extend(particles);
    // "was opposed earlier by X", "were attacked repeatedly by X": adverbs
    // of the verb group may stand before "by".
    passive.push(Elem {
        kind: ElemKind::Aux { max: 2 },
        span: parts[index].span,
    });
    passive.push(Elem {
        kind: lowering.tokens("by", true),
        span: parts[index].span,
    });
    passive.push(slot(subject, parts[0].span));
    passive.extend(parts[index + 1..].iter().cloned());
    Some(Elem {
        kind: ElemKind::Seq(passive),
        span,
    })
}

/// The verb element with its past participles instead of all forms; `None`
/// if it is not a verb written as an inflecting word (or a choice of them).
fn participle(elem: &Elem, lowering: &mut Lowering) -> Option<Elem> {
    let kind = match &elem.kind {
        ElemKind::Tokens {
            written: Some((word, false)),
            ..
        } => {
            let mut kind = lowering.tokens_with(word, false, Forms::PastParticiple);
            if let ElemKind::Tokens { trigger, .. } = &mut kind {
                *trigger = true;
            }
            kind
        }
        // A phrasal verb: "carry out" becomes "carried out".
        ElemKind::Seq(parts) => {
            let (first, rest) = parts.split_first()?;
            if !rest
                .iter()
                .all(|p| matches!(p.kind, ElemKind::Tokens { .. }))
            {
                return None;
            }
            let mut phrase = vec![participle(first, lowering)?];
            phrase.extend(rest.iter().cloned());
            ElemKind::Seq(phrase)
        }
        ElemKind::Alt(branches) => ElemKind::Alt(
            branches
                .iter()
                .map(|b| participle(b, lowering))
                .collect::<Option<Vec<_>>>()?,
        ),
        _ => return None,
    };
    Some(Elem {
        kind,
        span: elem.span,
    })
}

/// Whether an element starts with a comma (a parenthetical).
fn starts_with_comma(elem: &Elem) -> bool {
    match &elem.kind {
        ElemKind::Tokens {
            written: Some((word, _)),
            ..
        } => word == ",",
        ElemKind::Seq(parts) => parts.first().is_some_and(starts_with_comma),
        _ => false,
    }
}
