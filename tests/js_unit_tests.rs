//! The JavaScript test runner's own unit tests (`runtime/js/test/tests/*.test.cjs`), run with
//! node's test runner through `runtime/js/tools/load-cjs.js`, so that `cargo test` covers them
//! too. (The same modules run inside dx's runtime in the `dx test` suites.)

use std::process::Command;

#[test]
fn test_runner_javascript_units_pass_under_node() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/js/test/tests");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".test.cjs"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let output = Command::new("node")
        .arg("--test")
        .args(&files)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
