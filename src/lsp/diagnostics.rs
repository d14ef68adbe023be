//! The checker's diagnostics as LSP diagnostics, grouped by file: the
//! primary label gives the range, the other labels become related
//! information, the help is appended to the message.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};

use crate::lang::diagnostic::{Diagnostic, Severity};
use crate::lang::source::{SourceMap, Span};

use super::position::LineIndex;

/// Every file of the pack (so that fixed files get an empty list) with
/// its diagnostics. A diagnostic about no place goes to `fallback` (the
/// file the editor is on), at its first line.
pub fn by_file(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    fallback: &std::path::Path,
) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let mut files: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = sources
        .iter()
        .map(|(_, f)| (f.path.clone(), Vec::new()))
        .collect();
    for diagnostic in diagnostics {
        let (path, primary) = match diagnostic.primary_span() {
            Some(span) => (sources.get(span.file).path.clone(), range(sources, span)),
            None => (fallback.to_path_buf(), lsp_types::Range::default()),
        };
        let related: Vec<DiagnosticRelatedInformation> = diagnostic
            .labels
            .iter()
            .skip(1)
            .filter_map(|label| {
                Some(DiagnosticRelatedInformation {
                    location: Location::new(
                        Url::from_file_path(&sources.get(label.span.file).path).ok()?,
                        range(sources, label.span),
                    ),
                    message: label.message.clone(),
                })
            })
            .collect();
        let mut message = diagnostic.message.clone();
        if let Some(label) = diagnostic.labels.first() {
            message.push_str(&format!(": {}", label.message));
        }
        if let Some(help) = &diagnostic.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        files.entry(path).or_default().push(lsp_types::Diagnostic {
            range: primary,
            severity: Some(match diagnostic.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(diagnostic.code.to_string())),
            source: Some("evrule".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..lsp_types::Diagnostic::default()
        });
    }
    files
}

pub fn range(sources: &SourceMap, span: Span) -> lsp_types::Range {
    LineIndex::new(&sources.get(span.file).text).range(span.start, span.end)
}
