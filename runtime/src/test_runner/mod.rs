//! The test runner behind `dx test` and the language server's "Run test": discovery, config,
//! a pool of JavaScript threads running each file in a fresh runtime through the JavaScript
//! test core (`js/test/`), snapshot files, and reporters.
//!
//! [`run_file`] is the unit the language server calls (one file, optionally one test by name
//! pattern); [`run`] is `dx test`: every matching file on `concurrency` threads, each report
//! handed to a [`Reporter`] as soon as its file is done.

mod config;
pub(crate) mod discover;
mod environment;
mod file;
mod from_js;
mod inline;
mod inputs;
mod measure;
mod name_filter;
pub mod report;
mod schedule;
pub mod watch;

use std::{
    path::{Path, PathBuf},
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
        mpsc,
    },
    time::Instant,
};

use serde::{Deserialize, Serialize};

pub use config::{ProjectConfig, ProjectConfigs};
pub use discover::discover;
pub use file::{FileSettings, PreparedFile, WarmRuntime, prepare_file, run_file, run_file_on};
pub use report::Reporter;

pub use crate::loader::{Sources, in_node_modules};

/// What stops a run before any test runs.
#[derive(Debug, thiserror::Error)]
pub enum TestError {
    #[error("cannot read the test config in {path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("invalid pattern `{pattern}`: {message}")]
    Pattern { pattern: String, message: String },
    #[error("invalid shard `{0}`: expected `i/n` with 1 <= i <= n")]
    Shard(String),
    #[error("cannot start a test thread: {0}")]
    Thread(String),
}

/// `--shard i/n`: this process runs the i-th of n deterministic slices of the sorted files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = TestError;

    fn from_str(text: &str) -> Result<Self, TestError> {
        let invalid = || TestError::Shard(text.to_owned());
        let (index, count) = text.split_once('/').ok_or_else(invalid)?;
        let index: usize = index.trim().parse().map_err(|_| invalid())?;
        let count: usize = count.trim().parse().map_err(|_| invalid())?;
        if index == 0 || count == 0 || index > count {
            return Err(invalid());
        }
        Ok(Shard { index, count })
    }
}

/// How snapshots that differ or are missing are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotUpdate {
    /// `--ci`: nothing is written; a missing snapshot fails.
    None,
    /// The default: new snapshots are written, mismatches fail.
    New,
    /// `-u`: every snapshot is rewritten and obsolete ones are removed.
    All,
}

impl SnapshotUpdate {
    fn as_js(self) -> &'static str {
        match self {
            SnapshotUpdate::None => "none",
            SnapshotUpdate::New => "new",
            SnapshotUpdate::All => "all",
        }
    }
}

/// One `dx test` invocation.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The project root: config, discovery and relative paths start here.
    pub root: PathBuf,
    /// Regular expressions on file paths (Jest's positional arguments).
    pub path_filters: Vec<String>,
    /// `-t`: only tests whose full name matches this regular expression.
    pub name_pattern: Option<String>,
    pub concurrency: usize,
    /// Stop starting files after the first failing one.
    pub bail: bool,
    /// Default timeout of each test and hook; overrides the config's.
    pub timeout_ms: Option<u64>,
    pub shard: Option<Shard>,
    pub update: SnapshotUpdate,
    pub ci: bool,
    pub colors: bool,
    pub cache_dir: Option<PathBuf>,
    /// `--coverage` (the config's `collectCoverage` turns it on too).
    pub coverage: bool,
    /// `--coverage-dir`: overrides the config's `coverageDirectory`.
    pub coverage_dir: Option<PathBuf>,
}

/// A test's outcome, as the JavaScript core reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestStatus {
    Passed,
    Failed,
    Skipped,
    Todo,
}

/// 1-based line and column in the original source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

/// Why a test failed: the message the user reads (matcher message with its diff, or
/// `Name: message` of a thrown error) and the stack, source-mapped.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Failure {
    pub message: String,
    pub stack: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestResult {
    pub name: String,
    /// Names of the enclosing `describe` blocks, outermost first.
    pub ancestors: Vec<String>,
    pub full_name: String,
    pub status: TestStatus,
    pub duration_ms: f64,
    pub location: Option<Location>,
    pub failures: Vec<Failure>,
}

