//! PETRARCH's XML input: `<Sentence date="YYYYMMDD" id="…" …>` elements,
//! each with a `<Text>` (and a `<Parse>` tree, which is not used), anywhere
//! in the file (usually inside `<Sentences>`).
//!
//! Every `<Sentence>` becomes one document: its `id`, its date as
//! `YYYY-MM-DD`, its text with line breaks joined, and its other attributes
//! as metadata. A file that is not well-formed XML ends in a failure at the
//! line and column where it breaks; the sentences before it are kept. A
//! sentence whose `<Parse>` opens more brackets than it closes (or the
//! other way round) is a failure too, as PETRARCH rejects it
//! (`bad_input_parse`): its text is not coded, and its id is reported.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use serde_json::{Map, Value};

use super::read::Failure;
use crate::document::Document;
use crate::lang::date::Date;

/// Every document (or failure) of one PETRARCH XML file, in order.
pub fn read_documents(name: &str, xml: &str) -> Vec<Result<Document, Failure>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut sentence: Option<Pending> = None;
    let mut in_text = false;
    let mut in_parse = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let at = reader.error_position() as usize;
                out.push(Err(Failure::new(
                    location(name, xml, at),
                    format!("malformed XML: {error}"),
                )));
                return out;
            }
        };
        match event {
            Event::Start(start) if start.name().as_ref() == "Sentence" => {
                sentence = Some(Pending::new(name, xml, at, &start));
            }
            Event::Empty(start) if start.name().as_ref() == "Sentence" => {
                let pending = Pending::new(name, xml, at, &start);
                out.push(pending.finish());
            }
            Event::End(end) if end.name().as_ref() == "Sentence" => {
                if let Some(pending) = sentence.take() {
                    out.push(pending.finish());
                }
                in_text = false;
                in_parse = false;
            }
            Event::Start(start) if start.name().as_ref() == "Text" && sentence.is_some() => {
                in_text = true;
            }
            Event::End(end) if end.name().as_ref() == "Text" => in_text = false,
            Event::Start(start) if start.name().as_ref() == "Parse" && sentence.is_some() => {
                in_parse = true;
                if let Some(pending) = &mut sentence {
                    pending.parse.get_or_insert_default();
                }
            }
            Event::End(end) if end.name().as_ref() == "Parse" => in_parse = false,
            Event::Text(text) if in_parse => {
                if let Some(balance) = sentence.as_mut().and_then(|p| p.parse.as_mut()) {
                    balance.count(&text.xml10_content());
                }
            }
            Event::Text(text) if in_text => {
                if let Some(pending) = &mut sentence {
                    pending.text.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) if in_text => {
                if let Some(pending) = &mut sentence {
                    pending.text.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) if in_text => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        resolve_predefined_entity(&reference.xml10_content()).map(str::to_string)
                    }
                    Err(_) => None,
                };
                let Some(resolved) = resolved else {
                    out.push(Err(Failure::new(
                        location(name, xml, at),
                        format!(
                            "unknown entity `&{};` in a sentence's text",
                            reference.xml10_content()
                        ),
                    )));
                    return out;
                };
                if let Some(pending) = &mut sentence {
                    pending.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(pending) = sentence {
        out.push(Err(Failure::new(
            pending.location,
            "malformed XML: <Sentence> is never closed",
        )));
    }
    out
}

/// A `<Sentence>` being read.
struct Pending {
    location: String,
    id: Option<String>,
    date: Result<Option<String>, String>,
    meta: Map<String, Value>,
    text: String,
    /// The brackets of its `<Parse>`, if it has one.
    parse: Option<Brackets>,
    attribute_error: Option<String>,
}

/// How many brackets a `<Parse>` tree opens and closes.
#[derive(Debug, Default)]
struct Brackets {
    opened: usize,
    closed: usize,
}

impl Brackets {
    fn count(&mut self, text: &str) {
        self.opened += text.matches('(').count();
        self.closed += text.matches(')').count();
    }
}

impl Pending {
    fn new(name: &str, xml: &str, at: usize, start: &BytesStart) -> Pending {
        let mut pending = Pending {
            location: location(name, xml, at),
            id: None,
            date: Ok(None),
            meta: Map::new(),
            text: String::new(),
            parse: None,
            attribute_error: None,
        };
        for attribute in start.attributes() {
            let attribute = match attribute {
                Ok(attribute) => attribute,
                Err(error) => {
                    pending.attribute_error = Some(format!("bad attribute: {error}"));
                    continue;
                }
            };
            let key = attribute.key.as_ref().to_string();
            let value = match attribute.normalized_value(XmlVersion::Implicit1_0) {
                Ok(value) => value.into_owned(),
                Err(error) => {
                    pending.attribute_error = Some(format!("bad attribute `{key}`: {error}"));
                    continue;
                }
            };
            match key.as_str() {
                "id" => pending.id = Some(value),
                "date" => pending.date = iso_date(&value).map(Some),
                _ => {
                    pending.meta.insert(key, Value::String(value));
                }
            }
        }
        pending
    }

    fn finish(self) -> Result<Document, Failure> {
        let id = self.id.unwrap_or_else(|| self.location.clone());
        if let Some(error) = self.attribute_error {
            return Err(Failure::new(
                self.location,
                format!("sentence `{id}`: {error}"),
            ));
        }
        let date = self
            .date
            .map_err(|error| Failure::new(&self.location, format!("sentence `{id}`: {error}")))?;
        if let Some(Brackets { opened, closed }) = self.parse
            && opened != closed
        {
            return Err(Failure::new(
                self.location,
                format!(
                    "sentence `{id}`: its <Parse> opens {opened} brackets and closes {closed}; \
                     PETRARCH rejects such a record (bad_input_parse), so it is not coded"
                ),
            ));
        }
        Ok(Document {
            id,
            text: join_lines(&self.text),
            date,
            meta: (!self.meta.is_empty()).then_some(self.meta),
            origin: Some(self.location),
        })
    }
}

/// PETRARCH's `YYYYMMDD` as `YYYY-MM-DD`.
fn iso_date(value: &str) -> Result<String, String> {
    let value = value.trim();
    let digits = value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit());
    if !digits {
        return Err(format!("date `{value}` is not YYYYMMDD"));
    }
    let part = |range: std::ops::Range<usize>| value[range].parse::<u32>().unwrap_or(0);
    Date::new(part(0..4), part(4..6), part(6..8))
        .map(|date| date.to_string())
        .map_err(|error| format!("date `{value}`: {error}"))
}

