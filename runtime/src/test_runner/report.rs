//! Reporters: how a run is shown. `default` reads like Jest (PASS/FAIL per file, each failure
//! with its message, diff and a code frame of the original source, then the totals); `dot`
//! prints one character a test; `json` is the stable machine schema (`dx-test/1`) the
//! language server and CI read; `junit` is the XML CI servers import.
//!
//! The human reporters end with one plain line, `N passed, N failed` (`, N skipped` when any),
//! that scripts can parse without knowing the rest of the format.

use std::{
    fmt::Write as _,
    io::Write,
    path::{Path, PathBuf},
};

use serde::Serialize;

use super::{FileError, FileReport, RunSummary, TestResult, TestStatus};

/// Receives a run's events; `dx test` picks one, the language server has its own.
pub trait Reporter {
    fn on_start(&mut self, _root: &Path, _files: &[PathBuf]) {}
    fn on_file(&mut self, root: &Path, report: &FileReport);
    fn on_finish(&mut self, summary: &RunSummary);
    /// The coverage table and threshold messages (`--coverage`), after the summary. Machine
    /// formats own stdout, so by default it goes to stderr.
    fn on_coverage(&mut self, text: &str) {
        eprint!("{text}");
    }
}

/// Which reporter `dx test --reporter` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReporterKind {
    Default,
    Dot,
    Json,
    Junit,
}

impl std::str::FromStr for ReporterKind {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        match name {
            "default" => Ok(ReporterKind::Default),
            "dot" => Ok(ReporterKind::Dot),
            "json" => Ok(ReporterKind::Json),
            "junit" => Ok(ReporterKind::Junit),
            other => Err(format!(
                "unknown reporter `{other}` (expected default, dot, json or junit)"
            )),
        }
    }
}

impl ReporterKind {
    /// Machine formats own stdout; their closing count line goes to stderr.
    pub fn is_machine(self) -> bool {
        matches!(self, ReporterKind::Json | ReporterKind::Junit)
    }

