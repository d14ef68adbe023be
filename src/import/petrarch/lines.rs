//! The lines of a PETRARCH/TABARI dictionary, with comments removed and
//! source positions kept.
//!
//! All the dictionary formats share their comment rules: a line starting
//! with `#` is a comment; `<!-- … -->` comments may sit inside a line or run
//! over several (a line starting with `<!` opens one that runs to the next
//! `-->`); `#` and, for TABARI's sake, `;` start a comment that runs to the
//! end of the line. Blank lines carry nothing.

use super::{Origin, Problem};

/// One line of content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// Where it is (1-based line).
    pub origin: Origin,
    /// The content, comments removed, trailing white space trimmed.
    pub text: String,
    /// Whether it starts with a tab or a space (date restrictions do).
    pub indented: bool,
    /// The line as written, for reports.
    pub raw: String,
}

/// The content lines of a dictionary file; an unterminated `<!--` comment is
/// a problem at the line that opens it.
pub fn read_lines(file: &str, text: &str) -> (Vec<SourceLine>, Vec<Problem>) {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut open_comment: Option<(usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let raw = raw.trim_start_matches('\u{FEFF}');
        let mut rest: &str = raw;
        if open_comment.is_some() {
            match rest.find("-->") {
                Some(end) => {
                    open_comment = None;
                    rest = &rest[end + 3..];
                }
                None => continue,
            }
        } else if rest.starts_with("<!") {
            match rest.find("-->") {
                Some(end) => rest = &rest[end + 3..],
                None => {
                    open_comment = Some((number, raw.to_string()));
                    continue;
                }
            }
        }
        let mut content = String::new();
        loop {
            match rest.find("<!--") {
                Some(start) => {
                    content.push_str(&rest[..start]);
                    match rest[start..].find("-->") {
                        Some(end) => rest = &rest[start + end + 3..],
                        None => {
                            open_comment = Some((number, raw.to_string()));
                            rest = "";
                        }
                    }
                }
                None => {
                    content.push_str(rest);
                    break;
                }
            }
        }
        if content.trim_start().starts_with('#') {
            continue;
        }
        if let Some(cut) = content.find(['#', ';']) {
            content.truncate(cut);
        }
        let indented = content.starts_with([' ', '\t']);
        let content = content.trim_end();
        if content.trim().is_empty() {
            continue;
        }
        lines.push(SourceLine {
            origin: Origin::new(file, number),
            text: content.to_string(),
            indented,
            raw: raw.to_string(),
        });
    }
    if let Some((number, raw)) = open_comment {
        problems.push(Problem::new(
            Origin::new(file, number),
            raw,
            "a `<!--` comment opened here is never closed with `-->`; the rest of the file is skipped",
        ));
    }
    (lines, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, String, bool)> {
        let (lines, problems) = read_lines("d.txt", text);
        assert!(problems.is_empty(), "{problems:?}");
        lines
            .into_iter()
            .map(|l| (l.origin.line, l.text, l.indented))
            .collect()
    }

    #[test]
    fn comments_of_every_kind_are_removed() {
        let text = "<!-- header -->\n# a comment\nARNOR_ [ARN] # pas 1995\n<!--\nmany\nlines -->\nGONDOR <!-- inline --> [GON]\n\n\t[HOB <950601] ; tabari\n<! -- odd opener -->\nOMAN  [MOM]\n";
        assert_eq!(
            texts(text),
            [
                (3, "ARNOR_ [ARN]".to_string(), false),
                (7, "GONDOR  [GON]".to_string(), false),
                (9, "\t[HOB <950601]".to_string(), true),
                (11, "OMAN  [MOM]".to_string(), false),
            ]
        );
    }

    #[test]
    fn an_unclosed_comment_is_reported_where_it_opens() {
        let (lines, problems) = read_lines("d.txt", "A [X]\n<!-- never\nB [Y]\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].origin.to_string(), "d.txt:2");
    }
}
