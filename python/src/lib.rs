//! `evrule._evrule`: the evrule library for Python (the `evrule` package
//! re-exports it).
//!
//! Every call extracts its Python inputs first, then releases the GIL for
//! the Rust work (loading, matching, gathering columns), so other Python
//! threads run meanwhile. Errors cross over in one place each: load errors
//! become `PackError` (`errors`), bad documents `TypeError`/`ValueError`
//! naming the document (`docs`).

mod convert;
mod docs;
mod errors;
mod records;
mod stream;
mod table;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use evrule::compile::CompiledPack;
use evrule::compile::load::{self, Ready};
use evrule::corpus::read::Failure;
use evrule::document::Document;
use evrule::lang::Diagnostic;
use evrule::lang::suggest::did_you_mean;
use evrule::matcher::Matcher;
use evrule::testing::explain::explain;
use evrule::testing::style::Style;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use serde_json::Value;

use errors::{PackError, diagnostic_dict, pack_error};
use records::{Offsets, record_values};
use stream::{Runs, failure_error, match_documents, pool, records_to_py};
use table::{Columns, argument_columns, arrow_schema, arrow_table};

/// A rule pack, loaded, checked and compiled once; match texts with `run`,
/// `run_many`, `to_arrow`.
///
/// `Pack(path)` takes a pack folder or a single `.evr` file and raises
/// `PackError` when the pack has errors. A Pack is safe to share between
/// threads, and pickles as its path (a worker process loads it again).
#[pyclass(module = "evrule", frozen)]
struct Pack {
    compiled: Arc<CompiledPack>,
    path: PathBuf,
    warnings: Vec<Diagnostic>,
    /// `(column, field)` for each argument field of the pack.
    arguments: Vec<(String, String)>,
}

#[pymethods]
impl Pack {
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Pack> {
        let loaded = py.detach(|| load::load(&path));
        let Ready { compiled, warnings } = loaded.map_err(|e| pack_error(py, &e))?;
        let arguments = argument_columns(&compiled.pack);
        Ok(Pack {
            compiled: Arc::new(compiled),
            path,
            warnings,
            arguments,
        })
    }

    /// The path the pack was loaded from.
    #[getter]
    fn path(&self) -> String {
        self.path.display().to_string()
    }