/// The text on one line: runs of white space that break a line become one
/// space, and the ends are trimmed.
fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.trim().split('\n').enumerate() {
        if i > 0 {
            out.truncate(out.trim_end().len());
            out.push(' ');
        }
        out.push_str(if i > 0 { line.trim_start() } else { line });
    }
    out.truncate(out.trim_end().len());
    out
}

/// `name:line:column` of a byte offset (columns count characters, from 1).
fn location(name: &str, xml: &str, at: usize) -> String {
    let at = at.min(xml.len());
    let at = (0..=at)
        .rev()
        .find(|&i| xml.is_char_boundary(i))
        .unwrap_or(0);
    let before = &xml[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    format!("{name}:{line}:{column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Sentences>
<!-- a comment -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor will mend its ties
with Gondor &amp; Rohan.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date = "20080801" id ="ERR-01">
<Text>Second.</Text>
</Sentence>
</Sentences>
"#;

    #[test]
    fn one_document_per_sentence_with_id_date_and_meta() {
        let docs: Vec<Document> = read_documents("t.xml", XML)
            .into_iter()
            .map(|d| d.unwrap())
            .collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "DEMO-00");
        assert_eq!(
            docs[0].text,
            "Arnor will mend its ties with Gondor & Rohan."
        );
        assert_eq!(docs[0].date.as_deref(), Some("1995-01-01"));
        let meta = docs[0].meta.as_ref().unwrap();
        assert_eq!(meta["category"], "DEMO");
        assert_eq!(meta["sentence"], "true");
        assert_eq!(docs[1].id, "ERR-01");
        assert_eq!(docs[1].date.as_deref(), Some("2008-08-01"));
        assert_eq!(docs[1].meta, None);
    }

    #[test]
    fn a_bad_date_fails_that_sentence_only() {
        let xml = "<S><Sentence id=\"a\" date=\"19950230\"><Text>x</Text></Sentence>\n<Sentence id=\"b\" date=\"1995\"><Text>y</Text></Sentence><Sentence id=\"c\"><Text>z</Text></Sentence></S>";
        let results: Vec<String> = read_documents("d.xml", xml)
            .into_iter()
            .map(|r| match r {
                Ok(doc) => format!("ok {} {:?}", doc.id, doc.date),
                Err(failure) => failure.to_string(),
            })
            .collect();
        assert_eq!(
            results,
            [
                "d.xml:1:4: sentence `a`: date `19950230`: 1995-02 has no day 30",
                "d.xml:2:1: sentence `b`: date `1995` is not YYYYMMDD",
                "ok c None",
            ]
        );
    }

    #[test]
    fn malformed_xml_is_a_located_failure_after_the_good_sentences() {
        let xml = "<S>\n<Sentence id=\"a\"><Text>fine</Text></Sentence>\n<Sentence id=\"b\"><Text>broken</Txt></Sentence>\n</S>";
        let results = read_documents("m.xml", xml);
        assert_eq!(results.len(), 2);
        assert_eq!(results[0].as_ref().unwrap().id, "a");
        let failure = results[1].as_ref().unwrap_err();
        assert_eq!(failure.location, "m.xml:3:30");
        assert!(failure.message.contains("Txt"), "{failure}");
        assert!(failure.message.starts_with("malformed XML"), "{failure}");
    }

    #[test]
    fn an_unbalanced_parse_fails_that_sentence_only() {
        let xml = "<S>\n<Sentence id=\"ok\"><Text>x</Text><Parse>(ROOT (S (NP x)))</Parse></Sentence>\n\
                   <Sentence id=\"bad\"><Text>y</Text><Parse>(ROOT (S\n (NP y))</Parse></Sentence>\n\
                   <Sentence id=\"none\"><Text>z</Text></Sentence></S>";
        let results: Vec<String> = read_documents("p.xml", xml)
            .into_iter()
            .map(|r| match r {
                Ok(doc) => format!("ok {}", doc.id),
                Err(failure) => failure.to_string(),
            })
            .collect();
        assert_eq!(
            results,
            [
                "ok ok",
                "p.xml:3:1: sentence `bad`: its <Parse> opens 3 brackets and closes 2; PETRARCH rejects such a record (bad_input_parse), so it is not coded",
                "ok none",
            ]
        );
    }

    #[test]
    fn an_unclosed_sentence_is_reported_where_it_starts() {
        let results = read_documents("u.xml", "<Sentence id=\"a\"><Text>x</Text>");
        assert_eq!(
            results[0].as_ref().unwrap_err().to_string(),
            "u.xml:1:1: malformed XML: <Sentence> is never closed"
        );
    }
}
