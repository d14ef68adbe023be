//! Reading documents: text files, folders of them, JSONL (`id`, `text`,
//! optional `date`, any other fields kept as metadata), PETRARCH XML
//! (`petrarch_xml`), gzip, and stdin.
//!
//! Documents stream in input order. What cannot be read becomes a
//! [`Failure`] naming the file, line and column, in its place in the stream,
//! so that every input is accounted for.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde_json::{Map, Value};

use crate::document::Document;
use crate::files::write::Identity;

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

/// Largest document read: a text file in file mode, a line in `--lines`
/// mode, or a JSONL line. Past it the document is one failure and reading
/// goes on with the next one, so memory stays bounded whatever the input.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

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
    /// Entries of folders that are not read, and why: FIFOs, devices,
    /// link loops, broken links.
    pub notes: Vec<String>,
    /// Inputs that do not exist, and folders that cannot be listed: each is
    /// one failure, in the stream before the documents.
    pub missing: Vec<Failure>,
}

/// Expands input arguments: `-` is stdin, a folder is every `.txt`, `.jsonl`,
/// `.xml` (and `.gz` of them) below it in path order, anything else named is
/// read, as JSONL or PETRARCH XML if its name says so and as text otherwise
/// (so a FIFO, `/dev/stdin` or `<(…)` is read when named).
///
/// In folders only regular files are read (links followed, each file and
/// folder once, link loops noted); a folder that cannot be listed is one
/// failure and the rest of the walk goes on.
pub fn expand_inputs(inputs: &[PathBuf]) -> Inputs {
    let mut found = Inputs::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            found.sources.push(Source::Stdin);
            continue;
        }
        let input = &clean_path(input);
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let mut walk = Walk::default();
                walk.folder(input, &mut found);
                walk.files.sort();
                for file in walk.files {
                    match classify(&file) {
                        Some(source) => found.sources.push(source),
                        None => found.skipped.push(file),
                    }
                }
            }
            Ok(_) => found
                .sources
                .push(classify(input).unwrap_or_else(|| Source::Text(input.clone()))),
            Err(error) if error.kind() == io::ErrorKind::NotFound => found.missing.push(
                Failure::new(input.display().to_string(), "no such file or folder"),
            ),
            Err(error) => found.missing.push(Failure::new(
                input.display().to_string(),
                format!("cannot read: {error}"),
            )),
        }
    }
    found
}

/// A path as a document id: the same file gets the same id however it was
/// typed (`./a.txt`, `a.txt`, `/cwd/a.txt`), so ids and snapshot names do
/// not depend on the spelling.
fn clean_path(path: &Path) -> PathBuf {
    let relative = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path),
        _ => path,
    };
    let mut parts: Vec<Component> = Vec::new();
    for component in relative.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                // Lexical: `a/../b` is `b` unless `a` is a link, which a
                // document id need not know.
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        PathBuf::from(".")
    } else {
        parts.iter().collect()
    }
}

/// The state of one folder walk: what was seen, so that each folder and
/// each file is visited once whatever links lead to them.
#[derive(Default)]
struct Walk {
    folders: HashSet<Identity>,
    seen_files: HashSet<Identity>,
    files: Vec<PathBuf>,
    /// The folders being walked, root first, to name a loop's target.
    ancestors: Vec<(Identity, PathBuf)>,
}