    /// The pack's warnings, as dicts like `PackError.diagnostics`.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for warning in &self.warnings {
            list.append(diagnostic_dict(py, warning, &self.compiled.pack.sources)?)?;
        }
        Ok(list)
    }

    /// The names of the pack's event types, in declaration order.
    #[getter]
    fn event_types(&self) -> Vec<String> {
        let events = &self.compiled.pack.events;
        events.iter().map(|e| e.name.clone()).collect()
    }

    /// The argument field names of all event types, each once, in
    /// declaration order: the struct columns of `to_arrow`'s table (a name
    /// that is also a record column, such as `text`, gets `arg_` in front).
    #[getter]
    fn argument_columns(&self) -> Vec<String> {
        self.arguments.iter().map(|(c, _)| c.clone()).collect()
    }

    /// The events of one text, as the dicts `evrule run` writes as JSON
    /// lines. `id` defaults to "0"; `date` and `meta` are carried into
    /// every record. `offsets="char"` gives character offsets (for slicing
    /// the Python string) instead of bytes.
    #[pyo3(signature = (text, id=None, date=None, meta=None, *, offsets="byte"))]
    fn run<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
        date: Option<String>,
        meta: Option<&Bound<'py, PyDict>>,
        offsets: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let offsets = Offsets::parse(offsets)?;
        let doc = Document {
            id: match id {
                None => "0".to_string(),
                Some(id) => document_id(id)?,
            },
            text: docs::text(text, &|| "text".to_string())?,
            date,
            meta: meta
                .map(|m| convert::dict_to_object(m, &|| "meta".to_string()))
                .transpose()?
                .filter(|m| !m.is_empty()),
            origin: None,
        };
        let pack = &*self.compiled;
        let records = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let events = Matcher::new(pack).match_document(&doc).events;
                record_values(&doc, &events, offsets)
            }))
        });
        match records {
            Ok(records) => records_to_py(py, &records),
            Err(_) => Err(failure_error(&internal_failure(&doc))),
        }
    }

    /// Matches many documents on `jobs` threads (default: one per core) and
    /// yields each document's list of records, in input order, while the
    /// input is still being read: a generator over any iterable, however
    /// long. A document is a str, or a dict with "text" and optionally
    /// "id", "date" and other fields (kept as "meta"), as a JSONL line of
    /// `evrule run`; without an id, its position in the input ("0", "1",
    /// ...) is its id.
    #[pyo3(signature = (docs, jobs=None, *, offsets="byte"))]
    fn run_many(
        &self,
        docs: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        offsets: &str,
    ) -> PyResult<Runs> {
        let offsets = Offsets::parse(offsets)?;
        let input = documents_iterator(docs, "run_many")?;
        Ok(Runs::new(
            self.compiled.clone(),
            pool(jobs)?,
            offsets,
            input,
        ))
    }

    /// The events of many documents (as `run_many` takes them) as a
    /// `pyarrow.Table`, one row per event, with the schema of
    /// `arrow_schema()`.
    #[pyo3(signature = (docs, jobs=None, *, offsets="byte"))]
    fn to_arrow<'py>(
        &self,
        py: Python<'py>,
        docs: &Bound<'py, PyAny>,
        jobs: Option<usize>,
        offsets: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let offsets = Offsets::parse(offsets)?;
        let mut documents = Vec::new();
        for (index, item) in documents_iterator(docs, "to_arrow")?.enumerate() {
            documents.push(Ok(docs::document(&item?, index)?));
        }
        self.table(py, documents, jobs, offsets)
    }

    /// The `pyarrow.Schema` of `to_arrow`'s tables: the record columns
    /// (`doc`, `sentence`, `event`, `label`, `isa`, `code`, `rule`, `start`,
    /// `end`, `text`, `negated`, `modality`, `date`, `meta` as a JSON
    /// string), then one struct column per argument field of the pack
    /// (`text`, `type`, `code`, `start`, `end`, `value`, `phrase_text`,
    /// `phrase_start`, `phrase_end`, `from_sentence`, and `parties`: a
    /// list of a compound's parts, each `text`, `type`, `code`, `start`,
    /// `end`, or null).
    fn arrow_schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        arrow_schema(py, &self.arguments)
    }

    /// What the pack sees in a text: sentences, tokens, mentions with types
    /// and codes, every rule that matched and what became of it; with
    /// `rule`, how far that rule got where it did not fire.
    #[pyo3(signature = (text, rule=None))]
    fn explain(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        rule: Option<&str>,
    ) -> PyResult<String> {
        let text = docs::text(text, &|| "text".to_string())?;
        let pack = &*self.compiled;
        let rule = match rule {
            None => None,
            Some(name) => Some(pack.pack.rule_by_name(name).ok_or_else(|| {
                let names = pack.pack.rules.iter().map(|r| r.name.as_str());
                let hint = did_you_mean(name, names)
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                PyValueError::new_err(format!("the pack has no rule `{name}`{hint}"))
            })?),
        };
        Ok(py.detach(|| explain(pack, &text, rule, Style::PLAIN)))
    }

    /// The JSON Schema of the pack's records, as a dict.
    fn schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_py(py, &evrule::event::schema(&self.compiled.pack))
    }

    fn __repr__(&self) -> String {
        format!(
            "<evrule.Pack {:?}: {}>",
            self.path.display().to_string(),
            self.compiled.pack.summary()
        )
    }

    /// Pickles as `Pack(path)`: a process that unpickles it loads the pack
    /// from the same path.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let path = slf.get().path.clone();
        PyTuple::new(
            slf.py(),
            [
                slf.get_type().into_any(),
                PyTuple::new(slf.py(), [path])?.into_any(),
            ],
        )
    }
}

impl Pack {
    /// Matches extracted documents and gathers their events' columns.
    fn table<'py>(
        &self,
        py: Python<'py>,
        documents: Vec<Result<Document, Failure>>,
        jobs: Option<usize>,
        offsets: Offsets,
    ) -> PyResult<Bound<'py, PyAny>> {
        let pool = pool(jobs)?;
        let (pack, arguments) = (&*self.compiled, &self.arguments);
        let columns = py.detach(|| {
            let mut columns = Columns::new(arguments.len());
            for batch in documents.chunks(evrule::corpus::run::BATCH) {
                for records in match_documents(&pool, pack, batch, offsets) {
                    for record in &records? {
                        columns.push(record, arguments);
                    }
                }
            }
            Ok(columns)
        });
        let columns = columns.map_err(|failure: Failure| failure_error(&failure))?;
        arrow_table(py, columns, arguments)
    }
}

