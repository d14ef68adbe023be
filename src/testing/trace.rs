//! Why a rule did not fire: how far each of its programs got in a text,
//! the pattern element that stopped it, and for a program that matched,
//! what became of the match (negated, outranked by which rule and why, or
//! an active pattern on a passive clause).

use crate::compile::CompiledPack;
use crate::compile::program::{Inst, Voice};
use crate::document::Document;
use crate::lang::Span;
use crate::lang::pack::{Pat, PatKind, RuleId, RuleOutput};
use crate::matcher::{
    Matcher, Outcome, OutrankReason, RuleMatch, RuleTrace, SentenceAnalysis, outrank_reason,
};
use crate::text::english::FUNCTION_WORDS;

/// The furthest point one program of a rule reached in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProgress {
    pub sentence: usize,
    pub pattern: usize,
    pub voice: Voice,
    pub matched: bool,
    /// How far into the program and how many tokens the attempt got.
    pub pc: u32,
    pub tokens: usize,
    /// The text matched before the search stopped (empty if nothing matched).
    pub reached: String,
    /// The token where it stopped (`None` at the sentence end).
    pub stopped_at: Option<String>,
    /// The pattern element that failed there, as written, with its location.
    pub element: String,
    pub location: String,
    /// What that element wanted.
    pub expected: String,
    /// For a program that matched: what became of the match.
    pub fate: Option<Fate>,
}

/// What became of a match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// An event rule's match became an event (marked negated by a cue
    /// when its type says `negation mark`).
    Emitted {
        event: String,
        negated_by: Option<String>,
        /// The modality the record carries and its cue.
        modality: Option<(String, String)>,
    },
    /// An entity rule's match became a mention of this type.
    Built { ty: String },
    /// A negation in its verb group dropped it.
    Negated { cue: String },
    /// A modality cue ("plans to") held it back.
    HeldBack { modality: String, cue: String },
    /// A discard phrase stopped the sentence (or the document).
    Discarded { phrase: String },
    /// A competing match of the same event family won.
    Outranked {
        rule: String,
        text: String,
        reason: OutrankReason,
    },
    /// An active pattern matched a passive clause, which it does not read.
    PassiveClause,
}

/// The best attempt of every program of `rule` on the text: the one that
/// got furthest, per sentence.
pub fn trace(pack: &CompiledPack, rule: RuleId, text: &str) -> Vec<RuleProgress> {
    let doc = Document::new("trace", text);
    let mut matcher = Matcher::new(pack);
    let RuleTrace {
        tokens,
        sentences,
        attempts,
    } = matcher.trace_rule(&doc, rule);
    let analyses = if attempts.iter().any(|(_, _, _, matched)| *matched) {
        matcher.analyze(&doc).2
    } else {
        Vec::new()
    };
    let mut progress = Vec::new();
    for (sentence_index, program_index, reached, matched) in attempts {
        let sentence = &sentences[sentence_index];
        let sentence_tokens = &tokens[sentence.tokens.clone()];
        let program = &pack.programs[program_index].1;
        let pc = reached.pc as usize;
        let span = program.spans.get(pc);
        let pattern = &pack.pack.rule(rule).patterns[program.pattern];
        let (shown, expected) = describe(pack, rule, pattern, &program.insts[pc], span);
        let element = pack.pack.sources.snippet(shown).to_string();
        let location = pack.pack.sources.location(shown);
        let reached_text = if reached.position > reached.start {
            let start = sentence_tokens[reached.start].start;
            let end = sentence_tokens[reached.position - 1].end;
            text[start..end].to_string()
        } else {
            String::new()
        };
        let fate = matched.then(|| {
            let analysis = analyses.iter().find(|a| a.index == sentence_index);
            let found = analysis.and_then(|a| {
                a.matches
                    .iter()
                    .find(|m| m.rule == rule && m.program == program_index)
                    .map(|m| (a, m))
            });
            match (analysis, found) {
                (_, Some((analysis, m))) => fate_of(pack, analysis, m, text, sentence_tokens),
                (Some(analysis), None) if analysis.discard.is_some() => discarded(pack, analysis),
                _ => Fate::PassiveClause,
            }
        });
        progress.push(RuleProgress {
            sentence: sentence_index,
            pattern: program.pattern,
            voice: program.voice,
            matched,
            pc: reached.pc,
            tokens: reached.position - reached.start,
            reached: reached_text,
            stopped_at: sentence_tokens
                .get(reached.position)
                .map(|t| t.text(text).to_string()),
            element,
            location,
            expected,
            fate,
        });
    }
    progress
}

