//! `evrule lsp`: a language server for rule files, synchronous, over any
//! byte stream framed as JSON-RPC (stdio in the binary, memory in tests).
//!
//! On every open or change the whole pack the file belongs to is loaded
//! again with the editor's unsaved texts (`documents`) and checked by the
//! same checker as `evrule check` (`analysis`); diagnostics are published
//! for every file of the pack (`diagnostics`). Hover (`hover`), go to
//! definition and find references (`symbols`) and completion
//! (`completion`) answer from the latest analysis of the file's pack.

pub mod analysis;
pub mod completion;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod position;
pub mod symbols;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, GotoDefinition, HoverRequest, References, Request as _, Shutdown,
};
use lsp_types::*;

use analysis::{Analysis, pack_root};
use documents::Documents;
use position::LineIndex;

/// What the server can do, as told to the client.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["@", ":", "|", "{", ",", ">"].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// Serves one client until it says `exit` or the input ends.
pub fn serve(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<()> {
    let mut server = Server::default();
    while let Some(message) = Message::read(input)? {
        match message {
            Message::Request(request) => {
                let response = server.request(request);
                send(output, Message::Response(response))?;
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Ok(());
                }
                for message in server.notification(notification) {
                    send(output, message)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(output: &mut impl Write, message: Message) -> io::Result<()> {
    message.write(output)?;
    output.flush()
}

#[derive(Default)]
struct Server {
    initialized: bool,
    shutting_down: bool,
    workspace: Option<PathBuf>,
    documents: Documents,
    /// The latest analysis of each pack, by root.
    analyses: HashMap<PathBuf, Analysis>,
    /// The diagnostics the client shows, per pack and file: only changes
    /// are sent, and a file that became clean gets an empty list.
    published: HashMap<PathBuf, BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>>>,
}

impl Server {
    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        if request.method == "initialize" {
            let params: InitializeParams =
                serde_json::from_value(request.params).unwrap_or_default();
            #[allow(deprecated)]
            let root = params
                .workspace_folders
                .and_then(|f| f.first().map(|f| f.uri.clone()))
                .or(params.root_uri);
            self.workspace = root.and_then(|uri| uri.to_file_path().ok());
            self.initialized = true;
            let result = InitializeResult {
                capabilities: capabilities(),
                server_info: Some(ServerInfo {
                    name: "evrule".to_string(),
                    version: Some(env!("CARGO_PKG_VERSION").to_string()),
                }),
            };
            return Response::new_ok(id, result);
        }
        if !self.initialized {
            return error(id, ErrorCode::ServerNotInitialized, "initialize first");
        }
        let result = match request.method.as_str() {
            Shutdown::METHOD => {
                self.shutting_down = true;
                Ok(serde_json::Value::Null)
            }
            _ if self.shutting_down => {
                return error(id, ErrorCode::InvalidRequest, "the server is shutting down");
            }
            HoverRequest::METHOD => self.answer(request, |s, p: HoverParams| {
                let at = &p.text_document_position_params;
                s.hover(&at.text_document.uri, at.position)
            }),
            GotoDefinition::METHOD => self.answer(request, |s, p: GotoDefinitionParams| {
                let at = &p.text_document_position_params;
                s.definition(&at.text_document.uri, at.position)
                    .map(GotoDefinitionResponse::Array)
            }),
            References::METHOD => self.answer(request, |s, p: ReferenceParams| {
                let at = &p.text_document_position;
                s.references(
                    &at.text_document.uri,
                    at.position,
                    p.context.include_declaration,
                )
            }),
            Completion::METHOD => self.answer(request, |s, p: CompletionParams| {
                let at = &p.text_document_position;
                s.completion(&at.text_document.uri, at.position)
                    .map(CompletionResponse::Array)
            }),
            _ => {
                return error(
                    id,
                    ErrorCode::MethodNotFound,
                    &format!("unknown method {}", request.method),
                );
            }
        };
        match result {
            Ok(value) => Response {
                id,
                response_result: Ok(value),
            },
            Err(message) => error(id, ErrorCode::InvalidParams, &message),
        }
    }

    /// Decodes a request's parameters and encodes the answer.
    fn answer<P: serde::de::DeserializeOwned, R: serde::Serialize>(
        &mut self,
        request: Request,
        handle: impl FnOnce(&mut Server, P) -> Option<R>,
    ) -> Result<serde_json::Value, String> {
        let params: P = serde_json::from_value(request.params)
            .map_err(|e| format!("bad {} parameters: {e}", request.method))?;
        serde_json::to_value(handle(self, params)).map_err(|e| e.to_string())
    }

    fn notification(&mut self, notification: Notification) -> Vec<Message> {
        let path = |uri: &Url| uri.to_file_path().ok();
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) =
                    notification.extract::<DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let document = params.text_document;
                let Some(file) = path(&document.uri) else {
                    return Vec::new();
                };
                self.documents
                    .open(file.clone(), document.version, document.text);
                self.refresh(&file)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let Some(file) = path(&params.text_document.uri) else {
                    return Vec::new();
                };
                // Full sync: the last change holds the whole text.
                let Some(change) = params.content_changes.into_iter().last() else {
                    return Vec::new();
                };
                if self
                    .documents
                    .change(&file, params.text_document.version, change.text)
                {
                    self.refresh(&file)
                } else {
                    Vec::new()
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = notification
                    .extract::<DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return Vec::new();
                };
                let Some(file) = path(&params.text_document.uri) else {
                    return Vec::new();
                };
                self.documents.close(&file);
                self.refresh(&file)
            }
            DidChangeWatchedFiles::METHOD => {
                // A rule file or lexicon changed on disk: check again the
                // packs already analysed that it belongs to.
                let Ok(params) = notification
                    .extract::<DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD)
                else {
                    return Vec::new();
                };
                let mut roots = BTreeSet::new();
                for change in params.changes {
                    let Some(file) = path(&change.uri) else {
                        continue;
                    };
                    if let Some(root) = self.analyses.keys().find(|r| file.starts_with(r)) {
                        roots.insert((root.clone(), file));
                    }
                }
                let mut seen = BTreeSet::new();
                roots
                    .into_iter()
                    .filter(|(root, _)| seen.insert(root.clone()))
                    .flat_map(|(root, file)| self.refresh_pack(root, &file))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    fn root_of(&self, file: &Path) -> PathBuf {
        pack_root(file, self.workspace.as_deref())
    }

    /// Analyses the pack of `file` again and publishes its diagnostics.
    fn refresh(&mut self, file: &Path) -> Vec<Message> {
        let root = self.root_of(file);
        self.refresh_pack(root, file)
    }

    /// Analyses the pack at `root` again and publishes what changed in its
    /// diagnostics (one about no file goes to `file`).
    fn refresh_pack(&mut self, root: PathBuf, file: &Path) -> Vec<Message> {
        let analysis = Analysis::new(&root, &self.documents.overrides());
        let mut now = diagnostics::by_file(&analysis.diagnostics, &analysis.sources, file);
        let before = self.published.remove(&root).unwrap_or_default();
        let paths: BTreeSet<PathBuf> = now.keys().chain(before.keys()).cloned().collect();
        let mut messages = Vec::new();
        for path in paths {
            let new = now.get(&path).cloned().unwrap_or_default();
            if before.get(&path).map_or(new.is_empty(), |old| *old == new) {
                continue;
            }
            let Ok(uri) = Url::from_file_path(&path) else {
                continue;
            };
            let version = self.documents.get(&path).map(|d| d.version);
            messages.push(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_string(),
                PublishDiagnosticsParams::new(uri, new, version),
            )));
        }
        now.retain(|_, d| !d.is_empty());
        self.published.insert(root.clone(), now);
        self.analyses.insert(root, analysis);
        messages
    }

    /// The analysis of the pack holding `uri` (made now if there is none)
    /// and the file's id and text in it.
    fn locate(&mut self, uri: &Url) -> Option<(&Analysis, crate::lang::FileId)> {
        let file = uri.to_file_path().ok()?;
        let root = self.root_of(&file);
        if !self.analyses.contains_key(&root) {
            let analysis = Analysis::new(&root, &self.documents.overrides());
            self.analyses.insert(root.clone(), analysis);
        }
        let analysis = self.analyses.get(&root)?;
        let id = analysis.file_id(&file)?;
        Some((analysis, id))
    }

    fn symbol_at(
        &mut self,
        uri: &Url,
        position: Position,
    ) -> Option<(&Analysis, symbols::Occurrence)> {
        let (analysis, file) = self.locate(uri)?;
        let offset = LineIndex::new(analysis.text(file)).offset(position);
        let occurrence = analysis.index.at(file, offset)?.clone();
        Some((analysis, occurrence))
    }

    fn hover(&mut self, uri: &Url, position: Position) -> Option<Hover> {
        let (analysis, occurrence) = self.symbol_at(uri, position)?;
        let text = hover::hover(analysis, &occurrence.symbol)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(diagnostics::range(&analysis.sources, occurrence.span)),
        })
    }

    fn definition(&mut self, uri: &Url, position: Position) -> Option<Vec<Location>> {
        let (analysis, occurrence) = self.symbol_at(uri, position)?;
        let spans: Vec<_> = analysis.index.definitions(&occurrence.symbol).collect();
        Some(locations(analysis, &spans))
    }

    fn references(
        &mut self,
        uri: &Url,
        position: Position,
        include_declaration: bool,
    ) -> Option<Vec<Location>> {
        let (analysis, occurrence) = self.symbol_at(uri, position)?;
        let spans = analysis
            .index
            .references(&occurrence.symbol, include_declaration);
        Some(locations(analysis, &spans))
    }

    fn completion(&mut self, uri: &Url, position: Position) -> Option<Vec<CompletionItem>> {
        let file = uri.to_file_path().ok()?;
        // Complete on the editor's text even where the pack's last
        // analysis could not place the file.
        let text = self.documents.get(&file).map(|d| d.text.clone());
        let (analysis, id) = self.locate(uri)?;
        let text = text.unwrap_or_else(|| analysis.text(id).to_string());
        let offset = LineIndex::new(&text).offset(position);
        Some(completion::complete(analysis, &text, offset))
    }
}

fn locations(analysis: &Analysis, spans: &[crate::lang::Span]) -> Vec<Location> {
    spans
        .iter()
        .filter_map(|span| {
            let path = &analysis.sources.get(span.file).path;
            Some(Location::new(
                Url::from_file_path(path).ok()?,
                diagnostics::range(&analysis.sources, *span),
            ))
        })
        .collect()
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}
