//! `dx run` beside `node`: every script under `runtime/tests/node-compat/` (Node's builtins)
//! and `runtime/tests/compat/` (real npm packages) must print the same stdout, byte for byte.
//! Scripts are the spec; adding a case means adding a line to a script.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
    time::Duration,
};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_with_timeout(command: &mut Command, what: &str) -> Output {
    let child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let pid = child.id();
    // Read the pipes while waiting (a full pipe would block the child), on another thread so
    // that a hung child cannot hang the test.
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(Duration::from_secs(60)) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{what} did not finish in 60 s");
        }
    }
}

fn scripts(dir: &Path) -> Vec<PathBuf> {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("script folder")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("js" | "cjs" | "mjs" | "ts")
                )
        })
        .collect();
    scripts.sort();
    scripts
}

/// The file node runs for `script`: itself, or for TypeScript the same code with its types
/// stripped by dx's transform (node 20 cannot strip types), written next to it so that
/// `node_modules` resolves the same way.
fn node_side(script: &Path) -> PathBuf {
    if script.extension().is_none_or(|e| e != "ts") {
        return script.to_path_buf();
    }
    let source = std::fs::read_to_string(script).unwrap();
    let out = dx_runtime::transform::transform(script, &source, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {}", script.display(), e.rendered));
    let stripped_dir = script.parent().unwrap().join(".stripped");
    std::fs::create_dir_all(&stripped_dir).unwrap();
    let target = stripped_dir
        .join(script.file_stem().unwrap())
        .with_extension("mjs");
    // `.stripped/` is one level down: keep relative imports pointing where they did.
    let code = out
        .code
        .unwrap()
        .replace("from \"./", "from \"../")
        .replace("from './", "from '../");
    std::fs::write(&target, code).unwrap();
    target
}

fn compare_dir(dir: &Path) {
    let dx = env!("CARGO_BIN_EXE_dx");
    let mut failures = Vec::new();
    let all = scripts(dir);
    assert!(!all.is_empty(), "no scripts in {}", dir.display());
    for script in &all {
        let name = script.file_name().unwrap().to_string_lossy().into_owned();
        let expected = run_with_timeout(
            Command::new("node")
                .arg(node_side(script))
                .current_dir(dir)
                .env("TZ", "UTC"),
            &format!("node {name}"),
        );
        let actual = run_with_timeout(
            Command::new(dx)
                .arg("run")
                .arg(script)
                .current_dir(dir)
                .env("TZ", "UTC"),
            &format!("dx run {name}"),
        );
        if expected.stdout != actual.stdout || expected.status.code() != actual.status.code() {
            failures.push(format!(
                "--- {name}: node exited {:?}, dx exited {:?}\n{}\ndx stderr:\n{}",
                expected.status.code(),
                actual.status.code(),
                first_difference(&expected.stdout, &actual.stdout),
                String::from_utf8_lossy(&actual.stderr)
                    .lines()
                    .take(15)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ from node:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let mut actual_lines = actual.lines();
    for (number, line) in expected.lines().enumerate() {
        match actual_lines.next() {
            Some(other) if other == line => {}
            other => {
                return format!(
                    "first difference at line {}:\n  node: {line}\n  dx:   {}",
                    number + 1,
                    other.unwrap_or("<missing>")
                );
            }
        }
    }
    match actual_lines.next() {
        Some(extra) => format!("dx printed more: {extra}"),
        None => "same lines, different bytes (line endings?)".into(),
    }
}

#[test]
fn node_builtins_print_what_node_prints() {
    compare_dir(&repo().join("runtime/tests/node-compat"));
}

/// Installs the pinned packages with npm (the registry is the only network this needs).
fn install_compat_packages(dir: &Path) {
    if dir.join("node_modules/.package-lock.json").exists() {
        return;
    }
    let output = run_with_timeout(
        Command::new("npm")
            .args([
                "ci",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--fetch-timeout=30000",
                "--fetch-retries=1",
            ])
            .current_dir(dir),
        "npm ci",
    );
    assert!(
        output.status.success(),
        "installing the compat packages from the npm registry failed (is the registry reachable?):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn npm_packages_run_as_under_node() {
    let dir = repo().join("runtime/tests/compat");
    install_compat_packages(&dir);
    compare_dir(&dir);
}
