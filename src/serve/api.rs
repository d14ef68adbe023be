//! The JSON API under the page (docs/SERVE.md): `check`, `run`,
//! `explain`, `test` and accepting a snapshot, which take the unsaved
//! files of the editor; and the pack's files and the corpus, to list,
//! read and save. The matching work runs on the blocking pool, so a long
//! request does not hold up the others.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::{ApiError, Body};
use super::pack_files::Refused;
use super::playground::{Playground, Unsaved, json_diagnostics};
use super::{reports, views};
use crate::testing::{snapshot, trace};

type Shared = State<Arc<Playground>>;
type Answer = Result<Json<Value>, ApiError>;

/// Runs `work` on the blocking pool; a panic becomes a 500 answer.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| ApiError::Internal(format!("the request failed: {error}")))?
}

fn to_json(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value)
        .map(Json)
        .map_err(|error| ApiError::Internal(format!("cannot write the answer: {error}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    #[serde(default)]
    files: Unsaved,
}

/// Diagnostics of the pack with the unsaved files, and its outline when
/// it has no error.
pub async fn check(State(playground): Shared, Body(request): Body<CheckRequest>) -> Answer {
    blocking(move || {
        let loaded = playground.load(&request.files)?;
        let diagnostics = json_diagnostics(&loaded);
        let outline = loaded.pack.as_ref().map(views::outline);
        to_json(json!({
            "ok": loaded.pack.is_some(),
            "errors": loaded.error_count(),
            "warnings": loaded.warning_count(),
            "diagnostics": diagnostics,
            "outline": outline,
        }))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    #[serde(default)]
    files: Unsaved,
    text: Option<String>,
    doc: Option<String>,
}

/// Events, mentions and matches of a text (or a corpus document).
pub async fn run(State(playground): Shared, Body(request): Body<RunRequest>) -> Answer {
    blocking(move || {
        let document = playground.document(request.text, request.doc.as_deref())?;
        let (compiled, diagnostics) = playground.compile(&request.files)?;
        let view = views::run(&compiled, &document);
        let mut answer = serde_json::to_value(view)
            .map_err(|error| ApiError::Internal(format!("cannot write the answer: {error}")))?;
        answer["outline"] = serde_json::to_value(views::outline(&compiled.pack))
            .map_err(|error| ApiError::Internal(error.to_string()))?;
        answer["diagnostics"] = serde_json::to_value(diagnostics)
            .map_err(|error| ApiError::Internal(error.to_string()))?;
        Ok(Json(answer))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainRequest {
    #[serde(default)]
    files: Unsaved,
    text: Option<String>,
    doc: Option<String>,
    rule: String,
}

/// `explain --rule` for a text: what the rule did, or how far it got.
pub async fn explain(State(playground): Shared, Body(request): Body<ExplainRequest>) -> Answer {
    blocking(move || {
        let document = playground.document(request.text, request.doc.as_deref())?;
        let (compiled, _) = playground.compile(&request.files)?;
        let Some(rule) = compiled.pack.rule_by_name(&request.rule) else {
            let names = compiled.pack.rules.iter().map(|r| r.name.as_str());
            let hint = crate::lang::suggest::did_you_mean(&request.rule, names)
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            return Err(ApiError::NotFound(format!(
                "the pack has no rule `{}`{hint}",
                request.rule
            )));
        };
        let run = views::run(&compiled, &document);
        let progress = trace::trace(&compiled, rule, &document.text);
        to_json(reports::explain(&compiled, rule, &run, &progress))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestRequest {
    #[serde(default)]
    files: Unsaved,
}

/// The examples, and the corpus snapshots the unsaved edit changes.
pub async fn test(State(playground): Shared, Body(request): Body<TestRequest>) -> Answer {
    blocking(move || {
        let (compiled, diagnostics) = playground.compile(&request.files)?;
        let examples = reports::run_examples(&compiled);
        let corpus = if playground.corpus.is_empty() {
            None
        } else {
            let documents = playground.corpus.iter().cloned().map(Ok);
            let (comparisons, failures) = snapshot::check_corpus(&compiled, documents, 2)
                .map_err(|error| ApiError::Internal(format!("cannot read snapshots: {error}")))?;
            let mut failures: Vec<String> = failures.iter().map(ToString::to_string).collect();
            failures.extend(playground.corpus_failures.iter().cloned());
            Some(reports::corpus(&compiled, &comparisons, failures))
        };
        to_json(json!({
            "examples": examples,
            "corpus": corpus,
            "diagnostics": diagnostics,
        }))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptRequest {
    #[serde(default)]
    files: Unsaved,
    doc: String,
}

/// Accepts the snapshot of one corpus document as the pack (with the
/// unsaved files) codes it now, through the same code as `evrule test
/// --accept`.
pub async fn accept(State(playground): Shared, Body(request): Body<AcceptRequest>) -> Answer {
    blocking(move || {
        let document = playground.corpus_document(&request.doc)?.clone();
        let (compiled, _) = playground.compile(&request.files)?;
        let (comparisons, failures) =
            snapshot::check_corpus(&compiled, std::iter::once(Ok(document)), 1)
                .map_err(|error| ApiError::Internal(format!("cannot read snapshots: {error}")))?;
        if let Some(failure) = failures.first() {
            return Err(ApiError::Internal(failure.to_string()));
        }
        let Some(comparison) = comparisons.first() else {
            return Err(ApiError::Internal(format!(
                "document `{}` gave no snapshot",
                request.doc
            )));
        };
        let snapshot = comparison
            .path
            .strip_prefix(&compiled.pack.root)
            .unwrap_or(&comparison.path)
            .to_string_lossy()
            .into_owned();
        let changed = comparison.status != snapshot::Status::Unchanged;
        if changed {
            snapshot::accept(comparison).map_err(|error| {
                ApiError::Internal(format!("cannot write snapshot {snapshot}: {error}"))
            })?;
        }
        to_json(json!({
            "doc": request.doc,
            "snapshot": snapshot,
            "written": changed,
        }))
    })
    .await
}

/// The pack's rule files and lexicons.
pub async fn files(State(playground): Shared) -> Answer {
    let root = playground.folder.root().display().to_string();
    let files = playground.folder.list();
    to_json(json!({ "pack": root, "files": files }))
}

fn refused(refused: Refused) -> ApiError {
    if refused.is_missing() {
        ApiError::NotFound(refused.to_string())
    } else if matches!(refused, Refused::TooLarge { .. }) {
        ApiError::TooLarge(refused.to_string())
    } else {
        ApiError::Refused(refused.to_string())
    }
}

fn path_parameter(query: &HashMap<String, String>, name: &str) -> Result<String, ApiError> {
    query
        .get(name)
        .cloned()
        .ok_or_else(|| ApiError::bad_request(format!("give the `{name}` query parameter")))
}

/// One pack file's text: `GET /api/file?path=rules.evr`.
pub async fn read_file(
    State(playground): Shared,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let path = path_parameter(&query, "path")?;
    blocking(move || {
        let text = playground.folder.read(&path).map_err(refused)?;
        to_json(json!({ "path": path, "text": text }))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveRequest {
    path: String,
    text: String,
}

/// Saves a pack file atomically.
pub async fn save_file(State(playground): Shared, Body(request): Body<SaveRequest>) -> Answer {
    blocking(move || {
        playground
            .folder
            .save(&request.path, &request.text)
            .map_err(refused)?;
        to_json(json!({ "saved": request.path, "bytes": request.text.len() }))
    })
    .await
}

/// The corpus documents named on the command line.
pub async fn corpus(State(playground): Shared) -> Answer {
    let documents: Vec<Value> = playground
        .corpus
        .iter()
        .map(|d| {
            let preview: String = d
                .text
                .split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" ");
            json!({ "id": d.id, "bytes": d.text.len(), "preview": preview })
        })
        .collect();
    to_json(json!({ "documents": documents, "failures": playground.corpus_failures }))
}

/// One corpus document's text: `GET /api/corpus/document?id=…`.
pub async fn corpus_document(
    State(playground): Shared,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let id = path_parameter(&query, "id")?;
    let document = playground.corpus_document(&id)?;
    to_json(json!({ "id": document.id, "text": document.text, "date": document.date }))
}

/// Any other path under `/api`.
pub async fn unknown() -> ApiError {
    ApiError::NotFound(
        "no such API endpoint (see docs/SERVE.md: check, run, explain, test, test/accept, files, file, save, corpus)"
            .to_string(),
    )
}