    /// The reporter writing to stdout (the count line of machine formats to stderr).
    pub fn create(self, colors: bool) -> Box<dyn Reporter> {
        let out: Box<dyn Write> = Box::new(std::io::stdout());
        match self {
            ReporterKind::Default => Box::new(DefaultReporter::new(out, colors)),
            ReporterKind::Dot => Box::new(DotReporter::new(out, colors)),
            ReporterKind::Json => Box::new(JsonReporter::new(out)),
            ReporterKind::Junit => Box::new(JunitReporter::new(out)),
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// `3 passed, 1 failed` (+ `, 2 skipped` when tests were skipped or todo).
pub fn count_line(summary: &RunSummary) -> String {
    let mut line = format!("{} passed, {} failed", summary.passed, summary.failed);
    let skipped = summary.skipped + summary.todo;
    if skipped > 0 {
        let _ = write!(line, ", {skipped} skipped");
    }
    line
}

/// ANSI colours, or plain text when `on` is false (shared with the bench reporter).
pub(crate) struct Paint {
    pub(crate) on: bool,
}

impl Paint {
    pub(crate) fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    pub(crate) fn red(&self, t: &str) -> String {
        self.wrap("31", t)
    }
    pub(crate) fn green(&self, t: &str) -> String {
        self.wrap("32", t)
    }
    pub(crate) fn yellow(&self, t: &str) -> String {
        self.wrap("33", t)
    }
    pub(crate) fn dim(&self, t: &str) -> String {
        self.wrap("2", t)
    }
    pub(crate) fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
}

/// `    at fn (file:line:col)` / `    at file:line:col` → (file, line, column).
fn parse_frame(line: &str) -> Option<(String, u32, u32)> {
    let rest = line.trim().strip_prefix("at ")?;
    let location = match (rest.rfind('('), rest.ends_with(')')) {
        (Some(open), true) => &rest[open + 1..rest.len() - 1],
        _ => rest,
    };
    let mut parts = location.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next()?.trim_start_matches("file://").to_owned();
    Some((file, line, column))
}

/// The frame to show a code frame for: in the test file if any, else the first user file.
fn failing_frame(stack: &str, test_file: &Path) -> Option<(String, u32, u32)> {
    let frames: Vec<_> = stack.lines().filter_map(parse_frame).collect();
    let test_file = test_file.to_string_lossy();
    frames
        .iter()
        .find(|(file, _, _)| *file == test_file)
        .or_else(|| {
            frames
                .iter()
                .find(|(file, _, _)| file.starts_with('/') && !file.contains("/node_modules/"))
        })
        .cloned()
}

/// Jest's code frame: the failing line of the original source, two lines around it, a caret.
pub fn code_frame(file: &str, line: u32, column: u32, paint: bool) -> Option<String> {
    let source = std::fs::read_to_string(file).ok()?;
    let lines: Vec<&str> = source.lines().collect();
    let index = (line as usize).checked_sub(1)?;
    lines.get(index)?;
    let first = index.saturating_sub(2);
    let last = (index + 2).min(lines.len() - 1);
    let width = (last + 1).to_string().len();
    let p = Paint { on: paint };
    let mut out = String::new();
    for (i, text) in lines.iter().enumerate().take(last + 1).skip(first) {
        let number = format!("{:>width$}", i + 1);
        if i == index {
            let _ = writeln!(
                out,
                "{} {number} |{}{text}",
                p.red(">"),
                if text.is_empty() { "" } else { " " }
            );
            let pad: String = text
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "  {} | {pad}{}", " ".repeat(width), p.red("^"));
        } else {
            let gap = if text.is_empty() { "" } else { " " };
            let _ = writeln!(out, "{}", p.dim(&format!("  {number} |{gap}{text}")));
        }
    }
    Some(out)
}

fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Stack lines worth showing under a failure: the user's frames, not the runner's.
fn user_frames(stack: &str, root: &Path) -> Vec<String> {
    stack
        .lines()
        .filter(|l| l.trim_start().starts_with("at "))
        .filter(|l| !l.contains("/node_modules/") && !l.contains("internal/test/"))
        .filter(|l| parse_frame(l).is_some_and(|(file, _, _)| file.starts_with('/')))
        .map(|l| {
            let root = format!("{}/", root.to_string_lossy());
            l.trim().replace(&root, "")
        })
        .take(4)
        .collect()
}

/// A failure's title, message, code frame and the user's stack frames (tests and benches).
pub(crate) fn describe_failure(
    out: &mut String,
    root: &Path,
    test_file: &Path,
    title: &str,
    message: &str,
    stack: Option<&str>,
    paint: &Paint,
) {
    let _ = writeln!(out, "  {}\n", paint.red(&paint.bold(&format!("● {title}"))));
    let _ = writeln!(out, "{}\n", indent(message, "    "));
    if let Some(stack) = stack {
        if let Some((file, line, column)) = failing_frame(stack, test_file)
            && let Some(frame) = code_frame(&file, line, column, paint.on)
        {
            let _ = writeln!(out, "{}\n", indent(&frame, "    "));
        }
        let frames = user_frames(stack, root);
        if !frames.is_empty() {
            for frame in frames {
                let _ = writeln!(out, "      {}", paint.dim(&frame));
            }
            out.push('\n');
        }
    }
}

/// Jest's default reporter, in dx's words.
pub struct DefaultReporter {
    out: Box<dyn Write>,
    paint: Paint,
    obsolete: Vec<(String, Vec<String>)>,
}

impl DefaultReporter {
    pub fn new(out: Box<dyn Write>, colors: bool) -> Self {
        DefaultReporter {
            out,
            paint: Paint { on: colors },
            obsolete: Vec::new(),
        }
    }
}

fn test_title(test: &TestResult) -> String {
    let mut parts = test.ancestors.clone();
    parts.push(test.name.clone());
    parts.join(" › ")
}

fn file_error_title(error: &FileError) -> String {
    match error.kind.as_str() {
        "load" => "Test suite failed to run".into(),
        "timeout" => "Test stopped: it never yielded".into(),
        "uncaught" => "Error outside of any test".into(),
        other => format!("{other} failed"),
    }
}

impl Reporter for DefaultReporter {
    fn on_file(&mut self, root: &Path, report: &FileReport) {
        let out = render_file(root, report, &self.paint);
        if !report.snapshots.obsolete.is_empty() {
            self.obsolete.push((
                relative(root, &report.path),
                report.snapshots.obsolete.clone(),
            ));
        }
        let _ = self.out.write_all(out.as_bytes());
        let _ = self.out.flush();
    }

    fn on_coverage(&mut self, text: &str) {
        let _ = write!(self.out, "\n{text}");
        let _ = self.out.flush();
    }

    fn on_finish(&mut self, summary: &RunSummary) {
        let out = render_summary(summary, &self.obsolete, &self.paint);
        let _ = self.out.write_all(out.as_bytes());
        let _ = self.out.flush();
    }
}

/// A file's PASS/FAIL line and its failures.
fn render_file(root: &Path, report: &FileReport, p: &Paint) -> String {
    let name = relative(root, &report.path);
    let badge = if report.failed() {
        p.wrap("1;41;37", " FAIL ")
    } else {
        p.wrap("1;42;30", " PASS ")
    };
    let (dir, base) = match name.rfind('/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name.as_str()),
    };
    let mut out = format!(
        "{badge} {}{} {}\n",
        p.dim(dir),
        p.bold(base),
        p.dim(&format!("({} ms)", report.duration_ms.round()))
    );
    for test in report
        .tests
        .iter()
        .filter(|t| t.status == TestStatus::Failed)
    {
        for failure in &test.failures {
            describe_failure(
                &mut out,
                root,
                &report.path,
                &test_title(test),
                &failure.message,
                failure.stack.as_deref(),
                p,
            );
        }
    }
    for error in &report.errors {
        describe_failure(
            &mut out,
            root,
            &report.path,
            &file_error_title(error),
            &error.message,
            error.stack.as_deref(),
            p,
        );
    }
    out
}

/// Obsolete snapshots, the totals and the closing count line.
fn render_summary(summary: &RunSummary, obsolete: &[(String, Vec<String>)], p: &Paint) -> String {
    let mut out = String::new();
    if !obsolete.is_empty() {
        let total: usize = obsolete.iter().map(|(_, keys)| keys.len()).sum();
        let _ = writeln!(
            out,
            "{}",
            p.bold(&format!(
                "Snapshot Summary\n › {total} snapshot{} obsolete (run with `-u` to remove):",
                plural(total)
            ))
        );
        for (file, keys) in obsolete {
            let _ = writeln!(out, "   {file}");
            for key in keys {
                let _ = writeln!(out, "     • {}", p.yellow(key));
            }
        }
        out.push('\n');
    }
    let suites_total = summary.files + summary.not_run;
    let mut suites = Vec::new();
    if summary.failed_files > 0 {
        suites.push(p.red(&p.bold(&format!("{} failed", summary.failed_files))));
    }
    if summary.files > summary.failed_files {
        suites.push(p.green(&p.bold(&format!("{} passed", summary.files - summary.failed_files))));
    }
    if summary.not_run > 0 {
        suites.push(p.yellow(&format!("{} not run (--bail)", summary.not_run)));
    }
    suites.push(format!("{suites_total} total"));
    let _ = writeln!(out, "{} {}", p.bold("Test Suites:"), suites.join(", "));
    let mut tests = Vec::new();
    if summary.failed > 0 {
        tests.push(p.red(&p.bold(&format!("{} failed", summary.failed))));
    }
    if summary.skipped > 0 {
        tests.push(p.yellow(&p.bold(&format!("{} skipped", summary.skipped))));
    }
    if summary.todo > 0 {
        tests.push(p.wrap("35", &format!("{} todo", summary.todo)));
    }
    if summary.passed > 0 {
        tests.push(p.green(&p.bold(&format!("{} passed", summary.passed))));
    }
    let total = summary.passed + summary.failed + summary.skipped + summary.todo;
    tests.push(format!("{total} total"));
    let _ = writeln!(out, "{}       {}", p.bold("Tests:"), tests.join(", "));
    let snapshot_total =
        summary.snapshots_added + summary.snapshots_updated + summary.snapshots_failed;
    if snapshot_total > 0 || summary.snapshots_obsolete > 0 {
        let mut parts = Vec::new();
        if summary.snapshots_failed > 0 {
            parts.push(p.red(&format!("{} failed", summary.snapshots_failed)));
        }
        if summary.snapshots_obsolete > 0 {
            parts.push(p.yellow(&format!("{} obsolete", summary.snapshots_obsolete)));
        }
        if summary.snapshots_updated > 0 {
            parts.push(p.green(&format!("{} updated", summary.snapshots_updated)));
        }
        if summary.snapshots_added > 0 {
            parts.push(p.green(&format!("{} written", summary.snapshots_added)));
        }
        let _ = writeln!(out, "{}   {}", p.bold("Snapshots:"), parts.join(", "));
    }
    let _ = writeln!(
        out,
        "{}        {:.3} s",
        p.bold("Time:"),
        summary.duration_ms / 1000.0
    );
    if suites_total == 0 {
        let _ = writeln!(out, "No tests found, exiting with code 1");
    }
    let _ = writeln!(out, "{}", count_line(summary));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One character a test (`.` passed, `F` failed, `*` skipped or todo), failures after.
pub struct DotReporter {
    out: Box<dyn Write>,
    paint: Paint,
    failures: String,
    obsolete: Vec<(String, Vec<String>)>,
}

impl DotReporter {
    pub fn new(out: Box<dyn Write>, colors: bool) -> Self {
        DotReporter {
            out,
            paint: Paint { on: colors },
            failures: String::new(),
            obsolete: Vec::new(),
        }
    }
}

impl Reporter for DotReporter {
    fn on_file(&mut self, root: &Path, report: &FileReport) {
        let p = &self.paint;
        let mut dots: String = report
            .tests
            .iter()
            .map(|t| match t.status {
                TestStatus::Passed => p.green("."),
                TestStatus::Failed => p.red("F"),
                TestStatus::Skipped | TestStatus::Todo => p.yellow("*"),
            })
            .collect();
        if !report.errors.is_empty() {
            dots.push_str(&p.red("E"));
        }
        let _ = write!(self.out, "{dots}");
        let _ = self.out.flush();
        if report.failed() {
            self.failures.push_str(&render_file(root, report, p));
        }
        if !report.snapshots.obsolete.is_empty() {
            self.obsolete.push((
                relative(root, &report.path),
                report.snapshots.obsolete.clone(),
            ));
        }
    }

    fn on_coverage(&mut self, text: &str) {
        let _ = write!(self.out, "\n{text}");
        let _ = self.out.flush();
    }

    fn on_finish(&mut self, summary: &RunSummary) {
        let text = render_summary(summary, &self.obsolete, &self.paint);
        let _ = write!(self.out, "\n\n{}{text}", self.failures);
        let _ = self.out.flush();
    }
}

/// The `dx-test/1` JSON document, written when the run ends. Fields are only ever added
/// within one schema version:
///
/// ```text
/// { "schema": "dx-test/1", "success": bool,
///   "summary": { files, failedFiles, passed, failed, skipped, todo, snapshotsAdded,
///                snapshotsUpdated, snapshotsFailed, snapshotsObsolete, durationMs, notRun },
///   "files": [ { "path" (relative to the root), "status": "passed" | "failed", "durationMs",
///     "errors": [ { "kind": "load" | "timeout" | "uncaught" | "afterAll (name)" | ...,
///                   "message", "stack" | null } ],
///     "snapshots": { added, updated, matched, unmatched, obsolete: [key], fileRemoved,
///                    inlineWritten },
///     "tests": [ { "name", "ancestors": [describe names], "fullName",
///                  "status": "passed" | "failed" | "skipped" | "todo", "durationMs",
///                  "location": { "line", "column" } | null,
///                  "failures": [ { "message", "stack" | null } ] } ] } ] }
/// ```
pub struct JsonReporter {
    out: Box<dyn Write>,
    files: Vec<JsonFile>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFile {
    status: &'static str,
    #[serde(flatten)]
    report: FileReport,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    schema: &'static str,
    summary: &'a RunSummary,
    success: bool,
    files: &'a [JsonFile],
}

impl JsonReporter {
    pub fn new(out: Box<dyn Write>) -> Self {
        JsonReporter {
            out,
            files: Vec::new(),
        }
    }
}

impl Reporter for JsonReporter {
    fn on_file(&mut self, root: &Path, report: &FileReport) {
        let mut report = report.clone();
        report.path = PathBuf::from(relative(root, &report.path));
        self.files.push(JsonFile {
            status: if report.failed() { "failed" } else { "passed" },
            report,
        });
    }

    fn on_finish(&mut self, summary: &RunSummary) {
        self.files.sort_by(|a, b| a.report.path.cmp(&b.report.path));
        let document = JsonDocument {
            schema: "dx-test/1",
            summary,
            success: summary.success(),
            files: &self.files,
        };
        let text = serde_json::to_string_pretty(&document).unwrap_or_default();
        let _ = writeln!(self.out, "{text}");
        let _ = self.out.flush();
        eprintln!("{}", count_line(summary));
    }
}

/// JUnit XML (the dialect Jenkins, GitLab and GitHub test summaries read).
pub struct JunitReporter {
    out: Box<dyn Write>,
    suites: Vec<(String, FileReport)>,
}

impl JunitReporter {
    pub fn new(out: Box<dyn Write>) -> Self {
        JunitReporter {
            out,
            suites: Vec::new(),
        }
    }
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\x1b' => {}
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

impl Reporter for JunitReporter {
    fn on_file(&mut self, root: &Path, report: &FileReport) {
        self.suites
            .push((relative(root, &report.path), report.clone()));
    }

    fn on_finish(&mut self, summary: &RunSummary) {
        self.suites.sort_by(|a, b| a.0.cmp(&b.0));
        let total = summary.passed + summary.failed + summary.skipped + summary.todo;
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"dx test\" tests=\"{total}\" failures=\"{}\" errors=\"{}\" time=\"{:.3}\">",
            summary.failed,
            self.suites
                .iter()
                .filter(|(_, r)| !r.errors.is_empty())
                .count(),
            summary.duration_ms / 1000.0
        );
        for (name, report) in &self.suites {
            let failures = report
                .tests
                .iter()
                .filter(|t| t.status == TestStatus::Failed)
                .count();
            let skipped = report
                .tests
                .iter()
                .filter(|t| matches!(t.status, TestStatus::Skipped | TestStatus::Todo))
                .count();
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{skipped}\" time=\"{:.3}\">",
                xml_escape(name),
                report.tests.len(),
                report.errors.len(),
                report.duration_ms / 1000.0
            );
            for test in &report.tests {
                let _ = write!(
                    out,
                    "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                    xml_escape(&test.ancestors.join(" › ")),
                    xml_escape(&test.full_name),
                    test.duration_ms / 1000.0
                );
                match test.status {
                    TestStatus::Passed => out.push_str("/>\n"),
                    TestStatus::Skipped | TestStatus::Todo => {
                        out.push_str(">\n      <skipped/>\n    </testcase>\n")
                    }
                    TestStatus::Failed => {
                        out.push_str(">\n");
                        for failure in &test.failures {
                            let first = failure.message.lines().next().unwrap_or("");
                            let _ = writeln!(
                                out,
                                "      <failure message=\"{}\">{}</failure>",
                                xml_escape(first),
                                xml_escape(failure.stack.as_deref().unwrap_or(&failure.message))
                            );
                        }
                        out.push_str("    </testcase>\n");
                    }
                }
            }
            for error in &report.errors {
                let _ = writeln!(
                    out,
                    "    <testcase classname=\"\" name=\"{}\" time=\"0\">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                    xml_escape(&file_error_title(error)),
                    xml_escape(error.message.lines().next().unwrap_or("")),
                    xml_escape(&error.message)
                );
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        let _ = self.out.write_all(out.as_bytes());
        let _ = self.out.flush();
        eprintln!("{}", count_line(summary));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_parse_with_and_without_function_names() {
        assert_eq!(
            parse_frame("    at Object.<anonymous> (/p/a.test.ts:3:15)"),
            Some(("/p/a.test.ts".into(), 3, 15))
        );
        assert_eq!(
            parse_frame("    at /p/a.test.ts:7:1"),
            Some(("/p/a.test.ts".into(), 7, 1))
        );
        assert_eq!(parse_frame("Error: boom"), None);
    }

    #[test]
    fn count_line_mentions_skips_only_when_present() {
        let mut summary = RunSummary {
            passed: 3,
            failed: 1,
            ..RunSummary::default()
        };
        assert_eq!(count_line(&summary), "3 passed, 1 failed");
        summary.todo = 2;
        assert_eq!(count_line(&summary), "3 passed, 1 failed, 2 skipped");
    }
}
