//! `explain`: what the pack sees in a text — sentences, tokens, mentions
//! with their types and codes, every rule that matched and what became of
//! it, and for a named rule that did not fire, how far it got.

use super::examples::describe_progress;
use super::style::Style;
use super::trace::{describe_fate, discarded, fate_of, trace};
use crate::compile::CompiledPack;
use crate::compile::program::Voice;
use crate::document::Document;
use crate::lang::pack::{RuleId, RuleOutput};
use crate::matcher::mentions::{Mention, MentionSource};
use crate::matcher::{Matcher, Outcome, RuleMatch, SentenceAnalysis};
use crate::text::Token;

/// The explanation of a text, and (with `rule`) of one rule on it.
pub fn explain(pack: &CompiledPack, text: &str, rule: Option<RuleId>, style: Style) -> String {
    let mut matcher = Matcher::new(pack);
    let (_, tokens, analyses) = matcher.analyze(&Document::new("explain", text));
    let mut out = String::new();
    for analysis in &analyses {
        let sentence = &analysis.sentence;
        let sentence_tokens = &tokens[sentence.tokens.clone()];
        let span_text = |start: usize, end: usize| {
            &text[sentence_tokens[start].start..sentence_tokens[end - 1].end]
        };
        out.push_str(&format!(
            "{} {}  {}\n",
            style.bold(&format!("sentence {}", analysis.index)),
            style.dim(&format!("{}..{}", sentence.start, sentence.end)),
            &text[sentence.start..sentence.end]
        ));
        let token_texts: Vec<&str> = sentence_tokens.iter().map(|t| t.text(text)).collect();
        out.push_str(&format!("  tokens    {}\n", token_texts.join(" · ")));
        if let Some(hit) = analysis.discard {
            let def = &pack.pack.discards[hit.discard as usize];
            let what = match def.scope {
                crate::lang::ast::DiscardScope::Sentence => "this sentence",
                crate::lang::ast::DiscardScope::Document => "the whole document",
            };
            out.push_str(&format!(
                "  {} {what}: discard phrase «{}» at «{}» ({})\n",
                style.red("discarded"),
                def.entry.words.join(" "),
                token_texts[hit.token],
                pack.pack.sources.location(def.span)
            ));
        }
        if !analysis.mentions.is_empty() {
            out.push_str("  mentions\n");
            let mut mentions: Vec<_> = analysis.mentions.iter().collect();
            mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            for m in mentions {
                let source = match m.source {
                    MentionSource::Lexicon(entry) => {
                        format!(
                            "lexicon {}",
                            pack.pack
                                .sources
                                .location(pack.pack.lexicon[entry as usize].span)
                        )
                    }
                    MentionSource::Entity { rule, .. } => {
                        format!("entity rule {}", pack.pack.rule(rule).name)
                    }
                    MentionSource::Number => match m.value {
                        Some(value) => format!("number = {value}"),
                        None => "number".to_string(),
                    },
                    MentionSource::Proper => "capitalized words".to_string(),
                    MentionSource::Pronoun { speaker } => {
                        let speaker = &analysis.mentions[speaker as usize];
                        format!("speaker pronoun: {}", span_text(speaker.start, speaker.end))
                    }
                };
                out.push_str(&format!(
                    "    {:<28} {:<14} {:<14} {}\n",
                    span_text(m.start, m.end),
                    pack.pack.type_name(m.ty),
                    m.code.as_deref().unwrap_or("-"),
                    style.dim(&source)
                ));
            }
        }
        let event_matches: Vec<_> = analysis
            .matches
            .iter()
            .filter(|m| m.outcome != Outcome::BuiltMention)
            .collect();
        if !event_matches.is_empty() {
            out.push_str("  rules\n");
        }
        for m in event_matches {
            let def = pack.pack.rule(m.rule);
            let voice = if m.voice == Voice::Passive {
                " (passive)"
            } else {
                ""
            };
            let event = match def.output {
                RuleOutput::Event { event, .. } => pack.pack.event(event).name.as_str(),
                RuleOutput::Entity { ty, .. } => pack.pack.type_name(ty),
            };
            let (mark, outcome) = match m.outcome {
                Outcome::Emitted if m.negation_cue.is_some() => (
                    style.green("✓"),
                    format!(" negated by «{}»", token_texts[m.negation_cue.unwrap_or(0)]),
                ),
                Outcome::Emitted => match same_actor(pack, m, &analysis.mentions) {
                    Some((a, b)) => (
                        style.red("✗"),
                        format!(" no record: `{a}` and `{b}` are the same actor (`distinct`)"),
                    ),
                    None => (style.green("✓"), String::new()),
                },
                Outcome::Negated => (
                    style.red("✗"),
                    format!(
                        " dropped: negated by «{}»",
                        token_texts[m.negation_cue.unwrap_or(0)]
                    ),
                ),
                Outcome::HeldBack => (
                    style.red("✗"),
                    match m.modality {
                        Some((cue, modality)) => {
                            format!(" dropped: {} by «{}»", modality.as_str(), token_texts[cue])
                        }
                        None => " dropped: held back".to_string(),
                    },
                ),
                Outcome::Outranked { by } => (
                    style.red("✗"),
                    format!(" dropped: outranked by {}", pack.pack.rule(by).name),
                ),
                Outcome::BuiltMention => (String::new(), String::new()),
            };
            out.push_str(&format!(
                "    {mark} {}{voice}  {event}  «{}»{outcome}\n",
                style.bold(&def.name),
                span_text(m.start, m.end)
            ));
            for (slot, bound) in def.slots.iter().zip(&m.slots) {
                let Some(bound) = bound else {
                    continue;
                };
                for (index, part) in bound.conjuncts.iter().enumerate() {
                    let mention = &analysis.mentions[part.mention as usize];
                    let phrase = (part.start as usize, part.end as usize);
                    let phrase = if phrase != (mention.start, mention.end) {
                        format!("  in «{}»", span_text(phrase.0, phrase.1))
                    } else {
                        String::new()
                    };
                    let name = if index == 0 { slot.name.as_str() } else { "" };
                    let sign = if index == 0 { "=" } else { "&" };
                    out.push_str(&format!(
                        "        {name:>width$} {sign} {}  {}{}{phrase}\n",
                        span_text(mention.start, mention.end),
                        pack.pack.type_name(mention.ty),
                        mention
                            .code
                            .as_deref()
                            .map(|c| format!(" {c}"))
                            .unwrap_or_default(),
                        width = slot.name.len()
                    ));
                }
            }
        }
    }
    if let Some(rule) = rule {
        out.push_str(&rule_report(pack, rule, text, &tokens, &analyses));
    }
    out
}

