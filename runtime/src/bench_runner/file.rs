//! One bench file in a fresh runtime: the JavaScript side (`js/test/bench-runner.js`) builds
//! the bench session and runs the file; this side drives the event loop, stops a bench that
//! never returns, and turns the result into Rust types.

use std::{
    cell::{Cell, RefCell},
    path::Path,
    rc::Rc,
    time::{Duration, Instant},
};

use rquickjs::{CatchResultExt, Ctx, Function, Object, Promise, Value};
use serde::Deserialize;

use super::{BenchFileError, BenchFileReport, BenchGroup, BenchResult, BenchSettings, BenchStatus};
use crate::{JsRuntime, RuntimeOptions, test_runner::Failure};

/// The JavaScript runner's result (`runBenchFile` in `js/test/bench-runner.js`).
#[derive(Deserialize)]
struct JsBenchFileResult {
    groups: Vec<BenchGroup>,
    uncaught: Vec<Failure>,
}

/// A `bench-done` event: one bench's result and the group it belongs to.
#[derive(Deserialize)]
struct DoneBench {
    group: String,
    result: BenchResult,
}

/// Stops a bench (or the file's loading) that runs far past its time budget: a synchronous
/// endless loop never returns to the event loop, so no JavaScript timer can end it. The clock
/// is wall time because benches run alone, one file at a time.
struct Watchdog {
    limit: Duration,
    since: Cell<Option<Instant>>,
    /// The bench being measured: its group and name.
    running: RefCell<Option<(String, String)>>,
    fired: Cell<bool>,
}

impl Watchdog {
    fn should_interrupt(&self) -> bool {
        if !self.fired.get() && self.since.get().is_some_and(|t| t.elapsed() > self.limit) {
            self.fired.set(true);
        }
        self.fired.get()
    }
}

/// Runs one bench file and reports what happened. Never fails: a file that cannot load or a
/// runtime that cannot start becomes a [`BenchFileError`] in the report. Call it on a
/// [`crate::js_thread`] (the runtime expects its large stack).
pub fn run_bench_file(path: &Path, settings: &BenchSettings) -> BenchFileReport {
    let started = Instant::now();
    let mut report = BenchFileReport {
        path: path.to_path_buf(),
        groups: Vec::new(),
        errors: Vec::new(),
        duration_ms: 0.0,
    };
    match execute(path, settings) {
        Ok(result) => {
            report.groups = result.groups;
            report
                .errors
                .extend(result.uncaught.into_iter().map(|failure| BenchFileError {
                    kind: "uncaught".into(),
                    message: failure.message,
                    stack: failure.stack,
                }));
            if report.groups.is_empty() && report.errors.is_empty() {
                report.errors.push(file_error(
                    "load",
                    "Your bench file must contain at least one bench.".into(),
                    None,
                ));
            }
        }
        Err((groups, error)) => {
            report.groups = groups;
            report.errors.push(error);
        }
    }
    report.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    report
}

fn file_error(kind: &str, message: String, stack: Option<String>) -> BenchFileError {
    BenchFileError {
        kind: kind.into(),
        message,
        stack,
    }
}

