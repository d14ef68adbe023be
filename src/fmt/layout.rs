//! The formatter's intermediate form: an item laid out as lines, each
//! remembering the source range it came from so that comments can be put
//! back next to the code they were written next to.

use crate::lang::ast::Name;
use crate::lang::source::Span;

use super::comments::starts_line;

/// One output line of an item.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub indent: usize,
    pub text: String,
    /// Source offset of the line's first element.
    pub anchor: usize,
    /// Source offset just after the line's last element.
    pub end: usize,
    /// Where spaces go to align columns across a run of one-line items
    /// (after the name of a `type` or `event`, after an event's code), as
    /// byte offsets into `text`, left to right.
    pub align: Vec<(usize, Column)>,
    /// Comment lines to print before this line, at its indent.
    pub leading: Vec<String>,
    /// A comment to print at the end of the line.
    pub trailing: Option<String>,
}

/// Columns aligned across consecutive one-line items of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    TypeName,
    EventName,
    /// An event's `code "…"` followed by its `label` on the same line.
    EventCode,
}

/// Builds the lines of one item from the source it was parsed from.
pub struct Builder<'s> {
    pub source: &'s str,
    pub lines: Vec<Line>,
}

impl<'s> Builder<'s> {
    pub fn new(source: &'s str) -> Builder<'s> {
        Builder {
            source,
            lines: Vec::new(),
        }
    }

    /// Starts a new line whose first element starts at `anchor`.
    pub fn line(&mut self, indent: usize, anchor: usize) {
        self.lines.push(Line {
            indent,
            anchor,
            end: anchor,
            ..Line::default()
        });
    }

    fn current(&mut self) -> &mut Line {
        self.lines
            .last_mut()
            .expect("an item starts with a line before any text")
    }

    /// Appends fixed text (keywords, punctuation, spaces).
    pub fn text(&mut self, text: &str) {
        self.current().text.push_str(text);
    }

    /// Appends a name as written.
    pub fn name(&mut self, name: &Name) {
        self.text(&name.text);
        self.reach(name.span);
    }

    /// Appends the source text of a span verbatim (strings keep their
    /// escapes, patterns their inner spacing).
    pub fn verbatim(&mut self, span: Span) {
        let text = &self.source[span.start..span.end];
        self.current().text.push_str(text);
        self.reach(span);
    }

    /// Records that the current line covers the source up to `span`.
    pub fn reach(&mut self, span: Span) {
        let line = self.current();
        line.end = line.end.max(span.end);
    }

    /// Marks the current position as the place to pad for alignment.
    pub fn align_here(&mut self, column: Column) {
        let line = self.current();
        let at = line.text.len();
        line.align.push((at, column));
    }

    /// Whether the author started a new line at `offset`; lists keep such
    /// breaks (a long word class, an event's options on a second line).
    pub fn broken_at(&self, offset: usize) -> bool {
        starts_line(self.source, offset)
    }

    /// Continues a list: `separator` on this line, or a new line at
    /// `indent` where the author broke the line before the element at `at`.
    pub fn next_in_list(&mut self, separator: &str, indent: usize, at: usize) {
        if self.broken_at(at) {
            self.text(separator.trim_end());
            self.line(indent, at);
        } else {
            self.text(separator);
        }
    }

    /// The indent of the current line.
    pub fn indent(&self) -> usize {
        self.lines.last().map_or(0, |l| l.indent)
    }
}
