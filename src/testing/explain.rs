//! `explain`: what the pack sees in a text — sentences, tokens, mentions
//! with their types and codes, every rule that matched and what became of
//! it, and for a named rule that did not fire, how far it got.

use super::examples::describe_progress;
use super::style::Style;
use super::trace::trace;
use crate::compile::CompiledPack;
use crate::compile::program::Voice;
use crate::document::Document;
use crate::lang::pack::{RuleId, RuleOutput};
use crate::matcher::mentions::MentionSource;
use crate::matcher::{Matcher, Outcome};

/// The explanation of a text, and (with `rule`) of one rule on it.
pub fn explain(pack: &CompiledPack, text: &str, rule: Option<RuleId>, style: Style) -> String {
    let mut matcher = Matcher::new(pack);
    let (_, tokens, analyses) = matcher.analyze(&Document::new("explain", text));
    let mut out = String::new();
    let mut rule_fired = false;
    for analysis in &analyses {
        rule_fired |= analysis
            .mentions
            .iter()
            .any(|m| matches!((m.source, rule), (MentionSource::Entity { rule: built, .. }, Some(wanted)) if built == wanted));
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
            rule_fired |= Some(m.rule) == rule;
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
                Outcome::Emitted => (style.green("✓"), String::new()),
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
        let name = &pack.pack.rule(rule).name;
        if rule_fired {
            out.push_str(&format!("\nrule {name} matched (see above)\n"));
        } else {
            out.push_str(&format!("\nrule {name} did not match:\n"));
            let progress = trace(pack, rule, text);
            let best = progress
                .iter()
                .filter(|p| !p.matched)
                .max_by_key(|p| (p.pc, p.tokens, std::cmp::Reverse(p.sentence)));
            for p in progress.iter().filter(|p| p.matched) {
                out.push_str(&format!(
                    "  sentence {}: pattern {} matched but built no event (see `rules` above)\n",
                    p.sentence,
                    p.pattern + 1
                ));
            }
            if let Some(p) = best {
                out.push_str(&format!(
                    "  sentence {}: {}\n",
                    p.sentence,
                    describe_progress(p)
                ));
            }
        }
    }
    out
}
