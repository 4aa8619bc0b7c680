//! The LSP layer: tower-lsp-server handlers over the model.
//!
//! Each handler converts in (URI → path, position → byte offset), asks a model snapshot on a
//! blocking thread, and converts out. This is the only module that names LSP types, reads the
//! disk or resolves imports.
//!
//! **Edit ordering.** tower-lsp-server creates handler futures in the order messages arrive and
//! polls each for the first time in that order. Every handler here touches the model (applies an
//! edit, or takes a snapshot) synchronously, before its first `.await`. So a request sees every
//! edit that arrived before it, and none that arrived after. Applying an edit cancels the
//! snapshots that older requests still hold; those answer `ContentModified`.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex, MutexGuard, PoisonError,
        atomic::{AtomicBool, Ordering},
    },
};

use oxc_resolver::{ResolveError, ResolveOptions, Resolver};
use serde_json::json;
use tower_lsp_server::{
    Client, LanguageServer, LspService, Server,
    jsonrpc::{self, ErrorCode},
    ls_types::{
        CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
        CodeActionResponse, CodeLens, CodeLensOptions, CodeLensParams, Command, Diagnostic,
        DiagnosticSeverity, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
        DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
        DidOpenTextDocumentParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
        ExecuteCommandOptions, ExecuteCommandParams, FileChangeType, FileSystemWatcher,
        FoldingRange, FoldingRangeKind, FoldingRangeParams, FoldingRangeProviderCapability,
        GlobPattern, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverParams,
        HoverProviderCapability, InitializeParams, InitializeResult, InlayHint, InlayHintParams,
        Location, OneOf, Position, PositionEncodingKind, Range, Registration, SemanticTokens,
        SemanticTokensFullOptions, SemanticTokensOptions, SemanticTokensParams,
        SemanticTokensRangeParams, SemanticTokensRangeResult, SemanticTokensResult,
        SemanticTokensServerCapabilities, ServerCapabilities, ServerInfo,
        SymbolKind as LspSymbolKind, TextDocumentContentChangeEvent, TextDocumentSyncCapability,
        TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
    },
};

pub(crate) mod benches;
pub(crate) mod runs;

use crate::{
    commands, dx_features, migrate_actions,
    model::{
        Cancellable, Cancelled, FoldKind, ImportKind, ImportTarget, ImportedName, ModelHost,
        Snapshot, Symbol, SymbolKind, TestItem, TestKind, TextRange,
    },
    text::{Document, LineCol, PositionEncoding, TextEdit},
};

/// The command a "▶ Run" lens carries; the server runs it (see `server/runs.rs`).
pub const LENS_RUN_COMMAND: &str = "dx.runTest";
/// The command a "⏱ Bench" lens carries; the server runs it (see `server/benches.rs`).
pub const LENS_BENCH_COMMAND: &str = "dx.runBench";

/// Serves LSP over stdin/stdout until `exit` or the end of input. Returns whether the session
/// ended cleanly (a `shutdown` request came first), which decides the exit code.
pub fn serve_stdio() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_name("dx-lsp")
        .enable_all()
        .build()?;
    // Inside the runtime: its I/O driver polls stdin.
    let pipes = {
        let _inside = runtime.enter();
        crate::stdio::guard(crate::stdio::unbuffered_stdout()?)?
    };
    let state = Arc::new(State::new(pipes.sink.clone()));
    let shared = Arc::clone(&state);
    let written = runtime.block_on(async move {
        let (service, socket) = LspService::new(|client| Backend {
            client,
            state: shared,
        });
        // A run command answers when its run ends (so `$/cancelRequest` can stop it); the
        // default of 4 requests in flight would let a few queued runs hold up every edit.
        Server::new(pipes.input, pipes.output, socket)
            .concurrency_level(64)
            .serve(service)
            .await;
        std::io::Result::Ok(pipes.written)
    })?;
    // The last answers (`shutdown`'s) may still be on their way to stdout.
    written.wait(std::time::Duration::from_secs(1));
    // Pending blocking tasks hold only snapshots; there is nothing else to flush.
    runtime.shutdown_background();
    Ok(state.shutdown_requested.load(Ordering::SeqCst))
}

#[derive(Clone)]
pub(crate) struct Backend {
    pub(crate) client: Client,
    pub(crate) state: Arc<State>,
}

