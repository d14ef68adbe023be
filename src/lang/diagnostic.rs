//! Diagnostics found while loading a pack: what is wrong, where, and how to fix it.
//!
//! These are plain data; `report` turns them into miette reports at the edge
//! (the CLI and the snapshot tests).

use super::source::{SourceMap, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A labelled span; the first label of a diagnostic is its primary location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A diagnostic's location for tools: the pack-relative file name, and the
/// 1-based line and column (in characters) of its primary label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable identifier such as `unknown-type`, shown as `evrule::unknown-type`.
    pub code: &'static str,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the diagnostic points: its primary label's file, line and
    /// column, as the rendered report shows them. `None` for a diagnostic
    /// about the pack as a whole (say, a missing folder).
    pub fn position(&self, sources: &SourceMap) -> Option<Position> {
        let span = self.primary_span()?;
        let file = sources.get(span.file);
        let (line, column) = file.line_col(span.start);
        Some(Position {
            file: file.name.clone(),
            line,
            column,
        })
    }

    /// `error` or `warning`.
    pub fn severity_name(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// One line, `file:line:col: error[code]: message`, for logs and tests.
    pub fn one_line(&self, sources: &SourceMap) -> String {
        let severity = self.severity_name();
        match self.primary_span() {
            Some(span) => format!(
                "{}: {severity}[{}]: {}",
                sources.location(span),
                self.code,
                self.message
            ),
            None => format!("{severity}[{}]: {}", self.code, self.message),
        }
    }
}

/// Diagnostics in the order a reader wants them: by file, then position.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| {
        d.primary_span()
            .map_or((u32::MAX, 0), |s| (s.file.0, s.start))
    });
}
