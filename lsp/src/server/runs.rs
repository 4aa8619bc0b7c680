//! The LSP side of running tests: the `dx.*` run commands, the `dx/testResults` notification,
//! and what a run leaves in the editor (result lenses, duration inlay hints, failure
//! diagnostics). What runs and how is `crate::run`; this module converts.
//!
//! A run command answers when its run ends, so `$/cancelRequest` on it stops the run (the
//! request's future is dropped, and [`CancelOnDrop`] sets the job's flag); `dx.cancelRun` does
//! the same for a run started elsewhere. Results stream as notifications meanwhile.

use std::{
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use dx_runtime::test_runner::{ProjectConfigs, Sources, TestStatus};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::{
    Client,
    jsonrpc::{self, ErrorCode},
    ls_types::{
        Diagnostic, DiagnosticSeverity, InitializeParams, InlayHint, InlayHintLabel, Position,
        Range, Uri, notification::Notification,
    },
};

use super::{Backend, LineIndex, State, lock};
use crate::{
    model::{Snapshot, TestItem, TestKind},
    run::{
        pattern::{NameMatch, Scope, Title, name_pattern},
        plan::{self, Plan},
        results::{self, Outcomes, TestResults},
        worker::{Publish, RunEvent, Worker},
    },
    text::LineCol,
};

/// Runs one test or describe block: the lens' argument `{file, namePath, kind, each, line}`.
pub const RUN_TEST: &str = super::LENS_RUN_COMMAND;
/// Measures the benches under a "⏱ Bench" lens (same argument as [`RUN_TEST`]).
pub const RUN_BENCH: &str = super::LENS_BENCH_COMMAND;
/// Runs one file: `{file}`.
pub const RUN_FILE: &str = "dx.runFile";
/// Runs every test file of the workspace folders (no argument).
pub const RUN_ALL: &str = "dx.runAll";
/// Stops run `{runId}`, or every run without an argument.
pub const CANCEL_RUN: &str = "dx.cancelRun";

pub use crate::run::results::{FileResults, LineEdit, Verdict};

/// What the server keeps for runs.
#[derive(Default)]
pub struct Runs {
    worker: Worker,
    outcomes: Mutex<Outcomes>,
    pub(super) workspace_roots: Mutex<Vec<PathBuf>>,
    refresh_lenses: AtomicBool,
    refresh_hints: AtomicBool,
    /// The open documents as runs read them ([`open_sources`]): built on first need after
    /// they change, then shared by every run and by the worker until they change again.
    sources: Mutex<Option<Sources>>,
    /// Project configs, read again only when their files change.
    configs: Arc<ProjectConfigs>,
}

impl Runs {
    /// Takes what runs need from `initialize`: the workspace folders and which refresh
    /// requests the client accepts.
    pub fn configure(&self, params: &InitializeParams) {
        #[expect(deprecated, reason = "clients without workspace folders still send it")]
        let root = params.root_uri.as_ref();
        let uris: Vec<&Uri> = match &params.workspace_folders {
            Some(folders) if !folders.is_empty() => folders.iter().map(|f| &f.uri).collect(),
            _ => root.into_iter().collect(),
        };
        let roots = uris
            .into_iter()
            .filter_map(|uri| uri.to_file_path().map(|path| path.into_owned()))
            .collect();
        *lock(&self.workspace_roots) = roots;
        let workspace = params.capabilities.workspace.as_ref();
        let lenses = workspace.and_then(|w| w.code_lens.as_ref()?.refresh_support);
        let hints = workspace.and_then(|w| w.inlay_hint.as_ref()?.refresh_support);
        self.refresh_lenses
            .store(lenses.unwrap_or(false), Ordering::SeqCst);
        self.refresh_hints
            .store(hints.unwrap_or(false), Ordering::SeqCst);
    }

    /// The last results of `path`, if it has run.
    pub fn results(&self, path: &Path) -> Option<FileResults> {
        lock(&self.outcomes).get(path).cloned()
    }

    /// The open documents changed (called under the `documents` lock, with the change).
    pub fn documents_changed(&self) {
        *lock(&self.sources) = None;
    }

    /// An edit moved or removed lines of `path`: failure lines follow.
    pub fn edited(&self, path: &Path, edits: &[results::LineEdit]) {
        lock(&self.outcomes).edited(path, edits);
    }
}

/// The lens' argument (`kind` and `line` are not needed to pick the tests).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TestTarget {
    pub(super) file: PathBuf,
    pub(super) name_path: Vec<String>,
    kind: String,
    #[serde(default)]
    each: bool,
}