impl Walk {
    fn folder(&mut self, dir: &Path, found: &mut Inputs) {
        let Some(id) = Identity::of(dir) else {
            return;
        };
        if !self.folders.insert(id) {
            if let Some((_, ancestor)) = self.ancestors.iter().find(|(a, _)| *a == id) {
                found.notes.push(format!(
                    "{} leads back to {}: link loop not followed",
                    dir.display(),
                    ancestor.display()
                ));
            }
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                found.missing.push(Failure::new(
                    dir.display().to_string(),
                    format!("cannot list folder: {error}"),
                ));
                return;
            }
        };
        self.ancestors.push((id, dir.to_path_buf()));
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(error) => found.missing.push(Failure::new(
                    dir.display().to_string(),
                    format!("cannot list folder: {error}"),
                )),
            }
        }
        paths.sort();
        for path in paths {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(error) => {
                    let what = if path.symlink_metadata().is_ok_and(|m| m.is_symlink()) {
                        "broken link"
                    } else {
                        "cannot read"
                    };
                    found
                        .notes
                        .push(format!("skipped {}: {what}: {error}", path.display()));
                    continue;
                }
            };
            if meta.is_dir() {
                self.folder(&path, found);
            } else if meta.is_file() {
                let id = Identity {
                    device: meta.dev(),
                    inode: meta.ino(),
                };
                if self.seen_files.insert(id) {
                    self.files.push(path);
                }
            } else {
                found.notes.push(format!(
                    "skipped {}: {} (only regular files are read from folders; name it to read it)",
                    path.display(),
                    crate::files::confine::describe(meta.file_type())
                ));
            }
        }
        self.ancestors.pop();
    }
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

    /// The identities of every file this run reads (stdin too, when it is a
    /// file), so that an output can be refused when it is one of them.
    pub fn identities(&self) -> Vec<Identity> {
        self.sources
            .iter()
            .filter_map(|source| match source {
                Source::Stdin => Identity::of_stdin(),
                Source::Text(path) | Source::Jsonl(path) | Source::PetrarchXml(path) => {
                    Identity::of(path)
                }
            })
            .collect()
    }

    /// The paths read, for messages.
    pub fn source_paths(&self) -> Vec<PathBuf> {
        self.sources
            .iter()
            .map(|source| match source {
                Source::Stdin => PathBuf::from("-"),
                Source::Text(path) | Source::Jsonl(path) | Source::PetrarchXml(path) => {
                    path.clone()
                }
            })
            .collect()
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

/// The document on line `line` (from 1) of a corpus file: a JSONL object
/// on a `.jsonl` file, the line's text otherwise (id `path:line`).
pub fn document_at_line(path: &Path, line: usize) -> Result<Document, Failure> {
    let name = path.display().to_string();
    let reader = open(path).map_err(|e| Failure::new(&name, format!("cannot open: {e}")))?;
    let mut reader = BufReader::new(reader);
    let mut buffer = Vec::new();
    let mut number = 0;
    while let Some(read) = next_line(&mut reader, &mut buffer) {
        read.map_err(|e| {
            Failure::new(
                format!("{name}:{}", number + 1),
                format!("cannot read: {e}"),
            )
        })?;
        number += 1;
        if number == line {
            let bytes = std::mem::take(&mut buffer);
            return match classify(path) {
                Some(Source::Jsonl(_)) => parse_jsonl_line(&name, line, bytes),
                _ => {
                    let text = utf8(&name, bytes, Some(line))?;
                    Ok(Document::new(format!("{name}:{line}"), text))
                }
            };
        }
    }
    Err(Failure::new(
        name,
        format!("has {number} line(s), so no line {line}"),
    ))
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

/// A whole input as one document, refused past [`MAX_DOCUMENT_BYTES`]
/// (without reading further).
fn read_whole(name: &str, reader: impl Read) -> Result<Document, Failure> {
    let text = read_whole_text(name, reader)?;
    Ok(Document {
        origin: Some(name.to_string()),
        ..Document::new(name, text)
    })
}

/// A whole input's text, refused past [`MAX_DOCUMENT_BYTES`].
fn read_whole_text(name: &str, reader: impl Read) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::new(name, format!("cannot read: {e}")))?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(name.to_string()));
    }
    utf8(name, bytes, None)
}

