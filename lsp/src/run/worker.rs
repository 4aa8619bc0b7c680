//! The warm runtime worker: one long-lived JavaScript thread that runs test files in-process,
//! one job at a time, off the language server's async threads.
//!
//! Each file still gets a fresh `JsRuntime` (tests must not see each other's globals), but the
//! process stays up: the runtime's transform and bytecode caches are warm on disk and in the
//! page cache, the thread and its 64 MiB stack exist already, and no `dx` process has to start.
//! And the worker does the rest of the fixed cost while the user is not waiting: once a job's
//! results are out and nothing new has come for [`SETTLE`], it tears the spent runtime down,
//! loads the file it just ran into a fresh runtime ([`PreparedFile`]: the file evaluated, its
//! tests collected, none run) and starts a spare runtime for any other file ([`WarmRuntime`]:
//! engine up, test core loaded). That is what makes the next "Run" fast: it only runs tests.
//! A loaded file is used only while it is current: same settings, every file it read
//! unchanged on disk and in the editor (the server reports edits with
//! [`Worker::files_changed`], and the worker loads the file again after a pause in them).
//!
//! Jobs are keyed by what they run. A new job for the same key (the same file, or "all")
//! replaces a queued one and stops a running one: its results would be stale. Cancelling sets
//! the job's flag, which the runtime's interrupt handler polls, so even a test stuck in a loop
//! stops at once.

use std::{
    collections::VecDeque,
    panic::AssertUnwindSafe,
    path::PathBuf,
    sync::{
        Arc, Condvar, Mutex, MutexGuard, PoisonError,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::Duration,
};

use dx_runtime::{
    JsRuntime,
    test_runner::{
        FileError, FileReport, FileSettings, PreparedFile, Sources, WarmRuntime, prepare_file,
        run_file_on,
    },
};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use super::results::FileResults;

/// What a job runs; a newer job with the same key supersedes an older one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunKey {
    File(PathBuf),
    All,
}

/// What a job tells its owner, in order: each file's results as it finishes, then `Finished`.
#[derive(Debug)]
pub enum RunEvent {
    File(FileResults),
    Finished { cancelled: bool },
}

/// Turns a job's file report into its results on the worker thread, as soon as the file is
/// done: `(job id, report, whether it is the job's last file)`. The results reach the editor
/// from there, without waking another thread first.
pub type Publish = Box<dyn FnMut(u64, FileReport, bool) -> FileResults + Send>;

struct Job {
    id: u64,
    key: RunKey,
    files: Vec<(PathBuf, FileSettings)>,
    cancel: Arc<AtomicBool>,
    publish: Publish,
    events: UnboundedSender<RunEvent>,
}

/// A job the worker has taken: what it runs and how to stop it.
struct Running {
    id: u64,
    key: RunKey,
    cancel: Arc<AtomicBool>,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    running: Option<Running>,
    /// Whether the thread exists (it starts with the first job).
    started: bool,
    /// Set while the worker loads a file ahead of its run; a job stops that load.
    preparing: Option<Arc<AtomicBool>>,
    /// Edits the worker has not looked at yet: the editor's buffers after them, and whether
    /// installed packages changed too.
    changed: Option<Changed>,
}

struct Changed {
    sources: Sources,
    packages: bool,
}

/// The handle the server owns.
#[derive(Default)]
pub struct Worker {
    queue: Arc<(Mutex<Queue>, Condvar)>,
    next_id: AtomicU64,
}

