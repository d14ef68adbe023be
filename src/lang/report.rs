//! Rendering diagnostics with miette, for the CLI and the snapshot tests.
//!
//! Spans are turned into miette labels here rather than with pest's
//! `into_miette`, so that every report names its file and counts columns in
//! characters, also on non-ASCII lines.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::diagnostic::{Diagnostic, Label, Severity};
use super::source::{FileId, SourceMap};

/// Renders one diagnostic as miette's graphical report.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let report = Report::new(diagnostic, sources);
    let mut out = String::new();
    // Writing to a String cannot fail; a failure would be a miette bug, and
    // the plain one-line form is still a correct report.
    if handler.render_report(&mut out, &report).is_err() {
        out = diagnostic.one_line(sources);
    }
    out
}

/// Renders all diagnostics, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    diagnostics
        .iter()
        .map(|d| render(d, sources, color))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file's text with its pack-relative name, reporting character columns.
struct NamedText<'a> {
    name: &'a str,
    text: std::borrow::Cow<'a, str>,
    /// Where lines were shortened: the true column of each label start
    /// (by its offset in the shown text).
    columns: Vec<(usize, usize)>,
}

/// Lines longer than this (in characters) are shown cut around their
/// labels: miette cannot draw a label past column 65,535, and nobody reads
/// such a line whole.
const MAX_SHOWN_LINE: usize = 400;
/// Characters kept on each side of a label on a shortened line.
const SHOWN_CONTEXT: usize = 60;

/// What [`shown_text`] gives: the text, the label spans in it, and the
/// true columns of label starts on shortened lines.
type Shown<'a> = (
    std::borrow::Cow<'a, str>,
    Vec<(usize, usize)>,
    Vec<(usize, usize)>,
);

/// The text to show for a file and its labels: the text itself, or, when a
/// line is too long, a copy with every long line cut to a window around its
/// first label (`…` marks the cuts), the same lines in the same places.
/// Returns the text, the labels' spans in it, and the true columns of the
/// moved label starts.
fn shown_text<'a>(text: &'a str, spans: &[(usize, usize)]) -> Shown<'a> {
    let too_long = text
        .split('\n')
        .any(|line| line.len() > MAX_SHOWN_LINE && line.chars().count() > MAX_SHOWN_LINE);
    if !too_long {
        return (text.into(), spans.to_vec(), Vec::new());
    }
    let mut shown = String::new();
    // Positions not on any line (the very end of the text) are mapped to
    // the end of the shown text after the loop.
    let mut new_spans: Vec<(Option<usize>, Option<usize>)> = vec![(None, None); spans.len()];
    let mut columns = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let shown_start = shown.len();
        if body.chars().count() <= MAX_SHOWN_LINE {
            shown.push_str(line);
            for (i, &(start, end)) in spans.iter().enumerate() {
                if (line_start..line_end).contains(&start) {
                    new_spans[i].0 = Some(shown_start + (start - line_start));
                }
                if (line_start..=line_end).contains(&end) {
                    new_spans[i].1 = Some(shown_start + (end - line_start));
                }
            }
        } else {
            let anchor = spans
                .iter()
                .map(|s| s.0)
                .find(|s| (line_start..line_start + body.len()).contains(s))
                .map_or(0, |s| s - line_start);
            let from = back_chars(body, anchor, SHOWN_CONTEXT);
            let to = forward_chars(body, from, MAX_SHOWN_LINE);
            let window = &body[from..to];
            let prefix = if from > 0 { "…" } else { "" };
            shown.push_str(prefix);
            let window_start = shown.len();
            shown.push_str(window);
            if to < body.len() {
                shown.push('…');
            }
            shown.push_str(&line[body.len()..]);
            let map = |offset: usize| {
                let within = offset.saturating_sub(line_start).clamp(from, to);
                window_start + (within - from)
            };
            for (i, &(start, end)) in spans.iter().enumerate() {
                if (line_start..line_end).contains(&start) {
                    let shown_at = map(start);
                    new_spans[i].0 = Some(shown_at);
                    let column = body[..(start - line_start).min(body.len())].chars().count();
                    columns.push((shown_at, column));
                }
                if (line_start..=line_end).contains(&end) {
                    new_spans[i].1 = Some(map(end));
                }
            }
        }
        line_start = line_end;
    }
    let end = shown.len();
    let new_spans = new_spans
        .into_iter()
        .map(|(start, stop)| {
            let start = start.unwrap_or(end);
            (start, stop.unwrap_or(end).max(start))
        })
        .collect();
    (shown.into(), new_spans, columns)
}