/// A failure that belongs to the file rather than one test: it did not load, a hook outside
/// any test failed, an error arrived while no test ran, or a test never yielded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileError {
    /// `load`, `afterAll`, `beforeAll`, `uncaught`, `timeout`, ...
    pub kind: String,
    pub message: String,
    pub stack: Option<String>,
}

/// What happened to the file's snapshots.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotOutcome {
    pub added: u32,
    pub updated: u32,
    pub matched: u32,
    pub unmatched: u32,
    /// Snapshot keys no test asked for (removed from the file with `-u`).
    pub obsolete: Vec<String>,
    /// The `.snap` file was removed because `-u` left it empty.
    pub file_removed: bool,
    /// Inline snapshots written into the test file's source.
    pub inline_written: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    pub path: PathBuf,
    pub tests: Vec<TestResult>,
    pub errors: Vec<FileError>,
    pub snapshots: SnapshotOutcome,
    pub duration_ms: f64,
    /// Hits of the instrumented files this test file loaded (`--coverage`).
    #[serde(skip)]
    pub coverage: Vec<crate::coverage::FileCoverage>,
    /// Every file the test file's runtime resolved or loaded (itself, setup files, imports,
    /// node_modules): what `dx test --watch` inverts into "which tests does a change affect".
    /// Not part of the `dx-test/1` JSON document.
    #[serde(skip)]
    pub dependencies: Vec<PathBuf>,
}

impl FileReport {
    /// The report of a file nothing is known about yet.
    pub fn new(path: &Path) -> Self {
        FileReport {
            path: path.to_path_buf(),
            tests: Vec::new(),
            errors: Vec::new(),
            snapshots: SnapshotOutcome::default(),
            duration_ms: 0.0,
            coverage: Vec::new(),
            dependencies: Vec::new(),
        }
    }

    pub fn failed(&self) -> bool {
        !self.errors.is_empty() || self.tests.iter().any(|t| t.status == TestStatus::Failed)
    }

    fn count(&self, status: TestStatus) -> usize {
        self.tests.iter().filter(|t| t.status == status).count()
    }
}

/// Totals over a run, for the summary line and the exit code.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub files: usize,
    pub failed_files: usize,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub todo: usize,
    pub snapshots_added: u32,
    pub snapshots_updated: u32,
    pub snapshots_failed: u32,
    pub snapshots_obsolete: usize,
    pub duration_ms: f64,
    /// Files discovery found but `--bail` never started.
    pub not_run: usize,
    /// `coverageThreshold` messages: any fails the run.
    pub coverage_failures: Vec<String>,
}

impl RunSummary {
    /// Jest's rule: any failure, or no test at all, fails the run.
    pub fn success(&self) -> bool {
        self.failed == 0
            && self.failed_files == 0
            && self.passed + self.skipped + self.todo > 0
            && self.coverage_failures.is_empty()
    }

    fn add(&mut self, report: &FileReport) {
        self.files += 1;
        if report.failed() {
            self.failed_files += 1;
        }
        self.passed += report.count(TestStatus::Passed);
        self.failed += report.count(TestStatus::Failed);
        self.skipped += report.count(TestStatus::Skipped);
        self.todo += report.count(TestStatus::Todo);
        self.snapshots_added += report.snapshots.added;
        self.snapshots_updated += report.snapshots.updated;
        self.snapshots_failed += report.snapshots.unmatched;
        self.snapshots_obsolete += report.snapshots.obsolete.len();
    }
}

/// Settings every file of a run shares (`dx test`'s, and the language server's for its runs).
pub fn file_settings(
    options: &RunOptions,
    config: &ProjectConfig,
    coverage: Option<Arc<crate::coverage::scope::CoverageScope>>,
) -> FileSettings {
    FileSettings {
        root: options.root.clone(),
        cache_dir: options.cache_dir.clone(),
        name_pattern: options.name_pattern.clone(),
        omit_unmatched: false,
        update: options.update,
        ci: options.ci,
        colors: options.colors,
        timeout_ms: options.timeout_ms.or(config.timeout_ms).unwrap_or(5000),
        setup_files: config.setup_files.clone(),
        setup_files_after_env: config.setup_files_after_env.clone(),
        test_environment: config.test_environment.clone(),
        coverage,
        sources: Sources::default(),
        cancel: None,
    }
}