/// Everything the handlers share. Lock order: `documents`, then `host` or the runs' sources.
pub(crate) struct State {
    host: Mutex<ModelHost>,
    documents: Mutex<HashMap<PathBuf, OpenDocument>>,
    encoding: Mutex<PositionEncoding>,
    resolver: Mutex<Option<Arc<Resolver>>>,
    /// The first workspace folder (or the deprecated `rootUri`): where project-wide commands run.
    root: Mutex<Option<PathBuf>>,
    /// Migration hints per file text (computed off the model: see `model::migration_hints`).
    pub(crate) hint_cache: migrate_actions::HintCache,
    /// The client shows `$/progress` for server-created tokens (`window.workDoneProgress`).
    work_done_progress: AtomicBool,
    shutdown_requested: AtomicBool,
    runs: runs::Runs,
    /// The editor's end of stdout, for messages sent without going through tower-lsp-server
    /// (run results, from the test worker's thread).
    sink: crate::stdio::FrameSink,
    /// The last "⏱ Bench" readings, for inlay hints.
    benches: benches::Readings,
}

impl State {
    fn new(sink: crate::stdio::FrameSink) -> State {
        State {
            host: Mutex::default(),
            documents: Mutex::default(),
            encoding: Mutex::default(),
            resolver: Mutex::default(),
            root: Mutex::default(),
            hint_cache: migrate_actions::HintCache::default(),
            work_done_progress: AtomicBool::default(),
            shutdown_requested: AtomicBool::default(),
            runs: runs::Runs::default(),
            sink,
            benches: benches::Readings::default(),
        }
    }
}

struct OpenDocument {
    uri: Uri,
    version: i32,
    document: Document,
    /// `document`'s text as of the last edit, shared with the model (and with test runs, which
    /// hand the open buffers to the runtime).
    text: Arc<str>,
    /// The migration hints last published, moved along with each edit until the next migration
    /// replaces them.
    hints: Vec<Diagnostic>,
}

/// How long typing must pause before the migrator runs on a React file: hints are advice, and a
/// whole-file migration per keystroke would take the cores the keystroke's own diagnostics need.
const HINT_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking handler cannot leave these maps half-updated in a way later requests would
    // misread (each update is one insert or one text replacement), so poison is ignored.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The model's key for a document: its file path, or for an unsaved buffer its URI text.
fn path_of(uri: &Uri) -> PathBuf {
    uri.to_file_path()
        .map(|path| path.into_owned())
        .unwrap_or_else(|| PathBuf::from(uri.as_str()))
}

impl State {
    pub(crate) fn encoding(&self) -> PositionEncoding {
        *lock(&self.encoding)
    }

    pub(crate) fn root(&self) -> Option<PathBuf> {
        lock(&self.root).clone()
    }

    pub(crate) fn supports_work_done_progress(&self) -> bool {
        self.work_done_progress.load(Ordering::SeqCst)
    }

    /// The document an edit to `path` addresses: the editor's URI and version when it is open.
    /// The editor's text of an open document (`None` when it is not open).
    pub(crate) fn open_text(&self, path: &Path) -> Option<Arc<str>> {
        lock(&self.documents)
            .get(path)
            .map(|open| Arc::clone(&open.text))
    }

    /// `None` for a path that is neither open nor an absolute file path.
    pub(crate) fn target(&self, path: &Path) -> Option<migrate_actions::Target> {
        let documents = lock(&self.documents);
        let open = documents.get(path);
        Some(migrate_actions::Target {
            uri: open
                .map(|open| open.uri.clone())
                .or_else(|| Uri::from_file_path(path))?,
            path: path.to_path_buf(),
            version: open.map(|open| open.version),
        })
    }

    /// A snapshot in which `path` is present: a file the editor has not opened is read from disk.
    pub(crate) fn snapshot_with(&self, path: &Path) -> Snapshot {
        let mut host = lock(&self.host);
        if !host.contains(path)
            && let Ok(text) = std::fs::read_to_string(path)
        {
            host.set_file_text(path, text.into());
        }
        host.snapshot()
    }

    fn resolver(&self) -> Arc<Resolver> {
        let mut resolver = lock(&self.resolver);
        Arc::clone(resolver.get_or_insert_with(|| Arc::new(Resolver::new(resolve_options()))))
    }
}