/// The byte offset `count` characters before `offset` (or 0).
fn back_chars(text: &str, offset: usize, count: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    text[..offset]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `count` characters after `offset` (or the end).
fn forward_chars(text: &str, offset: usize, count: usize) -> usize {
    text[offset..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| offset + i)
}

impl SourceCode for NamedText<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &str = &self.text;
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        let moved = self.columns.iter().find(|(at, _)| *at == span.offset());
        let column = if let (0, Some((_, column))) = (context_lines_before, moved) {
            *column
        } else if context_lines_before == 0 {
            let offset = span.offset().min(self.text.len());
            let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
            self.text[line_start..offset].chars().count()
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// One diagnostic in miette's terms. Labels in other files than the primary
/// one become related reports, each with its own source.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    message: String,
    source: Option<NamedText<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
    show_help: bool,
}

impl<'a> Report<'a> {
    fn new(diagnostic: &'a Diagnostic, sources: &'a SourceMap) -> Report<'a> {
        let primary_file = diagnostic.primary_span().map(|s| s.file);
        // Labels grouped by file, the primary file first.
        let mut groups: Vec<(FileId, Vec<(usize, &Label)>)> = Vec::new();
        for (index, label) in diagnostic.labels.iter().enumerate() {
            match groups.iter_mut().find(|(f, _)| *f == label.span.file) {
                Some((_, group)) => group.push((index, label)),
                None => groups.push((label.span.file, vec![(index, label)])),
            }
        }
        let mut primary: Option<(NamedText<'a>, Vec<LabeledSpan>)> = None;
        let mut related = Vec::new();
        for (file, group) in groups {
            let source = sources.get(file);
            let text = &source.text;
            let spans: Vec<(usize, usize)> = group
                .iter()
                .map(|(_, label)| {
                    let start = label.span.start.min(text.len());
                    (start, label.span.end.min(text.len()).max(start))
                })
                .collect();
            let (shown, spans, columns) = shown_text(text, &spans);
            let labels = group
                .iter()
                .zip(spans)
                .map(|((index, label), (start, end))| {
                    let span = (start, end - start);
                    if *index == 0 {
                        LabeledSpan::new_primary_with_span(Some(label.message.clone()), span)
                    } else {
                        LabeledSpan::new_with_span(Some(label.message.clone()), span)
                    }
                })
                .collect();
            let named = NamedText {
                name: &source.name,
                text: shown,
                columns,
            };
            if Some(file) == primary_file {
                primary = Some((named, labels));
            } else {
                related.push(Report {
                    diagnostic,
                    message: "see also".to_string(),
                    source: Some(named),
                    labels,
                    related: Vec::new(),
                    show_help: false,
                });
            }
        }
        let (source, labels) = match primary {
            Some((source, labels)) => (Some(source), labels),
            None => (None, Vec::new()),
        };
        Report {
            diagnostic,
            message: diagnostic.message.clone(),
            source,
            labels,
            related,
            show_help: true,
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.show_help
            .then(|| Box::new(format!("evrule::{}", self.diagnostic.code)) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error if self.show_help => miette::Severity::Error,
            Severity::Warning if self.show_help => miette::Severity::Warning,
            _ => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if !self.show_help {
            return None;
        }
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}
