//! `dx bench` end to end: real bench files in a temporary project, the real binary, and what a
//! user (or CI, through the JSON document and the exit code) sees. Timings are never asserted:
//! only that the numbers a benchmark reports are consistent with each other.

mod support;

use support::{Project, Ran};

/// Short measuring times: these tests check what is reported, not how precisely.
const FAST: &[&str] = &["--time", "20", "--warmup", "5", "--max-time", "200"];

impl Project {
    fn bench(&self, args: &[&str]) -> Ran {
        let output = self
            .dx()
            .arg("bench")
            .args(FAST)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        self.ran(output)
    }
}

const SORTING: &str = r#"
//- package.json
{ "name": "sorting", "type": "module" }
//- lib/sort.ts
export function insertionSort(values: number[]): number[] {
  const out = values.slice();
  for (let i = 1; i < out.length; i++) {
    const v = out[i];
    let j = i - 1;
    while (j >= 0 && out[j] > v) { out[j + 1] = out[j]; j--; }
    out[j + 1] = v;
  }
  return out;
}
export const builtinSort = (values: number[]) => values.slice().sort((a, b) => a - b);
//- lib/sort.bench.ts
import { bench, describe } from 'vitest';
import { builtinSort, insertionSort } from './sort';

const input = Array.from({ length: 200 }, (_, i) => (i * 7919) % 200);

describe('sort 200 numbers', () => {
  bench('insertion', () => { insertionSort(input); });
  bench('builtin', () => { builtinSort(input); });
});
//- lib/strings.bench.js
describe('strings', () => {
  bench('concat', () => { let s = ''; for (let i = 0; i < 20; i++) s += i; });
});
//- node_modules/dep/ignored.bench.js
bench('never discovered', () => { throw new Error('node_modules must be skipped'); });
"#;

#[test]
fn tables_show_every_column_and_groups_compare() {
    let project = Project::new(SORTING);
    let ran = project.bench(&[]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(
        ran.stdout.contains(" ✓ lib/sort.bench.ts ("),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains(" ✓ lib/strings.bench.js ("),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("never discovered"), "{}", ran.stdout);
    let header = ran
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("name"))
        .unwrap_or_else(|| panic!("no table header in {}", ran.stdout));
    let columns: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(
        columns,
        [
            "name", "hz", "min", "max", "mean", "p75", "p99", "rme", "samples"
        ]
    );
    for name in ["insertion", "builtin", "concat"] {
        let row = ran
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("· {name} ")))
            .unwrap_or_else(|| panic!("no row for {name} in {}", ran.stdout));
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cells.len(), 10, "{row}");
        assert!(
            cells[8].starts_with('±') && cells[8].ends_with('%'),
            "{row}"
        );
    }
    let comparison = ran
        .stdout
        .lines()
        .find(|l| l.contains("× faster than"))
        .unwrap_or_else(|| panic!("no comparison in {}", ran.stdout));
    assert!(
        comparison.trim() == format!("builtin is {} faster than insertion", times(comparison))
            || comparison.trim()
                == format!("insertion is {} faster than builtin", times(comparison)),
        "{comparison}"
    );
    assert_eq!(ran.last_line(), "3 measured, 0 failed");
}

/// The `1.83×` of a comparison line.
fn times(line: &str) -> String {
    line.split_whitespace()
        .find(|w| w.ends_with('×'))
        .unwrap_or("")
        .to_owned()
}

