//! Reading documents: text files, folders of them, JSONL (`id`, `text`,
//! optional `date`, any other fields kept as metadata), PETRARCH XML
//! (`petrarch_xml`), gzip, and stdin.
//!
//! Documents stream in input order. What cannot be read becomes a
//! [`Failure`] naming the file, line and column, in its place in the stream,
//! so that every input is accounted for.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde_json::{Map, Value};

use crate::document::Document;

/// An input that could not be read, or a document that could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct Failure {
    /// `path`, `path:line` or `path:line:column`.
    pub location: String,
    pub message: String,
}

impl Failure {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            location: location.into(),
            message: message.into(),
        }
    }
}

/// How text files become documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextMode {
    /// One document per file; its id is the path.
    #[default]
    File,
    /// One document per non-empty line; its id is `path:line`.
    Lines,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Stdin,
    Text(PathBuf),
    Jsonl(PathBuf),
    PetrarchXml(PathBuf),
}

/// What was found in the inputs: the sources to read and the files skipped.
#[derive(Debug, Default)]
pub struct Inputs {
    sources: Vec<Source>,
    /// Files inside folders that are neither text nor JSONL.
    pub skipped: Vec<PathBuf>,
    /// Inputs that do not exist or cannot be listed.
    pub missing: Vec<Failure>,
}

/// Expands input arguments: `-` is stdin, a folder is every `.txt`, `.jsonl`,
/// `.xml` (and `.gz` of them) below it in path order, a file is read as JSONL
/// or PETRARCH XML if its name says so and as text otherwise.
pub fn expand_inputs(inputs: &[PathBuf]) -> Inputs {
    let mut found = Inputs::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            found.sources.push(Source::Stdin);
        } else if input.is_dir() {
            let mut files = Vec::new();
            if let Err(error) = list_folder(input, &mut files) {
                found.missing.push(Failure::new(
                    input.display().to_string(),
                    format!("cannot list folder: {error}"),
                ));
            }
            files.sort();
            for file in files {
                match classify(&file) {
                    Some(source) => found.sources.push(source),
                    None => found.skipped.push(file),
                }
            }
        } else if input.is_file() {
            found
                .sources
                .push(classify(input).unwrap_or_else(|| Source::Text(input.clone())));
        } else {
            found.missing.push(Failure::new(
                input.display().to_string(),
                "no such file or folder",
            ));
        }
    }
    found
}

fn list_folder(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            list_folder(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn classify(path: &Path) -> Option<Source> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Source::Jsonl(path.to_path_buf()))
    } else if name.ends_with(".txt") || name.ends_with(".text") {
        Some(Source::Text(path.to_path_buf()))
    } else if name.ends_with(".xml") {
        Some(Source::PetrarchXml(path.to_path_buf()))
    } else {
        None
    }
}

impl Inputs {
    /// Every document (or failure) of every source, in order.
    pub fn documents(self, mode: TextMode) -> impl Iterator<Item = Result<Document, Failure>> {
        let missing = self.missing.into_iter().map(Err);
        missing.chain(
            self.sources
                .into_iter()
                .flat_map(move |source| read_source(source, mode)),
        )
    }
}

type DocumentIter = Box<dyn Iterator<Item = Result<Document, Failure>>>;

fn read_source(source: Source, mode: TextMode) -> DocumentIter {
    let (name, reader): (String, io::Result<Box<dyn Read>>) = match &source {
        Source::Stdin => ("-".to_string(), Ok(Box::new(io::stdin()))),
        Source::Text(path) | Source::Jsonl(path) | Source::PetrarchXml(path) => {
            (path.display().to_string(), open(path))
        }
    };
    let reader = match reader {
        Ok(reader) => BufReader::new(reader),
        Err(error) => {
            return Box::new(std::iter::once(Err(Failure::new(
                name,
                format!("cannot open: {error}"),
            ))));
        }
    };
    match source {
        Source::Jsonl(_) => Box::new(LineDocuments::new(name, reader, parse_jsonl_line)),
        Source::PetrarchXml(_) => Box::new(
            read_whole_text(&name, reader)
                .map(|xml| super::petrarch_xml::read_documents(&name, &xml))
                .unwrap_or_else(|failure| vec![Err(failure)])
                .into_iter(),
        ),
        Source::Stdin => Box::new(StdinDocuments {
            reader: Some(reader),
            mode,
            lines: None,
        }),
        Source::Text(_) => match mode {
            TextMode::File => Box::new(std::iter::once(read_whole(&name, reader))),
            TextMode::Lines => Box::new(LineDocuments::new(name, reader, text_line)),
        },
    }
}

fn open(path: &Path) -> io::Result<Box<dyn Read>> {
    let file = File::open(path)?;
    let gzipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gzipped {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    })
}

fn read_whole(name: &str, reader: impl Read) -> Result<Document, Failure> {
    read_whole_text(name, reader).map(|text| Document::new(name, text))
}

fn read_whole_text(name: &str, mut reader: impl Read) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::new(name, format!("cannot read: {e}")))?;
    utf8(name, bytes, None)
}

/// Decodes UTF-8 or says where it is not.
fn utf8(name: &str, bytes: Vec<u8>, line: Option<usize>) -> Result<String, Failure> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let location = match line {
            Some(line) => format!("{name}:{line}:{}", at + 1),
            None => name.to_string(),
        };
        Failure::new(location, format!("not UTF-8 (invalid byte at offset {at})"))
    })
}