fn too_large(location: String) -> Failure {
    Failure::new(
        location,
        format!(
            "document larger than {MAX_DOCUMENT_BYTES} bytes, the most read as one document (see docs/LIMITS.md); skipped"
        ),
    )
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

/// One line read by [`next_line`].
enum Line {
    /// The line is in the buffer, without its line break.
    Read,
    /// The line was longer than [`MAX_DOCUMENT_BYTES`]; it was skipped.
    TooLong,
}

/// Reads one line (without its line break), at most [`MAX_DOCUMENT_BYTES`]
/// of it into memory; `None` at the end.
fn next_line(reader: &mut impl BufRead, buffer: &mut Vec<u8>) -> Option<io::Result<Line>> {
    buffer.clear();
    let limit = MAX_DOCUMENT_BYTES as u64 + 1;
    match reader.by_ref().take(limit).read_until(b'\n', buffer) {
        Ok(0) => None,
        Ok(_) if buffer.len() as u64 == limit && buffer.last() != Some(&b'\n') => {
            buffer.clear();
            Some(skip_line(reader).map(|()| Line::TooLong))
        }
        Ok(_) => {
            while buffer.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buffer.pop();
            }
            Some(Ok(Line::Read))
        }
        Err(error) => Some(Err(error)),
    }
}

/// Consumes the rest of a line without keeping it.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = chunk.len();
        reader.consume(n);
    }
}

/// One JSONL line to a document.
pub fn parse_jsonl_line(name: &str, line: usize, bytes: Vec<u8>) -> Result<Document, Failure> {
    let text = utf8(name, bytes, Some(line))?;
    let StrictObject(object) = serde_json::from_str(&text).map_err(|e| {
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
        origin: Some(location.to_string()),
    })
}

/// A JSON object whose keys are unique: a line that names `id` or `text`
/// twice is an error rather than silently the last one. (With
/// serde_json's `arbitrary_precision`, numbers keep their digits as
/// written, so a long numeric id is not rounded.)
struct StrictObject(Map<String, Value>);

impl<'de> serde::Deserialize<'de> for StrictObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = StrictObject;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<StrictObject, A::Error> {
                let mut object = Map::new();
                while let Some(key) = access.next_key::<String>()? {
                    if object.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    let value: Value = access.next_value()?;
                    object.insert(key, value);
                }
                Ok(StrictObject(object))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
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
    utf8(name, bytes, Some(line)).map(|text| {
        let id = format!("{name}:{line}");
        Document {
            origin: Some(id.clone()),
            ..Document::new(id, text)
        }
    })
}

/// The documents of a line-per-document source (JSONL or `--lines` text):
/// blank lines are skipped, line numbers kept for ids and failures.
struct LineDocuments<R> {
    name: String,
    lines: R,
    line: usize,
    buffer: Vec<u8>,
    parse: LineParser,
    /// Set after a read error: the input yields nothing more.
    ended: bool,
}

impl<R: BufRead> LineDocuments<R> {
    fn new(name: String, lines: R, parse: LineParser) -> LineDocuments<R> {
        LineDocuments {
            name,
            lines,
            line: 0,
            buffer: Vec::new(),
            parse,
            ended: false,
        }
    }
}

impl<R: BufRead> Iterator for LineDocuments<R> {
    type Item = Result<Document, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        loop {
            self.line += 1;
            let location = || format!("{}:{}", self.name, self.line);
            match next_line(&mut self.lines, &mut self.buffer)? {
                // A read error (a truncated gzip, trailing junk, a device
                // error) ends this input: reading on would fail again.
                Err(error) => {
                    self.ended = true;
                    return Some(Err(Failure::new(
                        location(),
                        format!("cannot read: {error}; the rest of this input is skipped"),
                    )));
                }
                Ok(Line::TooLong) => {
                    return Some(Err(Failure::new(
                        location(),
                        format!(
                            "line longer than {MAX_DOCUMENT_BYTES} bytes, the most read as one document (see docs/LIMITS.md); skipped"
                        ),
                    )));
                }
                Ok(Line::Read) if self.buffer.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => {
                    // A copy of the line's length, not the buffer: the
                    // buffer keeps its grown capacity for the next line,
                    // and the batches in flight hold no slack.
                    let bytes = self.buffer.clone();
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