/// What became of match `m` in its sentence.
pub fn fate_of(
    pack: &CompiledPack,
    analysis: &SentenceAnalysis,
    m: &RuleMatch,
    text: &str,
    sentence_tokens: &[crate::text::Token],
) -> Fate {
    let span_text = |start: usize, end: usize| {
        text[sentence_tokens[start].start..sentence_tokens[end - 1].end].to_string()
    };
    let cue = || {
        m.negation_cue
            .map(|i| sentence_tokens[i].text(text).to_string())
    };
    let output = match pack.pack.rule(m.rule).output {
        RuleOutput::Event { event, .. } => pack.pack.event(event).name.clone(),
        RuleOutput::Entity { ty, .. } => pack.pack.type_name(ty).to_string(),
    };
    let modality = m.modality.map(|(token, modality)| {
        (
            modality.as_str().to_string(),
            sentence_tokens[token].text(text).to_string(),
        )
    });
    match m.outcome {
        Outcome::Emitted => Fate::Emitted {
            event: output,
            negated_by: cue(),
            modality,
        },
        Outcome::HeldBack => {
            let (modality, cue) = modality.unwrap_or_default();
            Fate::HeldBack { modality, cue }
        }
        Outcome::BuiltMention => Fate::Built { ty: output },
        Outcome::Negated => Fate::Negated {
            cue: cue().unwrap_or_default(),
        },
        Outcome::Outranked { by } => {
            let overlaps = |w: &&RuleMatch| w.start < m.end && m.start < w.end;
            let winner = analysis
                .matches
                .iter()
                .filter(|w| w.rule == by && !matches!(w.outcome, Outcome::Outranked { .. }))
                .find(overlaps)
                .or_else(|| {
                    analysis
                        .matches
                        .iter()
                        .filter(|w| w.rule == by)
                        .find(overlaps)
                });
            match winner {
                Some(winner) => Fate::Outranked {
                    rule: pack.pack.rule(by).name.clone(),
                    text: span_text(winner.start, winner.end),
                    reason: outrank_reason(&pack.pack, winner, m),
                },
                None => Fate::Outranked {
                    rule: pack.pack.rule(by).name.clone(),
                    text: String::new(),
                    reason: OutrankReason::WrittenFirst,
                },
            }
        }
    }
}

/// The fate of a match in a sentence a discard phrase stopped.
pub fn discarded(pack: &CompiledPack, analysis: &SentenceAnalysis) -> Fate {
    let phrase = analysis
        .discard
        .map(|hit| {
            pack.pack.discards[hit.discard as usize]
                .entry
                .words
                .join(" ")
        })
        .unwrap_or_default();
    Fate::Discarded { phrase }
}

/// One line on what became of a match: "emitted Attack", "dropped:
/// outranked by rule `abduct` («…»), a longer match (5 tokens against 3)".
pub fn describe_fate(fate: &Fate) -> String {
    match fate {
        Fate::Emitted {
            event,
            negated_by,
            modality,
        } => {
            let mut out = format!("emitted {event}");
            if let Some(cue) = negated_by {
                out.push_str(&format!(", marked negated by «{cue}»"));
            }
            if let Some((modality, cue)) = modality {
                out.push_str(&format!(", marked {modality} by «{cue}»"));
            }
            out
        }
        Fate::HeldBack { modality, cue } => format!("dropped: {modality} by «{cue}»"),
        Fate::Discarded { phrase } => {
            format!("dropped: the discard phrase «{phrase}» stops this sentence")
        }
        Fate::Built { ty } => format!("built a {ty} mention"),
        Fate::Negated { cue } => format!("dropped: negated by «{cue}»"),
        Fate::Outranked { rule, text, reason } => {
            let winner = if text.is_empty() {
                format!("rule `{rule}`")
            } else {
                format!("rule `{rule}` («{text}»)")
            };
            let why = match reason {
                OutrankReason::Longer { winner, loser } => {
                    format!("a longer match ({winner} tokens against {loser})")
                }
                OutrankReason::HigherPriority { winner, loser } => {
                    format!("a higher priority ({winner} against {loser})")
                }
                OutrankReason::WholerMentions => {
                    "its slots read whole listed names, not their last words".to_string()
                }
                OutrankReason::MoreSpecific => "a more specific event type".to_string(),
                OutrankReason::EarlierVerb => {
                    "its verb comes first (a later verb complements it)".to_string()
                }
                OutrankReason::MoreArguments => "it fills more of its slots".to_string(),
                OutrankReason::WrittenFirst => "written earlier in the pack".to_string(),
                OutrankReason::Active => "the active reading of the same rule".to_string(),
            };
            format!("dropped: outranked by {winner}, {why}")
        }
        Fate::PassiveClause => "dropped: the clause is passive (a form of «be» before the verb), which an active pattern does not read; the derived passive, if any, reads it".to_string(),
    }
}

