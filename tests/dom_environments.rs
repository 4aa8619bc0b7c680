//! The DOM test environments end to end, a slow suite of its own (`cargo test --test
//! dom_environments`): React components rendered with @testing-library under `dx test`, once
//! in happy-dom and once in jsdom, from packages npm installs from the registry into
//! `runtime/tests/dom/node_modules` (kept between runs), plus the one-line error for an
//! environment whose package is not installed.

mod support;

use std::{path::PathBuf, process::Command};

use support::Project;

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("runtime/tests/dom")
}

/// Installs the pinned packages once (the npm registry is the only network this needs).
fn install_packages() {
    let dir = suite_dir();
    if dir.join("node_modules/.package-lock.json").exists() {
        return;
    }
    let output = Command::new("npm")
        .args([
            "ci",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--fetch-timeout=30000",
            "--fetch-retries=1",
        ])
        .current_dir(&dir)
        .output()
        .expect("npm runs");
    assert!(
        output.status.success(),
        "the DOM suite needs react, react-dom, @testing-library, happy-dom and jsdom from the npm registry, and installing them failed (is the registry reachable?):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn react_components_run_in_happy_dom_and_jsdom() {
    install_packages();
    let output = Command::new(env!("CARGO_BIN_EXE_dx"))
        .args(["test", "--reporter", "json"])
        .current_dir(suite_dir())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}\n{}", String::from_utf8_lossy(&output.stderr)));
    let mut outcomes: Vec<(String, String, String)> = Vec::new();
    for file in report["files"].as_array().unwrap() {
        let path = file["path"].as_str().unwrap();
        let name = path.rsplit('/').next().unwrap().to_owned();
        assert!(
            file["errors"].as_array().unwrap().is_empty(),
            "{name}: {}",
            file["errors"]
        );
        for test in file["tests"].as_array().unwrap() {
            outcomes.push((
                name.clone(),
                test["name"].as_str().unwrap().to_owned(),
                test["status"].as_str().unwrap().to_owned(),
            ));
        }
    }
    outcomes.sort();
    let expected = [
        (
            "counter-happy-dom.test.jsx",
            "a click updates the state and the text",
            "passed",
        ),
        (
            "counter-happy-dom.test.jsx",
            "each test starts from an empty body (testing-library cleans up after each)",
            "passed",
        ),
        (
            "counter-jsdom.test.jsx",
            "a click updates the state and the text",
            "passed",
        ),
        (
            "failing.test.jsx",
            "a wrong expectation fails with the DOM matcher message",
            "failed",
        ),
        (
            "node.test.js",
            "the node environment has no document",
            "passed",
        ),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(outcomes, expected, "{stdout}");
    assert!(
        stdout.contains("toHaveTextContent") && stdout.contains("remove"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_missing_environment_package_is_a_one_line_error() {
    let project = Project::new(
        r#"
//- package.json
{ "jest": { "testEnvironment": "happy-dom" } }
//- a.test.js
test('never runs', () => {});
//- b.test.js
/** @jest-environment jsdom */
test('never runs', () => {});
"#,
    );
    let output = project
        .dx()
        .arg("test")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "testEnvironment happy-dom needs the package `happy-dom`: run `dx add -D happy-dom`"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("testEnvironment jsdom needs the package `jsdom`: run `dx add -D jsdom`"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(1));
}