/// The events of a `pyarrow.Table` (or `RecordBatch`) of documents, as a
/// `pyarrow.Table` with the schema of `pack.arrow_schema()`.
///
/// `text_column` holds the texts (str; a null text raises). `id_column`
/// the ids (str or int), when the table has it; otherwise a row's position
/// is its id. `date_column`, when the table has it, the dates (str, or
/// dates, written as ISO). Use `jobs=1` inside Spark tasks, which already
/// run in parallel.
#[pyfunction]
#[allow(
    clippy::too_many_arguments,
    reason = "the keyword arguments of a Python function"
)]
#[pyo3(signature = (pack, table, text_column="text", id_column="id", *, date_column="date", jobs=None, offsets="byte"))]
fn run_table<'py>(
    py: Python<'py>,
    pack: &Bound<'py, Pack>,
    table: &Bound<'py, PyAny>,
    text_column: &str,
    id_column: &str,
    date_column: &str,
    jobs: Option<usize>,
    offsets: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let offsets = Offsets::parse(offsets)?;
    let names: Vec<String> = table.getattr("schema")?.getattr("names")?.extract()?;
    // A column as a list of Python values, when the table has it.
    let column = |name: &str| -> PyResult<Option<Bound<'py, PyList>>> {
        let Some(index) = names.iter().position(|n| n == name) else {
            return Ok(None);
        };
        let values = table
            .call_method1("column", (index,))?
            .call_method0("to_pylist")?;
        Ok(Some(values.cast_into::<PyList>()?))
    };
    let Some(texts) = column(text_column)? else {
        return Err(PyKeyError::new_err(format!(
            "the table has no column {text_column:?} (its columns: {})",
            names.join(", ")
        )));
    };
    let ids = column(id_column)?;
    let dates = column(date_column)?;
    let mut documents = Vec::with_capacity(texts.len());
    for (row, text) in texts.iter().enumerate() {
        let id = match ids.as_ref().map(|ids| ids.get_item(row)).transpose()? {
            Some(id) if !id.is_none() => document_id(&id)?,
            _ => row.to_string(),
        };
        if text.is_none() {
            return Err(PyValueError::new_err(format!(
                "row {row} (id {id:?}): the text is null; filter such rows out first"
            )));
        }
        let text = docs::text(&text, &|| format!("row {row} (id {id:?})"))?;
        let date = match dates.as_ref().map(|d| d.get_item(row)).transpose()? {
            Some(date) if !date.is_none() => Some(date.str()?.to_str()?.to_owned()),
            _ => None,
        };
        documents.push(Ok(Document {
            id,
            text,
            date,
            meta: None,
            origin: None,
        }));
    }
    pack.get().table(py, documents, jobs, offsets)
}

/// An id given as str or int.
fn document_id(id: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = id.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    match convert::from_py(id, &|| "id".to_string()) {
        Ok(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        _ => Err(PyTypeError::new_err(format!(
            "an id must be a str or an int, not {}",
            convert::type_name(id)
        ))),
    }
}

/// An iterator over the documents of `docs`, refusing a lone text (which
/// Python would iterate character by character).
fn documents_iterator<'py>(
    docs: &Bound<'py, PyAny>,
    method: &str,
) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
    if docs.is_instance_of::<PyString>()
        || docs.is_instance_of::<PyBytes>()
        || docs.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "{method} takes an iterable of documents, not one {}; for one text use run()",
            convert::type_name(docs)
        )));
    }
    docs.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{method} takes an iterable of documents (str or dict), not {}",
            convert::type_name(docs)
        ))
    })
}

fn internal_failure(doc: &Document) -> Failure {
    Failure {
        location: doc.id.clone(),
        message: "internal error while matching this document (a bug: please report it with the document)".into(),
    }
}

#[pymodule]
fn _evrule(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pack>()?;
    m.add_class::<Runs>()?;
    m.add_function(wrap_pyfunction!(run_table, m)?)?;
    m.add("PackError", m.py().get_type::<PackError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
