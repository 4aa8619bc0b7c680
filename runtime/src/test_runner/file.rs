//! One test file in a fresh runtime: the JavaScript side (`js/test/runner.js`) builds the
//! session and runs the file; this side drives the event loop, stops a test that never yields,
//! turns the result into Rust types and writes snapshots.

use std::{
    cell::{Cell, RefCell},
    path::{Path, PathBuf},
    rc::Rc,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use rquickjs::{
    CatchResultExt, Ctx, Function, Object, Persistent, Promise, Value, function::This,
    promise::PromiseState,
};
use serde::Deserialize;

use super::{
    Failure, FileError, FileReport, SnapshotOutcome, SnapshotUpdate, TestResult, from_js::from_js,
    inline, inputs::LoadedInputs, name_filter::NameFilter, snapshot_path,
};
use crate::{
    JsRuntime, RuntimeOptions,
    coverage::{FileCoverage, scope::CoverageScope},
    engine::Host,
    event_loop::LoopHost,
    loader::Sources,
};

/// What every file of a run shares; the language server builds one per request.
#[derive(Debug, Clone)]
pub struct FileSettings {
    pub root: PathBuf,
    pub cache_dir: Option<PathBuf>,
    pub name_pattern: Option<String>,
    /// Tests `name_pattern` does not match are left out of the report instead of reported
    /// skipped: the language server shows only what a run was for (`dx test -t` lists them).
    pub omit_unmatched: bool,
    pub update: SnapshotUpdate,
    pub ci: bool,
    pub colors: bool,
    pub timeout_ms: u64,
    pub setup_files: Vec<PathBuf>,
    pub setup_files_after_env: Vec<PathBuf>,
    pub test_environment: Option<String>,
    /// `--coverage`: the files to instrument; their hits come back in the report.
    pub coverage: Option<Arc<CoverageScope>>,
    /// Texts that replace files on disk for this run: the language server's unsaved buffers
    /// (empty for `dx test`).
    pub sources: Sources,
    /// Set from another thread to stop the file: the running test is interrupted and the rest
    /// is not run (the language server's "cancel run").
    pub cancel: Option<Arc<AtomicBool>>,
}

/// The JavaScript core's FileResult (see `js/test/README.md`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsFileResult {
    tests: Vec<TestResult>,
    /// `null` when the file has no snapshot to report or write.
    snapshot: Option<JsSnapshot>,
    hook_errors: Vec<JsHookError>,
    assertion_errors_outside_tests: Vec<Failure>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsSnapshot {
    added: u32,
    updated: u32,
    matched: u32,
    unmatched: u32,
    obsolete: Vec<String>,
    file_content: Option<String>,
    delete_file: bool,
    inline: Vec<inline::InlineSnapshot>,
}

#[derive(Deserialize)]
struct JsHookError {
    #[serde(rename = "type")]
    kind: String,
    name: String,
    message: String,
    stack: Option<String>,
}

/// The `test-start` event of the test that is running (`js/test/session.js`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartedTest {
    name: String,
    ancestors: Vec<String>,
    full_name: String,
    location: Option<super::Location>,
}

/// Watches for JavaScript that runs too long without returning to the event loop. An async
/// test that overruns is failed by the JavaScript core's own timer; only a test stuck in
/// synchronous code needs the engine interrupted. Time is the thread's CPU time, so a busy
/// machine (other processes, the other test threads) does not stop a test that is merely slow.
struct Watchdog {
    limit: Cell<Duration>,
    default_limit: Duration,
    busy_since: Cell<Duration>,
    fired: Cell<bool>,
    /// The run's cancel flag; a file loaded ahead of its run gets its run's flag then.
    cancel: RefCell<Option<Arc<AtomicBool>>>,
}

/// CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec to write; the clock id is a constant Linux and macOS
    // both define.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

impl Watchdog {
    fn yielded(&self) {
        self.busy_since.set(thread_cpu_time());
    }

    fn cancelled(&self) -> bool {
        self.cancel
            .borrow()
            .as_ref()
            .is_some_and(|cancel| cancel.load(Ordering::Relaxed))
    }

