//! The benchmark runner behind `dx bench` and the language server's "⏱ Bench" lens: bench
//! files (`*.bench.*`) run one at a time, each in a fresh runtime through the JavaScript bench
//! core (`js/test/bench.js`, vitest's bench API), a stable JSON document (`dx-bench/1`) that
//! doubles as the baseline of the next run, and the reporters that print vitest-like tables.
//!
//! [`run_bench_file`] is the unit the language server calls (one file, optionally narrowed by a
//! name pattern); [`run_benches`] is `dx bench`: every selected file, in sequence, because
//! benchmarks that share the cores measure each other.

mod baseline;
mod discover;
mod file;
pub mod report;

use std::{
    path::{Path, PathBuf},
    sync::mpsc,
    time::Instant,
};

use serde::{Deserialize, Serialize};

pub use baseline::{Baseline, BaselineError, BenchDocument, Change, SCHEMA, default_baseline_path};
pub use discover::discover_bench_files;
pub use file::run_bench_file;
pub use report::BenchReporter;

use crate::test_runner::{Failure, TestError};

/// What every file of a bench run shares; the language server builds one per request.
#[derive(Debug, Clone)]
pub struct BenchSettings {
    /// The project root: the runtime's cwd, and where relative paths in reports start.
    pub root: PathBuf,
    pub cache_dir: Option<PathBuf>,
    /// Only benches whose full name (`group > … > bench`, joined by spaces) matches this regular
    /// expression; the others are reported as skipped.
    pub name_pattern: Option<String>,
    /// Least time each bench is measured for, in milliseconds (the core's default: 500).
    pub time_ms: Option<u64>,
    /// Warm-up time before measuring, in milliseconds (default 100).
    pub warmup_ms: Option<u64>,
    /// Most time one bench is measured for while its margin of error stays above 1% (default
    /// 5000).
    pub max_time_ms: Option<u64>,
}

impl BenchSettings {
    /// Settings with the core's default timings.
    pub fn new(root: PathBuf) -> Self {
        BenchSettings {
            root,
            cache_dir: crate::cache::default_cache_dir(),
            name_pattern: None,
            time_ms: None,
            warmup_ms: None,
            max_time_ms: None,
        }
    }
}

/// What happened to one bench.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BenchStatus {
    Measured,
    Skipped,
    Todo,
    Failed,
}

/// A measured bench's statistics; times are per call, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchStats {
    /// Operations (calls) per second: 1000 / mean.
    pub hz: f64,
    pub mean_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub p75_ms: f64,
    pub p99_ms: f64,
    /// Relative margin of error of the mean at 95% confidence, in percent.
    pub rme: f64,
    /// Timed samples (each one a batch of calls).
    pub samples: u64,
    /// Calls measured over all samples.
    pub iterations: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchResult {
    pub name: String,
    pub status: BenchStatus,
    /// Present when `status` is `measured`.
    #[serde(flatten)]
    pub stats: Option<BenchStats>,
    /// Present when `status` is `failed`: what the bench (or its setup/teardown) threw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<Failure>,
    /// Filled when the run compares with a baseline that measured this bench too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Change>,
}

/// "`fastest` is `times`× faster than `name`".
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub name: String,
    pub times: f64,
}

/// The benches directly inside one `describe` (name `""`: those outside any), in source order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchGroup {
    /// Nested describe names joined by ` > `.
    pub name: String,
    #[serde(rename = "benches", alias = "results")]
    pub results: Vec<BenchResult>,
    /// The measured bench with the most operations per second.
    pub fastest: Option<String>,
    /// Every other measured bench against the fastest, slowest last.
    pub comparisons: Vec<Comparison>,
}

/// A problem that belongs to the file rather than one bench.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BenchFileError {
    /// `load` (the file did not run), `uncaught` (an error outside any bench), `timeout` (a
    /// bench never returned and was stopped).
    pub kind: String,
    pub message: String,
    pub stack: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchFileReport {
    pub path: PathBuf,
    pub groups: Vec<BenchGroup>,
    pub errors: Vec<BenchFileError>,
    pub duration_ms: f64,
}

impl BenchFileReport {
    pub fn results(&self) -> impl Iterator<Item = (&BenchGroup, &BenchResult)> {
        self.groups
            .iter()
            .flat_map(|group| group.results.iter().map(move |result| (group, result)))
    }

    pub fn failed(&self) -> bool {
        !self.errors.is_empty()
            || self
                .results()
                .any(|(_, result)| result.status == BenchStatus::Failed)
    }
}

/// One `dx bench` invocation.
#[derive(Debug, Clone)]
pub struct BenchRunOptions {
    pub settings: BenchSettings,
    /// Files or folders to look in (default: the root).
    pub paths: Vec<PathBuf>,
    /// Regular expressions on file paths (positional arguments that are not paths).
    pub path_filters: Vec<String>,
    /// A previous run's document to compare with.
    pub baseline: Option<Baseline>,
}

/// Totals over a bench run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchSummary {
    pub files: usize,
    pub failed_files: usize,
    pub measured: usize,
    pub failed: usize,
    pub skipped: usize,
    pub duration_ms: f64,
}

impl BenchSummary {
    /// A run succeeds when it measured something and nothing failed.
    pub fn success(&self) -> bool {
        self.failed == 0 && self.failed_files == 0 && self.measured > 0
    }

    fn add(&mut self, report: &BenchFileReport) {
        self.files += 1;
        if report.failed() {
            self.failed_files += 1;
        }
        for (_, result) in report.results() {
            match result.status {
                BenchStatus::Measured => self.measured += 1,
                BenchStatus::Failed => self.failed += 1,
                BenchStatus::Skipped | BenchStatus::Todo => self.skipped += 1,
            }
        }
    }
}

/// `dx bench`: discovers the bench files and runs them one after another on one JavaScript
/// thread, handing each report (compared with the baseline, if any) to `reporter` as it
/// finishes. Returns every report in run order, for the JSON document.
pub fn run_benches(
    options: &BenchRunOptions,
    reporter: &mut dyn BenchReporter,
) -> Result<(BenchSummary, Vec<BenchFileReport>), TestError> {
    let started = Instant::now();
    let root = &options.settings.root;
    let files = discover_bench_files(root, &options.paths, &options.path_filters)?;
    reporter.on_start(root, &files);
    let (sender, receiver) = mpsc::channel::<BenchFileReport>();
    let settings = options.settings.clone();
    let to_run = files.clone();
    let worker = crate::js_thread("dx-bench")
        .spawn(move || {
            for path in &to_run {
                if sender.send(run_bench_file(path, &settings)).is_err() {
                    break;
                }
            }
        })
        .map_err(|e| TestError::Thread(e.to_string()))?;
    let mut summary = BenchSummary::default();
    let mut reports = Vec::new();
    for mut report in receiver {
        if let Some(baseline) = &options.baseline {
            baseline.annotate(root, &mut report);
        }
        summary.add(&report);
        reporter.on_file(root, &report);
        reports.push(report);
    }
    // A panicking worker already lost its file; the reports before it were received.
    let _ = worker.join();
    summary.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    reporter.on_finish(&summary);
    Ok((summary, reports))
}

/// `path` relative to `root` when it is inside it, as reports and baselines name files.
fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