/// The element an instruction came from (its span in the rule file) and
/// what it wanted.
fn describe(
    pack: &CompiledPack,
    rule: RuleId,
    pattern: &Pat,
    inst: &Inst,
    span: Span,
) -> (Span, String) {
    let element = pack.pack.sources.snippet(span);
    let expected = match inst {
        Inst::Word { set, category, .. } => {
            let (shown, wanted) = wanted_words(pack, pattern, span, *set);
            let reading = match category {
                Some(crate::lang::ast::WordCategory::Verb) => " (as a verb)",
                Some(crate::lang::ast::WordCategory::Noun) => " (as a noun)",
                None => "",
            };
            return (shown, format!("{wanted}{reading}"));
        }
        Inst::NounPhrase => "a noun phrase".to_string(),
        Inst::Slot { slot, .. } => {
            let def = &pack.pack.rule(rule).slots[*slot as usize];
            let types: Vec<&str> = def.types.iter().map(|&t| pack.pack.type_name(t)).collect();
            format!(
                "a mention of type {} for slot {}",
                types.join(" | "),
                def.name
            )
        }
        Inst::Aux => "a verb-group word".to_string(),
        Inst::Verb => "a verb (the first of a coordinated verb phrase)".to_string(),
        Inst::InClause { .. } => {
            "a word of the same clause (no verb, comma or clause word)".to_string()
        }
        Inst::NotWord { .. } => format!(
            "the next word not to be {}",
            element.trim_start_matches('!')
        ),
        Inst::Any => "any token".to_string(),
        Inst::AnyExcept { .. } => format!("any token that `{element}` allows"),
        Inst::Split { .. }
        | Inst::SplitIfWord { .. }
        | Inst::Jump(_)
        | Inst::Peek { .. }
        | Inst::GroupStart
        | Inst::VerbGroupStart => "one of the alternatives".to_string(),
        Inst::Match => "nothing more: the pattern matched".to_string(),
    };
    (span, expected)
}

