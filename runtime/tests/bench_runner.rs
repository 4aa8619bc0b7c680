//! The bench runner as the language server uses it: in-process, one file at a time, one bench
//! (or one group) picked by name, on a thread with a JavaScript-sized stack.

use dx_runtime::bench_runner::{BenchSettings, BenchStatus, run_bench_file};

fn settings(root: &std::path::Path, name_pattern: Option<&str>) -> BenchSettings {
    BenchSettings {
        cache_dir: None,
        name_pattern: name_pattern.map(str::to_owned),
        time_ms: Some(20),
        warmup_ms: Some(5),
        max_time_ms: Some(200),
        ..BenchSettings::new(root.to_path_buf())
    }
}

#[test]
fn one_file_one_bench_in_process() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("strings.bench.ts");
    std::fs::write(
        &file,
        "import { bench, describe } from 'dx:test';\n\
         describe('strings', () => {\n\
         \x20 bench('join', () => { ['a', 'b', 'c'].join('-'); });\n\
         \x20 bench('repeat', () => { 'ab'.repeat(200).split('').reverse(); });\n\
         });\n\
         bench('broken', () => { throw new TypeError('nope'); });\n",
    )
    .unwrap();
    let root = dir.path().to_path_buf();
    let (all, one) = dx_runtime::js_thread("bench-runner-test")
        .spawn(move || {
            let all = run_bench_file(&file, &settings(&root, None));
            let one = run_bench_file(&file, &settings(&root, Some("strings join")));
            (all, one)
        })
        .unwrap()
        .join()
        .unwrap();

    let statuses: Vec<_> = all
        .results()
        .map(|(group, bench)| (group.name.as_str(), bench.name.as_str(), bench.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("", "broken", BenchStatus::Failed),
            ("strings", "join", BenchStatus::Measured),
            ("strings", "repeat", BenchStatus::Measured),
        ],
        "{:?}",
        all.errors
    );
    assert!(all.failed());
    let error = all.groups[0].results[0].error.as_ref().unwrap();
    assert_eq!(error.message, "TypeError: nope");
    let strings = &all.groups[1];
    for bench in &strings.results {
        let stats = bench.stats.unwrap();
        assert!(stats.hz > 0.0 && stats.samples >= 10, "{stats:?}");
        assert!(stats.min_ms <= stats.mean_ms && stats.mean_ms <= stats.max_ms);
    }
    // Which one wins is the machine's business; that exactly one other is compared is not.
    assert!(strings.fastest.is_some());
    assert_eq!(strings.comparisons.len(), 1);
    assert!(strings.comparisons[0].times >= 1.0);

    let statuses: Vec<_> = one.results().map(|(_, bench)| bench.status).collect();
    assert_eq!(
        statuses,
        [
            BenchStatus::Skipped,
            BenchStatus::Measured,
            BenchStatus::Skipped
        ]
    );
    assert!(!one.failed());
}
