//! A run's coverage: hits summed over test files, and what is made of them: the text table
//! (istanbul's `text` reporter layout), `lcov.info`, `coverage-summary.json`, and the
//! `coverageThreshold` check.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::{CoverageMap, FileCoverage};

/// Every measured file of a run, by path.
#[derive(Debug, Default)]
pub struct CoverageReport {
    files: BTreeMap<PathBuf, FileCoverage>,
}

impl CoverageReport {
    /// Adds one test file's hits of `file`. The same file loaded by several test files has the
    /// same map (same source), so hits add up counter by counter.
    pub fn add(&mut self, file: FileCoverage) {
        match self.files.get_mut(&file.path) {
            Some(known) if known.map == file.map => {
                for (sum, hits) in known.hits.iter_mut().zip(&file.hits) {
                    *sum += hits;
                }
            }
            // The source changed during the run: the newer map wins.
            Some(known) => *known = file,
            None => {
                self.files.insert(file.path.clone(), file);
            }
        }
    }

    /// Lists a file no test loaded (`collectCoverageFrom`), at zero hits.
    pub fn add_unloaded(&mut self, path: &Path, map: CoverageMap) {
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| FileCoverage::unexecuted(path, map));
    }

    pub fn files(&self) -> impl Iterator<Item = &FileCoverage> {
        self.files.values()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn total(&self) -> Summary {
        let mut total = Summary::default();
        for file in self.files() {
            total.add(&Summary::of(file));
        }
        total
    }
}

/// Covered out of total, for one kind of counter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub covered: usize,
}

impl Counts {
    fn of(hits: impl Iterator<Item = u64>) -> Self {
        let mut counts = Counts::default();
        for hit in hits {
            counts.total += 1;
            counts.covered += usize::from(hit > 0);
        }
        counts
    }

    /// Percent covered, rounded down to two decimals (100 when there is nothing to cover), as
    /// istanbul computes it, so the figures match Jest's.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            return 100.0;
        }
        ((self.covered as f64 * 10000.0) / self.total as f64).floor() / 100.0
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub statements: Counts,
    pub branches: Counts,
    pub functions: Counts,
    pub lines: Counts,
}

impl Summary {
    pub fn of(file: &FileCoverage) -> Self {
        Summary {
            statements: Counts::of(file.map.statements.iter().map(|s| file.hits(s.counter))),
            branches: Counts::of(
                file.map
                    .branches
                    .iter()
                    .flat_map(|b| &b.arms)
                    .map(|arm| file.hits(arm.counter)),
            ),
            functions: Counts::of(file.map.functions.iter().map(|f| file.hits(f.counter))),
            lines: Counts::of(line_hits(file).into_values()),
        }
    }

    fn add(&mut self, other: &Summary) {
        for (sum, part) in [
            (&mut self.statements, other.statements),
            (&mut self.branches, other.branches),
            (&mut self.functions, other.functions),
            (&mut self.lines, other.lines),
        ] {
            sum.total += part.total;
            sum.covered += part.covered;
        }
    }

