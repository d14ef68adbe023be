//! `evrule fmt`: the canonical layout of rule files, comments kept.
//!
//! A file is parsed (a file with a syntax error is left alone), each item
//! is laid out by its function in `items` from the AST, and the comments,
//! which the parser skips, are found in the text (`comments`) and put back
//! next to the line that holds the code they were written next to. The
//! result reparses to the same AST and formatting it again changes nothing
//! (`tests/fmt.rs` checks both on every shipped file).
//!
//! The layout: item keywords in column 0; a rule's parts on lines of their
//! own, indented by two, in a fixed order (patterns, slot types, `priority`,
//! `passive`, `=>`, cases); one space around `:`, `|`, `=>`, `=` and after
//! commas; patterns and strings exactly as written; one blank line around
//! every rule, and elsewhere at most one blank line where the author left
//! any; in a run of consecutive one-line `type` or `event` items the `:` of
//! the parents and the trailing comments line up.

pub mod comments;
pub mod files;
mod items;
mod layout;

use crate::lang::ast::{Item, RuleFile};
use crate::lang::diagnostic::Diagnostic;
use crate::lang::source::FileId;
use crate::lang::syntax::parse_file;

use comments::{Comment, blank_line_before, find_comments, line_start};
use layout::{Builder, Column, Line};

/// Formats the text of one rule file; the syntax errors when it does not
/// parse. A bad escape in a string is no obstacle (strings are copied as
/// written), but every other parse error is: the tree would lack what it
/// is about (a priority out of range, an option given twice).
pub fn format_source(source: &str) -> Result<String, Vec<Diagnostic>> {
    let (file, diagnostics) = parse_file(FileId(0), source);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.is_error() && d.code != "bad-escape")
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let comments = find_comments(source, &pattern_spans(&file));
    let mut blocks: Vec<Block> = file
        .items
        .iter()
        .map(|item| Block::new(source, item))
        .collect();
    let tail = attach_comments(&mut blocks, comments);
    Ok(print(&mut blocks, &tail))
}

/// One item and the comments around it.
struct Block {
    lines: Vec<Line>,
    start: usize,
    end: usize,
    paragraph: bool,
    /// Whether a blank line stands right before the item's keyword.
    blank_before: bool,
    /// Comment lines before the item, each with "a blank line before it".
    leading: Vec<(String, bool)>,
    /// Indented comment lines right after the item (a commented-out example).
    after: Vec<String>,
}

impl Block {
    fn new(source: &str, item: &Item) -> Block {
        let mut builder = Builder::new(source);
        items::item(&mut builder, source, item);
        let start = items::item_start(source, item);
        Block {
            lines: builder.lines,
            start,
            end: items::item_end(item),
            paragraph: items::is_paragraph(item),
            blank_before: blank_line_before(source, line_start(source, start)),
            leading: Vec::new(),
            after: Vec::new(),
        }
    }

    /// A one-line item, which may line up with its neighbours.
    fn is_one_line(&self) -> bool {
        self.lines.len() == 1 && self.lines[0].leading.is_empty()
    }

    /// Whether a blank line separates this item (or its comments) from
    /// what comes before.
    fn set_off(&self) -> bool {
        self.blank_before || self.leading.iter().any(|(_, blank)| *blank)
    }
}

/// The spans of every pattern, sorted, for the comment scanner (which
/// finds strings itself).
fn pattern_spans(file: &RuleFile) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Rule(rule) => Some(rule),
            _ => None,
        })
        .flat_map(|rule| &rule.patterns)
        .map(|pattern| (pattern.span.start, pattern.span.end))
        .collect();
    spans.sort_unstable();
    spans
}

/// Puts every comment next to its line; returns the comments after the
/// last item (with "a blank line before it").
fn attach_comments(blocks: &mut [Block], comments: Vec<Comment>) -> Vec<(String, bool)> {
    let mut tail = Vec::new();
    for comment in comments {
        let inside = blocks
            .iter()
            .position(|b| b.start < comment.start && comment.start < b.end);
        let before = blocks.iter().rposition(|b| b.end <= comment.start);
        if let Some(index) = inside {
            attach_inside(&mut blocks[index].lines, comment);
            continue;
        }
        match (comment.after_code, before) {
            (Some(code_end), Some(index)) => {
                set_trailing(&mut blocks[index].lines, code_end, comment.text);
            }
            (None, Some(index))
                if comment.indented
                    && !comment.blank_before
                    && blocks
                        .get(index + 1)
                        .is_none_or(|next| next.leading.is_empty()) =>
            {
                blocks[index].after.push(comment.text);
            }
            _ => match blocks.iter_mut().find(|b| b.start > comment.start) {
                Some(next) => next.leading.push((comment.text, comment.blank_before)),
                None => tail.push((comment.text, comment.blank_before)),
            },
        }
    }
    tail
}

