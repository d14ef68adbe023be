//! Events as a `pyarrow.Table`: one row per event, typed columns, and one
//! struct column per argument field of the pack.
//!
//! The schema comes from the pack, not from the events, so every batch of
//! a pack has the same columns (what Spark's `mapInArrow` and Parquet
//! writers need). Columns are gathered in Rust without the GIL, then handed
//! to pyarrow as Python lists with the schema.

use evrule::lang::Pack;
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use crate::convert::to_py;

/// The record columns, in order; argument columns follow.
pub const RECORD_COLUMNS: [&str; 14] = [
    "doc", "sentence", "event", "label", "isa", "code", "rule", "start", "end", "text", "negated",
    "modality", "date", "meta",
];

/// The fields of an argument's struct column.
const ARGUMENT_FIELDS: [&str; 11] = [
    "text",
    "type",
    "code",
    "start",
    "end",
    "value",
    "phrase_text",
    "phrase_start",
    "phrase_end",
    "from_sentence",
    "parties",
];

/// The fields of each part of a compound in an argument's `parties` list
/// (event types with `compound keep`).
const PARTY_FIELDS: [&str; 5] = ["text", "type", "code", "start", "end"];

/// Each argument field name of the pack (every event type's fields, in
/// declaration order, each once) and the column it goes to: its own name,
/// or `arg_NAME` when that is a record column.
pub fn argument_columns(pack: &Pack) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = Vec::new();
    for field in pack.events.iter().flat_map(|e| &e.fields) {
        if columns.iter().all(|(_, name)| *name != field.name) {
            let column = if RECORD_COLUMNS.contains(&field.name.as_str()) {
                format!("arg_{}", field.name)
            } else {
                field.name.clone()
            };
            columns.push((column, field.name.clone()));
        }
    }
    columns
}

/// Column values gathered from records, before they become Python lists.
pub struct Columns {
    record: Vec<Vec<Value>>,
    arguments: Vec<Vec<Value>>,
}

impl Columns {
    pub fn new(argument_count: usize) -> Columns {
        Columns {
            record: vec![Vec::new(); RECORD_COLUMNS.len()],
            arguments: vec![Vec::new(); argument_count],
        }
    }

    /// Appends one record (a JSON value from `records::record_values`).
    pub fn push(&mut self, record: &Value, arguments: &[(String, String)]) {
        for (column, name) in self.record.iter_mut().zip(RECORD_COLUMNS) {
            let value = match name {
                "negated" => Value::Bool(record.get(name).and_then(Value::as_bool) == Some(true)),
                // A JSON string, so that any metadata fits one column type.
                "meta" => match record.get(name) {
                    None | Some(Value::Null) => Value::Null,
                    Some(meta) => Value::String(meta.to_string()),
                },
                _ => record.get(name).cloned().unwrap_or(Value::Null),
            };
            column.push(value);
        }
        for (column, (_, field)) in self.arguments.iter_mut().zip(arguments) {
            let value = match record.get("args").and_then(|args| args.get(field)) {
                Some(argument) => flatten_argument(argument),
                None => Value::Null,
            };
            column.push(value);
        }
    }

    /// The columns as a `dict` of Python lists, keyed by column name.
    pub fn into_py<'py>(
        self,
        py: Python<'py>,
        arguments: &[(String, String)],
    ) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        let names = RECORD_COLUMNS
            .iter()
            .map(|n| n.to_string())
            .chain(arguments.iter().map(|(column, _)| column.clone()));
        for (name, values) in names.zip(self.record.into_iter().chain(self.arguments)) {
            let list = PyList::empty(py);
            for value in &values {
                list.append(to_py(py, value)?)?;
            }
            dict.set_item(name, list)?;
        }
        Ok(dict)
    }
}

/// An argument as its struct column's fields, `phrase` flattened into
/// `phrase_text`, `phrase_start` and `phrase_end`; `from_sentence` is
/// false unless the record says true; `parties`, a compound's parts, each
/// with [`PARTY_FIELDS`], or null.
fn flatten_argument(argument: &Value) -> Value {
    let phrase = argument.get("phrase");
    let mut flat = serde_json::Map::new();
    for field in ARGUMENT_FIELDS {
        let value = match (field, field.strip_prefix("phrase_")) {
            ("parties", _) => argument
                .get(field)
                .and_then(Value::as_array)
                .map(|parties| Value::Array(parties.iter().map(party).collect())),
            (_, Some(key)) => phrase.and_then(|p| p.get(key)).cloned(),
            (_, None) => argument.get(field).cloned(),
        };
        let absent = match field {
            "from_sentence" => Value::Bool(false),
            _ => Value::Null,
        };
        flat.insert(field.to_string(), value.unwrap_or(absent));
    }
    Value::Object(flat)
}

/// One part of a compound, with [`PARTY_FIELDS`] (null where absent).
fn party(part: &Value) -> Value {
    let fields = PARTY_FIELDS.iter().map(|field| {
        let value = part.get(*field).cloned().unwrap_or(Value::Null);
        (field.to_string(), value)
    });
    Value::Object(fields.collect())
}

