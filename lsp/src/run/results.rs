//! The `dx/testResults` notification (schema version 1, documented in ARCHITECTURE.md) and
//! the results the server keeps between runs for lenses, inlay hints and diagnostics.
//!
//! Positions here are 0-based lines and columns of the file as it was run; [`Outcomes::edited`]
//! keeps failure lines in step with later edits and forgets those an edit touches.

use std::{collections::HashMap, path::Path, path::PathBuf};

use dx_runtime::test_runner::{FileError, FileReport, TestStatus};
use serde::{Deserialize, Serialize};

use super::pattern::NameMatch;

/// The notification's method.
pub const METHOD: &str = "dx/testResults";
/// Bumped when a field changes meaning or goes away (adding fields keeps it).
pub const SCHEMA_VERSION: u32 = 1;

/// One `dx/testResults` notification: the files of run `run_id` that finished since the last
/// one. The last notification of a run has `finished: true` (and may carry the last file).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestResults {
    pub version: u32,
    pub run_id: u64,
    pub finished: bool,
    pub cancelled: bool,
    pub files: Vec<FileResults>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileResults {
    pub path: PathBuf,
    pub duration_ms: f64,
    pub tests: Vec<TestOutcome>,
    pub errors: Vec<FileError>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestOutcome {
    /// Describe titles from the outermost, then the test's own (`.each` rows: the row's title).
    pub name_path: Vec<String>,
    pub full_name: String,
    pub status: TestStatus,
    pub duration_ms: f64,
    /// Where the test is declared.
    pub location: Option<Position>,
    pub failures: Vec<FailureOutcome>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FailureOutcome {
    /// The matcher's message with its Expected/Received diff, or `Name: message` of a throw.
    pub message: String,
    pub stack: Option<String>,
    /// The failing line in this file: the innermost stack frame in it, else the test's own
    /// line; `null` once an edit has touched that line.
    pub location: Option<Position>,
}

/// 0-based line and column (the column counts characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl FileResults {
    /// The report in the notification's shape.
    pub fn from_report(report: FileReport) -> FileResults {
        let path = report.path;
        let tests = report
            .tests
            .into_iter()
            .map(|test| {
                let location = test.location.map(|l| Position {
                    line: l.line.saturating_sub(1),
                    column: l.column.saturating_sub(1),
                });
                let failures = test
                    .failures
                    .into_iter()
                    .map(|failure| FailureOutcome {
                        location: failure
                            .stack
                            .as_deref()
                            .and_then(|stack| frame_in(stack, &path))
                            .or(location),
                        message: failure.message,
                        stack: failure.stack,
                    })
                    .collect();
                let mut name_path = test.ancestors;
                name_path.push(test.name);
                TestOutcome {
                    name_path,
                    full_name: test.full_name,
                    status: test.status,
                    duration_ms: test.duration_ms,
                    location,
                    failures,
                }
            })
            .collect();
        FileResults {
            path,
            duration_ms: report.duration_ms,
            tests,
            errors: report.errors,
        }
    }
}

/// The innermost frame of a V8-style stack (`    at f (/a/b.test.ts:12:5)`) that is in `file`.
fn frame_in(stack: &str, file: &Path) -> Option<Position> {
    let needle = format!("{}:", file.display());
    stack
        .lines()
        .filter(|line| line.trim_start().starts_with("at "))
        .find_map(|line| {
            let at = line.find(&needle)? + needle.len();
            let mut numbers = line[at..]
                .split(|c: char| !c.is_ascii_digit())
                .take(2)
                .map(str::parse::<u32>);
            let line = numbers.next()?.ok()?;
            let column = numbers.next()?.ok()?;
            Some(Position {
                line: line.checked_sub(1)?,
                column: column.saturating_sub(1),
            })
        })
}

/// What a lens or an inlay hint shows for a group of results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    Passed { duration_ms: f64 },
    Failed { duration_ms: f64 },
    Skipped,
}

impl Verdict {
    /// A lens' title: `✓ 3 ms`, `✗ failed`, `○ skipped`.
    pub fn label(self) -> String {
        match self {
            Verdict::Passed { duration_ms } => format!("✓ {}", duration(duration_ms)),
            Verdict::Failed { .. } => "✗ failed".into(),
            Verdict::Skipped => "○ skipped".into(),
        }
    }

    /// An inlay hint's text: the time it took, `✓ 3 ms` or `✗ 12 ms`.
    pub fn hint(self) -> String {
        match self {
            Verdict::Failed { duration_ms } => format!("✗ {}", duration(duration_ms)),
            other => other.label(),
        }
    }
}

/// `3 ms`, `0.4 ms`, `1.2 s`.
pub fn duration(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else if ms >= 1.0 {
        format!("{} ms", ms.round())
    } else {
        format!("{ms:.1} ms")
    }
}

/// One line-based edit, as the editor sent it: lines `start..=end` were replaced by text with
/// `inserted_lines` line breaks. `None` for a whole-document replacement.
pub type LineEdit = Option<(u32, u32, u32)>;

/// The last results of every file that has run, by path.
#[derive(Debug, Default)]
pub struct Outcomes {
    files: HashMap<PathBuf, FileResults>,
}

