//! `dx test --watch`: run the suite, then watch the project and re-run only the test files a
//! change affects (`dx_runtime::test_runner::watch` decides which, from the import graph each
//! run records). On a terminal, keys as in Jest and Vitest: `a` runs all, `f` the failed
//! ones, Enter the last set again, `q` quits; the screen is cleared between runs.

use std::{
    collections::{HashSet, VecDeque},
    io::{IsTerminal, Read, Write},
    path::{Path, PathBuf},
    process::ExitCode,
    sync::mpsc::{self, Receiver, RecvTimeoutError, Sender},
    time::Duration,
};

use dx_runtime::test_runner::{
    self, FileReport, ProjectConfig, Reporter, RunOptions, RunSummary,
    report::ReporterKind,
    watch::{Rerun, WatchState, ignored},
};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher, event::ModifyKind};

/// Quiet time that ends a burst of file events (an editor's save, a `git checkout`).
const DEBOUNCE: Duration = Duration::from_millis(75);

enum Input {
    Changed(Vec<PathBuf>),
    Key(Key),
}

#[derive(Clone, Copy)]
enum Key {
    RunAll,
    RunFailed,
    Rerun,
    Quit,
}

pub fn watch(options: RunOptions, kind: ReporterKind, colors: bool) -> anyhow::Result<ExitCode> {
    let root = options.root.clone();
    let (sender, inputs) = mpsc::channel();
    let mut watcher = ProjectWatcher::new(&root, sender.clone())?;
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let _keys = if interactive {
        RawKeys::start(sender)
    } else {
        None
    };
    let mut session = Session {
        options,
        kind,
        colors,
        clear: std::io::stdout().is_terminal(),
        state: WatchState::default(),
        config: ProjectConfig::default(),
        tests: Vec::new(),
        last_run: Vec::new(),
    };
    session.run_all(false)?;
    session.prompt(interactive);
    let mut pending: VecDeque<Input> = VecDeque::new();
    while let Some(input) = pending.pop_front().or_else(|| inputs.recv().ok()) {
        let outcome = match input {
            Input::Key(Key::Quit) => break,
            Input::Key(Key::RunAll) => session.run_all(true),
            Input::Key(Key::RunFailed) => {
                let failed = session.state.failed();
                if failed.is_empty() {
                    println!("No failed test files to re-run.");
                    Ok(false)
                } else {
                    session.run(failed, "failed test files")
                }
            }
            Input::Key(Key::Rerun) => {
                let again = session.last_run.clone();
                session.run(again, "the last run again")
            }
            Input::Changed(first) => {
                let changed = debounce(first, &inputs, &mut pending, &mut watcher);
                session.on_change(&changed)
            }
        };
        match outcome {
            Ok(false) => {}
            Ok(true) => session.prompt(interactive),
            // A config that no longer parses or a bad pattern: say so and keep watching.
            Err(error) => {
                eprintln!("error: {error:#}");
                session.prompt(interactive);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Collects file events until none arrived for [`DEBOUNCE`]; keys pressed meanwhile wait in
/// `pending`. Folders created in the burst are watched from now on and their files count as
/// changed.
fn debounce(
    first: Vec<PathBuf>,
    inputs: &Receiver<Input>,
    pending: &mut VecDeque<Input>,
    watcher: &mut ProjectWatcher,
) -> Vec<PathBuf> {
    let mut changed = first;
    loop {
        match inputs.recv_timeout(DEBOUNCE) {
            Ok(Input::Changed(more)) => changed.extend(more),
            Ok(key) => pending.push_back(key),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    let mut found = Vec::new();
    for path in &changed {
        if path.is_dir() {
            watcher.follow(path, &mut found);
        }
    }
    changed.extend(found);
    changed.sort();
    changed.dedup();
    changed
}

struct Session {
    options: RunOptions,
    kind: ReporterKind,
    colors: bool,
    /// stdout is a terminal: clear it before each run.
    clear: bool,
    state: WatchState,
    config: ProjectConfig,
    /// The test files discovery found last.
    tests: Vec<PathBuf>,
    last_run: Vec<PathBuf>,
}

impl Session {
    /// Reads the config, discovers the test files and runs them all. Each way of running
    /// answers whether it ran anything.
    fn run_all(&mut self, clear: bool) -> anyhow::Result<bool> {
        self.config = ProjectConfig::load(&self.options.root)?;
        self.tests = self.discover()?;
        let all = self.tests.clone();
        if clear {
            self.clear_screen();
        }
        self.execute(all)
    }

    fn discover(&self) -> anyhow::Result<Vec<PathBuf>> {
        Ok(test_runner::discover(
            &self.options.root,
            &self.config,
            &self.options.path_filters,
            self.options.shard,
        )?)
    }

    fn run(&mut self, files: Vec<PathBuf>, why: &str) -> anyhow::Result<bool> {
        self.clear_screen();
        println!("Running {why}.\n");
        self.execute(files)
    }

    fn on_change(&mut self, changed: &[PathBuf]) -> anyhow::Result<bool> {
        let now = self.discover()?;
        let plan = self
            .state
            .plan(&self.options.root, changed, &self.tests, &now);
        self.tests = now;
        match plan {
            Rerun::Nothing => Ok(false),
            Rerun::All => {
                self.clear_screen();
                println!("The project's config changed: running every test file.\n");
                self.run_all(false)
            }
            Rerun::Files { tests, causes } => {
                self.clear_screen();
                let root = &self.options.root;
                // Causes are real paths (symbolic links resolved), the root may not be.
                let real_root = root.canonicalize().unwrap_or_else(|_| root.clone());
                let names: Vec<String> = causes
                    .iter()
                    .take(3)
                    .map(|p| {
                        let relative = p.strip_prefix(&real_root).or_else(|_| p.strip_prefix(root));
                        relative.unwrap_or(p).display().to_string()
                    })
                    .collect();
                let more = causes.len().saturating_sub(names.len());
                println!(
                    "Changed: {}{}; running {} test file{}.\n",
                    names.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    },
                    tests.len(),
                    if tests.len() == 1 { "" } else { "s" }
                );
                self.execute(tests)
            }
        }
    }

    fn execute(&mut self, files: Vec<PathBuf>) -> anyhow::Result<bool> {
        self.last_run = files.clone();
        let mut reporter = Recording {
            inner: self.kind.create(self.colors),
            state: &mut self.state,
        };
        test_runner::run_files(&self.options, &self.config, files, &mut reporter)?;
        Ok(true)
    }

    fn clear_screen(&self) {
        if self.clear {
            print!("\x1b[2J\x1b[3J\x1b[H");
        }
    }

    fn prompt(&self, interactive: bool) {
        if interactive {
            println!(
                "\nWatching for changes. Press a to run all, f to run failed tests, Enter to re-run, q to quit."
            );
        } else {
            println!("\nWatching for changes (Ctrl-C to stop).");
        }
        let _ = std::io::stdout().flush();
    }
}

/// Hands every report to the chosen reporter and to the watch state (its import graph).
struct Recording<'a> {
    inner: Box<dyn Reporter>,
    state: &'a mut WatchState,
}

impl Reporter for Recording<'_> {
    fn on_start(&mut self, root: &Path, files: &[PathBuf]) {
        self.inner.on_start(root, files);
    }

    fn on_file(&mut self, root: &Path, report: &FileReport) {
        self.state.record(report);
        self.inner.on_file(root, report);
    }

    fn on_finish(&mut self, summary: &RunSummary) {
        self.inner.on_finish(summary);
    }
}

/// Watches every folder of the project except `node_modules`, `target` and dot folders, one
/// folder at a time (a recursive watch would also follow `node_modules`, which can hold more
/// folders than the system allows watches).
struct ProjectWatcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: HashSet<PathBuf>,
}

impl ProjectWatcher {
    fn new(root: &Path, sender: Sender<Input>) -> anyhow::Result<Self> {
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            let relevant = !matches!(
                event.kind,
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
            );
            if relevant && !event.paths.is_empty() {
                let _ = sender.send(Input::Changed(event.paths));
            }
        })?;
        let mut project = ProjectWatcher {
            watcher,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        project.follow(root, &mut Vec::new());
        if project.watched.is_empty() {
            anyhow::bail!("cannot watch {}", root.display());
        }
        Ok(project)
    }

    /// Starts watching `dir` and the folders under it; files found there go to `files`.
    fn follow(&mut self, dir: &Path, files: &mut Vec<PathBuf>) {
        if (dir != self.root && ignored(&self.root, dir)) || self.watched.contains(dir) {
            return;
        }
        if self
            .watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .is_err()
        {
            return;
        }
        self.watched.insert(dir.to_path_buf());
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => self.follow(&path, files),
                Ok(_) => files.push(path),
                Err(_) => {}
            }
        }
    }
}

