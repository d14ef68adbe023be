//! Lexicon files: `phrase <TAB> Type <TAB> code [<TAB> options]`, one entry a
//! line; the options are `exact`, `from=YYYY-MM-DD` and `until=YYYY-MM-DD`,
//! separated by spaces.
//!
//! Rows are parsed here into spans and strings; the type column is resolved by
//! the checker, which knows the pack's taxonomy.

use super::date::{Date, DateRange};
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
    /// The document dates the row applies to (`from=`, `until=`).
    pub dates: DateRange,
    /// The whole row, for diagnostics.
    pub span: Span,
}

const OPTIONS_HELP: &str = "the optional 4th column holds options separated by spaces: `exact`, `from=YYYY-MM-DD` (inclusive), `until=YYYY-MM-DD` (exclusive)";

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
                .with_help("write `phrase<TAB>Type<TAB>code`, with an optional 4th column of options (`exact`, `from=YYYY-MM-DD`, `until=YYYY-MM-DD`); columns are separated by tabs, not spaces"),
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
        let options = match columns.get(3) {
            None => Some(RowOptions::default()),
            Some(&(cell, span)) => parse_options(cell, span, &mut diagnostics),
        };
        let Some(options) = options else {
            continue;
        };
        if row_ok {
            rows.push(LexiconRow {
                phrase: phrase.to_string(),
                type_name: type_name.to_string(),
                type_span,
                code: code.to_string(),
                exact: options.exact,
                dates: options.dates,
                span: row_span,
            });
        }
    }
    (rows, diagnostics)
}

#[derive(Debug, Default)]
struct RowOptions {
    exact: bool,
    dates: DateRange,
}

/// The 4th column: options separated by spaces; each bad one is a
/// diagnostic on its own span, and the row is dropped.
fn parse_options(cell: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) -> Option<RowOptions> {
    let mut options = RowOptions::default();
    let mut ok = true;
    let mut offset = 0;
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for word in cell.split(' ') {
        let word_span = Span::new(
            span.file,
            span.start + offset,
            span.start + offset + word.len(),
        );
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let (name, value) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (word, None),
        };
        if let Some(&(_, first)) = seen.iter().find(|(n, _)| *n == name) {
            diagnostics.push(
                Diagnostic::error(
                    "lexicon-row",
                    format!("lexicon option `{name}` is given twice"),
                )
                .with_label(word_span, "given again here")
                .with_label(first, "first given here"),
            );
            ok = false;
            continue;
        }
        seen.push((name, word_span));
        match (name, value) {
            ("exact", None) => options.exact = true,
            ("from" | "until", Some(value)) => match Date::parse(value) {
                Ok(date) if name == "from" => options.dates.from = Some(date),
                Ok(date) => options.dates.until = Some(date),
                Err(error) => {
                    diagnostics.push(
                        Diagnostic::error(
                            "lexicon-row",
                            format!("bad date `{value}` in `{name}=`: {error}"),
                        )
                        .with_label(word_span, "not a date")
                        .with_help(OPTIONS_HELP),
                    );
                    ok = false;
                }
            },
            _ => {
                diagnostics.push(
                    Diagnostic::error("lexicon-row", format!("unknown lexicon option `{word}`"))
                        .with_label(word_span, "unknown option")
                        .with_help(OPTIONS_HELP),
                );
                ok = false;
            }
        }
    }
    if let (Some(from), Some(until)) = (options.dates.from, options.dates.until)
        && from >= until
    {
        diagnostics.push(
            Diagnostic::error(
                "lexicon-row",
                format!("the row's dates are empty: `from={from}` is not before `until={until}`"),
            )
            .with_label(span, "no date is in this range")
            .with_help("`until=` is exclusive: the last day of the range plus one"),
        );
        ok = false;
    }
    ok.then_some(options)
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

    #[test]
    fn date_options_restrict_rows() {
        let text = "Karzai\tActor\tAFGGOV\tfrom=2001-12-22 until=2014-09-29\nKarzai\tActor\tAFGELI\nIS\tActor\tIMG\texact from=2013-04-08\n";
        let (rows, diagnostics) = parse_lexicon(FileId(0), text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            rows[0].dates.to_string(),
            "from=2001-12-22 until=2014-09-29"
        );
        assert!(!rows[1].dates.is_dated());
        assert!(rows[2].exact);
        assert_eq!(rows[2].dates.to_string(), "from=2013-04-08");
    }

    #[test]
    fn bad_date_options_are_located() {
        let text = "A\tActor\tX\tfrom=2001-02-30\nB\tActor\tY\tuntil=2001-01-01 until=2002-01-01\nC\tActor\tZ\tfrom=2002-01-01 until=2001-01-01\nD\tActor\tW\tsince=2001-01-01\n";
        let (rows, diagnostics) = parse_lexicon(FileId(0), text);
        assert!(rows.is_empty());
        let messages: Vec<(String, &str)> = diagnostics
            .iter()
            .map(|d| {
                let span = d.labels[0].span;
                (d.message.clone(), &text[span.start..span.end])
            })
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "bad date `2001-02-30` in `from=`: 2001-02 has no day 30".to_string(),
                    "from=2001-02-30"
                ),
                (
                    "lexicon option `until` is given twice".to_string(),
                    "until=2002-01-01"
                ),
                (
                    "the row's dates are empty: `from=2002-01-01` is not before `until=2001-01-01`"
                        .to_string(),
                    "from=2002-01-01 until=2001-01-01"
                ),
                (
                    "unknown lexicon option `since=2001-01-01`".to_string(),
                    "since=2001-01-01"
                ),
            ]
        );
    }
}