fn resolve_options() -> ResolveOptions {
    ResolveOptions {
        // Any condition a bundler, Node or TypeScript might pick: the question is only whether
        // the import can be found at all.
        condition_names: ["node", "import", "require", "types", "default"]
            .map(String::from)
            .into(),
        extensions: [
            ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".dx", ".json", ".node",
        ]
        .map(String::from)
        .into(),
        extension_alias: vec![
            (
                ".js".into(),
                [".ts", ".tsx", ".js", ".jsx"].map(String::from).into(),
            ),
            (".mjs".into(), vec![".mts".into(), ".mjs".into()]),
            (".cjs".into(), vec![".cts".into(), ".cjs".into()]),
        ],
        main_fields: vec!["main".into(), "module".into()],
        tsconfig: Some(oxc_resolver::TsconfigDiscovery::Auto),
        builtin_modules: true,
        ..ResolveOptions::default()
    }
}

/// Runs a model query off the async threads. A cancelled query answers `ContentModified`; a
/// panicking one answers an internal error, and the server goes on.
pub(crate) async fn run_query<T: Send + 'static>(
    query: impl FnOnce() -> Cancellable<T> + Send + 'static,
) -> jsonrpc::Result<T> {
    match tokio::task::spawn_blocking(query).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(Cancelled)) => Err(jsonrpc::Error::new(ErrorCode::ContentModified)),
        Err(failure) => Err(jsonrpc::Error {
            code: ErrorCode::InternalError,
            message: format!("the request failed: {failure}").into(),
            data: None,
        }),
    }
}

/// One file as a request about it sees it: the model as of the request, the file's text and
/// its positions.
struct FileView {
    snapshot: Snapshot,
    path: PathBuf,
    text: Arc<str>,
    index: LineIndex,
}

impl Backend {
    /// Answers a request about the file at `uri` off the async threads (see [`run_query`]),
    /// with the model as of now: edits sent before the request are in it. A file the model does
    /// not know answers `None`.
    async fn query_file<T: Send + 'static>(
        &self,
        uri: &Uri,
        query: impl FnOnce(FileView) -> Cancellable<Option<T>> + Send + 'static,
    ) -> jsonrpc::Result<Option<T>> {
        let path = path_of(uri);
        let snapshot = self.state.snapshot_with(&path);
        let encoding = self.state.encoding();
        run_query(move || {
            let Some(text) = snapshot.text(&path)? else {
                return Ok(None);
            };
            let index = LineIndex::new(&text, encoding);
            query(FileView {
                snapshot,
                path,
                text,
                index,
            })
        })
        .await
    }
}

/// Positions for one version of one file's text.
pub(crate) struct LineIndex(Document);

impl LineIndex {
    pub(crate) fn new(text: &str, encoding: PositionEncoding) -> Self {
        LineIndex(Document::new(text, encoding))
    }

    pub(crate) fn position(&self, offset: u32) -> Position {
        let LineCol { line, col } = self.0.position(offset);
        Position::new(line, col)
    }

    pub(crate) fn offset(&self, position: Position) -> u32 {
        self.0.offset(line_col(position))
    }

    pub(crate) fn range(&self, range: TextRange) -> Range {
        Range::new(self.position(range.start), self.position(range.end))
    }
}

fn line_col(position: Position) -> LineCol {
    LineCol {
        line: position.line,
        col: position.character,
    }
}

/// The lines an editor change replaced and how many line breaks it put there (for moving the
/// failure lines of the last run).
fn line_edit(change: &TextDocumentContentChangeEvent) -> runs::LineEdit {
    let range = change.range?;
    let breaks = change.text.matches('\n').count() + change.text.matches('\r').count()
        - change.text.matches("\r\n").count();
    Some((range.start.line, range.end.line, breaks as u32))
}

fn text_edit(change: TextDocumentContentChangeEvent) -> TextEdit {
    TextEdit {
        range: change
            .range
            .map(|range| (line_col(range.start), line_col(range.end))),
        text: change.text,
    }
}

