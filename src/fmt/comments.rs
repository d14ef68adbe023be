//! The comments of a rule file, found in its text (the parser skips them),
//! with what the formatter needs to put each one back: whether it has a
//! line of its own or follows code, whether it is indented, and whether a
//! blank line precedes it.

/// One `#` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of the `#`.
    pub start: usize,
    /// From `#` to the end of the line, trailing whitespace removed.
    pub text: String,
    /// For a comment after code on its line: the end of that code. `None`
    /// for a comment on a line of its own.
    pub after_code: Option<usize>,
    /// Whether the line starts with whitespace (a comment of its own line).
    pub indented: bool,
    /// Whether the line before is blank.
    pub blank_before: bool,
}

/// Every comment of `text`: a `#` outside strings and patterns. Strings
/// are found here (a quote opens one, the next quote not escaped by `\`
/// closes it, on the same line); `patterns` holds the byte ranges of the
/// patterns (quotes included), sorted, since a pattern takes no escapes.
pub fn find_comments(text: &str, patterns: &[(usize, usize)]) -> Vec<Comment> {
    let mut comments = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = match patterns.binary_search_by_key(&i, |&(start, _)| start) {
                    Ok(index) => patterns[index].1.max(i + 1),
                    Err(_) => string_end(bytes, i),
                };
            }
            b'#' => {
                let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let before = &text[line_start..i];
                let code = before.trim_end();
                comments.push(Comment {
                    start: i,
                    text: text[i..line_end].trim_end().to_string(),
                    after_code: (!code.trim().is_empty()).then(|| line_start + code.len()),
                    indented: before.starts_with([' ', '\t']),
                    blank_before: blank_line_before(text, line_start),
                });
                i = line_end;
            }
            _ => i += 1,
        }
    }
    comments
}

/// The offset just past the string that opens at `open`.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Whether the line before the line starting at `line_start` is blank.
pub fn blank_line_before(text: &str, line_start: usize) -> bool {
    if line_start == 0 {
        return false;
    }
    let before = &text[..line_start - 1];
    let previous = before.rfind('\n').map_or(before, |n| &before[n + 1..]);
    previous.trim().is_empty()
}

/// The start of the line holding `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |n| n + 1)
}

/// Whether only whitespace stands between the start of its line and `offset`.
pub fn starts_line(text: &str, offset: usize) -> bool {
    text[line_start(text, offset)..offset].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_in_quotes_are_text_and_the_rest_are_classified() {
        let text = "type A  # trailing\n\n  # own \"line\"\nrule r\n  \"X # not\"\n  example \"a \\\" # b\"\n";
        let pattern = text.find("\"X").unwrap();
        let comments = find_comments(text, &[(pattern, pattern + 9)]);
        assert_eq!(
            comments,
            [
                Comment {
                    start: 8,
                    text: "# trailing".into(),
                    after_code: Some(6),
                    indented: false,
                    blank_before: false,
                },
                Comment {
                    start: 22,
                    text: "# own \"line\"".into(),
                    after_code: None,
                    indented: true,
                    blank_before: true,
                },
            ]
        );
    }
}
