//! `evrule.PackError` and the one conversion from the library's load errors
//! to it: its message is what `evrule check` prints (without colors), its
//! `diagnostics` the same findings as data.

use evrule::compile::load::LoadError;
use evrule::lang::{Diagnostic, SourceMap};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

create_exception!(
    evrule,
    PackError,
    PyException,
    "A pack that cannot be loaded: str() is the rendered report of `evrule check`, \
     `.diagnostics` a list of dicts (severity, file, line, column, code, message, help), \
     `.path` the pack's path."
);

/// A diagnostic as a dict: `severity`, `file`, `line`, `column` (1-based,
/// in characters; `None` when it points at no file), `code`, `message`,
/// `help` (or `None`).
pub fn diagnostic_dict<'py>(
    py: Python<'py>,
    diagnostic: &Diagnostic,
    sources: &SourceMap,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let position = diagnostic.position(sources);
    dict.set_item("severity", diagnostic.severity_name())?;
    dict.set_item("file", position.as_ref().map(|p| p.file.as_str()))?;
    dict.set_item("line", position.as_ref().map(|p| p.line))?;
    dict.set_item("column", position.as_ref().map(|p| p.column))?;
    dict.set_item("code", diagnostic.code)?;
    dict.set_item("message", &diagnostic.message)?;
    dict.set_item("help", diagnostic.help.as_deref())?;
    Ok(dict)
}

/// The Python exception for a pack that cannot be used.
pub fn pack_error(py: Python<'_>, error: &LoadError) -> PyErr {
    match build(py, error) {
        Ok(error) => error,
        Err(failed) => failed,
    }
}

fn build(py: Python<'_>, error: &LoadError) -> PyResult<PyErr> {
    let diagnostics = PyList::empty(py);
    let path = match error {
        LoadError::Invalid { path, loaded } => {
            for diagnostic in &loaded.diagnostics {
                diagnostics.append(diagnostic_dict(py, diagnostic, &loaded.sources)?)?;
            }
            path
        }
        LoadError::Compile { path, message } => {
            let dict = PyDict::new(py);
            dict.set_item("severity", "error")?;
            dict.set_item("file", py.None())?;
            dict.set_item("line", py.None())?;
            dict.set_item("column", py.None())?;
            dict.set_item("code", "compile")?;
            dict.set_item("message", message)?;
            dict.set_item("help", py.None())?;
            diagnostics.append(dict)?;
            path
        }
    };
    let err = PackError::new_err(error.render(false));
    let value = err.value(py);
    value.setattr("diagnostics", diagnostics)?;
    value.setattr("path", path.display().to_string())?;
    Ok(err)
}
