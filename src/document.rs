//! An input document: what the corpus readers produce and the matcher reads.

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The path of a text file, or the `id` of a JSONL line.
    pub id: String,
    pub text: String,
    /// An ISO date (`2015-09-30`) or whatever the input gave.
    pub date: Option<String>,
    /// The other fields of a JSONL line, carried into every record.
    pub meta: Option<Map<String, Value>>,
    /// Where it was read (`path`, `path:line`), for messages; `None` for
    /// a document made in code.
    pub origin: Option<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
            meta: None,
            origin: None,
        }
    }
}