fn lock(queue: &Mutex<Queue>) -> MutexGuard<'_, Queue> {
    // Every update is a push, a pop or a field store: poison leaves nothing half-done.
    queue.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Worker {
    /// Queues `files` (each with its settings; their `cancel` is replaced by the job's) and
    /// returns the job's id and its events; each file's report goes through `publish` first.
    /// A job this one supersedes ends with `Finished { cancelled: true }` (queued) or stops
    /// early (running).
    pub fn submit(
        &self,
        key: RunKey,
        files: Vec<(PathBuf, FileSettings)>,
        publish: Publish,
    ) -> std::io::Result<(u64, UnboundedReceiver<RunEvent>)> {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let cancel = Arc::new(AtomicBool::new(false));
        let files = files
            .into_iter()
            .map(|(path, settings)| {
                let settings = FileSettings {
                    cancel: Some(cancel.clone()),
                    ..settings
                };
                (path, settings)
            })
            .collect();
        let (events, receiver) = unbounded_channel();
        let (queue, ready) = &*self.queue;
        let mut state = lock(queue);
        if !state.started {
            let shared = Arc::clone(&self.queue);
            dx_runtime::js_thread("dx-lsp-run").spawn(move || work(&shared))?;
            state.started = true;
        }
        state.jobs.retain(|job| {
            let superseded = job.key == key;
            if superseded {
                let _ = job.events.send(RunEvent::Finished { cancelled: true });
            }
            !superseded
        });
        if let Some(running) = state.running.as_ref().filter(|r| r.key == key) {
            running.cancel.store(true, Ordering::SeqCst);
        }
        if let Some(preparing) = &state.preparing {
            preparing.store(true, Ordering::SeqCst);
        }
        state.jobs.push_back(Job {
            id,
            key,
            files,
            cancel,
            publish,
            events,
        });
        ready.notify_one();
        Ok((id, receiver))
    }

    /// Files may have changed: the editor's buffers are now `sources`, and `packages` says
    /// whether `node_modules` may have changed too (which file stamps do not cover). A loaded
    /// file that is no longer current is loaded again once the edits pause.
    /// `sources` is called only when a run has happened.
    pub fn files_changed(&self, sources: impl FnOnce() -> Sources, packages: bool) {
        let (queue, ready) = &*self.queue;
        let mut state = lock(queue);
        if !state.started {
            return;
        }
        let sources = sources();
        let packages = packages || state.changed.as_ref().is_some_and(|c| c.packages);
        state.changed = Some(Changed { sources, packages });
        ready.notify_one();
    }

    /// Stops job `id` (queued or running), or every job when `id` is `None`. Returns whether
    /// any job was found.
    pub fn cancel(&self, id: Option<u64>) -> bool {
        let (queue, _) = &*self.queue;
        let state = lock(queue);
        let wanted = |job: u64| id.is_none_or(|id| id == job);
        let mut found = false;
        for job in state.jobs.iter().filter(|job| wanted(job.id)) {
            job.cancel.store(true, Ordering::SeqCst);
            found = true;
        }
        if let Some(running) = state.running.as_ref().filter(|r| wanted(r.id)) {
            running.cancel.store(true, Ordering::SeqCst);
            found = true;
        }
        found
    }
}

/// How long the worker stays idle after a job before it tears the spent runtime down and
/// loads the next one. That work keeps a core busy for a millisecond or two, and on a small
/// machine it would compete with the threads that carry the job's results to the editor.
const SETTLE: Duration = Duration::from_millis(20);

/// How long edits must pause before a loaded file they made stale is loaded again: loading
/// runs the file's top level, which is not worth doing for every keystroke.
const EDIT_PAUSE: Duration = Duration::from_millis(150);

/// What the worker keeps between jobs, and what it does while nobody waits.
#[derive(Default)]
struct Idle {
    /// A fresh runtime for a file that is not [`Idle::loaded`], and the settings of the last
    /// job, which it is started with.
    spare: Option<WarmRuntime>,
    last_settings: Option<FileSettings>,
    /// The file the last single-file job ran, with its settings for the next run (no name
    /// pattern): what is worth loading ahead.
    target: Option<(PathBuf, FileSettings)>,
    /// That file, loaded.
    loaded: Option<PreparedFile>,
    /// Runtimes of finished files, torn down once the results are out.
    spent: Vec<JsRuntime>,
    /// How long the quiet must last before [`Idle::work`], if there is work.
    pending: Option<Duration>,
}

impl Idle {
    /// A job is about to run `path`: the loaded file if it is current for `settings`. One that
    /// is not goes with the spent runtimes.
    fn take_loaded(
        &mut self,
        path: &std::path::Path,
        settings: &FileSettings,
    ) -> Option<PreparedFile> {
        let loaded = self.loaded.take_if(|loaded| loaded.path() == path)?;
        if loaded.is_current(path, settings) {
            return Some(loaded);
        }
        self.spent.extend(loaded.into_runtime());
        None
    }

    /// Takes in edits: the target runs with the new buffers, and a loaded file that no longer
    /// matches them (or any loaded file, after an install) is dropped.
    fn files_changed(&mut self, changed: Changed) {
        let Some((path, settings)) = &mut self.target else {
            return;
        };
        settings.sources = changed.sources;
        let stale = changed.packages
            || self
                .loaded
                .as_ref()
                .is_some_and(|loaded| !loaded.is_current(path, settings));
        if stale {
            self.spent
                .extend(self.loaded.take().and_then(PreparedFile::into_runtime));
            self.pending = Some(self.pending.map_or(EDIT_PAUSE, |p| p.max(EDIT_PAUSE)));
        }
    }