    fn should_interrupt(&self) -> bool {
        if !self.fired.get()
            && (self.cancelled()
                || thread_cpu_time().saturating_sub(self.busy_since.get()) > self.limit.get())
        {
            self.fired.set(true);
        }
        self.fired.get()
    }
}

/// Runs one test file and reports what happened. Never fails: a file that cannot load or a
/// runtime that cannot start becomes a [`FileError`] in the report.
pub fn run_file(path: &Path, settings: &FileSettings) -> FileReport {
    run_file_on(path, settings, None).0
}

/// A runtime started before its file is known: the engine is up and the test core loaded, so
/// a run pays only for the file itself. The language server's worker starts one while it
/// waits for the next "Run". Each file still gets a runtime nothing else ran in.
pub struct WarmRuntime {
    runtime: JsRuntime,
    root: PathBuf,
    cache_dir: Option<PathBuf>,
}

impl WarmRuntime {
    pub fn start(settings: &FileSettings) -> Result<WarmRuntime, crate::StartError> {
        let runtime = new_runtime(settings)?;
        runtime.with(|ctx| {
            // A failure here fails again, and is reported, when the file runs.
            let _ = runtime
                .host()
                .call_internal::<_, Value>(&ctx, "requireBuiltin", ("internal/test/runner",))
                .catch(&ctx);
        });
        Ok(WarmRuntime {
            runtime,
            root: settings.root.clone(),
            cache_dir: settings.cache_dir.clone(),
        })
    }
}

fn new_runtime(settings: &FileSettings) -> Result<JsRuntime, crate::StartError> {
    JsRuntime::new(RuntimeOptions {
        cwd: settings.root.clone(),
        cache_dir: settings.cache_dir.clone(),
        ..RuntimeOptions::for_js_thread()
    })
}

/// [`run_file`] on `warm` when it was started for the same project and cache (else on a new
/// runtime). The spent runtime comes back with the report, so that the caller can hand the
/// report out before tearing the runtime down.
pub fn run_file_on(
    path: &Path,
    settings: &FileSettings,
    warm: Option<WarmRuntime>,
) -> (FileReport, Option<JsRuntime>) {
    load(path, settings, warm).run(settings)
}

/// Loads `path` for a later run (see [`PreparedFile`]).
pub fn prepare_file(
    path: &Path,
    settings: &FileSettings,
    warm: Option<WarmRuntime>,
) -> PreparedFile {
    let mut prepared = load(path, settings, warm);
    let mut inputs = prepared.files_seen();
    inputs.push(snapshot_path(path));
    prepared.inputs = Some(LoadedInputs::record(inputs, &settings.sources));
    prepared
}

/// A test file loaded into its fresh runtime, its tests collected and none of them run: the
/// first half of a run, which can happen before anyone knows which tests will run. The
/// language server loads the file the user ran last while nobody waits, so that the next
/// "Run" pays only for the tests it runs. Top-level code runs at load, as it would at the start
/// of the run; a loaded file that is never run is dropped with its runtime.
pub struct PreparedFile {
    path: PathBuf,
    settings: FileSettings,
    outcome: Loading,
    /// What the load read, when it is kept for a later run ([`prepare_file`]).
    inputs: Option<LoadedInputs>,
    load_time: Duration,
}

enum Loading {
    // Fields drop in order: the engine values go before their runtime.
    Loaded {
        loaded: Loaded,
        runtime: JsRuntime,
    },
    Failed {
        aborted: Aborted,
        runtime: Option<JsRuntime>,
    },
}

/// What a loaded file's run needs from its load: the file's `run` handle and the state its
/// native callbacks share with Rust.
struct Loaded {
    file: Persistent<Object<'static>>,
    watchdog: Rc<Watchdog>,
    done: Finished,
    running: Running,
}

impl Drop for Loaded {
    fn drop(&mut self) {
        // The session's callbacks (owned by the engine) share these lists: empty them while
        // the engine is alive, or their handles would be released during its teardown.
        self.done.borrow_mut().clear();
        self.running.borrow_mut().take();
    }
}

