//! Python documents to the library's [`Document`]s, extracted (and checked)
//! while holding the GIL so that matching can run without it.
//!
//! A document is a `str`, UTF-8 `bytes`, or a `dict` with `text` and
//! optionally `id`, `date` and other fields, read by the same rules as a
//! JSONL line of `evrule run` (the other fields become `meta`). A document
//! without an id gets its position in the input.

use evrule::corpus::read::document_from_object;
use evrule::document::Document;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use serde_json::Value;

use crate::convert::{dict_to_object, type_name};

/// The text of a `str` or UTF-8 `bytes`; `what` names it in errors.
pub fn text(value: &Bound<'_, PyAny>, what: &dyn Fn() -> String) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return s.to_str().map(str::to_owned).map_err(|_| {
            PyValueError::new_err(format!(
                "{}: the text is not valid Unicode (it holds a lone surrogate)",
                what()
            ))
        });
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return String::from_utf8(b.as_bytes().to_vec()).map_err(|e| {
            PyValueError::new_err(format!(
                "{}: not UTF-8 (invalid byte at offset {})",
                what(),
                e.utf8_error().valid_up_to()
            ))
        });
    }
    Err(PyTypeError::new_err(format!(
        "{}: text must be str or bytes, not {}",
        what(),
        type_name(value)
    )))
}

/// The document at position `index` of an input.
pub fn document(value: &Bound<'_, PyAny>, index: usize) -> PyResult<Document> {
    let what = || format!("docs[{index}]");
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut object = dict_to_object(dict, &what)?;
        // `text` may be bytes, which JSON cannot hold: read it first.
        if let Some(raw) = dict.get_item("text")? {
            let text = text(&raw, &|| format!("{}[\"text\"]", what()))?;
            object.insert("text".into(), Value::String(text));
        }
        object
            .entry("id")
            .or_insert_with(|| Value::String(index.to_string()));
        return document_from_object(object, &what())
            .map_err(|failure| PyValueError::new_err(failure.to_string()));
    }
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
        return Ok(Document::new(index.to_string(), text(value, &what)?));
    }
    Err(PyTypeError::new_err(format!(
        "{}: a document is a str or a dict with \"text\" (and \"id\", \"date\", other fields), not {}",
        what(),
        type_name(value)
    )))
}