/// The `pyarrow.Schema` of a pack's event table.
pub fn arrow_schema<'py>(
    py: Python<'py>,
    arguments: &[(String, String)],
) -> PyResult<Bound<'py, PyAny>> {
    let pa = import_pyarrow(py)?;
    let ty = |name: &str| pa.call_method0(name);
    let (string, int64, float64, boolean) =
        (ty("string")?, ty("int64")?, ty("float64")?, ty("bool_")?);
    let field = |name: &str, ty: &Bound<'py, PyAny>, nullable: bool| {
        pa.call_method1("field", (name, ty, nullable))
    };
    let mut fields = Vec::new();
    for name in RECORD_COLUMNS {
        let (ty, nullable) = match name {
            "sentence" | "start" | "end" => (int64.clone(), false),
            "negated" => (boolean.clone(), false),
            "isa" => (pa.call_method1("list_", (&string,))?, false),
            "doc" | "event" | "rule" | "text" => (string.clone(), false),
            _ => (string.clone(), true),
        };
        fields.push(field(name, &ty, nullable)?);
    }
    let mut party_fields = Vec::new();
    for name in PARTY_FIELDS {
        let ty = match name {
            "start" | "end" => &int64,
            _ => &string,
        };
        party_fields.push(field(name, ty, true)?);
    }
    let parties = pa.call_method1("list_", (pa.call_method1("struct", (party_fields,))?,))?;
    let mut argument_fields = Vec::new();
    for name in ARGUMENT_FIELDS {
        let ty = match name {
            "start" | "end" | "phrase_start" | "phrase_end" => &int64,
            "value" => &float64,
            "from_sentence" => &boolean,
            "parties" => &parties,
            _ => &string,
        };
        argument_fields.push(field(name, ty, true)?);
    }
    let argument_type = pa.call_method1("struct", (argument_fields,))?;
    for (column, _) in arguments {
        fields.push(field(column, &argument_type, true)?);
    }
    pa.call_method1("schema", (fields,))
}

/// Columns and schema to a `pyarrow.Table`.
pub fn arrow_table<'py>(
    py: Python<'py>,
    columns: Columns,
    arguments: &[(String, String)],
) -> PyResult<Bound<'py, PyAny>> {
    let pa = import_pyarrow(py)?;
    let schema = arrow_schema(py, arguments)?;
    let data = columns.into_py(py, arguments)?;
    pa.getattr("Table")?
        .call_method1("from_pydict", (data, schema))
}

fn import_pyarrow(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pyarrow").map_err(|_| {
        PyImportError::new_err("evrule's Arrow tables need pyarrow: pip install pyarrow")
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_argument_flattens_its_phrase_and_fills_absent_fields_with_null() {
        let argument = json!({"text": "army", "type": "Military", "code": "MIL", "start": 30, "end": 34,
                              "phrase": {"text": "the army", "start": 26, "end": 34}});
        assert_eq!(
            flatten_argument(&argument),
            json!({"text": "army", "type": "Military", "code": "MIL", "start": 30, "end": 34,
                   "value": null, "phrase_text": "the army", "phrase_start": 26, "phrase_end": 34,
                   "from_sentence": false, "parties": null})
        );
        let number = json!({"text": "40", "type": "Number", "start": 3, "end": 5, "value": 40.0});
        assert_eq!(
            flatten_argument(&number),
            json!({"text": "40", "type": "Number", "code": null, "start": 3, "end": 5,
                   "value": 40.0, "phrase_text": null, "phrase_start": null, "phrase_end": null,
                   "from_sentence": false, "parties": null})
        );
    }

    #[test]
    fn a_compound_keeps_its_parts() {
        let argument = json!({"text": "Congo and Rwanda", "type": "State", "code": "COD", "start": 0, "end": 16,
                              "parties": [
                                  {"text": "Congo", "type": "State", "code": "COD", "start": 0, "end": 5},
                                  {"text": "Rwanda", "type": "State", "code": "RWA", "start": 10, "end": 16,
                                   "phrase": {"text": "all of Rwanda", "start": 3, "end": 16}}]});
        assert_eq!(
            flatten_argument(&argument)["parties"],
            json!([{"text": "Congo", "type": "State", "code": "COD", "start": 0, "end": 5},
                   {"text": "Rwanda", "type": "State", "code": "RWA", "start": 10, "end": 16}])
        );
    }

    #[test]
    fn a_record_fills_every_column_whatever_it_lacks() {
        let arguments = vec![
            ("target".to_string(), "target".to_string()),
            ("arg_text".to_string(), "text".to_string()),
        ];
        let mut columns = Columns::new(arguments.len());
        columns.push(
            &json!({"doc": "d", "sentence": 0, "event": "E", "isa": ["E"], "rule": "r",
                    "start": 0, "end": 4, "text": "abcd", "modality": "future",
                    "args": {"text": {"text": "ab", "type": "T", "start": 0, "end": 2}},
                    "meta": {"url": "u", "n": 1}}),
            &arguments,
        );
        let column = |name: &str| {
            let index = RECORD_COLUMNS.iter().position(|c| *c == name).unwrap();
            columns.record[index][0].clone()
        };
        assert_eq!(column("negated"), json!(false));
        assert_eq!(column("modality"), json!("future"));
        assert_eq!(column("label"), json!(null));
        assert_eq!(column("meta"), json!(r#"{"url":"u","n":1}"#));
        assert_eq!(columns.arguments[0][0], json!(null));
        assert_eq!(columns.arguments[1][0]["text"], json!("ab"));
    }
}
