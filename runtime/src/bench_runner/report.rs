//! How a bench run is shown: `default` prints, per file, one vitest-like table per group
//! (name, hz, min, max, mean, p75, p99, rme, samples, and the change against a baseline when
//! comparing) with the group's comparison under it; `json` writes the `dx-bench/1` document
//! to stdout when the run ends.
//!
//! The default reporter ends with one plain line, `N measured, N failed` (`, N skipped` when
//! any), that scripts can parse without knowing the rest of the format.

use std::{
    fmt::Write as _,
    io::Write,
    path::{Path, PathBuf},
};

use super::{
    BenchDocument, BenchFileReport, BenchGroup, BenchResult, BenchStatus, BenchSummary, relative,
};
use crate::test_runner::report::{Paint, describe_failure};

/// Receives a bench run's events; `dx bench` picks one, the language server has its own.
pub trait BenchReporter {
    fn on_start(&mut self, _root: &Path, _files: &[PathBuf]) {}
    fn on_file(&mut self, root: &Path, report: &BenchFileReport);
    fn on_finish(&mut self, summary: &BenchSummary);
}

/// Which reporter `dx bench --reporter` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchReporterKind {
    Default,
    Json,
}

impl std::str::FromStr for BenchReporterKind {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "default" => Ok(BenchReporterKind::Default),
            "json" => Ok(BenchReporterKind::Json),
            other => Err(format!(
                "unknown reporter `{other}` (expected default or json)"
            )),
        }
    }
}

impl BenchReporterKind {
    /// The reporter writing to stdout (the json reporter's count line to stderr);
    /// `compared`: the run compares with a baseline, so tables get a "vs baseline" column.
    pub fn create(self, colors: bool, compared: bool) -> Box<dyn BenchReporter> {
        let out: Box<dyn Write> = Box::new(std::io::stdout());
        match self {
            BenchReporterKind::Default => Box::new(TableReporter::new(out, colors, compared)),
            BenchReporterKind::Json => Box::new(JsonBenchReporter::new(out)),
        }
    }
}

/// `3 measured, 1 failed` (+ `, 2 skipped` when benches were skipped or todo).
pub fn bench_count_line(summary: &BenchSummary) -> String {
    let mut line = format!("{} measured, {} failed", summary.measured, summary.failed);
    if summary.skipped > 0 {
        let _ = write!(line, ", {} skipped", summary.skipped);
    }
    line
}

/// vitest bench's table, in dx's words.
pub struct TableReporter {
    out: Box<dyn Write>,
    paint: Paint,
    compared: bool,
}

impl TableReporter {
    pub fn new(out: Box<dyn Write>, colors: bool, compared: bool) -> Self {
        TableReporter {
            out,
            paint: Paint { on: colors },
            compared,
        }
    }
}

impl BenchReporter for TableReporter {
    fn on_file(&mut self, root: &Path, report: &BenchFileReport) {
        let text = render_file(root, report, self.compared, &self.paint);
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }

    fn on_finish(&mut self, summary: &BenchSummary) {
        let text = render_summary(summary, &self.paint);
        let _ = self.out.write_all(text.as_bytes());
        let _ = self.out.flush();
    }
}

/// `1234567.891` → `1,234,567.89`.
fn thousands(value: f64) -> String {
    let text = format!("{value:.2}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, digits) = match whole.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", whole),
    };
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{fraction}")
}

/// `+12.3% faster ±2.1%`, `-4.0% slower ±1.8%`; `new` for a bench the baseline did not measure.
pub fn change_text(result: &BenchResult) -> String {
    match (result.baseline, result.stats) {
        (Some(change), Some(stats)) => {
            let word = if change.percent >= 0.0 {
                "faster"
            } else {
                "slower"
            };
            format!(
                "{:+.1}% {word} ±{:.1}%",
                change.percent,
                change.margin(stats.rme)
            )
        }
        _ => "new".into(),
    }
}

