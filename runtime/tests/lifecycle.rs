//! A runtime is created, used and dropped many times in one process (the test runner makes one
//! per file; the language server keeps one warm and replaces it): that must not leak, and
//! runtimes on different threads must not interfere.

use dx_runtime::{JsRuntime, RuntimeOptions};

fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    statm
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<usize>()
        .unwrap()
        * 4096
}

const WORK: &str = r#"
const data = Array.from({ length: 200 }, (_, i) => ({ i, s: "x".repeat(i % 17), m: new Map([[i, [i]]]) }));
const json = JSON.stringify(data);
Promise.resolve(json.length).then((n) => { globalThis.result = n; });
setTimeout(() => { globalThis.done = require("node:path").join("a", String(data.length)); }, 0);
const unhandled = new Promise(() => {});
const err = new Error("made, not thrown");
process.exitCode = json.length > 0 ? 0 : 1;
"#;

fn options() -> RuntimeOptions {
    RuntimeOptions {
        cache_dir: None,
        ..RuntimeOptions::default()
    }
}

#[test]
fn creating_and_dropping_runtimes_does_not_leak() {
    for _ in 0..50 {
        let runtime = JsRuntime::new(options()).unwrap();
        assert_eq!(runtime.run_script("warmup.js", WORK), 0);
    }
    let before = resident_bytes();
    for _ in 0..1000 {
        let runtime = JsRuntime::new(options()).unwrap();
        assert_eq!(runtime.run_script("work.js", WORK), 0);
    }
    let grown = resident_bytes().saturating_sub(before);
    // A leaked runtime costs well over 100 KB (context, builtins, the data above).
    assert!(
        grown < 16 * 1024 * 1024,
        "resident memory grew by {} KB over 1000 runtimes",
        grown / 1024
    );
}

#[test]
fn runtimes_on_different_threads_are_independent() {
    let threads: Vec<_> = (0..4)
        .map(|n| {
            std::thread::spawn(move || {
                let runtime = JsRuntime::new(options()).unwrap();
                runtime.run_script("thread.js", &format!("globalThis.n = {n}; setTimeout(() => {{ process.exitCode = globalThis.n + 10 }}, 5)"))
            })
        })
        .collect();
    let codes: Vec<i32> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(codes, [10, 11, 12, 13]);
}

#[test]
fn an_infinite_microtask_loop_in_one_runtime_is_contained_by_exit() {
    let runtime = JsRuntime::new(options()).unwrap();
    let code = runtime.run_script(
        "loop.js",
        "let n = 0; function again() { if (++n === 10000) process.exit(5); Promise.resolve().then(again); } again();",
    );
    assert_eq!(code, 5);
}
