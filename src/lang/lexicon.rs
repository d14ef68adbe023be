//! Lexicon files: `phrase <TAB> Type <TAB> code [<TAB> exact]`, one entry a line.
//!
//! Rows are parsed here into spans and strings; the type column is resolved by
//! the checker, which knows the pack's taxonomy.

use super::diagnostic::Diagnostic;
use super::source::{FileId, Span};

/// One row of a lexicon file, before its type is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconRow {
    pub phrase: String,
    pub type_name: String,
    pub type_span: Span,
    pub code: String,
    /// Match only with exactly this capitalization (for acronyms like `IS`).
    pub exact: bool,
    /// The whole row, for diagnostics.
    pub span: Span,
}

const FLAGS_HELP: &str = "the optional 4th column may only be `exact`";

/// Parses a lexicon file; malformed rows become diagnostics and are skipped.
pub fn parse_lexicon(file: FileId, text: &str) -> (Vec<LexiconRow>, Vec<Diagnostic>) {
    let mut rows = Vec::new();
    let mut diagnostics = Vec::new();
    let mut line_start = 0;
    for raw_line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let row_span = Span::new(file, start, start + line.len());
        let mut columns = Vec::new();
        let mut column_start = start;
        for cell in line.split('\t') {
            columns.push((
                cell,
                Span::new(file, column_start, column_start + cell.len()),
            ));
            column_start += cell.len() + 1;
        }
        if !(3..=4).contains(&columns.len()) {
            diagnostics.push(
                Diagnostic::error(
                    "lexicon-row",
                    format!(
                        "lexicon row has {} column{} instead of 3 or 4",
                        columns.len(),
                        if columns.len() == 1 { "" } else { "s" }
                    ),
                )
                .with_label(row_span, "this row")
                .with_help("write `phrase<TAB>Type<TAB>code`, with an optional 4th column `exact`; columns are separated by tabs, not spaces"),
            );
            continue;
        }
        let (phrase, phrase_span) = columns[0];
        let (type_name, type_span) = columns[1];
        let (code, code_span) = columns[2];
        let mut row_ok = true;
        for (cell, span, what) in [
            (phrase, phrase_span, "phrase"),
            (type_name, type_span, "type"),
            (code, code_span, "code"),
        ] {
            if cell.trim() != cell {
                diagnostics.push(
                    Diagnostic::error(
                        "lexicon-row",
                        format!("lexicon {what} has spaces around it"),
                    )
                    .with_label(span, "spaces at the edge")
                    .with_help("separate columns with exactly one tab and no spaces"),
                );
                row_ok = false;
            }
        }
        if phrase.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error("lexicon-row", "lexicon row has an empty phrase")
                    .with_label(row_span, "this row"),
            );
            continue;
        }
        if type_name.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error("lexicon-row", "lexicon row has an empty type")
                    .with_label(type_span, "type expected here"),
            );
            continue;
        }
        let exact = match columns.get(3) {
            None => false,
            Some((flag, _)) if flag.trim() == "exact" => true,
            Some((flag, span)) => {
                diagnostics.push(
                    Diagnostic::error("lexicon-row", format!("unknown lexicon flag `{flag}`"))
                        .with_label(*span, "unknown flag")
                        .with_help(FLAGS_HELP),
                );
                continue;
            }
        };
        if row_ok {
            rows.push(LexiconRow {
                phrase: phrase.to_string(),
                type_name: type_name.to_string(),
                type_span,
                code: code.to_string(),
                exact,
                span: row_span,
            });
        }
    }
    (rows, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_comments_and_flags() {
        let text = "# states\nRussia\tState\tRUS\n\nIS\tArmedGroup\tIMGMUSISI\texact\r\n";
        let (rows, diagnostics) = parse_lexicon(FileId(0), text);
        assert!(diagnostics.is_empty());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].phrase, "Russia");
        assert!(!rows[0].exact);
        assert_eq!(rows[1].code, "IMGMUSISI");
        assert!(rows[1].exact);
        assert_eq!(
            &text[rows[1].type_span.start..rows[1].type_span.end],
            "ArmedGroup"
        );
    }

    #[test]
    fn malformed_rows_are_reported_and_skipped() {
        let text = "Russia State RUS\nSyria\tState\tSYR\tloud\n\tState\tX\nIraq\tState\tIRQ\n";
        let (rows, diagnostics) = parse_lexicon(FileId(0), text);
        assert_eq!(rows.len(), 1);
        assert_eq!(diagnostics.len(), 3);
    }
}