/// Syntax errors, unresolved imports and the last run's failed expectations, in LSP form.
fn diagnostics(
    snapshot: &Snapshot,
    path: &Path,
    encoding: PositionEncoding,
    resolver: &Resolver,
    results: Option<&runs::FileResults>,
) -> Cancellable<Vec<Diagnostic>> {
    let Some(text) = snapshot.text(path)? else {
        return Ok(Vec::new());
    };
    let index = LineIndex::new(&text, encoding);
    let failures = results.map(|results| runs::failure_diagnostics(results, &text, &index));
    let mut out: Vec<Diagnostic> = snapshot
        .parse_diagnostics(path)?
        .into_iter()
        .map(|error| Diagnostic {
            range: index.range(error.range),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("dx".into()),
            message: error.message,
            ..Diagnostic::default()
        })
        .collect();
    out.extend(failures.into_iter().flatten());
    let Some(directory) = path.parent().filter(|directory| directory.is_dir()) else {
        return Ok(out);
    };
    for import in snapshot.imports(path)? {
        if import.type_only {
            continue;
        }
        let message = match resolver.resolve(directory, &import.specifier) {
            Ok(_) | Err(ResolveError::Builtin { .. }) => continue,
            Err(ResolveError::NotFound(_)) => {
                format!("cannot resolve `{}`", import.specifier)
            }
            Err(error) => format!("cannot resolve `{}`: {error}", import.specifier),
        };
        let how = match import.kind {
            ImportKind::Static => "import",
            ImportKind::Dynamic => "dynamic import",
            ImportKind::Require => "require",
        };
        out.push(Diagnostic {
            range: index.range(import.range),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some("dx".into()),
            message: format!("{message} ({how})"),
            ..Diagnostic::default()
        });
    }
    Ok(out)
}

impl Backend {
    /// Computes and publishes one open document's diagnostics for the version now in the model.
    /// A newer edit cancels the computation, and the newer edit publishes its own.
    ///
    /// A React file is published twice: at once with the hints of the last migration (moved
    /// along with the edits), then, once typing has paused for [`HINT_DELAY`], with fresh hints.
    fn publish_diagnostics(&self, path: PathBuf) {
        let (uri, version, carried) = match lock(&self.state.documents).get(&path) {
            Some(open) => (open.uri.clone(), open.version, open.hints.clone()),
            None => return,
        };
        let snapshot = lock(&self.state.host).snapshot();
        let results = self.state.runs.results(&path);
        let encoding = self.state.encoding();
        let resolver = self.state.resolver();
        let client = self.client.clone();
        let state = Arc::clone(&self.state);
        // The snapshot goes straight to a blocking thread: parked in a task that waits for an
        // async worker, it could stall the next edit, which waits for every snapshot to drop.
        let computed = tokio::task::spawn_blocking(move || {
            let found = diagnostics(&snapshot, &path, encoding, &resolver, results.as_ref())?;
            let react = migrate_actions::react_text(snapshot, &path)?;
            Ok::<_, Cancelled>((path, found, react))
        });
        tokio::spawn(async move {
            let Ok(Ok((path, found, react))) = computed.await else {
                return;
            };
            let is_current = |state: &State| {
                lock(&state.documents).get(&path).map(|open| open.version) == Some(version)
            };
            if !is_current(&state) {
                return;
            }
            let Some(text) = react else {
                if let Some(open) = lock(&state.documents).get_mut(&path) {
                    open.hints.clear();
                }
                client.publish_diagnostics(uri, found, Some(version)).await;
                return;
            };
            let shown = [found.as_slice(), carried.as_slice()].concat();
            client
                .publish_diagnostics(uri.clone(), shown, Some(version))
                .await;
            tokio::time::sleep(HINT_DELAY).await;
            if !is_current(&state) {
                return;
            }
            let hints = {
                let (state, path) = (Arc::clone(&state), path.clone());
                tokio::task::spawn_blocking(move || {
                    let hints = state.hint_cache.hints(&path, &text);
                    migrate_actions::hint_diagnostics(&hints, &LineIndex::new(&text, encoding))
                })
                .await
            };
            let Ok(hints) = hints else { return };
            {
                let mut documents = lock(&state.documents);
                match documents.get_mut(&path) {
                    Some(open) if open.version == version => open.hints = hints.clone(),
                    _ => return,
                }
            }
            if hints != carried {
                let shown = [found, hints].concat();
                client.publish_diagnostics(uri, shown, Some(version)).await;
            }
        });
    }