    /// The quiet moment: tear down, load the target, warm a spare runtime. `stop` is set when
    /// a job arrives, which ends a load early (that load is then thrown away).
    fn work(&mut self, stop: &Arc<AtomicBool>) {
        self.pending = None;
        // A file loaded for an earlier target is of no use now, and would keep the new
        // target from being loaded.
        if let Some((path, _)) = &self.target
            && let Some(other) = self.loaded.take_if(|loaded| loaded.path() != path)
        {
            self.spent.extend(other.into_runtime());
        }
        self.spent.clear();
        if let Some((path, settings)) = &self.target
            && self.loaded.is_none()
            && !stop.load(Ordering::SeqCst)
        {
            let settings = FileSettings {
                cancel: Some(Arc::clone(stop)),
                ..settings.clone()
            };
            let warm = self
                .spare
                .take()
                .or_else(|| WarmRuntime::start(&settings).ok());
            let load = AssertUnwindSafe(|| prepare_file(path, &settings, warm));
            self.loaded = std::panic::catch_unwind(load)
                .ok()
                .filter(|_| !stop.load(Ordering::SeqCst));
        }
        if self.spare.is_none()
            && !stop.load(Ordering::SeqCst)
            && let Some(settings) = &self.last_settings
        {
            self.spare = WarmRuntime::start(settings).ok();
        }
    }
}

/// The worker thread: takes jobs in order and runs their files until the process ends.
fn work(shared: &(Mutex<Queue>, Condvar)) {
    let (queue, ready) = shared;
    let mut idle = Idle::default();
    loop {
        // A job, or a quiet moment for the idle work (with the flag that stops it).
        let next: Result<Job, Arc<AtomicBool>> = {
            let mut state = lock(queue);
            state.running = None;
            loop {
                if let Some(changed) = state.changed.take() {
                    idle.files_changed(changed);
                }
                if let Some(job) = state.jobs.pop_front() {
                    // Under the same lock as the pop, so a newer job for this key finds it.
                    state.running = Some(Running {
                        id: job.id,
                        key: job.key.clone(),
                        cancel: job.cancel.clone(),
                    });
                    break Ok(job);
                }
                let Some(pause) = idle.pending else {
                    state = ready.wait(state).unwrap_or_else(PoisonError::into_inner);
                    continue;
                };
                let (next, waited) = ready
                    .wait_timeout(state, pause)
                    .unwrap_or_else(PoisonError::into_inner);
                state = next;
                if waited.timed_out() && state.jobs.is_empty() && state.changed.is_none() {
                    let stop = Arc::new(AtomicBool::new(false));
                    state.preparing = Some(Arc::clone(&stop));
                    break Err(stop);
                }
            }
        };
        let mut job = match next {
            Ok(job) => job,
            Err(stop) => {
                idle.work(&stop);
                lock(queue).preparing = None;
                continue;
            }
        };
        let mut last_file = None;
        let mut worth_loading = true;
        let count = job.files.len();
        for (index, (path, settings)) in job.files.iter().enumerate() {
            if job.cancel.load(Ordering::SeqCst) {
                break;
            }
            let (report, runtime) = match idle.take_loaded(path, settings) {
                Some(loaded) => run_loaded(loaded, settings),
                None => run_guarded(path, settings, idle.spare.take()),
            };
            idle.spent.extend(runtime);
            last_file = Some((path, settings));
            // A file stopped for never yielding would spin again while loading ahead.
            worth_loading = !report
                .errors
                .iter()
                .any(|e| matches!(e.kind.as_str(), "timeout" | "cancelled"));
            let results = (job.publish)(job.id, report, index + 1 == count);
            if job.events.send(RunEvent::File(results)).is_err() {
                break;
            }
        }
        let cancelled = job.cancel.load(Ordering::SeqCst);
        let _ = job.events.send(RunEvent::Finished { cancelled });
        // The next run is likely the same file again (edit, run, edit, run): keep it loaded.
        if let (RunKey::File(_), Some((path, settings))) = (&job.key, last_file) {
            idle.target = worth_loading.then(|| {
                (
                    path.clone(),
                    FileSettings {
                        name_pattern: None,
                        cancel: None,
                        ..settings.clone()
                    },
                )
            });
        }
        idle.last_settings = job.files.last().map(|(_, settings)| settings.clone());
        idle.pending = Some(SETTLE);
    }
}

/// `run_file_on`, with a panic inside the runtime turned into the file's error: the worker
/// must outlive any one file.
fn run_guarded(
    path: &std::path::Path,
    settings: &FileSettings,
    warm: Option<WarmRuntime>,
) -> (FileReport, Option<JsRuntime>) {
    guarded(path, || run_file_on(path, settings, warm))
}

/// A loaded file's run, guarded the same way.
fn run_loaded(loaded: PreparedFile, settings: &FileSettings) -> (FileReport, Option<JsRuntime>) {
    let path = loaded.path().to_path_buf();
    guarded(&path, || loaded.run(settings))
}

fn guarded(
    path: &std::path::Path,
    run: impl FnOnce() -> (FileReport, Option<JsRuntime>),
) -> (FileReport, Option<JsRuntime>) {
    std::panic::catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        let mut report = FileReport::new(path);
        report.errors.push(FileError {
            kind: "internal".into(),
            message: "dx failed while running this file (a bug in dx)".into(),
            stack: None,
        });
        (report, None)
    })
}

