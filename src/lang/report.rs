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

use super::diagnostic::{Diagnostic, Severity};
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
    text: &'a str,
}

impl SourceCode for NamedText<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let column = if context_lines_before == 0 {
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
        let mut labels = Vec::new();
        let mut others: Vec<(FileId, Vec<LabeledSpan>)> = Vec::new();
        for (index, label) in diagnostic.labels.iter().enumerate() {
            let text = &sources.get(label.span.file).text;
            let start = label.span.start.min(text.len());
            let length = label.span.end.min(text.len()).saturating_sub(start);
            let labeled = if index == 0 {
                LabeledSpan::new_primary_with_span(Some(label.message.clone()), (start, length))
            } else {
                LabeledSpan::new_with_span(Some(label.message.clone()), (start, length))
            };
            if Some(label.span.file) == primary_file {
                labels.push(labeled);
            } else if let Some((_, group)) = others.iter_mut().find(|(f, _)| *f == label.span.file)
            {
                group.push(labeled);
            } else {
                others.push((label.span.file, vec![labeled]));
            }
        }
        let source_of = |file: FileId| {
            let f = sources.get(file);
            NamedText {
                name: &f.name,
                text: &f.text,
            }
        };
        let related = others
            .into_iter()
            .map(|(file, labels)| Report {
                diagnostic,
                message: "see also".to_string(),
                source: Some(source_of(file)),
                labels,
                related: Vec::new(),
                show_help: false,
            })
            .collect();
        Report {
            diagnostic,
            message: diagnostic.message.clone(),
            source: primary_file.map(source_of),
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
