//! Event records: the typed output of a pack, one JSON object per event,
//! with a stable field order; and the JSON Schema of a pack's records.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::lang::Pack;
use crate::lang::pack::EventId;

/// One event found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub doc: String,
    /// Index of the sentence in the document, from 0.
    pub sentence: usize,
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The event type and its ancestors, most specific first.
    pub isa: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub rule: String,
    /// Byte offsets of the matched text in the document.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Always written, `false` included, so that every record has it.
    #[serde(default)]
    pub negated: bool,
    /// How the text holds the event back when its type marks modality
    /// (`modality mark`): "future", "intended", "threatened",
    /// "conditional", "hypothetical" or "question".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<String>,
    /// Arguments in the order the event type declares its fields.
    pub args: IndexMap<String, Argument>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Map<String, Value>>,
}

/// An argument: a mention in the text, with its type and code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Argument {
    pub text: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    /// The numeric value of a `Number` argument, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The noun phrase around the mention ("more than 100 suspected
    /// ISWAP fighters"), when it is longer than the mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<TextSpan>,
    /// Every part of a compound ("A and B") when the event type keeps
    /// compounds in one record (`compound keep`); then `text`, `start`
    /// and `end` span the whole compound and `type`/`code` are the first
    /// part's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parties: Option<Vec<Argument>>,
    /// The rule left this field empty and the event's `fill` option took
    /// the mention from elsewhere in the sentence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_sentence: bool,
}

impl Argument {
    /// This argument listing the parts of its compound.
    pub fn with_parties(self, parties: Vec<Argument>) -> Argument {
        Argument {
            parties: Some(parties),
            ..self
        }
    }
}

/// A stretch of the document: its text and byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The JSON Schema (draft 2020-12) of the records a pack can emit: one
/// variant per event type, with its own fields.
pub fn schema(pack: &Pack) -> Value {
    let argument = json!({
        "type": "object",
        "required": ["text", "type", "start", "end"],
        "properties": {
            "text": {"type": "string"},
            "type": {"type": "string", "description": "the entity type of the mention"},
            "code": {"type": "string"},
            "start": {"type": "integer", "minimum": 0, "description": "byte offset in the document"},
            "end": {"type": "integer", "minimum": 0},
            "value": {"type": "number", "description": "numeric value of a Number argument"},
            "phrase": {
                "type": "object",
                "description": "the noun phrase around the mention, when longer",
                "required": ["text", "start", "end"],
                "properties": {
                    "text": {"type": "string"},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0}
                },
                "additionalProperties": false
            },
            "parties": {
                "type": "array",
                "description": "the parts of a compound, for event types with `compound keep`",
                "items": {"$ref": "#/$defs/argument"}
            },
            "from_sentence": {
                "type": "boolean",
                "const": true,
                "description": "the rule left the field empty; the event's `fill` option took this mention from the sentence"
            }
        },
        "additionalProperties": false
    });
    let variants: Vec<Value> = (0..pack.events.len())
        .map(|i| event_schema(pack, EventId(i as u32)))
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("evrule event records of pack {}", pack.root.display()),
        "description": "One JSON object per line; `args` holds the event's fields in declaration order.",
        "$defs": { "argument": argument },
        "oneOf": variants
    })
}

fn event_schema(pack: &Pack, id: EventId) -> Value {
    let event = pack.event(id);
    let isa: Vec<&str> = pack
        .event_chain(id)
        .iter()
        .map(|e| pack.event(*e).name.as_str())
        .collect();
    let mut args = Map::new();
    let mut required_args = Vec::new();
    for field in &event.fields {
        let types: Vec<String> = pack
            .types
            .iter()
            .enumerate()
            .filter(|(t, _)| {
                field
                    .types
                    .iter()
                    .any(|&f| pack.is_subtype(crate::lang::pack::TypeId(*t as u32), f))
            })
            .map(|(_, t)| t.name.clone())
            .collect();
        args.insert(
            field.name.clone(),
            json!({
                "allOf": [{"$ref": "#/$defs/argument"}],
                "properties": {"type": {"enum": types}}
            }),
        );
        if !field.optional {
            required_args.push(field.name.clone());
        }
    }
    let mut properties = json!({
        "doc": {"type": "string"},
        "sentence": {"type": "integer", "minimum": 0},
        "event": {"const": event.name},
        "label": {"type": "string"},
        "isa": {"const": isa},
        "code": {"type": "string"},
        "rule": {"type": "string"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
        "text": {"type": "string"},
        "negated": {"type": "boolean"},
        "modality": {"enum": ["future", "intended", "threatened", "conditional", "hypothetical", "question"]},
        "args": {
            "type": "object",
            "properties": args,
            "required": required_args,
            "additionalProperties": false
        },
        "date": {"type": "string"},
        "meta": {"type": "object"}
    });
    if let (Some(label), Some(map)) = (&event.label, properties.as_object_mut()) {
        map.insert("label".into(), json!({"const": label}));
    }
    if let (Some(code), Some(map)) = (&event.code, properties.as_object_mut()) {
        map.insert("code".into(), json!({"const": code}));
    }
    json!({
        "title": event.name,
        "type": "object",
        "required": ["doc", "sentence", "event", "isa", "rule", "start", "end", "text", "negated", "args"],
        "properties": properties,
        "additionalProperties": false
    })
}