impl Outcomes {
    /// Keeps a file's results. A whole-file run replaces what was known; a run of some tests
    /// (`partial`) replaces only those tests' results.
    pub fn record(&mut self, results: &FileResults, partial: bool) {
        match self.files.get_mut(&results.path) {
            Some(known) if partial => {
                for test in &results.tests {
                    match known
                        .tests
                        .iter_mut()
                        .find(|old| old.full_name == test.full_name)
                    {
                        Some(old) => *old = test.clone(),
                        None => known.tests.push(test.clone()),
                    }
                }
                known.errors = results.errors.clone();
            }
            _ => {
                self.files.insert(results.path.clone(), results.clone());
            }
        }
    }

    pub fn get(&self, path: &Path) -> Option<&FileResults> {
        self.files.get(path)
    }

    /// Moves failure lines below an edit by the lines it added or removed, and forgets the
    /// failures on lines it touched: that code is no longer what failed.
    pub fn edited(&mut self, path: &Path, edits: &[LineEdit]) {
        let Some(file) = self.files.get_mut(path) else {
            return;
        };
        for failure in file.tests.iter_mut().flat_map(|t| t.failures.iter_mut()) {
            for edit in edits {
                failure.location = match (failure.location, edit) {
                    (Some(at), Some((start, end, inserted))) => {
                        if at.line < *start {
                            Some(at)
                        } else if at.line > *end {
                            Some(Position {
                                line: at.line + inserted - (end - start),
                                ..at
                            })
                        } else {
                            None
                        }
                    }
                    _ => None,
                };
            }
        }
    }
}

impl FileResults {
    /// The verdict over the results whose full name `pattern` matches: failed if any failed,
    /// else passed if any passed, else skipped; with the time they took together.
    pub fn verdict(&self, names: &NameMatch) -> Option<Verdict> {
        let mut matched = self
            .tests
            .iter()
            .filter(|test| names.is_match(&test.full_name))
            .peekable();
        matched.peek()?;
        let (mut failed, mut passed, mut duration_ms) = (false, false, 0.0);
        for test in matched {
            failed |= test.status == TestStatus::Failed;
            passed |= test.status == TestStatus::Passed;
            duration_ms += test.duration_ms;
        }
        Some(if failed {
            Verdict::Failed { duration_ms }
        } else if passed {
            Verdict::Passed { duration_ms }
        } else {
            Verdict::Skipped
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failing_line_is_the_innermost_frame_in_the_file() {
        let file = Path::new("/p/math.test.ts");
        let stack = "Error: expect(received).toBe(expected)\n    at /p/math.test.ts (message mentions it)\n    at helper (/p/helper.ts:3:9)\n    at Object.<anonymous> (/p/math.test.ts:12:21)\n    at /p/math.test.ts:40:1";
        assert_eq!(
            frame_in(stack, file),
            Some(Position {
                line: 11,
                column: 20
            })
        );
        assert_eq!(frame_in("Error: x\n    at f (/p/other.ts:1:1)", file), None);
    }

    fn failing_at(line: u32) -> Outcomes {
        let mut outcomes = Outcomes::default();
        let at = Some(Position { line, column: 2 });
        outcomes.record(
            &FileResults {
                path: "/f.test.ts".into(),
                duration_ms: 1.0,
                tests: vec![TestOutcome {
                    name_path: vec!["t".into()],
                    full_name: "t".into(),
                    status: TestStatus::Failed,
                    duration_ms: 1.0,
                    location: at,
                    failures: vec![FailureOutcome {
                        message: "m".into(),
                        stack: None,
                        location: at,
                    }],
                }],
                errors: Vec::new(),
            },
            false,
        );
        outcomes
    }

    fn failure_line(outcomes: &Outcomes) -> Option<u32> {
        outcomes.get(Path::new("/f.test.ts")).unwrap().tests[0].failures[0]
            .location
            .map(|at| at.line)
    }

    #[test]
    fn edits_move_or_forget_failure_lines() {
        let path = Path::new("/f.test.ts");
        let mut outcomes = failing_at(10);
        outcomes.edited(path, &[Some((12, 12, 3))]);
        assert_eq!(failure_line(&outcomes), Some(10), "below the failure");
        outcomes.edited(path, &[Some((2, 4, 0))]);
        assert_eq!(failure_line(&outcomes), Some(8), "two lines removed above");
        outcomes.edited(path, &[Some((0, 0, 1))]);
        assert_eq!(failure_line(&outcomes), Some(9), "a line added above");
        outcomes.edited(path, &[Some((9, 9, 0))]);
        assert_eq!(failure_line(&outcomes), None, "the failing line itself");
        let mut outcomes = failing_at(3);
        outcomes.edited(path, &[None]);
        assert_eq!(failure_line(&outcomes), None, "the whole text replaced");
    }

    #[test]
    fn verdicts_aggregate_matching_results() {
        let outcomes = failing_at(1);
        let file = outcomes.get(Path::new("/f.test.ts")).unwrap();
        let all = NameMatch::Exact("t".into());
        assert_eq!(
            file.verdict(&all),
            Some(Verdict::Failed { duration_ms: 1.0 })
        );
        assert_eq!(Verdict::Failed { duration_ms: 1.0 }.hint(), "✗ 1 ms");
        let none = NameMatch::Exact("other".into());
        assert_eq!(file.verdict(&none), None);
        assert_eq!(Verdict::Passed { duration_ms: 2.6 }.label(), "✓ 3 ms");
        assert_eq!(duration(0.42), "0.4 ms");
        assert_eq!(duration(1234.0), "1.2 s");
    }
}
