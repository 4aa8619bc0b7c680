//! The test runner as the language server uses it: in-process, one file at a time, one test
//! picked by name, on any thread with a JavaScript-sized stack.

use dx_runtime::test_runner::{FileReport, FileSettings, SnapshotUpdate, TestStatus, run_file};

/// Each test's full name and status, in report order.
fn statuses(report: &FileReport) -> Vec<(&str, TestStatus)> {
    report
        .tests
        .iter()
        .map(|t| (t.full_name.as_str(), t.status))
        .collect()
}

fn settings(root: &std::path::Path, name_pattern: Option<&str>) -> FileSettings {
    FileSettings {
        root: root.to_path_buf(),
        cache_dir: None,
        name_pattern: name_pattern.map(str::to_owned),
        omit_unmatched: false,
        update: SnapshotUpdate::None,
        ci: true,
        colors: false,
        timeout_ms: 1000,
        setup_files: Vec::new(),
        setup_files_after_env: Vec::new(),
        test_environment: None,
        coverage: None,
        sources: Default::default(),
        cancel: None,
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
    assert_eq!(
        statuses(&all),
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

/// The language server runs an editor's unsaved buffer: the text given in `sources` is what
/// runs (the test file and what it imports), and its stack positions point into that text.
#[test]
fn sources_replace_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("value.test.ts");
    let helper = dir.path().join("value.ts");
    std::fs::write(&helper, "export const value = 1;\n").unwrap();
    std::fs::write(
        &file,
        "import { value } from './value';\ntest('value', () => { expect(value).toBe(2); });\n",
    )
    .unwrap();
    let buffer = "import { value } from './value';\n\n\ntest('value', () => {\n  expect(value).toBe(3);\n});\n";
    let mut settings = settings(dir.path(), None);
    settings.sources = dx_runtime::test_runner::Sources::new(
        [
            (file.clone(), buffer.into()),
            (helper.clone(), "export const value = 3;\n".into()),
        ]
        .into(),
    );
    let report = dx_runtime::js_thread("test-runner-sources")
        .spawn(move || run_file(&file, &settings))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(report.tests[0].status, TestStatus::Passed, "{report:#?}");
    assert_eq!(report.tests[0].location.map(|l| l.line), Some(4));
    assert_eq!(
        std::fs::read_to_string(&helper).unwrap(),
        "export const value = 1;\n",
        "the disk is left alone"
    );
}

/// Setting the cancel flag from another thread stops even a test that never yields.
#[test]
fn a_cancelled_file_stops_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spin.test.ts");
    std::fs::write(
        &file,
        "test('first', () => {});\ntest('spins', () => { for (;;) {} });\ntest('never', () => {});\n",
    )
    .unwrap();
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut settings = settings(dir.path(), None);
    settings.timeout_ms = 60_000;
    settings.cancel = Some(cancel.clone());
    let started = std::time::Instant::now();
    let running = dx_runtime::js_thread("test-runner-cancel")
        .spawn(move || run_file(&file, &settings))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    cancel.store(true, std::sync::atomic::Ordering::SeqCst);
    let report = running.join().unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "stopped long before the 60 s timeout"
    );
    assert_eq!(report.errors[0].kind, "cancelled", "{report:#?}");
    let names: Vec<_> = report.tests.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["first"], "only the finished test is reported");
}

/// A file loaded ahead of its run (the language server's next "Run"): top-level code runs at
/// load, the tests only when run, with the pattern the run brings; the loaded file stops being
/// current when anything it read changes, on disk or in the editor's buffers.
#[test]
fn a_file_loaded_ahead_runs_its_tests_later_while_it_is_current() {
    use dx_runtime::test_runner::{Sources, prepare_file};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ahead.test.ts");
    let helper = dir.path().join("helper.ts");
    let marks = dir.path().join("marks.txt");
    std::fs::write(&helper, "export const two = 2;\n").unwrap();
    std::fs::write(
        &file,
        format!(
            "import {{ appendFileSync }} from 'node:fs';\nimport {{ two }} from './helper';\nappendFileSync({marks:?}, 'load ');\ndescribe('math', () => {{\n  test('adds', () => {{ appendFileSync({marks:?}, 'adds '); expect(1 + 1).toBe(two); }});\n  test('breaks', () => {{ appendFileSync({marks:?}, 'breaks '); expect(1 + 1).toBe(3); }});\n}});\n"
        ),
    )
    .unwrap();
    let root = dir.path().to_path_buf();
    let (report, current, stale_on_disk, stale_in_buffer, current_buffer_of_disk_text) =
        dx_runtime::js_thread("test-runner-prepared")
            .spawn({
                let (file, helper, marks) = (file.clone(), helper.clone(), marks.clone());
                move || {
                    let loaded = prepare_file(&file, &settings(&root, None), None);
                    assert_eq!(std::fs::read_to_string(&marks).unwrap(), "load ");
                    let one = settings(&root, Some("^math adds$"));
                    let current = loaded.is_current(&file, &one);
                    let other_file = loaded.is_current(&helper, &one);
                    assert!(!other_file);
                    let (report, _) = loaded.run(&one);

                    let loaded = prepare_file(&file, &settings(&root, None), None);
                    let mut edited = settings(&root, None);
                    edited.sources =
                        Sources::new([(helper.clone(), "export const two = 3;\n".into())].into());
                    let stale_in_buffer = !loaded.is_current(&file, &edited);
                    let mut opened = settings(&root, None);
                    opened.sources =
                        Sources::new([(helper.clone(), "export const two = 2;\n".into())].into());
                    let current_buffer_of_disk_text = loaded.is_current(&file, &opened);
                    std::fs::write(&helper, "export const two = 22;\n").unwrap();
                    let stale_on_disk = !loaded.is_current(&file, &settings(&root, None));
                    (
                        report,
                        current,
                        stale_on_disk,
                        stale_in_buffer,
                        current_buffer_of_disk_text,
                    )
                }
            })
            .unwrap()
            .join()
            .unwrap();
    assert!(current, "nothing changed between load and run");
    assert_eq!(
        statuses(&report),
        [
            ("math adds", TestStatus::Passed),
            ("math breaks", TestStatus::Skipped)
        ],
        "{report:#?}"
    );
    assert_eq!(
        std::fs::read_to_string(&marks).unwrap(),
        "load adds load ",
        "each load runs the top level once; only the picked test ran"
    );
    assert!(stale_in_buffer, "an import's buffer changed");
    assert!(
        current_buffer_of_disk_text,
        "an import opened in the editor with the disk's text"
    );
    assert!(stale_on_disk, "an import changed on disk");
}

/// The language server asks for only what a run was for: tests the pattern leaves out are not
/// reported, while a skipped test the pattern picks still is.
#[test]
fn unmatched_tests_can_be_left_out_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("calc.test.ts");
    std::fs::write(
        &file,
        "describe('calc', () => {\n  test('adds', () => { expect(1 + 1).toBe(2); });\n  test.skip('adds later', () => {});\n  test('breaks', () => { expect(1 + 1).toBe(3); });\n});\n",
    )
    .unwrap();
    let mut settings = settings(dir.path(), Some("^calc adds"));
    settings.omit_unmatched = true;
    let report = dx_runtime::js_thread("test-runner-omit")
        .spawn(move || run_file(&file, &settings))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        statuses(&report),
        [
            ("calc adds", TestStatus::Passed),
            ("calc adds later", TestStatus::Skipped)
        ],
        "{report:#?}"
    );
}
