//! Records for Python: the library's [`EventRecord`]s as the JSON values
//! `evrule run` writes, with offsets in bytes (as the CLI) or converted to
//! characters (for slicing Python strings).
//!
//! Everything here is plain Rust, so it runs with the GIL released, on the
//! matching threads.

use evrule::document::Document;
use evrule::event::EventRecord;
use evrule::text::CharOffsets;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::Value;

/// Which offsets records carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offsets {
    /// Bytes into the UTF-8 text, exactly as `evrule run` writes them.
    Byte,
    /// Characters (code points), as Python indexes `str`.
    Char,
}

impl Offsets {
    pub fn parse(name: &str) -> PyResult<Offsets> {
        match name {
            "byte" => Ok(Offsets::Byte),
            "char" => Ok(Offsets::Char),
            other => Err(PyValueError::new_err(format!(
                "offsets must be \"byte\" or \"char\", not {other:?}"
            ))),
        }
    }
}

/// A document's records as JSON values, offsets as asked.
pub fn record_values(doc: &Document, events: &[EventRecord], offsets: Offsets) -> Vec<Value> {
    let chars = match offsets {
        Offsets::Char => Some(CharOffsets::new(&doc.text)).filter(|c| !c.is_identity()),
        Offsets::Byte => None,
    };
    events
        .iter()
        .map(|event| {
            // Serializing a record is infallible: it holds strings, numbers
            // and JSON maps only.
            let mut value = serde_json::to_value(event).unwrap_or(Value::Null);
            if let Some(chars) = &chars {
                to_char_offsets(&mut value, chars);
            }
            value
        })
        .collect()
}

/// Converts every offset of a record: its own span, each argument's, and
/// each argument's noun phrase (`phrase`) when the record has one.
fn to_char_offsets(record: &mut Value, chars: &CharOffsets) {
    convert_span(record, chars);
    if let Some(Value::Object(args)) = record.get_mut("args") {
        for argument in args.values_mut() {
            convert_span(argument, chars);
            if let Some(phrase) = argument.get_mut("phrase") {
                convert_span(phrase, chars);
            }
        }
    }
}

fn convert_span(object: &mut Value, chars: &CharOffsets) {
    for key in ["start", "end"] {
        if let Some(offset) = object.get_mut(key)
            && let Some(byte) = offset.as_u64()
        {
            *offset = Value::from(chars.char_offset(byte as usize) as u64);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Offsets of the record, its arguments and their noun phrases (a
    /// field records may carry) all become character offsets.
    #[test]
    fn every_span_of_a_record_becomes_characters() {
        let text = "Über Gao: rebels ambushed the army";
        let byte = |s: &str| text.find(s).unwrap() as u64;
        let mut record = json!({
            "doc": "d", "start": byte("rebels"), "end": text.len(),
            "args": {
                "attacker": {"text": "rebels", "start": byte("rebels"), "end": byte("rebels") + 6},
                "target": {"text": "army", "start": byte("army"), "end": byte("army") + 4,
                           "phrase": {"text": "the army", "start": byte("the army"), "end": text.len()}}
            }
        });
        to_char_offsets(&mut record, &CharOffsets::new(text));
        let chars = |s: &str| text[..text.find(s).unwrap()].chars().count() as u64;
        let length = text.chars().count() as u64;
        assert_eq!(record["start"], chars("rebels"));
        assert_eq!(record["end"], length);
        assert_eq!(record["args"]["attacker"]["start"], chars("rebels"));
        assert_eq!(record["args"]["target"]["end"], length);
        assert_eq!(
            record["args"]["target"]["phrase"]["start"],
            chars("the army")
        );
        assert_eq!(record["args"]["target"]["phrase"]["end"], length);
    }
}
