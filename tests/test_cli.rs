//! `dx test` end to end: real test files in a temporary project, the real binary, and
//! assertions on what a user (or CI, through the last line and the exit code) sees.

mod support;

use support::{Project, Ran};

impl Project {
    fn test(&self, args: &[&str]) -> Ran {
        let output = self
            .dx()
            .arg("test")
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("CI")
            .output()
            .unwrap();
        self.ran(output)
    }
}

#[test]
fn failures_show_the_test_path_message_and_code_frame() {
    let project = Project::new(
        r#"
//- math.js
exports.add = (a, b) => a + b;
//- math.test.js
const { add } = require('./math');
describe('math', () => {
  it('adds', () => {
    expect(add(1, 2)).toBe(3);
  });
  it('adds wrongly', () => {
    expect(add(1, 2)).toBe(4);
  });
});
"#,
    );
    let ran = project.test(&[]);
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran.stdout.contains(" FAIL  math.test.js"), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("● math › adds wrongly"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("    Expected: 4\n    Received: 3"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains(
            "    > 7 |     expect(add(1, 2)).toBe(4);\n        |                       ^"
        ),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("Tests:       1 failed, 1 passed, 2 total")
    );
    assert_eq!(ran.last_line(), "1 passed, 1 failed");

    let passing = project.test(&["-t", "adds$"]);
    assert_eq!(passing.code, 0, "{}", passing.stdout);
    assert_eq!(passing.last_line(), "1 passed, 0 failed, 1 skipped");
}

#[test]
fn only_skip_and_todo_are_counted() {
    let project = Project::new(
        r#"
//- a.test.ts
describe('group', () => {
  it.only('focused', () => { expect(1 as number).toBe(1); });
  it('not focused', () => { throw new Error('must not run'); });
});
//- b.spec.js
test.skip('skipped', () => {});
test.todo('later');
test('runs', () => {});
"#,
    );
    let ran = project.test(&[]);
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    assert_eq!(ran.last_line(), "2 passed, 0 failed, 3 skipped");
    assert!(ran.stdout.contains("2 skipped, 1 todo, 2 passed, 5 total"));
}

#[test]
fn snapshots_are_written_then_matched_then_reported_obsolete() {
    let project = Project::new(
        r#"
//- snap.test.js
test('object', () => { expect({ a: 1, b: [2] }).toMatchSnapshot(); });
test('inline', () => { expect('x\ny').toMatchInlineSnapshot(); });
"#,
    );
    let first = project.test(&[]);
    assert_eq!(first.code, 0, "{}", first.stdout);
    assert!(first.stdout.contains("2 written"), "{}", first.stdout);
    let snap = project.read("__snapshots__/snap.test.js.snap");
    assert!(snap.starts_with("// Jest Snapshot v1"), "{snap}");
    assert!(
        snap.contains("exports[`object 1`] = `\n{\n  \"a\": 1,"),
        "{snap}"
    );
    let source = project.read("snap.test.js");
    assert!(
        source.contains("toMatchInlineSnapshot(`\n  \"x\n  y\"\n`)"),
        "{source}"
    );

    let second = project.test(&[]);
    assert_eq!(second.code, 0, "{}", second.stdout);
    assert!(!second.stdout.contains("written"), "{}", second.stdout);

    std::fs::write(
        project.path().join("snap.test.js"),
        "test('renamed', () => { expect(1).toBe(1); });\n",
    )
    .unwrap();
    let third = project.test(&[]);
    assert!(
        third.stdout.contains("1 snapshot obsolete"),
        "{}",
        third.stdout
    );
    assert!(third.stdout.contains("• object 1"), "{}", third.stdout);
    let updated = project.test(&["-u"]);
    assert_eq!(updated.code, 0, "{}", updated.stdout);
    assert!(
        !project
            .path()
            .join("__snapshots__/snap.test.js.snap")
            .exists()
    );
}

#[test]
fn esm_typescript_vitest_imports_and_module_mocks() {
    let project = Project::new(
        r#"
//- package.json
{ "type": "module" }
//- src/price.ts
export function price(): number { return 10; }
export const currency = 'EUR';
//- src/total.ts
import { price } from './price';
export const total = (n: number): number => price() * n;
//- src/total.test.ts
import { describe, expect, it, vi } from 'vitest';
import { total } from './total';
import { currency } from './price';
vi.mock('./price', () => ({ price: () => 3, currency: 'USD' }));
describe('total', () => {
  it('uses the mocked price', () => { expect(total(2)).toBe(6); });
  it('sees mocked constants', () => { expect(currency).toBe('USD'); });
});
//- src/async.test.ts
import { expect, it, vi } from 'vitest';
import { price, currency } from './price';
vi.mock('./price', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./price')>();
  return { ...actual, price: vi.fn(() => 7) };
});
it('keeps the real exports an async factory spreads', () => {
  expect(price()).toBe(7);
  expect(currency).toBe('EUR');
  expect(price).toHaveBeenCalledTimes(1);
});
//- cjs/legacy.test.cjs
jest.mock('./dep.cjs', () => ({ value: () => 'mocked' }));
const { value } = require('./dep.cjs');
test('commonjs mock', () => { expect(value()).toBe('mocked'); expect(jest.requireActual('./dep.cjs').value()).toBe('real'); });
//- cjs/dep.cjs
exports.value = () => 'real';
"#,
    );
    let ran = project.test(&[]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert_eq!(ran.last_line(), "4 passed, 0 failed");
}

#[test]
fn reset_modules_makes_the_next_esm_import_evaluate_again() {
    let project = Project::new(
        r#"
//- package.json
{ "type": "module" }
//- src/counter.ts
globalThis.loads = (globalThis.loads ?? 0) + 1;
export const loadNumber: number = globalThis.loads;
export function boom(): never { throw new Error('from counter'); }
//- src/reset.test.ts
import { expect, it, vi } from 'vitest';
import { loadNumber } from './counter';
it('evaluates a module again after resetModules, with clean paths', async () => {
  expect(loadNumber).toBe(1);
  expect((await import('./counter')).loadNumber).toBe(1);
  vi.resetModules();
  const fresh = await import('./counter');
  expect(fresh.loadNumber).toBe(2);
  expect((await import('./counter.ts')).loadNumber).toBe(2);
  let stack = '';
  try { fresh.boom(); } catch (e) { stack = (e as Error).stack!; }
  expect(stack).toContain('src/counter.ts:3:');
  expect(stack).not.toContain('dx-generation');
});
"#,
    );
    let ran = project.test(&[]);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert_eq!(ran.last_line(), "1 passed, 0 failed");
}

#[test]
fn an_endless_loop_is_stopped_by_the_timeout() {
    let project = Project::new(
        r#"
//- loop.test.js
test('spins', () => { for (;;) {} });
"#,
    );
    let started = std::time::Instant::now();
    let ran = project.test(&["--timeout", "200"]);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stdout.contains("Exceeded timeout of 200 ms for a test"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.last_line(), "0 passed, 1 failed");
}

#[test]
fn json_reporter_schema_and_sharding() {
    let project = Project::new(
        r#"
//- a.test.js
test('a1', () => {});
//- b.test.js
describe('b', () => {
  test('b1', () => { expect(1).toBe(2); });
});
//- c.test.js
test('c1', () => {});
"#,
    );
    let ran = project.test(&["--reporter", "json"]);
    assert_eq!(ran.code, 1);
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(json["schema"], "dx-test/1");
    assert_eq!(json["success"], false);
    assert_eq!(json["summary"]["passed"], 2);
    assert_eq!(json["summary"]["failed"], 1);
    let b = &json["files"][1];
    assert_eq!(b["path"], "b.test.js");
    assert_eq!(b["status"], "failed");
    let test = &b["tests"][0];
    assert_eq!(b["snapshots"]["fileRemoved"], false);
    assert_eq!(b["errors"], serde_json::json!([]));
    assert!(b["durationMs"].as_f64().is_some());
    assert_eq!(test["fullName"], "b b1");
    assert_eq!(test["ancestors"], serde_json::json!(["b"]));
    assert_eq!(test["status"], "failed");
    assert_eq!(
        test["location"],
        serde_json::json!({"line": 2, "column": 3})
    );
    assert!(
        test["failures"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Expected: 2")
    );
    assert_eq!(ran.stderr.lines().last(), Some("2 passed, 1 failed"));

    let first = project.test(&["--shard", "1/2", "--reporter", "json"]);
    let second = project.test(&["--shard", "2/2", "--reporter", "json"]);
    let paths = |ran: &Ran| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
        json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(paths(&first), ["a.test.js", "c.test.js"]);
    assert_eq!(paths(&second), ["b.test.js"]);
}

#[test]
fn setup_files_from_config_and_load_failures() {
    let project = Project::new(
        r#"
//- package.json
{ "jest": { "setupFiles": ["<rootDir>/setup.js"], "testPathIgnorePatterns": ["/ignored/"] } }
//- dx.toml
[test]
setupFilesAfterEnv = ["./after.js"]
//- setup.js
globalThis.fromSetup = 'setup';
//- after.js
beforeEach(() => { globalThis.fromAfter = 'after'; });
//- uses.test.js
test('sees both setup files', () => { expect([fromSetup, fromAfter]).toEqual(['setup', 'after']); });
//- ignored/skipped.test.js
test('never runs', () => { throw new Error('ignored'); });
//- broken.test.mjs
import { missing } from './nowhere.js';
test('x', () => {});
"#,
    );
    let ran = project.test(&[]);
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran.stdout.contains(" PASS  uses.test.js"), "{}", ran.stdout);
    assert!(!ran.stdout.contains("skipped.test.js"), "{}", ran.stdout);
    assert!(
        ran.stdout
            .contains("● Test suite failed to run\n\n    Error: Cannot find module './nowhere.js'"),
        "{}",
        ran.stdout
    );
    assert_eq!(ran.last_line(), "1 passed, 0 failed");
}

#[test]
fn a_leftover_timer_does_not_hold_the_file() {
    let project = Project::new(
        r#"
//- timer.test.js
test('leaves a timer behind', async () => {
  setTimeout(() => {}, 3000);
  await new Promise((resolve) => setTimeout(resolve, 1));
});
"#,
    );
    let started = std::time::Instant::now();
    let ran = project.test(&[]);
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    assert!(
        started.elapsed().as_millis() < 2000,
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn bail_stops_after_the_first_failing_file() {
    let project = Project::new(
        r#"
//- a.test.js
test('fails', () => { expect(1).toBe(2); });
//- b.test.js
test('passes', () => {});
//- c.test.js
test('passes', () => {});
"#,
    );
    let ran = project.test(&["--bail", "--concurrency", "1"]);
    assert_eq!(ran.code, 1);
    assert!(ran.stdout.contains("2 not run (--bail)"), "{}", ran.stdout);
    assert_eq!(ran.last_line(), "0 passed, 1 failed");
}

#[test]
fn no_tests_found_fails() {
    let project = Project::new(
        r#"
//- index.js
module.exports = 1;
"#,
    );
    let ran = project.test(&[]);
    assert_eq!(ran.code, 1);
    assert!(ran.stdout.contains("No tests found"), "{}", ran.stdout);
}

/// The cells of the coverage table row whose file column is `name`.
fn coverage_row(stdout: &str, name: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|line| {
            line.split('|')
                .map(|c| c.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells[0] == name)
        .unwrap_or_else(|| panic!("no coverage row for {name}:\n{stdout}"))
}

const COVERED_PROJECT: &str = r#"
//- package.json
{"jest": {"collectCoverageFrom": ["src/**/*.ts"], "coverageThreshold": {"global": {"branches": 80}}}}
//- src/math.ts
export function sign(n: number): string {
  if (n < 0) {
    return "negative";
  }
  return "positive";
}

export function half(n: number): number {
  return n / 2;
}
//- src/unused.ts
export const one = (): number => 1;
//- src/math.test.ts
import { sign } from "./math";
test("sign", () => {
  expect(sign(3)).toBe("positive");
  expect(sign(4)).toBe("positive");
});
"#;

#[test]
fn coverage_prints_the_table_writes_lcov_and_checks_thresholds() {
    let project = Project::new(COVERED_PROJECT);
    let ran = project.test(&["--coverage"]);
    // Everything passed, but branches are at 50% against a threshold of 80%.
    assert_eq!(ran.code, 1, "{}\n{}", ran.stdout, ran.stderr);
    assert!(
        ran.stdout
            .contains("dx: \"global\" coverage threshold for branches (80%) not met: 50%"),
        "{}",
        ran.stdout
    );
    let header = coverage_row(&ran.stdout, "File");
    assert_eq!(
        header,
        [
            "File",
            "% Stmts",
            "% Branch",
            "% Funcs",
            "% Lines",
            "Uncovered Line #s"
        ]
    );
    assert_eq!(
        coverage_row(&ran.stdout, "All files"),
        ["All files", "40", "50", "33.33", "40", ""]
    );
    assert_eq!(
        coverage_row(&ran.stdout, "math.ts"),
        ["math.ts", "50", "50", "50", "50", "3,9"]
    );
    // Listed by collectCoverageFrom, loaded by no test; the test file itself is not measured.
    assert_eq!(
        coverage_row(&ran.stdout, "unused.ts"),
        ["unused.ts", "0", "100", "0", "0", "1"]
    );
    assert!(!ran.stdout.contains("math.test.ts |"), "{}", ran.stdout);

    let lcov = project
        .read("coverage/lcov.info")
        .replace(&project.path().display().to_string(), "<dir>");
    let math = "TN:\nSF:<dir>/src/math.ts\nFN:1,sign\nFN:8,half\nFNDA:2,sign\nFNDA:0,half\nFNF:2\nFNH:1\nBRDA:2,0,0,0\nBRDA:2,0,1,2\nBRF:2\nBRH:1\nDA:2,2\nDA:3,0\nDA:5,2\nDA:9,0\nLF:4\nLH:2\nend_of_record\n";
    assert!(lcov.contains(math), "{lcov}");
    assert!(
        lcov.contains("SF:<dir>/src/unused.ts\nFN:1,one\nFNDA:0,one\n"),
        "{lcov}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&project.read("coverage/coverage-summary.json")).unwrap();
    assert_eq!(summary["total"]["functions"]["pct"], 33.33);
    assert_eq!(summary["total"]["statements"]["covered"], 2);
}

#[test]
fn coverage_never_leaks_into_plain_runs_and_bad_globs_are_one_line_errors() {
    let project = Project::new(COVERED_PROJECT);
    project.test(&["--coverage", "--coverage-dir", "out"]);
    assert!(project.file("out/lcov.info").exists());
    // The same files, same cache: the plain run loads code without counters (their global
    // does not exist outside a coverage run, so instrumented code would throw).
    std::fs::write(
        project.file("main.ts"),
        "import { half } from './src/math';\nconsole.log(half(8));\n",
    )
    .unwrap();
    let output = project.dx().args(["run", "main.ts"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout), "4\n");
    let plain = project.test(&[]);
    assert_eq!(plain.code, 0, "{}", plain.stdout);
    assert!(!plain.stdout.contains("% Stmts"), "{}", plain.stdout);
    assert!(!project.file("coverage").exists());

    std::fs::write(
        project.file("package.json"),
        r#"{"jest": {"collectCoverageFrom": ["src/["]}}"#,
    )
    .unwrap();
    let bad = project.test(&["--coverage"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("invalid pattern `src/[`"),
        "{}",
        bad.stderr
    );
    assert!(project.file("src/math.ts").exists());
}

#[test]
fn coverage_counts_a_hoisted_function_called_through_an_import_cycle() {
    // b.ts runs first and calls a.ts's function before a.ts's body ran: its counters must
    // already exist then (the loader creates them when it loads the file).
    let project = Project::new(
        r#"
//- a.ts
import { fromB } from "./b";
export function early(): number {
  return 7;
}
export const both = () => fromB + 1;
//- b.ts
import { early } from "./a";
export const fromB = early();
//- cycle.test.ts
import { both } from "./a";
test("cycle", () => expect(both()).toBe(8));
"#,
    );
    let ran = project.test(&["--coverage"]);
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    assert_eq!(
        coverage_row(&ran.stdout, "a.ts"),
        ["a.ts", "100", "100", "100", "100", ""]
    );
    let lcov = project.read("coverage/lcov.info");
    assert!(
        lcov.contains("FN:2,early\nFN:5,both\nFNDA:1,early\nFNDA:1,both\n"),
        "{lcov}"
    );
}