/// A comment inside an item: after code, it ends that code's line; on a
/// line of its own, it goes before the line that comes next in the source.
fn attach_inside(lines: &mut [Line], comment: Comment) {
    if let Some(code_end) = comment.after_code {
        set_trailing(lines, code_end, comment.text);
        return;
    }
    let containing = lines
        .iter()
        .position(|l| l.anchor <= comment.start && comment.start <= l.end);
    let next = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.anchor > comment.start)
        .min_by_key(|(_, l)| l.anchor)
        .map(|(i, _)| i);
    let index = containing.or(next).unwrap_or(lines.len() - 1);
    lines[index].leading.push(comment.text);
}

/// Ends the line holding the code that ends at `code_end` with a comment.
/// Lines the formatter joined can collect two; the earlier one moves above.
fn set_trailing(lines: &mut [Line], code_end: usize, text: String) {
    let index = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.anchor < code_end)
        .max_by_key(|(_, l)| l.anchor)
        .map_or(0, |(i, _)| i);
    let line = &mut lines[index];
    if let Some(earlier) = line.trailing.replace(text) {
        line.leading.push(earlier);
    }
}

/// Prints the blocks with their comments, blank lines and alignment.
fn print(blocks: &mut [Block], tail: &[(String, bool)]) -> String {
    align_runs(blocks);
    let mut out = String::new();
    let mut previous_paragraph = None;
    for block in blocks.iter() {
        let mut first = true;
        let mut separate = |out: &mut String, blank: bool| {
            let wanted = match (first, previous_paragraph) {
                (true, None) => false,
                (true, Some(paragraph)) => paragraph || block.paragraph || blank,
                (false, _) => blank,
            };
            if wanted {
                out.push('\n');
            }
            first = false;
        };
        for (comment, blank) in &block.leading {
            separate(&mut out, *blank);
            out.push_str(comment);
            out.push('\n');
        }
        separate(&mut out, block.blank_before);
        for line in &block.lines {
            print_line(&mut out, line);
        }
        for comment in &block.after {
            out.push_str("  ");
            out.push_str(comment);
            out.push('\n');
        }
        previous_paragraph = Some(block.paragraph);
    }
    for (index, (comment, blank)) in tail.iter().enumerate() {
        let after_paragraph = index == 0 && previous_paragraph == Some(true);
        if (*blank || after_paragraph) && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(comment);
        out.push('\n');
    }
    out
}

fn print_line(out: &mut String, line: &Line) {
    let indent = " ".repeat(line.indent);
    for comment in &line.leading {
        out.push_str(&indent);
        out.push_str(comment);
        out.push('\n');
    }
    out.push_str(&indent);
    out.push_str(&line.text);
    if let Some(comment) = &line.trailing {
        out.push_str("  ");
        out.push_str(comment);
    }
    out.push('\n');
}

/// Lines up, in each run of consecutive one-line items, the `:` after type
/// and event names and the trailing comments.
fn align_runs(blocks: &mut [Block]) {
    let mut start = 0;
    while start < blocks.len() {
        let mut end = start + 1;
        while end < blocks.len()
            && blocks[end - 1].is_one_line()
            && blocks[end].is_one_line()
            && !blocks[end].set_off()
            && !blocks[end].paragraph
        {
            end += 1;
        }
        if blocks[start].is_one_line() {
            let mut run: Vec<&mut Line> = blocks[start..end]
                .iter_mut()
                .map(|b| &mut b.lines[0])
                .collect();
            for column in [Column::TypeName, Column::EventName, Column::EventCode] {
                align_column(&mut run, column);
            }
            align_trailing_comments(&mut run);
        }
        start = end;
    }
}

/// Pads each line at its mark for `column` so that the marks line up,
/// moving the marks further right along.
fn align_column(run: &mut [&mut Line], column: Column) {
    let mark = |line: &Line| line.align.iter().position(|(_, c)| *c == column);
    let width = |line: &Line| mark(line).map(|i| line.text[..line.align[i].0].chars().count());
    let Some(widest) = run.iter().filter_map(|l| width(l)).max() else {
        return;
    };
    for line in run.iter_mut() {
        let (Some(index), Some(w)) = (mark(line), width(line)) else {
            continue;
        };
        let at = line.align[index].0;
        let pad = widest - w;
        line.text.insert_str(at, &" ".repeat(pad));
        for (offset, _) in &mut line.align[index..] {
            *offset += pad;
        }
    }
}

/// Pads the code of lines with a trailing comment so the comments line up
/// (`print_line` adds the two spaces before each).
fn align_trailing_comments(run: &mut [&mut Line]) {
    let width = |line: &Line| line.indent + line.text.chars().count();
    let Some(widest) = run
        .iter()
        .filter(|l| l.trailing.is_some())
        .map(|l| width(l))
        .max()
    else {
        return;
    };
    for line in run.iter_mut().filter(|l| l.trailing.is_some()) {
        let pad = widest - width(line);
        line.text.push_str(&" ".repeat(pad));
    }
}
