//! Matching documents from Python: batches extracted with the GIL, matched
//! in parallel without it (the library's `corpus::run::match_batch`, the
//! same core as `evrule run`), and `run_many`'s iterator, which streams one
//! list of records per document in input order.

use std::collections::VecDeque;
use std::sync::Arc;

use evrule::compile::CompiledPack;
use evrule::corpus::read::Failure;
use evrule::corpus::run::{BATCH, match_batch};
use evrule::document::Document;
use evrule::matcher::Matcher;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList};
use serde_json::Value;

use crate::convert::to_py;
use crate::docs::document;
use crate::records::{Offsets, record_values};

/// A thread pool of `jobs` threads (default: one per core).
pub fn pool(jobs: Option<usize>) -> PyResult<rayon::ThreadPool> {
    let jobs = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(jobs) => jobs,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {jobs} threads: {e}")))
}

/// Each document's records (as JSON values), in input order. Call it
/// without the GIL.
pub fn match_documents(
    pool: &rayon::ThreadPool,
    pack: &CompiledPack,
    batch: &[Result<Document, Failure>],
    offsets: Offsets,
) -> Vec<Result<Vec<Value>, Failure>> {
    match_batch(pool, batch, &|| Matcher::new(pack), &|matcher, doc| {
        record_values(doc, &matcher.match_document(doc).events, offsets)
    })
}

/// A document whose matching failed (a bug in evrule) as an exception.
pub fn failure_error(failure: &Failure) -> PyErr {
    PyRuntimeError::new_err(format!("document {failure}"))
}

/// A document's records as a list of dicts.
pub fn records_to_py<'py>(py: Python<'py>, records: &[Value]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for record in records {
        list.append(to_py(py, record)?)?;
    }
    Ok(list)
}

/// The iterator `Pack.run_many` returns: one list of records per document,
/// in input order. Documents are read from the input a batch at a time;
/// a bad document raises when its turn comes, after the records of the
/// documents before it.
#[pyclass(module = "evrule")]
pub struct Runs {
    pack: Arc<CompiledPack>,
    pool: rayon::ThreadPool,
    offsets: Offsets,
    /// `None` once the input is exhausted or failed.
    input: Option<Py<PyIterator>>,
    /// Documents read so far: the next document's default id.
    read: usize,
    ready: VecDeque<Result<Vec<Value>, Failure>>,
    /// The error that ended the input, raised after `ready` is drained.
    input_error: Option<PyErr>,
}

impl Runs {
    pub fn new(
        pack: Arc<CompiledPack>,
        pool: rayon::ThreadPool,
        offsets: Offsets,
        input: Bound<'_, PyIterator>,
    ) -> Runs {
        Runs {
            pack,
            pool,
            offsets,
            input: Some(input.unbind()),
            read: 0,
            ready: VecDeque::new(),
            input_error: None,
        }
    }

    /// Reads up to a batch of documents from the input, stopping at the end
    /// or at the first bad document (kept to raise later).
    fn read_batch(&mut self, py: Python<'_>) -> Vec<Result<Document, Failure>> {
        let mut batch = Vec::new();
        let Some(input) = &self.input else {
            return batch;
        };
        let mut input = input.bind(py).clone();
        while batch.len() < BATCH {
            let next = match input.next() {
                None => None,
                Some(Ok(item)) => Some(document(&item, self.read)),
                Some(Err(error)) => Some(Err(error)),
            };
            match next {
                None => {
                    self.input = None;
                    break;
                }
                Some(Ok(doc)) => {
                    self.read += 1;
                    batch.push(Ok(doc));
                }
                Some(Err(error)) => {
                    self.input = None;
                    self.input_error = Some(error);
                    break;
                }
            }
        }
        batch
    }
}

#[pymethods]
impl Runs {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        mut slf: PyRefMut<'py, Self>,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyList>>> {
        loop {
            if let Some(result) = slf.ready.pop_front() {
                return match result {
                    Ok(records) => records_to_py(py, &records).map(Some),
                    Err(failure) => Err(failure_error(&failure)),
                };
            }
            if slf.input.is_none() {
                return match slf.input_error.take() {
                    Some(error) => Err(error),
                    None => Ok(None),
                };
            }
            let batch = slf.read_batch(py);
            let this = &mut *slf;
            let (pool, pack, offsets) = (&this.pool, &*this.pack, this.offsets);
            let results = py.detach(|| match_documents(pool, pack, &batch, offsets));
            this.ready.extend(results);
        }
    }
}
