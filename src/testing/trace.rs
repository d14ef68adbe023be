//! Why a rule did not fire: how far each of its programs got in a text,
//! and the pattern element that stopped it.

use crate::compile::CompiledPack;
use crate::compile::program::{Inst, Voice};
use crate::document::Document;
use crate::lang::pack::RuleId;
use crate::matcher::{Matcher, RuleTrace};

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
    let mut progress = Vec::new();
    for (sentence_index, program_index, reached, matched) in attempts {
        let sentence = &sentences[sentence_index];
        let sentence_tokens = &tokens[sentence.tokens.clone()];
        let program = &pack.programs[program_index].1;
        let pc = reached.pc as usize;
        let span = program.spans[pc];
        let element = pack.pack.sources.snippet(span).to_string();
        let location = pack.pack.sources.location(span);
        let expected = describe(pack, rule, &program.insts[pc], &element);
        let reached_text = if reached.position > reached.start {
            let start = sentence_tokens[reached.start].start;
            let end = sentence_tokens[reached.position - 1].end;
            text[start..end].to_string()
        } else {
            String::new()
        };
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
        });
    }
    progress
}

fn describe(pack: &CompiledPack, rule: RuleId, inst: &Inst, element: &str) -> String {
    match inst {
        // Inside a class or a choice the instruction is one alternative of
        // many; name the element instead.
        Inst::Word { .. } if element.starts_with('@') => format!("a word of the class {element}"),
        Inst::Word { .. } if element.starts_with('(') => "one of its alternatives".to_string(),
        Inst::Word { set, category, .. } => {
            let words: Vec<&str> = pack
                .sets
                .get(*set)
                .iter()
                .map(|&w| pack.vocab.word(w))
                .collect();
            let shown: Vec<&str> = words.iter().take(8).copied().collect();
            let more = if words.len() > shown.len() {
                ", …"
            } else {
                ""
            };
            let reading = match category {
                Some(crate::lang::ast::WordCategory::Verb) => " (as a verb)",
                Some(crate::lang::ast::WordCategory::Noun) => " (as a noun)",
                None => "",
            };
            format!("one of: {}{more}{reading}", shown.join(", "))
        }
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
        Inst::NounPhrase => "a noun phrase".to_string(),
        Inst::NotWord { .. } => format!(
            "the next word not to be {}",
            element.trim_start_matches('!')
        ),
        Inst::Any => "any token".to_string(),
        Inst::Split { .. } | Inst::Jump(_) => "one of the alternatives".to_string(),
        Inst::Match => "nothing: the pattern matched".to_string(),
    }
}
