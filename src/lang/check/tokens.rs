//! Pattern elements that can never match: words and punctuation written so
//! that no document token sequence equals what the pattern lowers them to.
//!
//! A pattern word lowers to the tokens documents produce for it (see
//! `text::tokenize_phrase`), so a word on its own always can match. What
//! cannot is a run of elements written without spaces that text reads as
//! fewer or other tokens: `10,000` is `10` `,` `000` in a pattern but one
//! token in text, `- -` written `--` is the dash token `--`.

use super::*;
use crate::lang::ast::{Node, NodeKind};
use crate::text::{TokenKind, tokenize_phrase};

impl Checker<'_> {
    /// Warns about every run of glued elements that can never match.
    pub(super) fn warn_unmatchable(&mut self, node: &Node) {
        match &node.kind {
            NodeKind::Seq(elements) => {
                for run in glued_runs(elements) {
                    self.check_glued_run(run);
                }
                elements.iter().for_each(|e| self.warn_unmatchable(e));
            }
            NodeKind::Alt(branches) => branches.iter().for_each(|b| self.warn_unmatchable(b)),
            NodeKind::Optional(inner)
            | NodeKind::NotNext(inner)
            | NodeKind::Gap {
                except: Some(inner),
                ..
            } => self.warn_unmatchable(inner),
            _ => {}
        }
    }

    fn check_glued_run(&mut self, run: &[Node]) {
        let written: Vec<&str> = run.iter().filter_map(literal_text).collect();
        let joined = written.concat();
        let pattern_tokens: Vec<&str> = written
            .iter()
            .flat_map(|w| tokenize_phrase(w).into_iter().map(|t| t.text(w)))
            .collect();
        let text_tokens = tokenize_phrase(&joined);
        let text_texts: Vec<&str> = text_tokens.iter().map(|t| t.text(&joined)).collect();
        if pattern_tokens == text_texts {
            return;
        }
        let quoted = |tokens: &[&str]| {
            tokens
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let span = Span::new(
            run[0].span.file,
            run[0].span.start,
            run[run.len() - 1].span.end,
        );
        let help = if text_tokens.iter().any(|t| t.kind == TokenKind::Number) {
            "a number is matched by a slot: write `N` in the pattern and type it `N: Number`"
                .to_string()
        } else {
            format!(
                "no pattern element spells {}; write the elements apart only where text separates them, or list the phrase in a lexicon and match it with a slot",
                quoted(&text_texts)
            )
        };
        self.error(
            Diagnostic::warning(
                "never-matches",
                format!(
                    "`{joined}` can never match: text reads it as {}, the pattern as {}",
                    quoted(&text_texts),
                    quoted(&pattern_tokens)
                ),
            )
            .with_label(span, "text never has these tokens")
            .with_help(help),
        );
    }
}

/// The literal text of a word or punctuation element.
fn literal_text(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Word { text, .. } | NodeKind::Punct(text) => Some(text),
        _ => None,
    }
}

/// Maximal runs of two or more word or punctuation elements written with
/// no space between them (`10,000`, `--`).
fn glued_runs(elements: &[Node]) -> Vec<&[Node]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for end in 1..=elements.len() {
        let continues = end < elements.len()
            && literal_text(&elements[end]).is_some()
            && literal_text(&elements[end - 1]).is_some()
            && elements[end - 1].span.end == elements[end].span.start;
        if !continues {
            if end - start >= 2 {
                runs.push(&elements[start..end]);
            }
            start = end;
        }
    }
    runs
}