#[derive(Deserialize)]
struct FileTarget {
    file: PathBuf,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CancelTarget {
    run_id: Option<u64>,
}

pub(super) fn invalid(message: impl Into<String>) -> jsonrpc::Error {
    jsonrpc::Error {
        code: ErrorCode::InvalidParams,
        message: message.into().into(),
        data: None,
    }
}

pub(super) fn internal(message: impl Into<String>) -> jsonrpc::Error {
    jsonrpc::Error {
        code: ErrorCode::InternalError,
        message: message.into().into(),
        data: None,
    }
}

pub(super) fn argument<T: for<'de> Deserialize<'de>>(
    command: &str,
    arguments: Vec<Value>,
) -> jsonrpc::Result<T> {
    let value = arguments.into_iter().next().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| invalid(format!("{command}: bad argument: {e}")))
}

/// `workspace/executeCommand` for the run commands.
pub async fn execute(
    backend: &Backend,
    command: &str,
    arguments: Vec<Value>,
) -> jsonrpc::Result<Option<Value>> {
    let state = &backend.state;
    // Before the first await (the edit-ordering rule): the run sees every edit sent before it.
    let sources = open_sources(state);
    let roots = lock(&state.runs.workspace_roots).clone();
    let (file, test) = match command {
        RUN_TEST => {
            let target: TestTarget = argument(command, arguments)?;
            let snapshot = state.snapshot_with(&target.file);
            (Some(target.file.clone()), Some((snapshot, target)))
        }
        RUN_FILE => (Some(argument::<FileTarget>(command, arguments)?.file), None),
        RUN_ALL if roots.is_empty() => {
            return Err(invalid("dx.runAll: the editor opened no workspace folder"));
        }
        RUN_ALL => (None, None),
        CANCEL_RUN => {
            let target: CancelTarget = if arguments.is_empty() {
                CancelTarget::default()
            } else {
                argument(command, arguments)?
            };
            let found = state.runs.worker.cancel(target.run_id);
            return Ok(Some(json!({ "cancelled": found })));
        }
        other => return Err(invalid(format!("unknown command `{other}`"))),
    };
    // The model's test tree and config files are read, and for dx.runAll the whole workspace.
    // A panic there answers an error instead of stopping the server (spawn_blocking's
    // `JoinError`, or `catch_panic`).
    let name = command.to_owned();
    let whole_workspace = file.is_none();
    let configs = Arc::clone(&state.runs.configs);
    let plan_run = move || {
        let pattern = match test {
            Some((snapshot, target)) => Some(
                test_pattern(&snapshot, &target)
                    .map_err(|_| jsonrpc::Error::new(ErrorCode::ContentModified))?,
            ),
            None => None,
        };
        let plan = match file {
            Some(file) => plan::file(&file, pattern.clone(), &roots, &sources, &configs),
            None => plan::all(&roots, &sources, &configs),
        };
        Ok((plan.map_err(|e| invalid(format!("{name}: {e}")))?, pattern))
    };
    let (plan, pattern) = if whole_workspace {
        // Walking the workspace takes a while: off the thread that reads the editor's messages.
        tokio::task::spawn_blocking(plan_run)
            .await
            .map_err(|e| internal(format!("{command}: {e}")))??
    } else {
        // One file is a few small reads: done here, as a hop to the blocking pool and back
        // would add ~0.1 ms to the ~1.2 ms a Run takes while the user waits.
        catch_panic(plan_run).map_err(|e| internal(format!("{command}: {e}")))??
    };
    run(backend, plan, pattern.as_deref()).await.map(Some)
}