    fn kinds(&self) -> [(&'static str, Counts); 4] {
        [
            ("statements", self.statements),
            ("branches", self.branches),
            ("functions", self.functions),
            ("lines", self.lines),
        ]
    }
}

/// Hits per line: a line counts as often as the most-run statement that starts on it.
fn line_hits(file: &FileCoverage) -> BTreeMap<u32, u64> {
    let mut lines = BTreeMap::new();
    for statement in &file.map.statements {
        let hits = file.hits(statement.counter);
        let line = lines.entry(statement.range.start.line).or_insert(0);
        *line = (*line).max(hits);
    }
    lines
}

/// Lines with a statement that never ran, runs of consecutive ones joined: `3-5,9`.
fn uncovered_lines(file: &FileCoverage) -> String {
    let uncovered: Vec<u32> = line_hits(file)
        .into_iter()
        .filter(|(_, hits)| *hits == 0)
        .map(|(line, _)| line)
        .collect();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for line in uncovered {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => runs.push((line, line)),
        }
    }
    runs.iter()
        .map(|(start, end)| {
            if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// istanbul's `text` table: an "All files" row, then each folder (relative to `root`) and its
/// files indented under it. With `colors`, percentages are red below 50, yellow below 80 and
/// green above (istanbul's default watermarks) and uncovered lines red.
pub fn text_table(root: &Path, report: &CoverageReport, colors: bool) -> String {
    let mut rows: Vec<[String; 6]> = vec![row("All files".into(), &report.total(), String::new())];
    let mut folders: BTreeMap<PathBuf, Vec<&FileCoverage>> = BTreeMap::new();
    for file in report.files() {
        let relative = file.path.strip_prefix(root).unwrap_or(&file.path);
        let folder = relative.parent().unwrap_or(Path::new("")).to_path_buf();
        folders.entry(folder).or_default().push(file);
    }
    for (folder, files) in &folders {
        let indent = if folder.as_os_str().is_empty() {
            " "
        } else {
            let mut sum = Summary::default();
            for file in files {
                sum.add(&Summary::of(file));
            }
            rows.push(row(format!(" {}", folder.display()), &sum, String::new()));
            "  "
        };
        for file in files {
            let name = file.path.file_name().unwrap_or_default().to_string_lossy();
            rows.push(row(
                format!("{indent}{name}"),
                &Summary::of(file),
                uncovered_lines(file),
            ));
        }
    }
    let header = [
        "File",
        "% Stmts",
        "% Branch",
        "% Funcs",
        "% Lines",
        "Uncovered Line #s",
    ]
    .map(str::to_owned);
    let widths: Vec<usize> = (0..6)
        .map(|column| {
            rows.iter()
                .chain([&header])
                .map(|r| r[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let rule = widths
        .iter()
        .map(|w| "-".repeat(w + 2))
        .collect::<Vec<_>>()
        .join("|");
    let rule = rule[1..rule.len() - 1].to_owned();
    let paint = |code: &str, text: String| {
        if colors && !text.trim().is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    };
    let line = |cells: &[String; 6], is_header: bool| {
        let mut text = String::new();
        for (column, cell) in cells.iter().enumerate() {
            let width = widths[column];
            let shown = match column {
                _ if is_header => format!("{cell:<width$}"),
                0 => format!("{cell:<width$}"),
                5 => paint("31", cell.clone()),
                _ => {
                    let percent: f64 = cell.parse().unwrap_or(0.0);
                    let code = match percent {
                        p if p >= 80.0 => "32",
                        p if p >= 50.0 => "33",
                        _ => "31",
                    };
                    paint(code, format!("{cell:>width$}"))
                }
            };
            let separator = if column == 0 { "" } else { " | " };
            text.push_str(separator);
            text.push_str(&shown);
        }
        text.trim_end().to_owned()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "{}", line(&header, true));
    let _ = writeln!(out, "{rule}");
    for r in &rows {
        let _ = writeln!(out, "{}", line(r, false));
    }
    let _ = writeln!(out, "{rule}");
    out
}

fn row(name: String, summary: &Summary, uncovered: String) -> [String; 6] {
    [
        name,
        summary.statements.percent().to_string(),
        summary.branches.percent().to_string(),
        summary.functions.percent().to_string(),
        summary.lines.percent().to_string(),
        uncovered,
    ]
}

/// The lcov tracefile (`geninfo`'s format, what Codecov, Coveralls and editors read).
pub fn lcov(report: &CoverageReport) -> String {
    let mut out = String::new();
    for file in report.files() {
        let _ = writeln!(out, "TN:\nSF:{}", file.path.display());
        let map = &file.map;
        for function in &map.functions {
            let line = function.declaration.start.line;
            let _ = writeln!(out, "FN:{line},{}", function.name);
        }
        for function in &map.functions {
            let hits = file.hits(function.counter);
            let _ = writeln!(out, "FNDA:{hits},{}", function.name);
        }
        let summary = Summary::of(file);
        let _ = writeln!(out, "FNF:{}", summary.functions.total);
        let _ = writeln!(out, "FNH:{}", summary.functions.covered);
        for (block, branch) in map.branches.iter().enumerate() {
            for (arm, counted) in branch.arms.iter().enumerate() {
                let line = branch.range.start.line;
                let hits = file.hits(counted.counter);
                let _ = writeln!(out, "BRDA:{line},{block},{arm},{hits}");
            }
        }
        let _ = writeln!(out, "BRF:{}", summary.branches.total);
        let _ = writeln!(out, "BRH:{}", summary.branches.covered);
        for (line, hits) in line_hits(file) {
            let _ = writeln!(out, "DA:{line},{hits}");
        }
        let _ = writeln!(out, "LF:{}", summary.lines.total);
        let _ = writeln!(out, "LH:{}", summary.lines.covered);
        let _ = writeln!(out, "end_of_record");
    }
    out
}

/// istanbul's `json-summary` (`coverage-summary.json`): totals, then each file by path.
pub fn json_summary(report: &CoverageReport) -> String {
    #[derive(Serialize)]
    struct Entry {
        total: usize,
        covered: usize,
        skipped: usize,
        pct: f64,
    }
    let entry = |counts: Counts| Entry {
        total: counts.total,
        covered: counts.covered,
        skipped: 0,
        pct: counts.percent(),
    };
    let object = |summary: Summary| {
        summary
            .kinds()
            .into_iter()
            .map(|(kind, counts)| (kind, entry(counts)))
            .collect::<BTreeMap<_, _>>()
    };
    let mut all = serde_json::Map::new();
    let value = |summary| serde_json::to_value(object(summary)).unwrap_or_default();
    all.insert("total".into(), value(report.total()));
    for file in report.files() {
        all.insert(file.path.display().to_string(), value(Summary::of(file)));
    }
    serde_json::to_string(&all).unwrap_or_default()
}

/// Writes `lcov.info` and `coverage-summary.json` into `dir` (created if missing).
pub fn write_files(dir: &Path, report: &CoverageReport) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("lcov.info"), lcov(report))?;
    std::fs::write(dir.join("coverage-summary.json"), json_summary(report))
}

/// `coverageThreshold.global`: a positive number is the minimum percent, a negative one the
/// most uncovered items allowed (Jest's rule).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Thresholds {
    pub statements: Option<f64>,
    pub branches: Option<f64>,
    pub functions: Option<f64>,
    pub lines: Option<f64>,
}

impl Thresholds {
    /// One message per threshold `summary` misses, worded as Jest words them.
    pub fn check(&self, summary: &Summary) -> Vec<String> {
        let limits = [self.statements, self.branches, self.functions, self.lines];
        summary
            .kinds()
            .into_iter()
            .zip(limits)
            .filter_map(|((kind, counts), limit)| {
                let limit = limit?;
                if limit < 0.0 {
                    let uncovered = counts.total - counts.covered;
                    (uncovered as f64 > -limit).then(|| {
                        format!(
                            "dx: Uncovered count for {kind} ({uncovered}) exceeds global threshold ({})",
                            -limit
                        )
                    })
                } else {
                    let percent = counts.percent();
                    (percent < limit).then(|| {
                        format!(
                            "dx: \"global\" coverage threshold for {kind} ({limit}%) not met: {percent}%"
                        )
                    })
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{CountedStatement, Position, Range};

    fn on_line(line: u32, counter: u32) -> CountedStatement {
        let at = Position { line, column: 0 };
        CountedStatement {
            range: Range { start: at, end: at },
            counter,
        }
    }

    /// A file with one statement on each of `lines` (counter i for the i-th) and `hits`.
    fn file(lines: &[u32], hits: &[u64]) -> FileCoverage {
        let map = CoverageMap {
            global: "__dx_cov_test".into(),
            counters: lines.len() as u32,
            statements: (0..).zip(lines).map(|(i, l)| on_line(*l, i)).collect(),
            ..CoverageMap::default()
        };
        FileCoverage {
            path: PathBuf::from("/p/src/a.ts"),
            map,
            hits: hits.to_vec(),
        }
    }

    #[test]
    fn hits_add_up_across_test_files_and_lines_take_the_busiest_statement() {
        let mut report = CoverageReport::default();
        report.add(file(&[1, 1, 2, 3, 4, 5, 9], &[0, 1, 0, 0, 0, 2, 0]));
        report.add(file(&[1, 1, 2, 3, 4, 5, 9], &[1, 0, 0, 0, 0, 1, 0]));
        let merged = report.files().next().unwrap();
        assert_eq!(merged.hits, [1, 1, 0, 0, 0, 3, 0]);
        assert_eq!(uncovered_lines(merged), "2-4,9");
        let total = report.total();
        assert_eq!(
            total.statements,
            Counts {
                total: 7,
                covered: 3
            }
        );
        assert_eq!(
            total.lines,
            Counts {
                total: 6,
                covered: 2
            }
        );
        // 2 of 6 is 33.33 (rounded down, as istanbul does); nothing to cover is 100.
        assert_eq!(total.lines.percent(), 33.33);
        assert_eq!(total.branches.percent(), 100.0);
    }

    #[test]
    fn thresholds_fail_with_jests_wording() {
        let summary = Summary {
            statements: Counts {
                total: 4,
                covered: 3,
            },
            branches: Counts {
                total: 2,
                covered: 1,
            },
            ..Summary::default()
        };
        let thresholds = Thresholds {
            statements: Some(75.0),
            branches: Some(80.0),
            functions: Some(100.0),
            lines: None,
        };
        assert_eq!(
            thresholds.check(&summary),
            ["dx: \"global\" coverage threshold for branches (80%) not met: 50%"]
        );
        // Negative: how many may stay uncovered (statements: 1 of at most 1).
        let counts = Thresholds {
            statements: Some(-1.0),
            functions: Some(-2.0),
            ..Thresholds::default()
        };
        let few_functions = Summary {
            functions: Counts {
                total: 5,
                covered: 2,
            },
            ..summary
        };
        assert_eq!(
            counts.check(&few_functions),
            ["dx: Uncovered count for functions (3) exceeds global threshold (2)"]
        );
    }

    #[test]
    fn the_table_groups_files_by_folder() {
        let mut report = CoverageReport::default();
        report.add(file(&[1, 2], &[1, 0]));
        let table = text_table(Path::new("/p"), &report, false);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(
            rows[1],
            "File      | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s"
        );
        assert_eq!(
            rows[3],
            "All files |      50 |      100 |     100 |      50 |"
        );
        assert_eq!(
            rows[4],
            " src      |      50 |      100 |     100 |      50 |"
        );
        assert_eq!(
            rows[5],
            "  a.ts    |      50 |      100 |     100 |      50 | 2"
        );
        assert_eq!(rows[0], rows[2]);
        assert_eq!(
            rows[0],
            "----------|---------|----------|---------|---------|------------------"
        );
        let colored = text_table(Path::new("/p"), &report, true);
        assert!(
            colored.contains("\x1b[33m     50\x1b[0m | \x1b[32m     100\x1b[0m"),
            "{colored:?}"
        );
        assert!(colored.contains("| \x1b[31m2\x1b[0m\n"), "{colored:?}");
    }
}
