//! One JavaScript runtime: a QuickJS-ng runtime and context on the current thread, the host
//! state its native ops share, and the entry points that run a program to completion.
//!
//! A `JsRuntime` can be created and dropped many times in one process (the test runner makes
//! one per file, the language server keeps one warm); dropping it frees every handle it holds
//! before the engine, so nothing leaks.

use std::{
    cell::{Cell, RefCell},
    path::{Path, PathBuf},
    rc::Rc,
};

use rquickjs::{
    CatchResultExt, Context, Ctx, Function, Module, Object, Persistent, Promise, Runtime, Value,
    promise::PromiseState,
};

use crate::{
    cache::TransformCache,
    code_cache::CodeCache,
    event_loop::{EventLoop, LoopHost},
    loader::{ModuleLoader, ModuleResolver, ModuleSystem},
    ops,
    source_map::SourceMaps,
};

/// How to start a runtime.
#[derive(Debug, Clone)]
pub struct RuntimeOptions {
    /// `process.cwd()` at start.
    pub cwd: PathBuf,
    /// `process.argv` after the executable and the script: the program's own arguments.
    pub args: Vec<String>,
    /// Root of the on-disk caches (`None`: no caching).
    pub cache_dir: Option<PathBuf>,
    /// Native stack JavaScript may use before recursion throws a RangeError. It must stay below
    /// the calling thread's real stack: the default suits any thread (Rust gives spawned threads
    /// 2 MiB); [`js_thread`] threads take [`RuntimeOptions::for_js_thread`].
    pub stack_limit: usize,
}

impl RuntimeOptions {
    /// Options for a runtime on a [`js_thread`]: about 26,000 frames of recursion (Node has
    /// ~11,000). The limit stays at a quarter of the stack because some of QuickJS's own work
    /// after an overflow (building the error, collecting garbage) recurses natively unchecked.
    pub fn for_js_thread() -> Self {
        RuntimeOptions {
            stack_limit: JS_THREAD_STACK / 8,
            ..RuntimeOptions::default()
        }
    }
}

impl Default for RuntimeOptions {
    fn default() -> Self {
        RuntimeOptions {
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
            args: Vec::new(),
            cache_dir: crate::cache::default_cache_dir(),
            stack_limit: 1024 * 1024,
        }
    }
}

/// Why a runtime could not start (the engine itself failed; user code never causes this).
#[derive(Debug, thiserror::Error)]
#[error("the JavaScript engine failed to start: {0}")]
pub struct StartError(String);

/// State shared by the engine's native ops, the module loader and the event loop.
pub struct Host {
    pub options: RuntimeOptions,
    pub modules: ModuleSystem,
    pub code_cache: CodeCache,
    pub source_maps: RefCell<SourceMaps>,
    pub event_loop: EventLoop,
    /// Set by `process.exit` or a fatal error: the code the process ends with.
    pub exit_code: Cell<Option<i32>>,
    /// `process.exitCode` as JavaScript last set it is read from JS at the end; this is the
    /// code for failures the host itself detects (uncaught errors).
    pub failure_code: Cell<i32>,
    /// Rejected promises without a handler yet, checked at the end of each checkpoint.
    pub unhandled_rejections:
        RefCell<Vec<(Persistent<Promise<'static>>, Persistent<Value<'static>>)>>,
    /// The bootstrap's `internals` object: the JS functions Rust calls back into.
    pub internals: RefCell<Option<Persistent<Object<'static>>>>,
}

impl Host {
    fn internals<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
        self.internals
            .borrow()
            .clone()
            .expect("bootstrap ran")
            .restore(ctx)
    }

    /// Calls `internals[name](...args)`.
    pub fn call_internal<'js, A, R>(
        &self,
        ctx: &Ctx<'js>,
        name: &str,
        args: A,
    ) -> rquickjs::Result<R>
    where
        A: rquickjs::function::IntoArgs<'js>,
        R: rquickjs::FromJs<'js>,
    {
        self.internals(ctx)?.get::<_, Function>(name)?.call(args)
    }
}