/// Single keys from a terminal: no line buffering, no echo, and Ctrl-C arrives as a key so the
/// terminal is restored before dx exits. Dropping it restores the terminal.
struct RawKeys {
    original: libc::termios,
}

impl RawKeys {
    fn start(sender: Sender<Input>) -> Option<RawKeys> {
        // SAFETY: termios is plain data; tcgetattr fills it for the terminal on fd 0.
        let mut settings: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(0, &mut settings) } != 0 {
            return None;
        }
        let original = settings;
        settings.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG);
        settings.c_cc[libc::VMIN] = 1;
        settings.c_cc[libc::VTIME] = 0;
        // SAFETY: `settings` is a valid termios derived from the terminal's own.
        if unsafe { libc::tcsetattr(0, libc::TCSANOW, &settings) } != 0 {
            return None;
        }
        std::thread::spawn(move || {
            for byte in std::io::stdin().lock().bytes() {
                let key = match byte {
                    Ok(b'a') => Key::RunAll,
                    Ok(b'f') => Key::RunFailed,
                    Ok(b'\r' | b'\n') => Key::Rerun,
                    // q, Ctrl-C, Ctrl-D
                    Ok(b'q' | 3 | 4) | Err(_) => Key::Quit,
                    Ok(_) => continue,
                };
                if sender.send(Input::Key(key)).is_err() {
                    break;
                }
            }
        });
        Some(RawKeys { original })
    }
}

impl Drop for RawKeys {
    fn drop(&mut self) {
        // SAFETY: restores the settings read from the same terminal at start.
        unsafe { libc::tcsetattr(0, libc::TCSANOW, &self.original) };
    }
}