impl PreparedFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every file the load resolved or read.
    fn files_seen(&self) -> Vec<PathBuf> {
        match &self.outcome {
            Loading::Loaded { runtime, .. }
            | Loading::Failed {
                runtime: Some(runtime),
                ..
            } => runtime.host().modules.files_seen(),
            Loading::Failed { runtime: None, .. } => Vec::new(),
        }
    }

    /// Whether running this with `settings` runs what loading `path` now would: the same
    /// file, settings that differ at most in the name pattern and the cancel flag, and every
    /// file the load read unchanged (see [`LoadedInputs`]).
    pub fn is_current(&self, path: &Path, settings: &FileSettings) -> bool {
        self.path == path
            && loads_alike(&self.settings, settings)
            && self
                .inputs
                .as_ref()
                .is_some_and(|inputs| inputs.unchanged(&settings.sources))
    }

    /// The runtime, for the caller to tear down when it suits (the file is not run).
    pub fn into_runtime(self) -> Option<JsRuntime> {
        match self.outcome {
            Loading::Loaded { loaded, runtime } => {
                drop(loaded);
                Some(runtime)
            }
            Loading::Failed { runtime, .. } => runtime,
        }
    }

    /// Runs the tests that match `settings.name_pattern` (the settings are otherwise the
    /// load's; see [`Self::is_current`]) and reports the file. The report's duration counts
    /// the load too: it is what the file took, whenever it was loaded.
    pub fn run(self, settings: &FileSettings) -> (FileReport, Option<JsRuntime>) {
        let started = Instant::now();
        let mut report = FileReport::new(&self.path);
        let (outcome, runtime) = match self.outcome {
            Loading::Loaded { loaded, runtime } => {
                let outcome = run_loaded(
                    &loaded,
                    settings,
                    &runtime,
                    &mut report.coverage,
                    &mut report.dependencies,
                );
                drop(loaded);
                (outcome, Some(runtime))
            }
            Loading::Failed { aborted, runtime } => {
                report.dependencies = runtime
                    .as_ref()
                    .map(|runtime| runtime.host().modules.files_seen())
                    .unwrap_or_default();
                (Err(aborted), runtime)
            }
        };
        match outcome {
            Ok(result) => absorb(&self.path, settings, result, &mut report),
            Err(Aborted { tests, error }) => {
                report.tests = tests;
                report.errors.push(error);
            }
        }
        report.duration_ms = (self.load_time + started.elapsed()).as_secs_f64() * 1000.0;
        (report, runtime)
    }
}

/// Whether files loaded with `a` and with `b` are loaded alike: everything but the name
/// pattern and what to report of it (a run's choices) and the cancel flag (a run's own) is the
/// same, and no coverage is collected (a loaded file's coverage counts would include its load).
fn loads_alike(a: &FileSettings, b: &FileSettings) -> bool {
    let FileSettings {
        root,
        cache_dir,
        name_pattern: _,
        omit_unmatched: _,
        update,
        ci,
        colors,
        timeout_ms,
        setup_files,
        setup_files_after_env,
        test_environment,
        coverage,
        sources: _,
        cancel: _,
    } = a;
    *root == b.root
        && *cache_dir == b.cache_dir
        && *update == b.update
        && *ci == b.ci
        && *colors == b.colors
        && *timeout_ms == b.timeout_ms
        && *setup_files == b.setup_files
        && *setup_files_after_env == b.setup_files_after_env
        && *test_environment == b.test_environment
        && coverage.is_none()
        && b.coverage.is_none()
}