/// The file's result, or the groups of the benches that finished and why the rest did not.
fn execute(
    path: &Path,
    settings: &BenchSettings,
) -> Result<JsBenchFileResult, (Vec<BenchGroup>, BenchFileError)> {
    let runtime = JsRuntime::new(RuntimeOptions {
        cwd: settings.root.clone(),
        cache_dir: settings.cache_dir.clone(),
        ..RuntimeOptions::for_js_thread()
    })
    .map_err(|e| (Vec::new(), file_error("load", e.to_string(), None)))?;
    let budget = settings.warmup_ms.unwrap_or(100) + settings.max_time_ms.unwrap_or(5000);
    let watchdog = Rc::new(Watchdog {
        limit: Duration::from_millis(budget.saturating_mul(3)).max(Duration::from_secs(10)),
        since: Cell::new(Some(Instant::now())),
        running: RefCell::new(None),
        fired: Cell::new(false),
    });
    let watch = watchdog.clone();
    runtime.set_interrupt_handler(Box::new(move || watch.should_interrupt()));
    let done: Rc<RefCell<Vec<DoneBench>>> = Rc::default();
    runtime.host().modules.start_test_run();
    let config = serde_json::json!({
        "filePath": path,
        "namePattern": settings.name_pattern,
        "timeMs": settings.time_ms,
        "warmupMs": settings.warmup_ms,
        "maxTimeMs": settings.max_time_ms,
    });
    let outcome = runtime.with(|ctx| -> Result<String, BenchFileError> {
        let promise = start(&ctx, &runtime, &config, &watchdog, &done)
            .catch(&ctx)
            .map_err(|e| file_error("load", e.to_string(), None))?;
        match runtime.await_promise(&ctx, promise) {
            Ok(value) => value
                .as_string()
                .and_then(|s| s.to_string().ok())
                .ok_or_else(|| file_error("internal", "the bench runner returned no result".into(), None)),
            Err(_) if watchdog.fired.get() => {
                let _ = ctx.catch();
                let limit = watchdog.limit.as_secs();
                let message = match watchdog.running.borrow_mut().take() {
                    Some((group, name)) => {
                        let message = format!("ran for more than {limit} s without returning and was stopped (an endless loop?)");
                        done.borrow_mut().push(DoneBench {
                            group,
                            result: BenchResult {
                                name: name.clone(),
                                status: BenchStatus::Failed,
                                stats: None,
                                error: Some(Failure { message: message.clone(), stack: None }),
                                baseline: None,
                            },
                        });
                        format!("bench `{name}` {message}; the rest of the file was not run")
                    }
                    None => format!("the bench file did not finish loading within {limit} s and was stopped"),
                };
                Err(file_error("timeout", message, None))
            }
            Err(_) => {
                let (message, stack) = describe_thrown(&ctx.catch());
                Err(file_error("load", message, stack))
            }
        }
    });
    match outcome.and_then(|json| {
        serde_json::from_str(&json).map_err(|e| {
            file_error(
                "internal",
                format!("dx could not read the bench results: {e}"),
                None,
            )
        })
    }) {
        Ok(result) => Ok(result),
        Err(error) => Err((finished_groups(done.take()), error)),
    }
}

fn start<'js>(
    ctx: &Ctx<'js>,
    runtime: &JsRuntime,
    config: &serde_json::Value,
    watchdog: &Rc<Watchdog>,
    done: &Rc<RefCell<Vec<DoneBench>>>,
) -> rquickjs::Result<Promise<'js>> {
    let host = runtime.host();
    let runner: Object =
        host.call_internal(ctx, "requireBuiltin", ("internal/test/bench-runner",))?;
    let run_bench_file: Function = runner.get("runBenchFile")?;
    let config = ctx.json_parse(config.to_string())?;
    let native = Object::new(ctx.clone())?;
    let watch = watchdog.clone();
    native.set(
        "benchStarted",
        Function::new(ctx.clone(), move |group: String, name: String| {
            watch.since.set(Some(Instant::now()));
            *watch.running.borrow_mut() = Some((group, name));
        })?,
    )?;
    let (watch, finished) = (watchdog.clone(), done.clone());
    native.set(
        "benchDone",
        Function::new(ctx.clone(), move |json: String| {
            watch.since.set(None);
            *watch.running.borrow_mut() = None;
            if let Ok(bench) = serde_json::from_str(&json) {
                finished.borrow_mut().push(bench);
            }
        })?,
    )?;
    run_bench_file.call((config, native))
}

/// The benches that finished before the file stopped, grouped as the core groups them (no
/// comparisons: the group is incomplete).
fn finished_groups(done: Vec<DoneBench>) -> Vec<BenchGroup> {
    let mut groups: Vec<BenchGroup> = Vec::new();
    for bench in done {
        match groups.iter_mut().find(|g| g.name == bench.group) {
            Some(group) => group.results.push(bench.result),
            None => groups.push(BenchGroup {
                name: bench.group,
                results: vec![bench.result],
                fastest: None,
                comparisons: Vec::new(),
            }),
        }
    }
    groups
}

/// A thrown value as the user should read it: an error's `Name: message` and its stack.
fn describe_thrown(value: &Value<'_>) -> (String, Option<String>) {
    if let Some(object) = value.as_object() {
        let stack = object
            .get::<_, String>("stack")
            .ok()
            .filter(|s| !s.is_empty());
        if let Ok(message) = object.get::<_, String>("message") {
            let name = object.get::<_, String>("name").unwrap_or_default();
            let message = if name.is_empty() || name == "Error" {
                message
            } else {
                format!("{name}: {message}")
            };
            return (message, stack);
        }
    }
    let text = value
        .get::<rquickjs::Coerced<String>>()
        .map(|s| s.0)
        .unwrap_or_else(|_| "a value that cannot be printed".into());
    (format!("thrown: {text}"), None)
}