/// Runs `f`, turning a panic into an error message.
fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the run's planning panicked".into())
    })
}

/// The `-t` pattern for the lens' item. A describe's `.each` flag is not in the lens argument,
/// so the flags come from the model; the argument's own flag is used when the path is no
/// longer in the file.
pub(super) fn test_pattern(
    snapshot: &Snapshot,
    target: &TestTarget,
) -> crate::model::Cancellable<String> {
    let mut each = Vec::new();
    let tests = snapshot.tests(&target.file)?;
    let mut level = &tests[..];
    for title in &target.name_path {
        let Some(item) = level.iter().find(|item| &item.name == title) else {
            break;
        };
        each.push(item.modifiers.each);
        level = &item.children;
    }
    if each.len() != target.name_path.len() {
        each = vec![false; target.name_path.len()];
        if let Some(last) = each.last_mut() {
            *last = target.each;
        }
    }
    let titles: Vec<Title> = target
        .name_path
        .iter()
        .zip(each)
        .map(|(text, each)| Title { text, each })
        .collect();
    let scope = if target.kind == "describe" {
        Scope::Describe
    } else {
        Scope::Test
    };
    Ok(name_pattern(&titles, scope))
}

/// Files may have changed (edits, or `packages`: an install): the worker checks the file it
/// keeps loaded for the next run.
pub(crate) fn files_changed(state: &State, packages: bool) {
    state
        .runs
        .worker
        .files_changed(|| open_sources(state), packages);
}

/// The editor's open documents: what runs instead of their disk text. Lock order:
/// `documents`, then the cache.
fn open_sources(state: &State) -> Sources {
    let documents = lock(&state.documents);
    let mut cached = lock(&state.runs.sources);
    let sources = cached.get_or_insert_with(|| {
        Sources::new(
            documents
                .iter()
                .filter(|(path, _)| path.is_absolute())
                .map(|(path, open)| (path.clone(), Arc::clone(&open.text)))
                .collect(),
        )
    });
    sources.clone()
}

/// Stops the run when the request that waits for it goes away (`$/cancelRequest`).
struct CancelOnDrop<'a> {
    worker: &'a Worker,
    id: Option<u64>,
}

impl Drop for CancelOnDrop<'_> {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            self.worker.cancel(Some(id));
        }
    }
}

enum TestResultsNotification {}

impl Notification for TestResultsNotification {
    type Params = TestResults;
    const METHOD: &'static str = results::METHOD;
}