/// Loads `path` on `warm` when it was started for the same project and cache (else on a new
/// runtime): the first half of a run.
fn load(path: &Path, settings: &FileSettings, warm: Option<WarmRuntime>) -> PreparedFile {
    let started = Instant::now();
    let runtime = match warm {
        Some(warm) if warm.root == settings.root && warm.cache_dir == settings.cache_dir => {
            Ok(warm.runtime)
        }
        _ => new_runtime(settings),
    };
    let outcome = match runtime {
        Ok(runtime) => match load_on(path, settings, &runtime) {
            Ok(loaded) => Loading::Loaded { loaded, runtime },
            Err(aborted) => Loading::Failed {
                aborted,
                runtime: Some(runtime),
            },
        },
        Err(e) => Loading::Failed {
            aborted: load_error(e.to_string()),
            runtime: None,
        },
    };
    PreparedFile {
        path: path.to_path_buf(),
        settings: settings.clone(),
        outcome,
        inputs: None,
        load_time: started.elapsed(),
    }
}

/// A file that did not finish: the tests that did, and why the rest did not.
struct Aborted {
    tests: Vec<TestResult>,
    error: FileError,
}

impl Aborted {
    /// Nothing finished; the file's error is of `kind` ("load", "timeout", "internal").
    fn new(kind: &str, message: String) -> Aborted {
        Aborted {
            tests: Vec::new(),
            error: FileError {
                kind: kind.into(),
                message,
                stack: None,
            },
        }
    }
}

fn load_error(message: String) -> Aborted {
    Aborted::new("load", message)
}

fn internal_error(message: String) -> Aborted {
    Aborted::new("internal", message)
}

/// The file's session set up, its setup files and the file itself evaluated, its tests
/// collected (`prepareFile` in `js/test/runner.js`).
fn load_on(path: &Path, settings: &FileSettings, runtime: &JsRuntime) -> Result<Loaded, Aborted> {
    let source = settings
        .sources
        .read(path)
        .map_err(|e| load_error(format!("cannot read {}: {e}", path.display())))?;
    let environment =
        super::environment::for_file(path, &source, settings.test_environment.as_deref())
            .map_err(load_error)?;
    let default_limit = Duration::from_millis(settings.timeout_ms.saturating_mul(2));
    let watchdog = Rc::new(Watchdog {
        limit: Cell::new(default_limit),
        default_limit,
        busy_since: Cell::new(thread_cpu_time()),
        fired: Cell::new(false),
        cancel: RefCell::new(settings.cancel.clone()),
    });
    let watch = watchdog.clone();
    runtime.set_interrupt_handler(Box::new(move || watch.should_interrupt()));
    let done: Finished = Rc::default();
    let running: Running = Rc::default();

    let host = runtime.host().clone();
    host.modules.start_test_run();
    if let Some(scope) = &settings.coverage {
        host.modules.collect_coverage(scope.clone());
    }
    host.modules.set_sources(settings.sources.clone());
    // Hoisting reads the code that runs (TypeScript already stripped), so a factory's types
    // are gone; a file that does not transform fails below, when it is imported.
    let hoisted = host
        .modules
        .transformed(path)
        .map(|t| crate::transform::hoisted_mock_calls(t.code.as_deref().unwrap_or(&source)))
        .unwrap_or_default();
    let config = serde_json::json!({
        "filePath": path,
        "snapshotFile": snapshot_path(path),
        "updateSnapshots": settings.update.as_js(),
        "timeoutMs": settings.timeout_ms,
        "ci": settings.ci,
        "colors": settings.colors,
        "flavor": if imports_vitest(&source) { "vitest" } else { "jest" },
        "setupFiles": settings.setup_files,
        "setupFilesAfterEnv": settings.setup_files_after_env,
        "hoisted": hoisted,
        "environment": environment,
    });
    let file = runtime.with(|ctx| -> Result<_, Aborted> {
        let promise = start(&ctx, &host, &config, &watchdog, &done, &running)
            .catch(&ctx)
            .map_err(|e| load_error(e.to_string()))?;
        let file = drive(&ctx, &host, promise, &watchdog)
            .map_err(|message| stopped(&watchdog, message))?;
        let file = file.into_object().ok_or_else(|| {
            internal_error("dx's test core did not hand back the loaded file".into())
        })?;
        Ok(Persistent::save(&ctx, file))
    });
    let loaded = Loaded {
        file: file
            .map_err(|aborted| read_finished(runtime, &watchdog, &done, &running, aborted))?,
        watchdog,
        done,
        running,
    };
    Ok(loaded)
}