#[cfg(test)]
mod tests {
    use dx_runtime::test_runner::{ProjectConfigs, Sources, TestStatus};

    use super::*;
    use crate::run::plan;

    fn job(worker: &Worker, file: &std::path::Path) -> (u64, UnboundedReceiver<RunEvent>) {
        let configs = ProjectConfigs::default();
        let plan = plan::file(file, None, &[], &Sources::default(), &configs).unwrap();
        let publish = Box::new(|_, report, _| FileResults::from_report(report));
        worker.submit(plan.key, plan.files, publish).unwrap()
    }

    /// Waits until the worker has taken job `id`.
    fn wait_until_running(worker: &Worker, id: u64) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while lock(&worker.queue.0).running.as_ref().map(|r| r.id) != Some(id) {
            assert!(
                std::time::Instant::now() < deadline,
                "job {id} never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    fn next(events: &mut UnboundedReceiver<RunEvent>) -> RunEvent {
        events.blocking_recv().expect("the worker answers")
    }

    /// Runs `file`'s job to its end.
    fn run_job(worker: &Worker, file: &std::path::Path) {
        let (_, mut events) = job(worker, file);
        while !matches!(next(&mut events), RunEvent::Finished { .. }) {}
    }

    /// Waits until `file` has been loaded `count` times (its top level appends a line to the
    /// file beside it with the extension `loads`) and the worker is not loading anything: a
    /// load ahead that a job interrupts is thrown away.
    fn wait_for_loads(worker: &Worker, file: &std::path::Path, count: usize) {
        let loads = file.with_extension("loads");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let seen = std::fs::read_to_string(&loads).map_or(0, |text| text.lines().count());
            if seen == count && lock(&worker.queue.0).preparing.is_none() {
                return;
            }
            assert!(
                seen <= count && std::time::Instant::now() < deadline,
                "{} loaded {seen} times, expected {count}",
                file.display()
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn the_file_run_last_is_loaded_ahead_even_when_another_was() {
        let dir = tempfile::tempdir().unwrap();
        let [first, second] = ["first", "second"].map(|name| {
            let file = dir.path().join(format!("{name}.test.js"));
            let loads = file.with_extension("loads");
            let text = format!(
                "require('fs').appendFileSync({loads:?}, 'load\\n');\ntest('t', () => {{}});\n"
            );
            std::fs::write(&file, text).unwrap();
            file
        });
        let worker = Worker::default();

        run_job(&worker, &first);
        wait_for_loads(&worker, &first, 2);
        run_job(&worker, &second);
        wait_for_loads(&worker, &second, 2);
        // The run takes the loaded file, then the worker loads it once more for the next.
        run_job(&worker, &second);
        std::thread::sleep(SETTLE * 10);
        wait_for_loads(&worker, &second, 3);
        wait_for_loads(&worker, &first, 2);
    }

    #[test]
    fn newer_jobs_for_a_file_replace_queued_ones_and_stop_running_ones() {
        let dir = tempfile::tempdir().unwrap();
        let spin = dir.path().join("spin.test.js");
        std::fs::write(&spin, "test('spins', () => { for (;;) {} }, 600000);\n").unwrap();
        let quick = dir.path().join("quick.test.js");
        std::fs::write(&quick, "test('quick', () => {});\n").unwrap();
        let worker = Worker::default();

        let (spinning_id, mut spinning) = job(&worker, &spin);
        wait_until_running(&worker, spinning_id);
        let (_, mut replaced) = job(&worker, &quick);
        let (_, mut kept) = job(&worker, &quick);
        assert!(
            matches!(next(&mut replaced), RunEvent::Finished { cancelled: true }),
            "a queued job ends, unrun, when a newer one for its file arrives"
        );

        let (again_id, mut again) = job(&worker, &spin);
        let RunEvent::File(report) = next(&mut spinning) else {
            panic!("the running job reports its file");
        };
        assert_eq!(report.errors[0].kind, "cancelled", "{report:#?}");
        assert!(matches!(
            next(&mut spinning),
            RunEvent::Finished { cancelled: true }
        ));

        let RunEvent::File(report) = next(&mut kept) else {
            panic!("the kept job runs");
        };
        assert_eq!(report.tests[0].status, TestStatus::Passed, "{report:#?}");
        assert!(matches!(
            next(&mut kept),
            RunEvent::Finished { cancelled: false }
        ));

        // `again` spins now; cancelling everything stops it.
        wait_until_running(&worker, again_id);
        assert!(worker.cancel(None));
        assert!(matches!(next(&mut again), RunEvent::File(_)));
        assert!(matches!(
            next(&mut again),
            RunEvent::Finished { cancelled: true }
        ));
    }
}
