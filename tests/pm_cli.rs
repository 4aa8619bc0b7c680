//! The package-manager commands as a user meets them: what `dx` prints on stderr and the exit
//! code, for input that is wrong. Every error is one line (plus a hint where there is one), and
//! the user's files are left as they were. No network: the registry is a closed local port.

use std::path::Path;
use std::process::{Command, Output};

fn project(package_json: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("package.json"), package_json).unwrap();
    // Nothing listens on port 9 of loopback: a request fails at once.
    std::fs::write(dir.path().join(".npmrc"), "registry=http://127.0.0.1:9/\n").unwrap();
    dir
}

fn dx(dir: &Path, args: &[&str]) -> Output {
    dx_with_env(dir, args, &[])
}

fn dx_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let cache = dir.join(".cache");
    Command::new(env!("CARGO_BIN_EXE_dx"))
        .args(args)
        .current_dir(dir)
        .env("DX_CACHE_DIR", cache)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A package `name` in the folder `dir/name`, for `file:` dependencies (no registry needed).
fn local_package(dir: &Path, name: &str) {
    std::fs::create_dir(dir.join(name)).unwrap();
    std::fs::write(
        dir.join(name).join("package.json"),
        format!(r#"{{"name": "{name}", "version": "1.0.0"}}"#),
    )
    .unwrap();
}

fn stderr(out: &Output) -> String {
    assert!(!out.status.success(), "expected a failure");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_malformed_manifest_is_one_line_and_untouched() {
    let text = r#"{"dependencies": {"a": "1",}}"#;
    let dir = project(text);
    let err = stderr(&dx(dir.path(), &["install"]));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: `")
            && err
                .trim_end()
                .ends_with("is not valid JSON: trailing comma at line 1 column 28"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("package.json")).unwrap(),
        text
    );
    assert!(!dir.path().join("node_modules").exists());
}

#[test]
fn queries_before_an_install_say_what_to_do() {
    let dir = project(r#"{"dependencies": {"a": "1"}}"#);
    for args in [&["ls"][..], &["why", "a"], &["audit"]] {
        let err = stderr(&dx(dir.path(), args));
        assert!(
            err.starts_with("error: nothing is installed in `")
                && err.trim_end().ends_with("hint: run `dx install` first"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_failed_add_leaves_package_json_as_it_was() {
    let text = "{\n  \"dependencies\": {}\n}\n";
    let dir = project(text);
    let err = stderr(&dx(dir.path(), &["add", "left-pad@^1"]));
    assert!(
        err.starts_with("error: cannot reach the registry at `http://127.0.0.1:9/"),
        "{err}"
    );
    let err = stderr(&dx(dir.path(), &["add", "github:user/repo"]));
    assert!(
        err.starts_with("error: git dependencies are not supported by dx yet: github:user/repo"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("package.json")).unwrap(),
        text
    );
}

#[test]
fn an_install_inside_a_member_installs_the_workspace_from_its_root() {
    let dir = project(r#"{"name": "root", "private": true, "workspaces": ["packages/*"]}"#);
    for (name, deps) in [("a", r#"{"b": "workspace:*"}"#), ("b", "{}")] {
        let member = dir.path().join("packages").join(name);
        std::fs::create_dir_all(&member).unwrap();
        std::fs::write(
            member.join("package.json"),
            format!(r#"{{"name": "{name}", "version": "1.0.0", "dependencies": {deps}}}"#),
        )
        .unwrap();
    }
    let member = dir.path().join("packages/a");
    succeeded(&dx(&member, &["install"]));
    assert!(dir.path().join("dx.lock").is_file());
    assert!(!member.join("dx.lock").exists());
    assert!(dir.path().join("node_modules/b/package.json").is_file());
    // Queries from the member read the root's install too.
    let out = dx(&member, &["ls"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("a@"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `NODE_ENV=production` leaves devDependencies out, as `--production` does (npm, pnpm).
#[test]
fn node_env_production_leaves_dev_dependencies_out() {
    let dir =
        project(r#"{"dependencies": {"a": "file:./a"}, "devDependencies": {"b": "file:./b"}}"#);
    local_package(dir.path(), "a");
    local_package(dir.path(), "b");
    let install = |node_env: &str| {
        succeeded(&dx_with_env(
            dir.path(),
            &["install"],
            &[("NODE_ENV", node_env)],
        ))
    };
    install("production");
    assert!(dir.path().join("node_modules/a/package.json").exists());
    assert!(!dir.path().join("node_modules/b").exists());
    install("development");
    assert!(dir.path().join("node_modules/b/package.json").exists());
}

/// `dx install <pkg>` (and `dx i -D <pkg>`) adds, as `npm install <pkg>` and `bun install <pkg>`
/// do.
#[test]
fn install_with_packages_adds_them() {
    let dir = project(r#"{"name": "app"}"#);
    local_package(dir.path(), "b");
    succeeded(&dx(dir.path(), &["i", "-D", "b@file:./b"]));
    let manifest = std::fs::read_to_string(dir.path().join("package.json")).unwrap();
    assert_eq!(
        manifest,
        r#"{"name":"app","devDependencies":{"b":"file:./b"}}"#
    );
    assert!(dir.path().join("node_modules/b/package.json").exists());
    // npm's `-P` (`--save-prod`) moves it to dependencies; with `-D` it is a usage error.
    succeeded(&dx(dir.path(), &["add", "-P", "b@file:./b"]));
    let manifest = std::fs::read_to_string(dir.path().join("package.json")).unwrap();
    assert_eq!(
        manifest,
        r#"{"name":"app","dependencies":{"b":"file:./b"}}"#
    );
    let both = dx(dir.path(), &["add", "-P", "-D", "b@file:./b"]);
    assert!(!both.status.success());
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"));
}
