//! What the server knows between requests: the pack folder, the corpus
//! documents named on the command line, and its own port (for the
//! same-origin check). Every request loads the pack afresh, with the
//! unsaved files it carries in place of the files on disk.

use std::collections::BTreeMap;

use crate::compile::CompiledPack;
use crate::compile::load::{LoadError, Ready, load_with};
use crate::document::Document;
use crate::lang::json::JsonDiagnostic;
use crate::lang::loader::Overrides;
use crate::lang::{self, Loaded};

use super::error::ApiError;
use super::limits::MAX_TEXT_BYTES;
use super::pack_files::PackFolder;

pub struct Playground {
    pub folder: PackFolder,
    pub corpus: Vec<Document>,
    /// Corpus inputs that could not be read, and a note when the corpus
    /// was cut at its cap.
    pub corpus_failures: Vec<String>,
    pub port: u16,
}

/// Unsaved files: path relative to the pack folder → text.
pub type Unsaved = BTreeMap<String, String>;

impl Playground {
    /// The unsaved files as loader overrides, each path confined to the pack.
    fn overrides(&self, unsaved: &Unsaved) -> Result<Overrides, ApiError> {
        let mut overrides = Overrides::default();
        for (written, text) in unsaved {
            let path = self
                .folder
                .unsaved(written)
                .map_err(|refused| ApiError::Refused(refused.to_string()))?;
            overrides.insert(&path, text.clone());
        }
        Ok(overrides)
    }

    /// Loads and checks the pack with the unsaved files in place of the
    /// files on disk (the loader's overrides, as `evrule lsp` uses them).
    pub fn load(&self, unsaved: &Unsaved) -> Result<Loaded, ApiError> {
        Ok(lang::load_pack_with(
            self.folder.root(),
            &self.overrides(unsaved)?,
        ))
    }

    /// The pack compiled (`compile::load`, as every command loads it),
    /// with its warnings; its errors are a 422 answer listing them.
    pub fn compile(
        &self,
        unsaved: &Unsaved,
    ) -> Result<(CompiledPack, Vec<JsonDiagnostic>), ApiError> {
        match load_with(self.folder.root(), &self.overrides(unsaved)?) {
            Ok(Ready { compiled, warnings }) => {
                let warnings = warnings
                    .iter()
                    .map(|d| JsonDiagnostic::new(d, &compiled.pack.sources))
                    .collect();
                Ok((compiled, warnings))
            }
            Err(LoadError::Invalid { loaded, .. }) => Err(ApiError::PackErrors {
                errors: loaded.error_count(),
                diagnostics: json_diagnostics(&loaded),
            }),
            Err(error @ LoadError::Compile { .. }) => Err(ApiError::Internal(error.to_string())),
        }
    }

    /// The document a request names: its own `text`, or a corpus
    /// document by `doc` id.
    pub fn document(&self, text: Option<String>, doc: Option<&str>) -> Result<Document, ApiError> {
        let document = match (text, doc) {
            (Some(text), None) => Document::new("text", text),
            (None, Some(id)) => self.corpus_document(id)?.clone(),
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_request(
                    "give either `text` or `doc` (a corpus document id), not both",
                ));
            }
            (None, None) => {
                return Err(ApiError::bad_request(
                    "give `text` (the text to code) or `doc` (a corpus document id)",
                ));
            }
        };
        if document.text.len() > MAX_TEXT_BYTES {
            return Err(ApiError::TooLarge(format!(
                "the text is {} bytes, more than the {} MiB the page codes at once; use `evrule run` for larger documents",
                document.text.len(),
                MAX_TEXT_BYTES >> 20
            )));
        }
        Ok(document)
    }

    pub fn corpus_document(&self, id: &str) -> Result<&Document, ApiError> {
        self.corpus.iter().find(|d| d.id == id).ok_or_else(|| {
            ApiError::NotFound(format!(
                "no corpus document has the id `{id}` (GET /api/corpus lists them)"
            ))
        })
    }
}

pub fn json_diagnostics(loaded: &Loaded) -> Vec<JsonDiagnostic> {
    loaded
        .diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(d, &loaded.sources))
        .collect()
}