/// Runs queued promise jobs until none is left. Unlike `Ctx::execute_pending_job`, a job that
/// throws (only uncatchable errors do: `process.exit`) stops the drain and surfaces as an
/// exception left pending on the context.
pub fn run_jobs(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let runtime = unsafe { rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    loop {
        let mut job_ctx = std::ptr::null_mut();
        // SAFETY: the runtime is live; `job_ctx` receives the context the job ran in.
        match unsafe { rquickjs::qjs::JS_ExecutePendingJob(runtime, &mut job_ctx) } {
            0 => return Ok(()),
            result if result < 0 => return Err(rquickjs::Error::Exception),
            _ => {}
        }
    }
}

impl LoopHost for Rc<Host> {
    fn run_jobs<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<()> {
        run_jobs(ctx)
    }

    fn check_rejections<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<()> {
        let pending: Vec<_> = self.unhandled_rejections.borrow_mut().drain(..).collect();
        for (promise, reason) in pending {
            let promise = promise.restore(ctx)?;
            let reason = reason.restore(ctx)?;
            self.call_internal::<_, bool>(ctx, "onUnhandledRejection", (reason, promise))?;
        }
        Ok(())
    }

    fn exiting(&self) -> bool {
        self.exit_code.get().is_some()
    }
}

/// The native stack of a thread made by [`js_thread`]. QuickJS uses about 640 bytes of native
/// stack per JavaScript call, so Node's recursion depth (~11,000 frames in a 1 MB V8 stack)
/// needs several megabytes.
const JS_THREAD_STACK: usize = 64 * 1024 * 1024;

/// A thread builder whose stack fits [`RuntimeOptions::for_js_thread`]'s limit: run runtimes
/// that execute arbitrary user code on these.
pub fn js_thread(name: &str) -> std::thread::Builder {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(JS_THREAD_STACK)
}

/// Heap size at which the first garbage collection runs (see [`JsRuntime::new`]).
const FIRST_GC_THRESHOLD: usize = 32 * 1024 * 1024;

pub struct JsRuntime {
    // Field order matters: the host's persistent handles go before the context and runtime.
    host: Rc<Host>,
    context: Context,
    runtime: Runtime,
}

impl JsRuntime {
    pub fn new(options: RuntimeOptions) -> Result<Self, StartError> {
        let runtime = Runtime::new().map_err(|e| StartError(e.to_string()))?;
        // Deep recursion in user code must become a RangeError, not a crash.
        runtime.set_max_stack_size(options.stack_limit);
        // QuickJS collects first at 256 KiB and then at 1.5× the live size, so a program that
        // grows to a few megabytes (every test file: the test core alone is ~2 MB) pays for a
        // dozen full collections on the way. Like V8's young generation, start collecting only
        // once the heap is worth it.
        runtime.set_gc_threshold(FIRST_GC_THRESHOLD);
        let context = Context::full(&runtime).map_err(|e| StartError(e.to_string()))?;
        let cache = TransformCache::new(options.cache_dir.as_deref());
        let host = Rc::new(Host {
            modules: ModuleSystem::new(&options.cwd, cache),
            code_cache: CodeCache::new(options.cache_dir.as_deref()),
            options,
            source_maps: RefCell::default(),
            event_loop: EventLoop::default(),
            exit_code: Cell::new(None),
            failure_code: Cell::new(0),
            unhandled_rejections: RefCell::default(),
            internals: RefCell::default(),
        });
        runtime.set_loader(
            ModuleResolver::new(host.clone()),
            ModuleLoader::new(host.clone()),
        );
        let tracker_host = Rc::downgrade(&host);
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx, promise, reason, is_handled| {
                let Some(host) = tracker_host.upgrade() else {
                    return;
                };
                let Some(promise) = promise.into_promise() else {
                    return;
                };
                let mut pending = host.unhandled_rejections.borrow_mut();
                if is_handled {
                    pending.retain(|(p, _)| {
                        p.clone()
                            .restore(&ctx)
                            .map(|p| p != promise)
                            .unwrap_or(false)
                    });
                } else {
                    pending.push((
                        Persistent::save(&ctx, promise),
                        Persistent::save(&ctx, reason),
                    ));
                }
            },
        )));
        context
            .with(|ctx| ops::bootstrap(&ctx, &host))
            .map_err(|e| StartError(format!("bootstrap failed: {e}")))?;
        Ok(JsRuntime {
            host,
            context,
            runtime,
        })
    }

    pub fn host(&self) -> &Rc<Host> {
        &self.host
    }

    /// Runs `f` inside this runtime's context (the test runner drives files through it).
    pub fn with<R>(&self, f: impl FnOnce(Ctx<'_>) -> R) -> R {
        self.context.with(f)
    }

    /// QuickJS asks `handler` now and then while JavaScript runs; `true` stops the running code
    /// with an uncatchable error. The test runner uses it to stop a test stuck in a loop.
    pub fn set_interrupt_handler(&self, handler: Box<dyn FnMut() -> bool + 'static>) {
        self.runtime.set_interrupt_handler(Some(handler));
    }

    /// Runs `entry` as the main module, then the event loop until no work is left. Uncaught
    /// errors are printed to stderr the way Node prints them. Returns the process exit code.
    pub fn run_main(&self, entry: &Path) -> i32 {
        self.context.with(|ctx| {
            let host = &self.host;
            let entry = entry.to_string_lossy().into_owned();
            let started = host.call_internal::<_, ()>(&ctx, "runMain", (entry,));
            self.settle(&ctx, started);
            self.run_event_loop(&ctx);
            self.finish(&ctx)
        })
    }

    /// Evaluates a script in the global scope (the REPL-less `dx run -e`), then runs the loop.
    pub fn run_script(&self, filename: &str, source: &str) -> i32 {
        self.context.with(|ctx| {
            let result = self
                .host
                .call_internal::<_, ()>(&ctx, "prepareEval", ())
                .and_then(|()| {
                    ctx.eval_with_options::<Value, _>(source, {
                        let mut options = rquickjs::context::EvalOptions::default();
                        options.filename = Some(filename.to_owned());
                        options.strict = false;
                        options
                    })
                })
                .map(|_| ());
            self.settle(&ctx, result);
            self.run_event_loop(&ctx);
            self.finish(&ctx)
        })
    }

    /// Imports an ES module by path and waits for its evaluation (top-level await included).
    pub fn import<'js>(&self, ctx: &Ctx<'js>, path: &Path) -> rquickjs::Result<Object<'js>> {
        let promise = Module::import(ctx, path.to_string_lossy().as_bytes())?;
        self.await_promise(ctx, promise)?
            .into_object()
            .ok_or(rquickjs::Error::Unknown)
    }

    /// Drives the loop until `promise` settles; returns its value or throws its reason.
    pub fn await_promise<'js>(
        &self,
        ctx: &Ctx<'js>,
        promise: Promise<'js>,
    ) -> rquickjs::Result<Value<'js>> {
        loop {
            match promise.state() {
                PromiseState::Resolved => {
                    return promise
                        .result::<Value>()
                        .unwrap_or(Ok(Value::new_undefined(ctx.clone())));
                }
                PromiseState::Rejected => {
                    // Consumed here: no longer an unhandled rejection.
                    let reason = promise
                        .result::<Value>()
                        .unwrap_or(Ok(Value::new_undefined(ctx.clone())))?;
                    let mut pending = self.host.unhandled_rejections.borrow_mut();
                    pending.retain(|(p, _)| {
                        p.clone()
                            .restore(ctx)
                            .map(|p| p != promise)
                            .unwrap_or(false)
                    });
                    return Err(ctx.throw(reason));
                }
                PromiseState::Pending => {}
            }
            self.host.event_loop.checkpoint(ctx, &self.host)?;
            if promise.state() != PromiseState::Pending {
                continue;
            }
            if !self.host.event_loop.is_alive() || self.host.exiting() {
                return Err(rquickjs::Exception::throw_message(
                    ctx,
                    "the promise never settled: no timers or I/O were left to settle it",
                ));
            }
            let mut first_error = None;
            self.host.event_loop.turn(ctx, &self.host, &mut |ctx, e| {
                if first_error.is_none() {
                    first_error = Some(ctx.catch());
                }
                let _ = e;
            });
            if let Some(error) = first_error {
                return Err(ctx.throw(error));
            }
        }
    }

    /// Runs a microtask checkpoint after synchronous work, reporting what it threw.
    fn settle<'js>(&self, ctx: &Ctx<'js>, result: rquickjs::Result<()>) {
        let result = result.and_then(|()| self.host.event_loop.checkpoint(ctx, &self.host));
        if let Err(error) = result {
            self.uncaught(ctx, error);
        }
    }

    fn run_event_loop<'js>(&self, ctx: &Ctx<'js>) {
        let host = &self.host;
        loop {
            while host.event_loop.is_alive() && !host.exiting() {
                host.event_loop
                    .turn(ctx, host, &mut |ctx, error| self.uncaught(ctx, error));
            }
            if host.exiting() {
                return;
            }
            // 'beforeExit' may schedule more work, which keeps the process alive (as in Node).
            let emitted = host
                .call_internal::<_, ()>(ctx, "emitBeforeExit", ())
                .and_then(|()| host.event_loop.checkpoint(ctx, host));
            if let Err(error) = emitted {
                self.uncaught(ctx, error);
            }
            if !host.event_loop.is_alive() || host.exiting() {
                return;
            }
        }
    }

    /// Emits 'exit' and returns the code the process ends with.
    fn finish<'js>(&self, ctx: &Ctx<'js>) -> i32 {
        let host = &self.host;
        if let Some(code) = host.exit_code.get() {
            return code;
        }
        // 'exit' listeners run like any callback: what they throw, or reject in a microtask,
        // is reported and makes the exit code 1, as in Node.
        let emitted = host.call_internal::<_, i32>(ctx, "emitExit", (host.failure_code.get(),));
        let code = match emitted {
            Ok(code) => {
                self.settle(ctx, Ok(()));
                code
            }
            Err(error) => {
                self.uncaught(ctx, error);
                1
            }
        };
        host.exit_code.get().unwrap_or(code)
    }

    /// Node's uncaught-exception path, in `js/bootstrap.js`: a `process.on('uncaughtException')`
    /// listener gets the error, else it is printed with a code frame and the process exits 1.
    fn uncaught<'js>(&self, ctx: &Ctx<'js>, error: rquickjs::Error) {
        let host = &self.host;
        if host.exiting() {
            return;
        }
        let value = match error {
            rquickjs::Error::Exception => ctx.catch(),
            other => rquickjs::String::from_str(ctx.clone(), &other.to_string())
                .map(Value::from)
                .unwrap_or_else(|_| Value::new_undefined(ctx.clone())),
        };
        let handled = host
            .call_internal::<_, ()>(ctx, "handleUncaught", (value,))
            .catch(ctx);
        if let Err(error) = handled
            && !host.exiting()
        {
            eprintln!("dx: reporting an uncaught exception failed: {error}");
            host.exit_code.set(Some(7));
        }
    }
}

impl Drop for JsRuntime {
    fn drop(&mut self) {
        self.host.event_loop.clear();
        self.host.unhandled_rejections.borrow_mut().clear();
        self.host.internals.borrow_mut().take();
        self.host.modules.clear();
    }
}
