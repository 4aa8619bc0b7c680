//! The "⏱ Bench" lens: `dx.runBench` runs the benches under the lens in-process (the runtime's
//! bench runner, on a JavaScript thread of its own), and each measured bench then shows its
//! operations per second as an inlay hint at the end of its line, with the change from the run
//! before.
//!
//! A bench run takes seconds (each bench is measured until its margin of error is small), so it
//! does not go through the test worker, whose queue would make a Run click wait behind it.

use std::{collections::HashMap, path::PathBuf, sync::Mutex};

use dx_runtime::bench_runner::{BenchFileReport, BenchSettings, BenchStatus, run_bench_file};
use serde_json::Value;
use tower_lsp_server::{
    jsonrpc,
    ls_types::{InlayHint, Range},
};

use super::{
    Backend, LineIndex, lock, run_query,
    runs::{self, TestTarget, argument, internal, line_end_hints, test_pattern},
};
use crate::{model::TestItem, model::TestKind, run::plan::project_root};

/// The last reading of each bench, by file and name path (describe titles, then the bench's).
#[derive(Default)]
pub struct Readings(Mutex<HashMap<PathBuf, HashMap<Vec<String>, Reading>>>);

/// One bench's latest measurement and the one before it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub hz: f64,
    /// Relative margin of error, percent.
    pub rme: f64,
    pub previous_hz: Option<f64>,
}

impl Readings {
    /// The readings of one file, if any bench of it ran.
    pub fn of(&self, path: &std::path::Path) -> Option<HashMap<Vec<String>, Reading>> {
        lock(&self.0).get(path).cloned()
    }

    /// Keeps the measured benches of `report`; a bench measured before keeps that figure as
    /// its previous one.
    fn record(&self, report: &BenchFileReport) {
        let mut all = lock(&self.0);
        let file = all.entry(report.path.clone()).or_default();
        for (group, result) in report.results() {
            let Some(stats) = result
                .stats
                .filter(|_| result.status == BenchStatus::Measured)
            else {
                continue;
            };
            let mut name_path: Vec<String> = group
                .name
                .split(" > ")
                .filter(|title| !title.is_empty())
                .map(str::to_owned)
                .collect();
            name_path.push(result.name.clone());
            let previous_hz = file.get(&name_path).map(|reading| reading.hz);
            file.insert(
                name_path,
                Reading {
                    hz: stats.hz,
                    rme: stats.rme,
                    previous_hz,
                },
            );
        }
    }
}

/// `dx.runBench`: the lens' benches (one, or a describe's), measured from the file on disk;
/// answers with the runtime's report (the `dx-bench/1` shape of one file).
pub async fn execute(backend: &Backend, arguments: Vec<Value>) -> jsonrpc::Result<Option<Value>> {
    let state = &backend.state;
    let target: TestTarget = argument(runs::RUN_BENCH, arguments)?;
    let file = target.file.clone();
    let roots = lock(&state.runs.workspace_roots).clone();
    let snapshot = state.snapshot_with(&file);
    let pattern = run_query(move || test_pattern(&snapshot, &target)).await?;
    let mut settings = BenchSettings::new(project_root(&file, &roots));
    settings.name_pattern = Some(pattern);
    let (answer, report) = tokio::sync::oneshot::channel();
    dx_runtime::js_thread("dx-lsp-bench")
        .spawn(move || {
            let _ = answer.send(run_bench_file(&file, &settings));
        })
        .map_err(|e| internal(format!("cannot start the bench thread: {e}")))?;
    let report = report
        .await
        .map_err(|_| internal("the bench run ended without a report"))?;
    state.benches.record(&report);
    runs::refresh(state, &backend.client);
    serde_json::to_value(&report)
        .map(Some)
        .map_err(|e| internal(e.to_string()))
}

/// `⏱ 1.25M ops/s ±0.8%` (and `+3.1%` against the run before) at the end of each measured
/// bench's line in `range`.
pub fn inlay_hints(
    items: &[TestItem],
    readings: &HashMap<Vec<String>, Reading>,
    text: &str,
    index: &LineIndex,
    range: Range,
) -> Vec<InlayHint> {
    line_end_hints(items, TestKind::Bench, text, index, range, |path| {
        let name_path: Vec<String> = path.iter().map(|item| item.name.clone()).collect();
        readings.get(&name_path).map(label)
    })
}

fn label(reading: &Reading) -> String {
    let mut label = format!("⏱ {} ops/s ±{:.1}%", ops(reading.hz), reading.rme);
    if let Some(previous) = reading.previous_hz.filter(|hz| *hz > 0.0) {
        label.push_str(&format!(
            " ({:+.1}%)",
            (reading.hz / previous - 1.0) * 100.0
        ));
    }
    label
}

/// Operations per second the way a person reads them: `812`, `45.3K`, `1.25M`.
fn ops(hz: f64) -> String {
    match hz {
        hz if hz >= 1e9 => format!("{:.2}G", hz / 1e9),
        hz if hz >= 1e6 => format!("{:.2}M", hz / 1e6),
        hz if hz >= 1e3 => format!("{:.1}K", hz / 1e3),
        hz => format!("{hz:.0}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_a_benchmark_table() {
        let first = Reading {
            hz: 1_254_000.0,
            rme: 0.84,
            previous_hz: None,
        };
        assert_eq!(label(&first), "⏱ 1.25M ops/s ±0.8%");
        let again = Reading {
            hz: 45_300.0,
            rme: 2.0,
            previous_hz: Some(50_000.0),
        };
        assert_eq!(label(&again), "⏱ 45.3K ops/s ±2.0% (-9.4%)");
        assert_eq!(ops(812.4), "812");
    }
}