/// The second half of a run: the loaded file's tests that match the name pattern.
fn run_loaded(
    loaded: &Loaded,
    settings: &FileSettings,
    runtime: &JsRuntime,
    coverage: &mut Vec<FileCoverage>,
    dependencies: &mut Vec<PathBuf>,
) -> Result<JsFileResult, Aborted> {
    let watchdog = &loaded.watchdog;
    *watchdog.cancel.borrow_mut() = settings.cancel.clone();
    watchdog.yielded();
    let host = runtime.host().clone();
    // Modules first imported by a test read the run's buffers.
    host.modules.set_sources(settings.sources.clone());
    let outcome = runtime.with(|ctx| -> Result<JsFileResult, Aborted> {
        let file = loaded
            .file
            .clone()
            .restore(&ctx)
            .map_err(|e| internal_error(e.to_string()))?;
        let promise = file
            .get::<_, Function>("run")
            .and_then(|run| {
                let filter = settings.name_pattern.as_deref().map(NameFilter::new);
                let (kind, text) = filter.as_ref().map(NameFilter::parts).unzip();
                run.call::<_, Promise>((This(file.clone()), kind, text, settings.omit_unmatched))
            })
            .catch(&ctx)
            .map_err(|e| load_error(e.to_string()))?;
        let result =
            drive(&ctx, &host, promise, watchdog).map_err(|message| stopped(watchdog, message))?;
        from_js(result)
            .map_err(|e| internal_error(format!("dx could not read the test results: {e}")))
    });
    *dependencies = host.modules.files_seen();
    let result = outcome.map_err(|aborted| {
        read_finished(runtime, watchdog, &loaded.done, &loaded.running, aborted)
    });
    // Read after a stopped file's interrupt is lifted (above): collecting runs JavaScript.
    if settings.coverage.is_some() {
        *coverage = crate::coverage::collect::collect(runtime);
    }
    result
}

/// Why the event loop stopped driving the file: the watchdog (a test that never yields) or the
/// file itself (a rejection, an exit, a promise that can no longer settle).
fn stopped(watchdog: &Watchdog, message: String) -> Aborted {
    let kind = if watchdog.fired.get() {
        "timeout"
    } else {
        "load"
    };
    Aborted::new(kind, message)
}

/// A file that stopped early: what finished is read out of the engine now, with the interrupt
/// lifted (the runtime runs nothing else), and the test that never yielded is failed.
fn read_finished(
    runtime: &JsRuntime,
    watchdog: &Watchdog,
    done: &Finished,
    running: &Running,
    mut aborted: Aborted,
) -> Aborted {
    let timed_out = watchdog.fired.get();
    let cancelled = watchdog.cancelled();
    runtime.set_interrupt_handler(Box::new(|| false));
    let mut tests: Vec<TestResult> = done
        .borrow()
        .iter()
        .filter_map(|result| read_back(runtime, result))
        .collect();
    let stuck = running.borrow_mut().take();
    if cancelled {
        aborted.error.kind = "cancelled".into();
        aborted.error.message = "the run was cancelled".into();
    } else if timed_out && let Some((limit, event)) = stuck {
        aborted.error.message = "the rest of the file was not run: a test never yielded".into();
        if let Some(started) = read_back::<StartedTest>(runtime, &event) {
            tests.push(TestResult {
                name: started.name,
                ancestors: started.ancestors,
                full_name: started.full_name,
                status: super::TestStatus::Failed,
                duration_ms: limit as f64,
                location: started.location,
                failures: vec![Failure {
                    message: format!("Exceeded timeout of {limit} ms for a test: it ran twice that long without yielding (an endless loop?) and was stopped."),
                    stack: None,
                }],
            });
        }
    }
    tests.sort_by_key(|t| t.location.map(|l| (l.line, l.column)));
    aborted.tests = tests;
    aborted
}

