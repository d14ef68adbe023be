//! Diagnostics as JSON, for editors, CI annotations and scripts
//! (`evrule check --format json` prints one [`JsonDiagnostic`] per line).
//!
//! Positions are given both ways tools want them: 1-based line and column
//! counted in characters (what a person and most editors read), and byte
//! offsets into the file (what a program slices with). An end position is
//! exclusive: the character just after the span.

use serde::Serialize;

use super::diagnostic::{Diagnostic, Label, Severity};
use super::source::{SourceMap, Span};

/// One diagnostic. Position fields are `null` for a diagnostic about no
/// particular place (an unreadable pack folder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonDiagnostic {
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    /// The file name relative to the pack folder, as the human report shows it.
    pub file: Option<String>,
    /// The file's path as evrule opened it (relative to the working
    /// directory when the pack was given as a relative path).
    pub path: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// Every labelled span, the primary one first.
    pub labels: Vec<JsonLabel>,
    pub help: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonLabel {
    pub message: String,
    pub file: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
}

impl JsonLabel {
    fn new(label: &Label, sources: &SourceMap) -> JsonLabel {
        let Span { file, start, end } = label.span;
        let source = sources.get(file);
        let (line, column) = source.line_col(start);
        let (end_line, end_column) = source.line_col(end);
        JsonLabel {
            message: label.message.clone(),
            file: source.name.clone(),
            path: source.path.display().to_string(),
            line,
            column,
            end_line,
            end_column,
            start,
            end,
        }
    }
}

impl JsonDiagnostic {
    pub fn new(diagnostic: &Diagnostic, sources: &SourceMap) -> JsonDiagnostic {
        let labels: Vec<JsonLabel> = diagnostic
            .labels
            .iter()
            .map(|label| JsonLabel::new(label, sources))
            .collect();
        let primary = labels.first();
        JsonDiagnostic {
            severity: match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: diagnostic.code,
            message: diagnostic.message.clone(),
            file: primary.map(|l| l.file.clone()),
            path: primary.map(|l| l.path.clone()),
            line: primary.map(|l| l.line),
            column: primary.map(|l| l.column),
            end_line: primary.map(|l| l.end_line),
            end_column: primary.map(|l| l.end_column),
            start: primary.map(|l| l.start),
            end: primary.map(|l| l.end),
            labels,
            help: diagnostic.help.clone(),
        }
    }
}

/// The diagnostics as JSON Lines: one object per line, in report order.
pub fn to_json_lines(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let json = serde_json::to_string(&JsonDiagnostic::new(diagnostic, sources))
            .expect("a diagnostic always serializes");
        out.push_str(&json);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn positions_are_characters_and_bytes_with_an_exclusive_end() {
        let mut sources = SourceMap::default();
        let id = sources.add(
            "a.evr".into(),
            PathBuf::from("pack/a.evr"),
            "type É\ntype Ü : Ä\n".into(),
        );
        let start = "type É\ntype Ü : ".len();
        let diagnostic = Diagnostic::error("unknown-type", "unknown type `Ä`")
            .with_label(Span::new(id, start, start + 2), "here");
        let json = JsonDiagnostic::new(&diagnostic, &sources);
        assert_eq!(
            (json.line, json.column, json.end_line, json.end_column),
            (Some(2), Some(10), Some(2), Some(11))
        );
        assert_eq!((json.start, json.end), (Some(start), Some(start + 2)));
        assert_eq!(json.path.as_deref(), Some("pack/a.evr"));
    }

    #[test]
    fn a_diagnostic_without_a_place_has_null_positions() {
        let line = to_json_lines(
            &[Diagnostic::error("io", "pack x does not exist").with_help("give a folder")],
            &SourceMap::default(),
        );
        assert_eq!(
            line,
            "{\"severity\":\"error\",\"code\":\"io\",\"message\":\"pack x does not exist\",\"file\":null,\"path\":null,\"line\":null,\"column\":null,\"end_line\":null,\"end_column\":null,\"start\":null,\"end\":null,\"labels\":[],\"help\":\"give a folder\"}\n"
        );
    }
}