    fn republish_all(&self) {
        let open: Vec<PathBuf> = lock(&self.state.documents).keys().cloned().collect();
        for path in open {
            self.publish_diagnostics(path);
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> jsonrpc::Result<InitializeResult> {
        self.state.runs.configure(&params);
        let offers_utf8 = params
            .capabilities
            .general
            .and_then(|general| general.position_encodings)
            .is_some_and(|encodings| encodings.contains(&PositionEncodingKind::UTF8));
        let (encoding, kind) = if offers_utf8 {
            (PositionEncoding::Utf8, PositionEncodingKind::UTF8)
        } else {
            (PositionEncoding::Utf16, PositionEncodingKind::UTF16)
        };
        *lock(&self.state.encoding) = encoding;
        #[expect(
            deprecated,
            reason = "clients without workspace folders still send rootUri"
        )]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| &folder.uri)
            .or(params.root_uri.as_ref())
            .and_then(|uri| uri.to_file_path())
            .map(|path| path.into_owned());
        *lock(&self.state.root) = root;
        let progress = params
            .capabilities
            .window
            .as_ref()
            .and_then(|window| window.work_done_progress)
            .unwrap_or(false);
        self.state
            .work_done_progress
            .store(progress, Ordering::SeqCst);
        let watch = params
            .capabilities
            .workspace
            .and_then(|workspace| workspace.did_change_watched_files)
            .and_then(|watched| watched.dynamic_registration)
            .unwrap_or(false);
        if watch {
            let client = self.client.clone();
            // Registration is a server → client request, which the client answers only after
            // `initialized`; ask from a task so this response is not held up.
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String(
                            "**/{*.js,*.jsx,*.ts,*.tsx,*.mjs,*.cjs,*.mts,*.cts,*.dx,package.json,tsconfig.json}"
                                .into(),
                        ),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "dx-watch".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                let _ = client.register_capability(vec![registration]).await;
            });
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR_REWRITE,
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: commands::COMMANDS.iter().map(|c| c.to_string()).collect(),
                    ..ExecuteCommandOptions::default()
                }),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: dx_features::legend(),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: Some(true),
                            ..SemanticTokensOptions::default()
                        },
                    ),
                ),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "dx".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn shutdown(&self) -> jsonrpc::Result<()> {
        self.state.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = path_of(&item.uri);
        {
            let document = Document::new(&item.text, self.state.encoding());
            let text: Arc<str> = item.text.into();
            let mut documents = lock(&self.state.documents);
            documents.insert(
                path.clone(),
                OpenDocument {
                    uri: item.uri,
                    version: item.version,
                    document,
                    text: Arc::clone(&text),
                    hints: Vec::new(),
                },
            );
            self.state.runs.documents_changed();
            lock(&self.state.host).set_file_text(&path, text);
        }
        runs::files_changed(&self.state, false);
        self.publish_diagnostics(path);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let path = path_of(&params.text_document.uri);
        {
            let mut documents = lock(&self.state.documents);
            let Some(open) = documents.get_mut(&path) else {
                return;
            };
            let encoding = self.state.encoding();
            for change in &params.content_changes {
                migrate_actions::shift_hints(&mut open.hints, change, encoding);
            }
            let lines: Vec<_> = params.content_changes.iter().map(line_edit).collect();
            self.state.runs.edited(&path, &lines);
            open.document
                .apply(params.content_changes.into_iter().map(text_edit));
            open.version = params.text_document.version;
            open.text = open.document.text().into();
            self.state.runs.documents_changed();
            lock(&self.state.host).set_file_text(&path, Arc::clone(&open.text));
        }
        runs::files_changed(&self.state, false);
        self.publish_diagnostics(path);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let path = path_of(&uri);
        {
            let mut documents = lock(&self.state.documents);
            documents.remove(&path);
            self.state.runs.documents_changed();
            // The disk is the truth again for a file the editor no longer holds.
            let mut host = lock(&self.state.host);
            match std::fs::read_to_string(&path) {
                Ok(text) => host.set_file_text(&path, text.into()),
                Err(_) => host.remove_file(&path),
            }
        }
        self.state.hint_cache.forget(&path);
        runs::files_changed(&self.state, false);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let packages = params
            .changes
            .iter()
            .any(|change| dx_runtime::test_runner::in_node_modules(&path_of(&change.uri)));
        runs::files_changed(&self.state, packages);
        {
            let documents = lock(&self.state.documents);
            let mut host = lock(&self.state.host);
            for change in params.changes {
                let path = path_of(&change.uri);
                if documents.contains_key(&path) || !host.contains(&path) {
                    // Open files belong to the editor; unknown files are read when first asked.
                    continue;
                }
                match std::fs::read_to_string(&path) {
                    Ok(text) if change.typ != FileChangeType::DELETED => {
                        host.set_file_text(&path, text.into())
                    }
                    _ => host.remove_file(&path),
                }
            }
            // Files appearing or vanishing change what imports resolve to.
            if let Some(resolver) = lock(&self.state.resolver).as_ref() {
                resolver.clear_cache();
            }
        }
        self.republish_all();
    }

    async fn code_lens(&self, params: CodeLensParams) -> jsonrpc::Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let state = Arc::clone(&self.state);
        let results = self.state.runs.results(&path_of(&uri));
        self.query_file(&uri, move |file| {
            let FileView {
                snapshot,
                path,
                index,
                ..
            } = file;
            let mut lenses = test_lenses(&snapshot.tests(&path)?, &path, &index, results.as_ref());
            if let Some(text) = migrate_actions::react_text(snapshot, &path)? {
                let hints = state.hint_cache.hints(&path, &text);
                lenses.splice(0..0, migrate_actions::file_lens(&hints, &path));
            }
            Ok(Some(lenses))
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> jsonrpc::Result<Option<Vec<InlayHint>>> {
        let uri = params.text_document.uri;
        let path = path_of(&uri);
        let results = self.state.runs.results(&path);
        let readings = self.state.benches.of(&path);
        if results.is_none() && readings.is_none() {
            return Ok(None);
        }
        self.query_file(&uri, move |file| {
            let tests = file.snapshot.tests(&file.path)?;
            let mut hints = Vec::new();
            if let Some(results) = results {
                let found =
                    runs::inlay_hints(&tests, &results, &file.text, &file.index, params.range);
                hints.extend(found);
            }
            if let Some(readings) = readings {
                let found =
                    benches::inlay_hints(&tests, &readings, &file.text, &file.index, params.range);
                hints.extend(found);
            }
            Ok(Some(hints))
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> jsonrpc::Result<Option<DocumentSymbolResponse>> {
        self.query_file(&params.text_document.uri, |file| {
            let symbols = file.snapshot.symbols(&file.path)?;
            Ok(Some(DocumentSymbolResponse::Nested(
                symbols
                    .iter()
                    .map(|symbol| document_symbol(symbol, &file.index))
                    .collect(),
            )))
        })
        .await
    }

    async fn folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> jsonrpc::Result<Option<Vec<FoldingRange>>> {
        self.query_file(&params.text_document.uri, |file| {
            let index = &file.index;
            let mut ranges = Vec::new();
            for fold in file.snapshot.folding(&file.path)? {
                let start = index.position(fold.range.start).line;
                let end = index.position(fold.range.end).line;
                let (end, kind) = match fold.kind {
                    // Keep the closing bracket visible, as editors do for braces.
                    FoldKind::Region => (end.saturating_sub(1), FoldingRangeKind::Region),
                    FoldKind::Comment => (end, FoldingRangeKind::Comment),
                    FoldKind::Imports => (end, FoldingRangeKind::Imports),
                };
                if end > start {
                    ranges.push(FoldingRange {
                        start_line: start,
                        end_line: end,
                        kind: Some(kind),
                        ..FoldingRange::default()
                    });
                }
            }
            Ok(Some(ranges))
        })
        .await
    }

    async fn code_action(
        &self,
        params: CodeActionParams,
    ) -> jsonrpc::Result<Option<CodeActionResponse>> {
        let path = path_of(&params.text_document.uri);
        let snapshot = self.state.snapshot_with(&path);
        let Some(target) = self.state.target(&path) else {
            return Ok(None);
        };
        let encoding = self.state.encoding();
        let state = Arc::clone(&self.state);
        run_query(move || {
            migrate_actions::code_actions(snapshot, &state, &target, params.range, encoding)
                .map(Some)
        })
        .await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> jsonrpc::Result<Option<serde_json::Value>> {
        commands::execute(self, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> jsonrpc::Result<Option<SemanticTokensResult>> {
        let path = path_of(&params.text_document.uri);
        let snapshot = self.state.snapshot_with(&path);
        let encoding = self.state.encoding();
        run_query(move || {
            let data = semantic_tokens(&snapshot, &path, encoding, None)?;
            Ok(data.map(SemanticTokensResult::Tokens))
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> jsonrpc::Result<Option<SemanticTokensRangeResult>> {
        let path = path_of(&params.text_document.uri);
        let snapshot = self.state.snapshot_with(&path);
        let encoding = self.state.encoding();
        run_query(move || {
            let data = semantic_tokens(&snapshot, &path, encoding, Some(params.range))?;
            Ok(data.map(SemanticTokensRangeResult::Tokens))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
        let at = params.text_document_position_params;
        self.query_file(&at.text_document.uri, move |file| {
            let analysis = file.snapshot.dx_analysis(&file.path)?;
            Ok(dx_features::hover(
                &analysis,
                file.index.offset(at.position),
                &file.index,
            ))
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> jsonrpc::Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri;
        let found = self
            .query_file(&uri, move |file| {
                let offset = file.index.offset(at.position);
                if let Some(target) = file.snapshot.import_target_at(&file.path, offset)? {
                    return Ok(Some(Definition::Import(file.path, target)));
                }
                let analysis = file.snapshot.dx_analysis(&file.path)?;
                Ok(dx_features::local_definition(&analysis, offset)
                    .map(|range| Definition::Here(file.index.range(range))))
            })
            .await?;
        let location = match found {
            None => None,
            Some(Definition::Here(range)) => Some(Location::new(uri, range)),
            Some(Definition::Import(from, target)) => {
                self.imported_definition(&from, target).await?
            }
        };
        Ok(location.map(GotoDefinitionResponse::Scalar))
    }
}

/// Where a definition request leads before the disk is consulted.
enum Definition {
    Here(Range),
    /// Through an import of the file at this path.
    Import(PathBuf, ImportTarget),
}

impl Backend {
    /// Resolves an import (oxc_resolver, from the importing file's folder) and finds the name's
    /// declaration in the target; the file's start when the name is not declared there by name
    /// (a namespace import, `export *`, a package's compiled entry).
    async fn imported_definition(
        &self,
        from: &Path,
        target: ImportTarget,
    ) -> jsonrpc::Result<Option<Location>> {
        let Some(directory) = from.parent() else {
            return Ok(None);
        };
        let Ok(resolved) = self.state.resolver().resolve(directory, &target.specifier) else {
            return Ok(None);
        };
        let file = resolved.full_path();
        let Some(uri) = Uri::from_file_path(&file) else {
            return Ok(None);
        };
        let start = Range::new(Position::new(0, 0), Position::new(0, 0));
        if target.name == ImportedName::Module {
            return Ok(Some(Location::new(uri, start)));
        }
        // The target is another file, so a snapshot taken now (which may include an edit that
        // arrived after this request) cannot contradict the importing file's answer.
        let snapshot = self.state.snapshot_with(&file);
        let encoding = self.state.encoding();
        let range = run_query(move || {
            let Some(text) = snapshot.text(&file)? else {
                return Ok(None);
            };
            let declared = snapshot.exported_declaration(&file, &target.name)?;
            Ok(declared.map(|range| LineIndex::new(&text, encoding).range(range)))
        })
        .await?;
        Ok(Some(Location::new(uri, range.unwrap_or(start))))
    }
}

/// A `.dx` file's semantic tokens (all, or those in `range`); `None` for other files.
fn semantic_tokens(
    snapshot: &Snapshot,
    path: &Path,
    encoding: PositionEncoding,
    range: Option<Range>,
) -> Cancellable<Option<SemanticTokens>> {
    let Some(text) = snapshot.text(path)? else {
        return Ok(None);
    };
    if crate::model::Language::from_path(path) != Some(crate::model::Language::Dx) {
        return Ok(None);
    }
    let index = LineIndex::new(&text, encoding);
    let within =
        range.map(|range| TextRange::new(index.offset(range.start), index.offset(range.end)));
    let analysis = snapshot.dx_analysis(path)?;
    Ok(Some(SemanticTokens {
        result_id: None,
        data: dx_features::encode(&analysis, &index, within),
    }))
}

/// One lens per runnable item, carrying what a runner needs to pick that item: the file, the
/// titles from the outermost describe down, and whether the title is a `.each` format string.
/// After a run, a second lens shows the item's result (and runs it again).
fn test_lenses(
    items: &[TestItem],
    path: &Path,
    index: &LineIndex,
    results: Option<&runs::FileResults>,
) -> Vec<CodeLens> {
    let mut out = Vec::new();
    runs::walk(items, &mut Vec::new(), &mut |parents| {
        let item = parents[parents.len() - 1];
        if item.modifiers.todo {
            return;
        }
        let at = index.position(item.range.start);
        let range = Range::new(at, at);
        let argument = json!({
            "file": path,
            "namePath": parents.iter().map(|item| &item.name).collect::<Vec<_>>(),
            "kind": match item.kind {
                TestKind::Describe => "describe",
                TestKind::Test => "test",
                TestKind::Bench => "bench",
            },
            "each": item.modifiers.each,
            "line": at.line,
        });
        let (runs, benches) = match item.kind {
            TestKind::Describe => (
                contains(item, TestKind::Test),
                contains(item, TestKind::Bench),
            ),
            TestKind::Test => (true, false),
            TestKind::Bench => (false, true),
        };
        let verdict = results.and_then(|results| runs::verdict(results, parents));
        // An empty describe still gets "Run": running it reports that it has no tests.
        for (wanted, title, command) in [
            (runs || !benches, "▶ Run".to_owned(), LENS_RUN_COMMAND),
            (
                verdict.is_some(),
                verdict.map(runs::Verdict::label).unwrap_or_default(),
                LENS_RUN_COMMAND,
            ),
            (benches, "⏱ Bench".to_owned(), LENS_BENCH_COMMAND),
        ] {
            if wanted {
                out.push(CodeLens {
                    range,
                    command: Some(Command {
                        title,
                        command: command.into(),
                        arguments: Some(vec![argument.clone()]),
                    }),
                    data: None,
                });
            }
        }
    });
    out
}

fn contains(item: &TestItem, kind: TestKind) -> bool {
    item.children
        .iter()
        .any(|child| child.kind == kind || contains(child, kind))
}

fn document_symbol(symbol: &Symbol, index: &LineIndex) -> DocumentSymbol {
    let (kind, detail) = match symbol.kind {
        SymbolKind::Function => (LspSymbolKind::FUNCTION, None),
        SymbolKind::Component => (LspSymbolKind::FUNCTION, Some("component")),
        SymbolKind::Class => (LspSymbolKind::CLASS, None),
        SymbolKind::Method => (LspSymbolKind::METHOD, None),
        SymbolKind::Test(TestKind::Describe) => (LspSymbolKind::NAMESPACE, Some("describe")),
        SymbolKind::Test(TestKind::Test) => (LspSymbolKind::METHOD, Some("test")),
        SymbolKind::Test(TestKind::Bench) => (LspSymbolKind::METHOD, Some("bench")),
        SymbolKind::State => (LspSymbolKind::VARIABLE, Some("state")),
        SymbolKind::Derived => (LspSymbolKind::CONSTANT, Some("derived")),
        SymbolKind::Context => (LspSymbolKind::CONSTANT, Some("context")),
        SymbolKind::Effect => (LspSymbolKind::EVENT, None),
        SymbolKind::Variable => (LspSymbolKind::VARIABLE, None),
        SymbolKind::Type => (LspSymbolKind::INTERFACE, None),
    };
    #[expect(
        deprecated,
        reason = "the field must be written; LSP replaced it with `tags`"
    )]
    DocumentSymbol {
        name: if symbol.name.is_empty() {
            // Clients reject empty names.
            "(anonymous)".into()
        } else {
            symbol.name.clone()
        },
        detail: detail.map(String::from),
        kind,
        tags: None,
        deprecated: None,
        range: index.range(symbol.range),
        selection_range: index.range(symbol.name_range),
        children: Some(
            symbol
                .children
                .iter()
                .map(|child| document_symbol(child, index))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_query_answers_an_error() {
        let answer: jsonrpc::Result<()> = run_query(|| panic!("boom")).await;
        let error = answer.expect_err("a panic must become an error response");
        assert_eq!(error.code, ErrorCode::InternalError);
        let cancelled: jsonrpc::Result<()> = run_query(|| Err(Cancelled)).await;
        assert_eq!(
            cancelled.expect_err("cancelled").code,
            ErrorCode::ContentModified
        );
    }
}