/// The results of the tests that finished, as the test core handed them over.
type Finished = Rc<RefCell<Vec<Persistent<Object<'static>>>>>;
/// The running test's timeout (ms) and its `test-start` event.
type Running = Rc<RefCell<Option<(u64, Persistent<Object<'static>>)>>>;

/// A JavaScript object the test core handed over while the file ran, as Rust data.
fn read_back<T: serde::de::DeserializeOwned>(
    runtime: &JsRuntime,
    value: &Persistent<Object<'static>>,
) -> Option<T> {
    runtime.with(|ctx| {
        let object = value.clone().restore(&ctx).ok()?;
        from_js(object.into_value()).ok()
    })
}

/// Whether the test file takes its API from `vitest` (Vitest's semantics apply then).
fn imports_vitest(source: &str) -> bool {
    ["'vitest'", "\"vitest\""].iter().any(|quoted| {
        source.match_indices(quoted).any(|(at, _)| {
            let before = source[..at].trim_end();
            before.ends_with("from") || before.ends_with("import") || before.ends_with('(')
        })
    })
}

fn start<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    config: &serde_json::Value,
    watchdog: &Rc<Watchdog>,
    done: &Finished,
    running: &Running,
) -> rquickjs::Result<Promise<'js>> {
    let runner: Object = host.call_internal(ctx, "requireBuiltin", ("internal/test/runner",))?;
    let prepare_file: Function = runner.get("prepareFile")?;
    let config = ctx.json_parse(config.to_string())?;
    let native = Object::new(ctx.clone())?;
    let (watch, now_running) = (watchdog.clone(), running.clone());
    native.set(
        "testStarted",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, timeout: f64, event: Object<'js>| {
                let ms = if timeout.is_finite() && timeout > 0.0 {
                    timeout as u64
                } else {
                    u64::MAX / 2
                };
                // Twice the timeout: slow synchronous work that finishes passes, as under Jest,
                // where a timer cannot interrupt it either; only a test that never yields is
                // stopped.
                watch.limit.set(Duration::from_millis(ms.saturating_mul(2)));
                *now_running.borrow_mut() = Some((ms, Persistent::save(&ctx, event)));
            },
        )?,
    )?;
    let (watch, now_running, finished) = (watchdog.clone(), running.clone(), done.clone());
    native.set(
        "testDone",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, result: Object<'js>| {
            watch.limit.set(watch.default_limit);
            *now_running.borrow_mut() = None;
            finished.borrow_mut().push(Persistent::save(&ctx, result));
        })?,
    )?;
    prepare_file.call((config, native))
}

/// Runs the event loop until `promise` settles, and gives its value. Errors thrown by callbacks on the way are the
/// session's uncaught errors (they fail the running test), as under Jest.
fn drive<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    promise: Promise<'js>,
    watchdog: &Watchdog,
) -> Result<Value<'js>, String> {
    let report = |ctx: &Ctx<'js>, error: rquickjs::Error| {
        if watchdog.fired.get() {
            let _ = ctx.catch();
            return;
        }
        let value = match error {
            rquickjs::Error::Exception => ctx.catch(),
            other => rquickjs::String::from_str(ctx.clone(), &other.to_string())
                .map(Value::from)
                .unwrap_or_else(|_| Value::new_undefined(ctx.clone())),
        };
        let _ = host
            .call_internal::<_, ()>(ctx, "handleUncaught", (value,))
            .catch(ctx);
    };
    loop {
        match promise.state() {
            PromiseState::Resolved => {
                return promise
                    .result::<Value>()
                    .unwrap_or_else(|| Ok(Value::new_undefined(ctx.clone())))
                    .map_err(|e| e.to_string());
            }
            PromiseState::Rejected => {
                // rquickjs hands a rejection back as the reason thrown on the context.
                let reason = match promise.result::<Value>() {
                    Some(Ok(value)) => value,
                    Some(Err(_)) => ctx.catch(),
                    None => Value::new_undefined(ctx.clone()),
                };
                return Err(describe_thrown(&reason));
            }
            PromiseState::Pending => {}
        }
        if watchdog.fired.get() || watchdog.cancelled() {
            return Err("stopped".into());
        }
        if host.exiting() {
            return Err("the test file called process.exit()".into());
        }
        watchdog.yielded();
        if let Err(error) = host.event_loop.checkpoint(ctx, host) {
            report(ctx, error);
        }
        if promise.state() != PromiseState::Pending || watchdog.fired.get() {
            continue;
        }
        if !host.event_loop.is_alive() {
            return Err(
                "the test file never finished: a promise it awaits can no longer settle".into(),
            );
        }
        watchdog.yielded();
        host.event_loop
            .turn_until(ctx, host, &mut |ctx, e| report(ctx, e), &|| {
                promise.state() != PromiseState::Pending
            });
    }
}