#[test]
fn json_document_has_the_schema_and_sane_numbers() {
    let project = Project::new(SORTING);
    let ran = project.bench(&["--json", "out/bench.json", "sort"]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(
        ran.stderr
            .contains("bench results written to <dir>/out/bench.json"),
        "{}",
        ran.stderr
    );
    let document: serde_json::Value =
        serde_json::from_str(&project.read("out/bench.json")).unwrap();
    assert_eq!(document["schema"], "dx-bench/1");
    assert_eq!(document["success"], true);
    assert_eq!(document["summary"]["measured"], 2);
    let files = document["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "the path filter keeps only sort.bench.ts");
    assert_eq!(files[0]["path"], "lib/sort.bench.ts");
    let group = &files[0]["groups"][0];
    assert_eq!(group["name"], "sort 200 numbers");
    let benches = group["benches"].as_array().unwrap();
    assert_eq!(benches.len(), 2);
    for bench in benches {
        assert_eq!(bench["status"], "measured");
        let number = |key: &str| {
            bench[key]
                .as_f64()
                .unwrap_or_else(|| panic!("{key} in {bench}"))
        };
        assert!(number("hz") > 0.0);
        assert!(number("minMs") <= number("meanMs") && number("meanMs") <= number("maxMs"));
        assert!(number("p75Ms") <= number("p99Ms") && number("p99Ms") <= number("maxMs"));
        assert!((number("hz") - 1000.0 / number("meanMs")).abs() / number("hz") < 1e-9);
        assert!(number("rme") >= 0.0);
        assert!(number("samples") >= 10.0 && number("iterations") >= number("samples"));
    }
    let fastest = group["fastest"].as_str().unwrap();
    let other = group["comparisons"][0]["name"].as_str().unwrap();
    assert_ne!(fastest, other);
    assert!(group["comparisons"][0]["times"].as_f64().unwrap() >= 1.0);

    // The same document on stdout with `--reporter json`; the count line goes to stderr.
    let ran = project.bench(&["--reporter", "json", "strings"]);
    let stdout: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(
        stdout["files"][0]["groups"][0]["benches"][0]["name"],
        "concat"
    );
    assert_eq!(ran.stderr.trim(), "1 measured, 0 failed");
}

#[test]
fn a_saved_baseline_shows_each_change_on_the_next_run() {
    let project = Project::new(SORTING);
    let saved = project.bench(&["--save-baseline", "sort"]);
    assert_eq!(saved.code, 0, "{}{}", saved.stdout, saved.stderr);
    let baseline = "node_modules/.cache/dx/bench/baseline.json";
    assert!(project.file(baseline).is_file(), "{}", saved.stderr);

    let ran = project.bench(&["--baseline"]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let header = ran
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("name"))
        .unwrap();
    assert!(
        header.trim_end().ends_with("samples  vs baseline"),
        "{header}"
    );
    for name in ["insertion", "builtin"] {
        let row = ran
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("· {name} ")))
            .unwrap_or_else(|| panic!("no row for {name} in {}", ran.stdout));
        let change: Vec<&str> = row.split_whitespace().rev().take(3).collect();
        let [margin, word, percent] = change[..] else {
            panic!("{row}")
        };
        assert!(margin.starts_with('±') && margin.ends_with('%'), "{row}");
        assert!(
            (word == "faster" && percent.starts_with('+'))
                || (word == "slower" && percent.starts_with('-')),
            "{row}"
        );
    }
    // A bench the baseline never measured is new, not a change.
    let concat = ran
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("· concat "))
        .unwrap();
    assert!(concat.trim_end().ends_with(" new"), "{concat}");
    // The same comparison reaches the JSON document.
    let ran = project.bench(&["--compare", baseline, "--reporter", "json", "sort"]);
    let document: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let change = &document["files"][0]["groups"][0]["benches"][0]["baseline"];
    assert!(change["hz"].as_f64().unwrap() > 0.0, "{change}");
    assert!(change["percent"].is_f64(), "{change}");
}

#[test]
fn a_throwing_bench_fails_the_run_with_its_code_frame() {
    let project = Project::new(
        r#"
//- parse.bench.ts
import { bench } from 'dx:test';
bench('parses', () => { JSON.parse('{"a": 1}'); });
bench('chokes', () => {
  JSON.parse('{oops');
});
"#,
    );
    let ran = project.bench(&[]);
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran.stdout.contains(" × parse.bench.ts ("), "{}", ran.stdout);
    assert!(ran.stdout.contains("   × chokes  failed"), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("  ● chokes\n\n    SyntaxError: "),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("    > 4 |   JSON.parse('{oops');"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.last_line(), "1 measured, 1 failed");
}

#[test]
fn the_name_pattern_picks_benches() {
    let project = Project::new(SORTING);
    let ran = project.bench(&["-t", "sort 200 numbers builtin"]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(ran.stdout.contains("· builtin "), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("↓ insertion  skipped"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("↓ concat  skipped"), "{}", ran.stdout);
    assert!(!ran.stdout.contains("faster than"), "{}", ran.stdout);
    assert_eq!(ran.last_line(), "1 measured, 0 failed, 2 skipped");
}

#[test]
fn bad_input_is_one_clear_line() {
    let project = Project::new(
        r#"
//- lib/util.js
module.exports = 1;
"#,
    );
    let ran = project.bench(&[]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stdout
            .contains("No bench files found, exiting with code 1"),
        "{}",
        ran.stdout
    );

    let ran = project.bench(&["--baseline"]);
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.stderr.trim(),
        "error: no bench baseline at <dir>/node_modules/.cache/dx/bench/baseline.json: run `dx bench --save-baseline` (or `--json FILE`) first"
    );

    std::fs::write(project.file("broken.bench.js"), "bench('x', () => {\n").unwrap();
    let ran = project.bench(&[]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stdout.contains("● Bench file failed to run"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("SyntaxError: ") && ran.stdout.contains("broken.bench.js:2:1"),
        "{}",
        ran.stdout
    );

    std::fs::write(project.file("broken.bench.js"), "// nothing here\n").unwrap();
    let ran = project.bench(&[]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stdout
            .contains("Your bench file must contain at least one bench."),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_bench_that_never_returns_is_stopped() {
    let project = Project::new(
        r#"
//- spin.bench.js
bench('fine', () => { Math.sqrt(2); });
bench('spins', () => { for (;;) {} });
bench('never reached', () => {});
"#,
    );
    let ran = project.bench(&[]);
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran.stdout.contains("   · fine "), "{}", ran.stdout);
    assert!(ran.stdout.contains("   × spins  failed"), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("● Bench stopped: it never returned")
            && ran.stdout.contains(
                "bench `spins` ran for more than 10 s without returning and was stopped (an endless loop?); the rest of the file was not run"
            ),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("never reached"), "{}", ran.stdout);
    assert_eq!(ran.last_line(), "1 measured, 1 failed");
}