/// What a word instruction wants, told from the pattern element it came
/// from: function words and `=exact` words as written, other words with
/// their forms, a choice as its alternatives, a class as its entries.
fn wanted_words(
    pack: &CompiledPack,
    pattern: &Pat,
    span: Span,
    set: crate::compile::words::WordSetId,
) -> (Span, String) {
    let forms = || {
        let words: Vec<&str> = pack
            .sets
            .get(set)
            .iter()
            .map(|&w| pack.vocab.word(w))
            .collect();
        if let [word] = words.as_slice() {
            return format!("«{word}»");
        }
        let shown: Vec<&str> = words.iter().take(8).copied().collect();
        let more = if words.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        format!("one of: {}{more}", shown.join(", "))
    };
    let mut path = Vec::new();
    if !find_pat(pattern, span, &mut path) {
        return (span, forms());
    }
    let node = path[path.len() - 1];
    // A word that starts a branch of a choice of words stands for the
    // choice (merged into one instruction, or its last branch tried):
    // tell all of its alternatives.
    let is_choice =
        |p: &Pat| matches!(&p.kind, PatKind::Alt(branches) if branches.iter().all(is_words));
    let is_word = |p: &Pat| matches!(p.kind, PatKind::Word { .. } | PatKind::Punct(_));
    let choice = match path.as_slice() {
        [.., alt, word] if is_word(word) && is_choice(alt) => Some(*alt),
        [.., alt, seq, word]
            if is_word(word)
                && is_choice(alt)
                && matches!(&seq.kind, PatKind::Seq(parts) if parts.first().is_some_and(|f| std::ptr::eq(f, *word))) =>
        {
            Some(*alt)
        }
        _ => None,
    };
    let (shown, alternatives): (Span, Vec<&Pat>) = match (&node.kind, choice) {
        (
            _,
            Some(
                alt @ Pat {
                    kind: PatKind::Alt(branches),
                    ..
                },
            ),
        ) => (alt.span, branches.iter().collect()),
        (PatKind::Alt(branches), _) if branches.iter().all(is_words) => {
            (node.span, branches.iter().collect())
        }
        (PatKind::Class(class), _) => {
            let def = &pack.pack.word_classes[class.0 as usize];
            let entries: Vec<String> = def
                .entries
                .iter()
                .take(8)
                .map(|e| {
                    let words = e.words.join(" ");
                    if e.exact {
                        format!("«{words}» (this form only)")
                    } else {
                        format!("«{words}»")
                    }
                })
                .collect();
            let more = if def.entries.len() > entries.len() {
                ", …"
            } else {
                ""
            };
            return (
                node.span,
                format!("an entry of @{}: {}{more}", def.name, entries.join(", ")),
            );
        }
        _ => (node.span, vec![node]),
    };
    let written: Vec<(String, bool, bool)> = alternatives
        .iter()
        .filter_map(|a| written_words(a))
        .collect();
    if written.len() != alternatives.len() {
        return (shown, forms());
    }
    let wanted = match written.as_slice() {
        [(words, true, _)] => format!("the word «{words}» (this form only)"),
        [(words, false, true)] => format!("«{words}»"),
        [(_, false, false)] => forms(),
        _ => written
            .iter()
            .map(|(words, exact, function)| match (exact, function) {
                (false, false) => format!("«{words}» (any form)"),
                _ => format!("«{words}»"),
            })
            .collect::<Vec<_>>()
            .join(" or "),
    };
    (shown, wanted)
}

/// Words, punctuation, or a sequence of them: what a choice of words holds.
fn is_words(pat: &Pat) -> bool {
    match &pat.kind {
        PatKind::Word { .. } | PatKind::Punct(_) => true,
        PatKind::Seq(parts) => parts.iter().all(is_words),
        _ => false,
    }
}

/// A word alternative as written: its words, whether they are exact, and
/// whether they are all function words (or punctuation).
fn written_words(pat: &Pat) -> Option<(String, bool, bool)> {
    match &pat.kind {
        PatKind::Word { text, exact } => Some((
            text.clone(),
            *exact,
            text.split_whitespace().all(|w| FUNCTION_WORDS.contains(&w)),
        )),
        PatKind::Punct(text) => Some((text.clone(), false, true)),
        PatKind::Seq(parts) => {
            let words: Vec<(String, bool, bool)> =
                parts.iter().map(written_words).collect::<Option<_>>()?;
            Some((
                words
                    .iter()
                    .map(|(w, _, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                words.iter().all(|(_, exact, _)| *exact),
                words.iter().all(|(_, exact, function)| *exact || *function),
            ))
        }
        _ => None,
    }
}

/// The path from `pat` down to the deepest node with exactly this span;
/// `false` (and `path` as it was) when there is none.
fn find_pat<'a>(pat: &'a Pat, span: Span, path: &mut Vec<&'a Pat>) -> bool {
    let children: Vec<&Pat> = match &pat.kind {
        PatKind::Seq(parts) | PatKind::Alt(parts) => parts.iter().collect(),
        PatKind::Optional(inner) | PatKind::NotNext(inner) => vec![inner.as_ref()],
        _ => Vec::new(),
    };
    path.push(pat);
    let inside = |s: Span| s.start <= span.start && span.end <= s.end;
    for child in children {
        if inside(child.span) && find_pat(child, span, path) {
            return true;
        }
    }
    if pat.span == span {
        return true;
    }
    path.pop();
    false
}