/// A thrown value as the user should read it: an error's stack (its message and where it was
/// thrown), anything else as text.
fn describe_thrown(value: &Value<'_>) -> String {
    if let Some(object) = value.as_object()
        && let Ok(stack) = object.get::<_, String>("stack")
        && !stack.is_empty()
    {
        return stack;
    }
    value
        .get::<rquickjs::Coerced<String>>()
        .map(|s| s.0)
        .unwrap_or_else(|_| "a value that cannot be printed".into())
}

/// Turns the core's result into the report and writes what it asks for: the `.snap` file, its
/// removal, and inline snapshots into the test's source.
fn absorb(path: &Path, settings: &FileSettings, result: JsFileResult, report: &mut FileReport) {
    report.tests = result.tests;
    for hook in result.hook_errors {
        report.errors.push(FileError {
            message: hook.message,
            stack: hook.stack,
            kind: if hook.name.is_empty() {
                hook.kind
            } else {
                format!("{} ({})", hook.kind, hook.name)
            },
        });
    }
    for failure in result.assertion_errors_outside_tests {
        report.errors.push(FileError {
            kind: "uncaught".into(),
            message: failure.message,
            stack: failure.stack,
        });
    }
    let snapshot = result.snapshot.unwrap_or_default();
    report.snapshots = SnapshotOutcome {
        added: snapshot.added,
        updated: snapshot.updated,
        matched: snapshot.matched,
        unmatched: snapshot.unmatched,
        obsolete: snapshot.obsolete,
        file_removed: false,
        inline_written: 0,
    };
    let snap_file = snapshot_path(path);
    let written = match snapshot.file_content {
        Some(content) => std::fs::create_dir_all(snap_file.parent().unwrap_or(Path::new("/")))
            .and_then(|()| std::fs::write(&snap_file, content))
            .map_err(|e| format!("cannot write {}: {e}", snap_file.display())),
        None if snapshot.delete_file && snap_file.exists() => {
            report.snapshots.file_removed = true;
            std::fs::remove_file(&snap_file)
                .map_err(|e| format!("cannot remove {}: {e}", snap_file.display()))
        }
        None => Ok(()),
    };
    if let Err(message) = written {
        report.errors.push(FileError {
            kind: "snapshot".into(),
            message,
            stack: None,
        });
    }
    if !snapshot.inline.is_empty() && settings.sources.contains(path) {
        // Offsets into the unsaved buffer do not fit the file on disk.
        report.errors.push(FileError {
            kind: "snapshot".into(),
            message: "inline snapshots were not written: the file has unsaved changes".into(),
            stack: None,
        });
    } else if !snapshot.inline.is_empty() && settings.update != SnapshotUpdate::None {
        match inline::write_inline_snapshots(path, &snapshot.inline) {
            Ok(count) => report.snapshots.inline_written = count,
            Err(message) => report.errors.push(FileError {
                kind: "snapshot".into(),
                message,
                stack: None,
            }),
        }
    }
    if report.tests.is_empty() && report.errors.is_empty() {
        report.errors.push(FileError {
            kind: "load".into(),
            message: "Your test suite must contain at least one test.".into(),
            stack: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vitest_imports_are_recognised() {
        assert!(imports_vitest("import { it } from 'vitest'"));
        assert!(imports_vitest("const { it } = require(\"vitest\")"));
        assert!(!imports_vitest("it('mentions vitest', () => {})"));
        assert!(!imports_vitest("const s = 'vitest';"));
    }
}