/// One group's table and comparison lines.
fn render_group(out: &mut String, group: &BenchGroup, compared: bool, p: &Paint) {
    let mut header = vec![
        "name", "hz", "min", "max", "mean", "p75", "p99", "rme", "samples",
    ];
    if compared {
        header.push("vs baseline");
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for result in &group.results {
        let mut row = vec![result.name.clone()];
        match (result.status, result.stats) {
            (BenchStatus::Measured, Some(s)) => {
                row.push(thousands(s.hz));
                for ms in [s.min_ms, s.max_ms, s.mean_ms, s.p75_ms, s.p99_ms] {
                    row.push(format!("{ms:.4}"));
                }
                row.push(format!("±{:.2}%", s.rme));
                row.push(s.samples.to_string());
                if compared {
                    row.push(change_text(result));
                }
            }
            (status, _) => row.push(
                match status {
                    BenchStatus::Failed => "failed",
                    BenchStatus::Todo => "todo",
                    _ => "skipped",
                }
                .into(),
            ),
        }
        rows.push(row);
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        // A skipped, todo or failed row is its name and a word: only the name is a column.
        let columns = if row.len() > 2 { row.len() } else { 1 };
        for (width, cell) in widths.iter_mut().zip(row).take(columns) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let cell = |i: usize, text: &str| {
        let pad = widths[i].saturating_sub(text.chars().count());
        if i == 0 || (compared && i == widths.len() - 1) {
            format!("{text}{}", " ".repeat(pad))
        } else {
            format!("{}{text}", " ".repeat(pad))
        }
    };
    let heading: Vec<String> = header.iter().enumerate().map(|(i, h)| cell(i, h)).collect();
    if group.results.iter().any(|r| r.stats.is_some()) {
        let _ = writeln!(out, "     {}", p.dim(heading.join("  ").trim_end()));
    }
    for (result, row) in group.results.iter().zip(&rows) {
        let (mark, line) = match result.status {
            BenchStatus::Measured => {
                let cells: Vec<String> = row.iter().enumerate().map(|(i, c)| cell(i, c)).collect();
                let fastest = group.fastest.as_deref() == Some(result.name.as_str())
                    && !group.comparisons.is_empty();
                let text = cells.join("  ");
                let text = text.trim_end();
                (
                    p.green("·"),
                    if fastest {
                        p.bold(text)
                    } else {
                        text.to_owned()
                    },
                )
            }
            BenchStatus::Failed => (
                p.red("×"),
                p.red(&format!("{}  {}", cell(0, &row[0]), row[1])),
            ),
            _ => (
                p.yellow("↓"),
                p.dim(&format!("{}  {}", cell(0, &row[0]), row[1])),
            ),
        };
        let _ = writeln!(out, "   {mark} {line}");
    }
    if let Some(fastest) = &group.fastest {
        for comparison in &group.comparisons {
            let _ = writeln!(
                out,
                "   {} is {}× faster than {}",
                p.bold(fastest),
                p.green(&format!("{:.2}", comparison.times)),
                comparison.name
            );
        }
    }
}

/// A file's status line, its groups' tables, then its failures with code frames.
fn render_file(root: &Path, report: &BenchFileReport, compared: bool, p: &Paint) -> String {
    let name = relative(root, &report.path).to_string_lossy().into_owned();
    let mark = if report.failed() {
        p.red("×")
    } else {
        p.green("✓")
    };
    let mut out = format!(
        " {mark} {} {}\n",
        p.bold(&name),
        p.dim(&format!("({:.2} s)", report.duration_ms / 1000.0))
    );
    for group in &report.groups {
        out.push('\n');
        if !group.name.is_empty() {
            let _ = writeln!(out, "   {}", p.bold(&group.name));
        }
        render_group(&mut out, group, compared, p);
    }
    out.push('\n');
    for (group, result) in report.results() {
        if let Some(error) = &result.error {
            let title = if group.name.is_empty() {
                result.name.clone()
            } else {
                format!("{} › {}", group.name.replace(" > ", " › "), result.name)
            };
            describe_failure(
                &mut out,
                root,
                &report.path,
                &title,
                &error.message,
                error.stack.as_deref(),
                p,
            );
        }
    }
    for error in &report.errors {
        let title = match error.kind.as_str() {
            "load" => "Bench file failed to run".to_owned(),
            "timeout" => "Bench stopped: it never returned".to_owned(),
            "uncaught" => "Error outside of any bench".to_owned(),
            other => format!("{other} failed"),
        };
        describe_failure(
            &mut out,
            root,
            &report.path,
            &title,
            &error.message,
            error.stack.as_deref(),
            p,
        );
    }
    out
}

fn render_summary(summary: &BenchSummary, p: &Paint) -> String {
    let mut out = String::new();
    let mut files = Vec::new();
    if summary.failed_files > 0 {
        files.push(p.red(&format!("{} failed", summary.failed_files)));
    }
    if summary.files > summary.failed_files {
        files.push(p.green(&format!("{} passed", summary.files - summary.failed_files)));
    }
    files.push(format!("{} total", summary.files));
    let _ = writeln!(out, "{} {}", p.bold("Bench files:"), files.join(", "));
    let _ = writeln!(
        out,
        "{}        {:.3} s",
        p.bold("Time:"),
        summary.duration_ms / 1000.0
    );
    if summary.files == 0 {
        let _ = writeln!(out, "No bench files found, exiting with code 1");
    }
    let _ = writeln!(out, "{}", bench_count_line(summary));
    out
}

/// Collects the reports and writes the `dx-bench/1` document to stdout at the end.
pub struct JsonBenchReporter {
    out: Box<dyn Write>,
    root: PathBuf,
    reports: Vec<BenchFileReport>,
}

impl JsonBenchReporter {
    pub fn new(out: Box<dyn Write>) -> Self {
        JsonBenchReporter {
            out,
            root: PathBuf::new(),
            reports: Vec::new(),
        }
    }
}

impl BenchReporter for JsonBenchReporter {
    fn on_start(&mut self, root: &Path, _files: &[PathBuf]) {
        self.root = root.to_path_buf();
    }

    fn on_file(&mut self, _root: &Path, report: &BenchFileReport) {
        self.reports.push(report.clone());
    }

    fn on_finish(&mut self, summary: &BenchSummary) {
        let document = BenchDocument::new(&self.root, summary, &self.reports);
        let text = serde_json::to_string_pretty(&document).unwrap_or_default();
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
        eprintln!("{}", bench_count_line(summary));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_per_second_are_grouped_by_thousands() {
        assert_eq!(thousands(1234567.891), "1,234,567.89");
        assert_eq!(thousands(999.5), "999.50");
        assert_eq!(thousands(1000.0), "1,000.00");
    }
}
