//! The `dx-bench/1` document: what `--json` writes, what `--save-baseline` keeps, and what
//! `--compare` / `--baseline` read back to show each bench's change since then. One format
//! for all three, so any saved run can be the baseline of a later one.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::{BenchFileReport, BenchStats, BenchSummary, relative};

/// The document's schema name; fields are only ever added within one version.
pub const SCHEMA: &str = "dx-bench/1";

/// Where `--save-baseline` writes and `--baseline` reads: inside the project's
/// `node_modules/.cache`, where vitest and other tools keep their caches (already ignored by
/// version control in practically every project).
pub fn default_baseline_path(root: &Path) -> PathBuf {
    root.join("node_modules/.cache/dx/bench/baseline.json")
}

/// A whole run, with file paths relative to the project root:
///
/// ```text
/// { "schema": "dx-bench/1", "success": bool,
///   "summary": { files, failedFiles, measured, failed, skipped, durationMs },
///   "files": [ { "path", "durationMs",
///     "errors": [ { "kind": "load" | "uncaught" | "timeout", "message", "stack" | null } ],
///     "groups": [ { "name" (describe names joined by " > ", "" outside any),
///       "fastest": name | null, "comparisons": [ { "name", "times" } ],
///       "benches": [ { "name", "status": "measured" | "skipped" | "todo" | "failed",
///         "hz", "meanMs", "minMs", "maxMs", "p75Ms", "p99Ms", "rme", "samples",
///         "iterations" (when measured), "error": { "message", "stack" } (when failed),
///         "baseline": { "hz", "rme", "percent" } (when compared) } ] } ] } ] }
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BenchDocument {
    pub schema: String,
    pub success: bool,
    pub summary: BenchSummary,
    pub files: Vec<BenchFileReport>,
}

impl BenchDocument {
    pub fn new(root: &Path, summary: &BenchSummary, reports: &[BenchFileReport]) -> Self {
        let files = reports
            .iter()
            .map(|report| BenchFileReport {
                path: relative(root, &report.path),
                ..report.clone()
            })
            .collect();
        BenchDocument {
            schema: SCHEMA.into(),
            success: summary.success(),
            summary: summary.clone(),
            files,
        }
    }

    /// Writes the document as pretty JSON, creating the folder; the file is replaced only once
    /// the new text is complete, so an interrupted write never leaves half a baseline.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        let failed = |e: std::io::Error| BaselineError::Write {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(failed)?;
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        let partial = path.with_extension("json.partial");
        std::fs::write(&partial, text + "\n").map_err(failed)?;
        std::fs::rename(&partial, path).map_err(failed)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("no bench baseline at {}: run `dx bench --save-baseline` (or `--json FILE`) first", path.display())]
    Missing { path: PathBuf },
    #[error("cannot read the bench baseline {}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("cannot write {}: {message}", path.display())]
    Write { path: PathBuf, message: String },
}

/// How a bench compares with the same bench in the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The baseline's operations per second.
    pub hz: f64,
    /// The baseline's margin of error, in percent.
    pub rme: f64,
    /// Change in operations per second, in percent: positive is faster.
    pub percent: f64,
}

impl Change {
    /// Margin of the change: the two runs' margins of error added, a cautious bound.
    pub fn margin(&self, rme_now: f64) -> f64 {
        self.rme + rme_now
    }
}

/// A loaded baseline: each measured bench's statistics by (file, group, bench name).
#[derive(Debug, Clone)]
pub struct Baseline {
    pub path: PathBuf,
    by_bench: HashMap<(PathBuf, String, String), BenchStats>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => BaselineError::Missing {
                path: path.to_path_buf(),
            },
            _ => BaselineError::Invalid {
                path: path.to_path_buf(),
                message: e.to_string(),
            },
        })?;
        let invalid = |message: String| BaselineError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let document: BenchDocument = serde_json::from_str(&text).map_err(|e| {
            invalid(format!(
                "not a `{SCHEMA}` document ({e}); write one with `dx bench --json FILE`"
            ))
        })?;
        if document.schema != SCHEMA {
            return Err(invalid(format!(
                "schema `{}`, expected `{SCHEMA}`",
                document.schema
            )));
        }
        let mut by_bench = HashMap::new();
        for file in document.files {
            for (group, result) in file.results() {
                if let Some(stats) = result.stats {
                    by_bench.insert(
                        (file.path.clone(), group.name.clone(), result.name.clone()),
                        stats,
                    );
                }
            }
        }
        Ok(Baseline {
            path: path.to_path_buf(),
            by_bench,
        })
    }

    /// Fills `baseline` on every measured bench of `report` that the baseline measured too.
    pub fn annotate(&self, root: &Path, report: &mut BenchFileReport) {
        let file = relative(root, &report.path);
        for group in &mut report.groups {
            for result in &mut group.results {
                let key = (file.clone(), group.name.clone(), result.name.clone());
                if let (Some(now), Some(then)) = (result.stats, self.by_bench.get(&key))
                    && then.hz > 0.0
                {
                    result.baseline = Some(Change {
                        hz: then.hz,
                        rme: then.rme,
                        percent: (now.hz / then.hz - 1.0) * 100.0,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_runner::{BenchGroup, BenchResult, BenchStatus};

    fn stats(hz: f64) -> BenchStats {
        BenchStats {
            hz,
            mean_ms: 1000.0 / hz,
            min_ms: 900.0 / hz,
            max_ms: 1200.0 / hz,
            p75_ms: 1050.0 / hz,
            p99_ms: 1150.0 / hz,
            rme: 1.5,
            samples: 20,
            iterations: 2000,
        }
    }

    fn report(root: &Path, hz: f64) -> BenchFileReport {
        BenchFileReport {
            path: root.join("lib/a.bench.ts"),
            groups: vec![BenchGroup {
                name: "sum".into(),
                results: vec![BenchResult {
                    name: "loop".into(),
                    status: BenchStatus::Measured,
                    stats: Some(stats(hz)),
                    error: None,
                    baseline: None,
                }],
                fastest: Some("loop".into()),
                comparisons: Vec::new(),
            }],
            errors: Vec::new(),
            duration_ms: 10.0,
        }
    }

    #[test]
    fn a_saved_run_is_the_next_runs_baseline() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let saved = [report(root, 1000.0)];
        let path = default_baseline_path(root);
        let summary = BenchSummary::default();
        BenchDocument::new(root, &summary, &saved)
            .write(&path)
            .unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let mut now = report(root, 1250.0);
        baseline.annotate(root, &mut now);
        let change = now.groups[0].results[0].baseline.unwrap();
        assert_eq!(change.hz, 1000.0);
        assert!((change.percent - 25.0).abs() < 1e-9);
        assert_eq!(change.margin(1.5), 3.0);
    }

    #[test]
    fn missing_and_foreign_baselines_are_named_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.json");
        assert!(matches!(
            Baseline::load(&missing),
            Err(BaselineError::Missing { .. })
        ));
        let foreign = dir.path().join("foreign.json");
        std::fs::write(&foreign, r#"{"files": 3}"#).unwrap();
        let message = Baseline::load(&foreign).unwrap_err().to_string();
        assert!(message.contains("not a `dx-bench/1` document"), "{message}");
    }
}