/// Queues the plan and answers when it ends. Each file's `dx/testResults` goes to the editor
/// from the test worker's thread the moment the file is done ([`publisher`]); a task of the
/// run's own follows up (diagnostics, totals, refreshes), so that a cancelled request still
/// reports what ran. With a `pattern`, the runtime reports only the tests it matches
/// (`omit_unmatched`), and their results replace just those tests' earlier ones.
async fn run(backend: &Backend, plan: Plan, pattern: Option<&str>) -> jsonrpc::Result<Value> {
    let state = &backend.state;
    let mut remaining = plan.files.len();
    let (id, mut events) = state
        .runs
        .worker
        .submit(plan.key, plan.files, publisher(state, pattern.is_some()))
        .map_err(|e| internal(format!("cannot start the test thread: {e}")))?;
    let mut guard = CancelOnDrop {
        worker: &state.runs.worker,
        id: Some(id),
    };
    let (answer, answered) = tokio::sync::oneshot::channel();
    let backend = backend.clone();
    tokio::spawn(async move {
        let (state, client) = (&backend.state, &backend.client);
        let mut totals = json!({ "runId": id, "passed": 0, "failed": 0, "skipped": 0, "todo": 0, "fileErrors": 0 });
        let mut cancelled = true;
        while let Some(event) = events.recv().await {
            match event {
                RunEvent::File(results) => {
                    count(&mut totals, &results);
                    backend.publish_diagnostics(results.path.clone());
                    remaining = remaining.saturating_sub(1);
                    if remaining == 0 {
                        // The last file's notification was the final one; the worker's
                        // `Finished` may wait behind its idle work.
                        cancelled = results.errors.iter().any(|e| e.kind == "cancelled");
                        break;
                    }
                }
                RunEvent::Finished { cancelled: stopped } => {
                    // Stopped before its last file: the final notification is still owed.
                    cancelled = stopped;
                    notify(client, id, true, cancelled, Vec::new()).await;
                    break;
                }
            }
        }
        totals["cancelled"] = json!(cancelled);
        let _ = answer.send(totals);
        refresh(state, client);
    });
    let totals = answered
        .await
        .map_err(|_| internal("the run ended without a result"))?;
    guard.id = None;
    Ok(totals)
}

/// A JSON-RPC notification, as tower-lsp-server would write it.
#[derive(serde::Serialize)]
struct Message<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

/// What the worker does with each file's report, on its own thread: the results are kept (for
/// lenses and hints) and sent to the editor at once, the last file's as the run's final
/// notification. Written straight to the editor's pipe: handing the message to the async
/// threads and then to the writer thread would wake two sleeping threads while the user waits.
fn publisher(state: &Arc<State>, partial: bool) -> Publish {
    let state = Arc::clone(state);
    Box::new(move |run_id, report, last| {
        let results = FileResults::from_report(report);
        lock(&state.runs.outcomes).record(&results, partial);
        let cancelled = last && results.errors.iter().any(|e| e.kind == "cancelled");
        let mut params = TestResults {
            version: results::SCHEMA_VERSION,
            run_id,
            finished: last,
            cancelled,
            files: vec![results],
        };
        let message = serde_json::to_vec(&Message {
            jsonrpc: "2.0",
            method: results::METHOD,
            params: &params,
        });
        match message {
            // A failed write means the editor is gone; the server ends with its input.
            Ok(message) => {
                drop(state.sink.send(&message));
            }
            Err(error) => eprintln!("dx lsp: cannot encode run results: {error}"),
        }
        params.files.pop().expect("the one file just put there")
    })
}

fn count(totals: &mut Value, results: &FileResults) {
    for test in &results.tests {
        let key = match test.status {
            TestStatus::Passed => "passed",
            TestStatus::Failed => "failed",
            TestStatus::Skipped => "skipped",
            TestStatus::Todo => "todo",
        };
        totals[key] = json!(totals[key].as_u64().unwrap_or(0) + 1);
    }
    let errors = totals["fileErrors"].as_u64().unwrap_or(0) + results.errors.len() as u64;
    totals["fileErrors"] = json!(errors);
}

async fn notify(
    client: &Client,
    run_id: u64,
    finished: bool,
    cancelled: bool,
    files: Vec<FileResults>,
) {
    client
        .send_notification::<TestResultsNotification>(TestResults {
            version: results::SCHEMA_VERSION,
            run_id,
            finished,
            cancelled,
            files,
        })
        .await;
}

/// Asks the client to ask again for lenses and inlay hints, when it said it would. These are
/// requests whose answers nothing waits for, so they go from tasks of their own.
pub(super) fn refresh(state: &State, client: &Client) {
    if state.runs.refresh_lenses.load(Ordering::SeqCst) {
        let client = client.clone();
        tokio::spawn(async move { client.code_lens_refresh().await });
    }
    if state.runs.refresh_hints.load(Ordering::SeqCst) {
        let client = client.clone();
        tokio::spawn(async move { client.inlay_hint_refresh().await });
    }
}