/// Reads one line (without its line break); `None` at the end.
fn next_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>) -> Option<io::Result<()>> {
    buffer.clear();
    match reader.read_until(b'\n', buffer) {
        Ok(0) => None,
        Ok(_) => {
            while buffer.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buffer.pop();
            }
            Some(Ok(()))
        }
        Err(error) => Some(Err(error)),
    }
}

/// One JSONL line to a document.
pub fn parse_jsonl_line(name: &str, line: usize, bytes: Vec<u8>) -> Result<Document, Failure> {
    let text = utf8(name, bytes, Some(line))?;
    let object: Map<String, Value> = serde_json::from_str(&text).map_err(|e| {
        Failure::new(
            format!("{name}:{line}:{}", e.column()),
            format!("invalid JSON: {e}"),
        )
    })?;
    document_from_object(object, &format!("{name}:{line}"))
}

/// A JSON object to a document: `text` (a string) is required, `id` (a
/// string or a number) defaults to `location`, `date` is a string or null,
/// and every other field is kept as metadata. Failures name `location`.
pub fn document_from_object(
    mut object: Map<String, Value>,
    location: &str,
) -> Result<Document, Failure> {
    let id = match object.shift_remove("id") {
        Some(Value::String(id)) => id,
        Some(Value::Number(n)) => n.to_string(),
        None => location.to_string(),
        Some(other) => {
            return Err(Failure::new(
                location,
                format!("`id` must be a string or a number, not {other}"),
            ));
        }
    };
    let text = match object.shift_remove("text") {
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(Failure::new(
                location,
                format!(
                    "document `{id}`: `text` must be a string, not {}",
                    kind(&other)
                ),
            ));
        }
        None => {
            return Err(Failure::new(
                location,
                format!("document `{id}` has no `text` field"),
            ));
        }
    };
    let date = match object.shift_remove("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(date)) => Some(date),
        Some(other) => {
            return Err(Failure::new(
                location,
                format!(
                    "document `{id}`: `date` must be a string, not {}",
                    kind(&other)
                ),
            ));
        }
    };
    Ok(Document {
        id,
        text,
        date,
        meta: (!object.is_empty()).then_some(object),
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How one non-blank line becomes a document.
type LineParser = fn(name: &str, line: usize, bytes: Vec<u8>) -> Result<Document, Failure>;

/// A text line as a document with the id `name:line`.
fn text_line(name: &str, line: usize, bytes: Vec<u8>) -> Result<Document, Failure> {
    utf8(name, bytes, Some(line)).map(|text| Document::new(format!("{name}:{line}"), text))
}

/// The documents of a line-per-document source (JSONL or `--lines` text):
/// blank lines are skipped, line numbers kept for ids and failures.
struct LineDocuments<R> {
    name: String,
    lines: R,
    line: usize,
    buffer: Vec<u8>,
    parse: LineParser,
}

impl<R: BufRead> LineDocuments<R> {
    fn new(name: String, lines: R, parse: LineParser) -> LineDocuments<R> {
        LineDocuments {
            name,
            lines,
            line: 0,
            buffer: Vec::new(),
            parse,
        }
    }
}

impl<R: BufRead> Iterator for LineDocuments<R> {
    type Item = Result<Document, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.line += 1;
            match next_line(&mut self.lines, &mut self.buffer)? {
                Err(error) => {
                    return Some(Err(Failure::new(
                        format!("{}:{}", self.name, self.line),
                        format!("cannot read: {error}"),
                    )));
                }
                Ok(()) if self.buffer.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(()) => {
                    let bytes = std::mem::take(&mut self.buffer);
                    return Some((self.parse)(&self.name, self.line, bytes));
                }
            }
        }
    }
}

/// Stdin: JSONL if its first non-blank byte is `{`, else text.
struct StdinDocuments<R> {
    reader: Option<R>,
    mode: TextMode,
    lines: Option<DocumentIter>,
}

impl<R: BufRead + 'static> Iterator for StdinDocuments<R> {
    type Item = Result<Document, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(mut reader) = self.reader.take() {
            let first = loop {
                match reader.fill_buf() {
                    Ok([]) => break None,
                    Ok(bytes) => match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
                        Some(i) => break Some(bytes[i]),
                        None => {
                            let n = bytes.len();
                            reader.consume(n);
                        }
                    },
                    Err(error) => {
                        return Some(Err(Failure::new("-", format!("cannot read: {error}"))));
                    }
                }
            };
            let name = "-".to_string();
            self.lines = Some(match (first, self.mode) {
                (None, _) => Box::new(std::iter::empty()),
                (Some(b'{'), _) => Box::new(LineDocuments::new(name, reader, parse_jsonl_line)),
                (_, TextMode::Lines) => Box::new(LineDocuments::new(name, reader, text_line)),
                (_, TextMode::File) => Box::new(std::iter::once(read_whole(&name, reader))),
            });
        }
        self.lines.as_mut()?.next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_lines_keep_metadata_and_report_positions() {
        let doc = parse_jsonl_line(
            "a.jsonl",
            3,
            br#"{"id": 7, "text": "Hi.", "date": "2015-09-30", "url": "u"}"#.to_vec(),
        )
        .unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!(doc.date.as_deref(), Some("2015-09-30"));
        assert_eq!(doc.meta.unwrap()["url"], "u");
        let error =
            parse_jsonl_line("a.jsonl", 4, br#"{"id": "x", "text": }"#.to_vec()).unwrap_err();
        assert_eq!(error.location, "a.jsonl:4:21");
        let error = parse_jsonl_line("a.jsonl", 5, br#"{"id": "x"}"#.to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a.jsonl:5: document `x` has no `text` field"
        );
    }
}