/// `dx test`: discovers the files, runs them on a pool of JavaScript threads and hands each
/// report to `reporter` as it finishes.
pub fn run(options: &RunOptions, reporter: &mut dyn Reporter) -> Result<RunSummary, TestError> {
    let config = ProjectConfig::load(&options.root)?;
    let files = discover(&options.root, &config, &options.path_filters, options.shard)?;
    run_files(options, &config, files, reporter)
}

/// Runs exactly `files` (already discovered under `config`) the way [`run`] does: `dx test
/// --watch` re-runs the files a change affects through it.
pub fn run_files(
    options: &RunOptions,
    config: &ProjectConfig,
    files: Vec<PathBuf>,
    reporter: &mut dyn Reporter,
) -> Result<RunSummary, TestError> {
    let started = Instant::now();
    reporter.on_start(&options.root, &files);
    let coverage_scope = measure::scope(options, config)?;
    let settings = Arc::new(file_settings(options, config, coverage_scope.clone()));
    let mut durations = schedule::Durations::load(options.cache_dir.as_deref());
    let order = Arc::new(durations.order(&files));
    let files = Arc::new(files);
    let next = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (sender, receiver) = mpsc::channel::<FileReport>();
    let workers = options.concurrency.max(1).min(files.len().max(1));
    let bail = options.bail;
    let mut handles = Vec::new();
    for worker in 0..workers {
        let (settings, files, order, next, stop, sender) = (
            settings.clone(),
            files.clone(),
            order.clone(),
            next.clone(),
            stop.clone(),
            sender.clone(),
        );
        let handle = crate::js_thread(&format!("dx-test-{worker}"))
            .spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = order.get(index).map(|i| &files[*i]) else {
                        break;
                    };
                    let report = run_file(path, &settings);
                    // Set here, before this thread takes another file, so that `--bail` with
                    // one thread never starts a file after the failing one.
                    if bail && report.failed() {
                        stop.store(true, Ordering::SeqCst);
                    }
                    if sender.send(report).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| TestError::Thread(e.to_string()))?;
        handles.push(handle);
    }
    drop(sender);
    let mut summary = RunSummary::default();
    let mut coverage = crate::coverage::report::CoverageReport::default();
    for mut report in receiver {
        for file in std::mem::take(&mut report.coverage) {
            coverage.add(file);
        }
        summary.add(&report);
        durations.record(&report.path, report.duration_ms);
        reporter.on_file(&options.root, &report);
    }
    for handle in handles {
        // A panicking worker already lost its file; the others' reports were received.
        let _ = handle.join();
    }
    durations.save();
    summary.not_run = files.len().saturating_sub(summary.files);
    let coverage_text = coverage_scope
        .map(|scope| measure::finish(options, config, &scope, coverage, &mut summary));
    summary.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    reporter.on_finish(&summary);
    if let Some(text) = coverage_text {
        reporter.on_coverage(&text);
    }
    Ok(summary)
}

/// The default number of files run at once: one per core, and one more. Test files wait (on
/// timers, on I/O, for a promise), and a thread that waits leaves its core idle: on this 2-core
/// machine a third thread made the 200-file generated suite 1.20× faster and zod's 1.07×, a
/// fourth gained nothing more.
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()) + 1
}

/// `<dir>/__snapshots__/<file>.snap`, Jest's location.
pub fn snapshot_path(test_file: &Path) -> PathBuf {
    let dir = test_file.parent().unwrap_or(Path::new("/"));
    let name = test_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join("__snapshots__").join(format!("{name}.snap"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse() {
        assert_eq!(
            "2/3".parse::<Shard>().unwrap(),
            Shard { index: 2, count: 3 }
        );
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }
}