/// How a rule fared in each sentence: what became of its matches, or how
/// far its best attempt got and what stopped it.
fn rule_report(
    pack: &CompiledPack,
    rule: RuleId,
    text: &str,
    tokens: &[Token],
    analyses: &[SentenceAnalysis],
) -> String {
    let name = &pack.pack.rule(rule).name;
    let progress = trace(pack, rule, text);
    let matched: Vec<usize> = analyses
        .iter()
        .filter(|a| a.matches.iter().any(|m| m.rule == rule))
        .map(|a| a.index)
        .collect();
    let summary = match (matched.as_slice(), analyses.len()) {
        ([], _) => "did not match".to_string(),
        (all, n) if all.len() == n => "matched in every sentence".to_string(),
        (some, _) => format!(
            "matched in sentence{} {}",
            if some.len() == 1 { "" } else { "s" },
            some.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut out = format!("\nrule {name} {summary}:\n");
    for analysis in analyses {
        let sentence_tokens = &tokens[analysis.sentence.tokens.clone()];
        let span_text = |start: usize, end: usize| {
            &text[sentence_tokens[start].start..sentence_tokens[end - 1].end]
        };
        let matches: Vec<&RuleMatch> = analysis.matches.iter().filter(|m| m.rule == rule).collect();
        for m in &matches {
            let program = &pack.programs[m.program].1;
            let voice = match program.voice {
                Voice::Active => "active",
                Voice::Passive => "passive",
            };
            let fate = fate_of(pack, analysis, m, text, sentence_tokens);
            out.push_str(&format!(
                "  sentence {}: pattern {} ({voice}) matched «{}»; {}\n",
                analysis.index,
                program.pattern + 1,
                span_text(m.start, m.end),
                describe_fate(&fate)
            ));
        }
        if !matches.is_empty() {
            continue;
        }
        if analysis.discard.is_some() {
            out.push_str(&format!(
                "  sentence {}: {}\n",
                analysis.index,
                describe_fate(&discarded(pack, analysis))
            ));
            continue;
        }
        let best = progress
            .iter()
            .filter(|p| p.sentence == analysis.index)
            .max_by_key(|p| (p.matched, p.tokens, p.voice == Voice::Active, p.pc));
        if let Some(p) = best {
            out.push_str(&format!(
                "  sentence {}: {}\n",
                analysis.index,
                describe_progress(p)
            ));
        }
    }
    out
}

/// The fields of an emitted match's `distinct` pair when both hold one
/// actor with the same code: then the match writes no record.
fn same_actor<'a>(
    pack: &'a CompiledPack,
    m: &RuleMatch,
    mentions: &'a [Mention],
) -> Option<(&'a str, &'a str)> {
    let RuleOutput::Event { event, fields } = &pack.pack.rule(m.rule).output else {
        return None;
    };
    let def = pack.pack.event(*event);
    let code = |field: usize| {
        let &(_, slot) = fields.iter().find(|(f, _)| *f == field)?;
        match m.slots[slot].as_ref()?.conjuncts.as_slice() {
            [one] => mentions[one.mention as usize].code.as_deref(),
            _ => None,
        }
    };
    let (a, b) = crate::matcher::same_actor(def, code)?;
    Some((def.fields[a].name.as_str(), def.fields[b].name.as_str()))
}
