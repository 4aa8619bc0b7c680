//! The test runner as the language server uses it: in-process, one file at a time, one test
//! picked by name, on any thread with a JavaScript-sized stack.

use dx_runtime::test_runner::{FileSettings, SnapshotUpdate, TestStatus, run_file};

fn settings(root: &std::path::Path, name_pattern: Option<&str>) -> FileSettings {
    FileSettings {
        root: root.to_path_buf(),
        cache_dir: None,
        name_pattern: name_pattern.map(str::to_owned),
        update: SnapshotUpdate::None,
        ci: true,
        colors: false,
        timeout_ms: 1000,
        setup_files: Vec::new(),
        setup_files_after_env: Vec::new(),
        test_environment: None,
        coverage: None,
    }
}

#[test]
fn one_file_one_test_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("calc.test.ts");
    std::fs::write(
        &file,
        "describe('calc', () => {\n  test('adds', () => { expect(1 + 1).toBe(2); });\n  test('breaks', () => { expect(1 + 1).toBe(3); });\n});\n",
    )
    .unwrap();
    let root = dir.path().to_path_buf();
    let reports = dx_runtime::js_thread("test-runner-test")
        .spawn(move || {
            let all = run_file(&file, &settings(&root, None));
            let one = run_file(&file, &settings(&root, Some("calc adds")));
            (all, one)
        })
        .unwrap()
        .join()
        .unwrap();
    let (all, one) = reports;
    let statuses: Vec<_> = all
        .tests
        .iter()
        .map(|t| (t.full_name.as_str(), t.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("calc adds", TestStatus::Passed),
            ("calc breaks", TestStatus::Failed)
        ]
    );
    let failure = &all.tests[1].failures[0];
    assert!(
        failure.message.contains("Expected: 3"),
        "{}",
        failure.message
    );
    assert_eq!(all.tests[1].location.map(|l| l.line), Some(3));
    let statuses: Vec<_> = one.tests.iter().map(|t| t.status).collect();
    assert_eq!(statuses, [TestStatus::Passed, TestStatus::Skipped]);
    assert!(!one.failed());
}