/// Titles from the outermost describe down to `item`, for [`name_pattern`].
fn titles<'a>(path: &[&'a TestItem]) -> Vec<Title<'a>> {
    path.iter()
        .map(|item| Title {
            text: &item.name,
            each: item.modifiers.each,
        })
        .collect()
}

/// The verdict of the kept results that belong to the item at the end of `path`.
pub fn verdict(results: &FileResults, path: &[&TestItem]) -> Option<Verdict> {
    let item = path.last()?;
    let scope = match item.kind {
        TestKind::Describe => Scope::Describe,
        TestKind::Test => Scope::Test,
        TestKind::Bench => return None,
    };
    results.verdict(&NameMatch::new(&titles(path), scope)?)
}

/// Calls `visit` for every item with its path from the outermost describe.
pub fn walk<'a>(
    items: &'a [TestItem],
    path: &mut Vec<&'a TestItem>,
    visit: &mut impl FnMut(&[&'a TestItem]),
) {
    for item in items {
        path.push(item);
        visit(path);
        walk(&item.children, path, visit);
        path.pop();
    }
}

/// The end of line `line` (before its line break).
fn line_end(index: &LineIndex, text: &str, line: u32) -> Position {
    let start = index.0.offset(LineCol { line, col: 0 }) as usize;
    let rest = &text[start.min(text.len())..];
    let length = rest.find(['\n', '\r']).unwrap_or(rest.len());
    index.position((start + length) as u32)
}

/// A hint at the end of the line of each `kind` item in `range` that `label` has words for
/// (given the item's path from the outermost describe).
pub(super) fn line_end_hints(
    items: &[TestItem],
    kind: TestKind,
    text: &str,
    index: &LineIndex,
    range: Range,
    label: impl Fn(&[&TestItem]) -> Option<String>,
) -> Vec<InlayHint> {
    let mut hints = Vec::new();
    walk(items, &mut Vec::new(), &mut |path| {
        let item = path[path.len() - 1];
        if item.kind != kind {
            return;
        }
        let line = index.position(item.range.start).line;
        if line < range.start.line || line > range.end.line {
            return;
        }
        if let Some(label) = label(path) {
            hints.push(InlayHint {
                position: line_end(index, text, line),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
    });
    hints
}

/// A duration hint at the end of each test's line that has a result.
pub fn inlay_hints(
    tests: &[TestItem],
    results: &FileResults,
    text: &str,
    index: &LineIndex,
    range: Range,
) -> Vec<InlayHint> {
    line_end_hints(tests, TestKind::Test, text, index, range, |path| {
        verdict(results, path).map(|verdict| verdict.hint())
    })
}

/// Failed expectations at their failing lines, for the file's diagnostics.
pub fn failure_diagnostics(
    results: &FileResults,
    text: &str,
    index: &LineIndex,
) -> Vec<Diagnostic> {
    let last_line = index.position(text.len() as u32).line;
    let mut out = Vec::new();
    for test in &results.tests {
        for failure in &test.failures {
            let Some(at) = failure.location.filter(|at| at.line <= last_line) else {
                continue;
            };
            let end = line_end(index, text, at.line);
            let start = index.0.offset(LineCol {
                line: at.line,
                col: 0,
            }) as usize;
            let indent = text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len();
            out.push(Diagnostic {
                range: Range::new(index.position((start + indent) as u32), end),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("dx test".into()),
                message: format!("{}\n\n{}", test.full_name, failure.message),
                ..Diagnostic::default()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::catch_panic;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch_panic(|| 7), Ok(7));
        assert_eq!(
            catch_panic(|| -> () { panic!("boom") }),
            Err("boom".to_string())
        );
        let owned = catch_panic(|| -> () { panic!("{} {}", "formatted", 1) });
        assert_eq!(owned, Err("formatted 1".to_string()));
    }
}
