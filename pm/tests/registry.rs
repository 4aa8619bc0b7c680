//! The real-registry suite, separate and named because it needs the network:
//!
//! ```text
//! cargo test -p dx-pm --features registry-tests --test registry
//! ```
//!
//! It installs the benchmark fixtures from the registry configured for npm on this machine, then
//! loads every direct dependency with node, compares the installed (name, version) set with
//! what npm resolves, type-checks a small TypeScript app with the `tsc` dx installed, installs a
//! workspace, and builds a small Next.js app (`next_build_*`, the slow one: skip it with
//! `-- --skip next_build`). Without network it stops at once with one clear message.
#![cfg(feature = "registry-tests")]

use std::collections::BTreeSet;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use dx_pm::{InstallOptions, Silent};

fn fixtures() -> PathBuf {
    match std::env::var_os("DX_PM_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench/pm/fixtures"),
    }
}

/// Copies a fixture's package.json into a fresh project folder.
fn project(fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let manifest = fixtures().join(fixture).join("package.json");
    std::fs::copy(&manifest, dir.path().join("package.json"))
        .unwrap_or_else(|e| panic!("fixture `{}` missing: {e}", manifest.display()));
    dir
}

/// Fails the test in one line when the registry cannot be reached, before any install starts.
fn require_network(project: &Path) {
    let config = dx_pm::config::NpmConfig::load(project)
        .unwrap_or_else(|e| panic!("the real-registry suite needs a registry: {e}"));
    let url = config.registry.clone();
    let rest = url.split("://").nth(1).unwrap_or(&url);
    let host = rest.split('/').next().unwrap_or(rest);
    let default_port = if url.starts_with("https") { 443 } else { 80 };
    let target = if host.contains(':') {
        host.to_string()
    } else {
        format!("{host}:{default_port}")
    };
    let reachable = target
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| {
            addrs.find_map(|a| TcpStream::connect_timeout(&a, Duration::from_secs(3)).ok())
        })
        .is_some();
    assert!(
        reachable,
        "no network: the real-registry suite cannot reach the registry ({target})"
    );
}

fn install(fixture: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = project(fixture);
    let cache = install_in(dir.path(), fixture);
    (dir, cache)
}

/// Installs the project in `dir` with a fresh cache, which it returns.
fn install_in(dir: &Path, label: &str) -> tempfile::TempDir {
    let cache = tempfile::tempdir().unwrap();
    require_network(dir);
    let opts = InstallOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        ..Default::default()
    };
    dx_pm::install(dir, &opts, Arc::new(Silent))
        .unwrap_or_else(|e| panic!("install of `{label}` failed: {e}"));
    cache
}

/// This crate's own fixture folder (apps, a workspace), copied into a fresh project folder.
fn own_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        dir.path(),
    );
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs a command in `dir` and fails the test with its output when it fails.
fn run_ok(dir: &Path, program: &Path, args: &[&str]) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("NEXT_TELEMETRY_DISABLED", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{}`: {e}", program.display()));
    assert!(
        out.status.success(),
        "`{} {}` failed:\n{}\n{}",
        program.display(),
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn direct_dependencies(dir: &Path) -> Vec<String> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("package.json")).unwrap()).unwrap();
    ["dependencies", "devDependencies"]
        .iter()
        .filter_map(|g| manifest[g].as_object())
        .flat_map(|m| m.keys().cloned())
        .collect()
}

/// `require()` each dependency, falling back to `import()` for ES modules.
fn load_with_node(dir: &Path, name: &str) {
    // Type-only packages have no runtime entry (and may not export their package.json): they
    // must be installed with their declarations.
    let script = format!(
        r#"const p = {name:?};
        if (p.startsWith('@types/')) {{
          const dir = require('path').join('node_modules', p);
          const pkg = JSON.parse(require('fs').readFileSync(dir + '/package.json', 'utf8'));
          if (pkg.name !== p) throw new Error('wrong package at ' + dir);
        }} else {{
          try {{ require(p) }} catch (e) {{
            if (e.code !== 'ERR_REQUIRE_ESM') throw e;
            import(p).catch(err => {{ console.error(err); process.exit(1) }});
          }}
        }}"#
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(&script)
        .current_dir(dir)
        .output()
        .expect("node must be installed");
    assert!(
        out.status.success(),
        "node could not load `{name}`: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn small_installs_and_every_direct_dependency_loads() {
    let (dir, _cache) = install("small");
    for name in direct_dependencies(dir.path()) {
        load_with_node(dir.path(), &name);
    }
    let again = dx_pm::install(
        dir.path(),
        &InstallOptions {
            cache_dir: Some(_cache.path().to_path_buf()),
            ..Default::default()
        },
        Arc::new(Silent),
    )
    .unwrap();
    assert!(again.unchanged);
}

#[test]
fn react_next_installs_and_every_direct_dependency_loads() {
    let (dir, _cache) = install("react-next");
    for name in direct_dependencies(dir.path()) {
        load_with_node(dir.path(), &name);
    }
    assert!(dir.path().join("node_modules/.bin/next").exists());
    assert!(dir.path().join("node_modules/.bin/tsc").exists());
}

/// The (name, version) pairs installed for this platform, from `dx.lock` or npm's lockfile.
fn installed_set(dir: &Path) -> BTreeSet<String> {
    let out = Command::new("node")
        .arg("-e")
        .arg(
            r#"const fs = require('fs');
            const fits = p => (!p.os || p.os.includes(process.platform)) && (!p.cpu || p.cpu.includes(process.arch));
            const lock = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
            const out = [];
            if (lock.lockfileVersion === 1 && lock.root) {
              for (const [k, p] of Object.entries(lock.packages)) if (fits(p)) out.push(k);
            } else {
              for (const [path, p] of Object.entries(lock.packages)) {
                if (!path || !fits(p) || p.optional && !p.version || p.inBundle) continue;
                out.push((p.name || path.split('node_modules/').pop()) + '@' + p.version);
              }
            }
            console.log(out.join('\n'));"#,
        )
        .arg(if dir.join("dx.lock").exists() { dir.join("dx.lock") } else { dir.join("package-lock.json") })
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn small_resolves_the_same_versions_as_npm() {
    let (dx_dir, _cache) = install("small");
    let npm_dir = npm_lockfile("small");
    assert_eq!(installed_set(dx_dir.path()), installed_set(npm_dir.path()));
}

/// The version of `name` that `from`'s `require` finds (`from` is a folder under
/// `node_modules`), by Node's own lookup.
fn version_required_from(dir: &Path, from: &str, name: &str) -> String {
    let script = format!(
        "const p = require.resolve('{name}/package.json', {{paths: [require('path').resolve('node_modules/{from}')]}}); console.log(require(p).version)"
    );
    let out = Command::new("node")
        .args(["-e", &script])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// npm (11) installs debug 2.6.8 and qs 6.11.0 for this package.json, everywhere express and
/// body-parser look for them: express 4.21.2 asks for debug 2.6.9 (in `debug@2`) and qs 6.13.0,
/// body-parser (below express) for the same.
#[test]
fn selector_and_scoped_overrides_apply_as_npm_applies_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"dependencies": {"express": "4.21.2"},
            "overrides": {"debug@2": "2.6.8", "express": {"qs": "6.11.0"}}}"#,
    )
    .unwrap();
    let _cache = install_in(dir.path(), "overrides");
    for from in ["express", "body-parser"] {
        assert_eq!(
            version_required_from(dir.path(), from, "debug"),
            "2.6.8",
            "{from}"
        );
        assert_eq!(
            version_required_from(dir.path(), from, "qs"),
            "6.11.0",
            "{from}"
        );
    }
    let lock = std::fs::read_to_string(dir.path().join("dx.lock")).unwrap();
    assert!(lock.contains(r#""**/express/**/qs": "6.11.0""#), "{lock}");
    assert!(lock.contains(r#""debug@2": "2.6.8""#), "{lock}");
}

/// vite 5 peers, optionally, on `@types/node@^18.0.0 || >=20.0.0`, and @changesets'
/// `@manypkg/find-root` depends on `@types/node@^12.7.1`. npm nests that 12 under its dependent:
/// at the root, where vite looks, `tsc` fails on a one-line `vite.config.ts`.
#[test]
fn a_version_an_optional_peer_rejects_is_nested_out_of_its_sight() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"devDependencies": {"@changesets/cli": "^2.27.11", "vite": "^5.4.11",
            "typescript": "^5.7.2"}}"#,
    )
    .unwrap();
    let _cache = install_in(dir.path(), "changesets-vite");
    if dir.path().join("node_modules/@types/node").exists() {
        let version = version_required_from(dir.path(), "vite", "@types/node");
        let peer = nodejs_semver::Range::parse("^18.0.0 || >=20.0.0").unwrap();
        assert!(
            peer.satisfies(&version.parse().unwrap()),
            "vite finds @types/node@{version}"
        );
    }
    assert_eq!(
        version_required_from(dir.path(), "@manypkg/find-root", "@types/node"),
        "12.20.55"
    );
}

/// npm's lockfile for `fixture`, written by the machine's npm with its own configuration.
fn npm_lockfile(fixture: &str) -> tempfile::TempDir {
    let dir = project(fixture);
    let npm_cache = tempfile::tempdir().unwrap();
    let status = Command::new("npm")
        .args([
            "install",
            "--package-lock-only",
            "--ignore-scripts",
            "--cache",
        ])
        .arg(npm_cache.path())
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("npm must be installed");
    assert!(status.success());
    dir
}

#[test]
fn an_npm_lockfile_installs_the_versions_npm_chose() {
    // react-next's lockfile has bundled entries (Tailwind's wasm build), and npm may leave out
    // the tarball URLs (`omit-lockfile-registry-resolved`): both must import.
    let dir = npm_lockfile("react-next");
    let npm = installed_set(dir.path());
    let lock: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("package-lock.json")).unwrap())
            .unwrap();
    let _cache = install_in(dir.path(), "react-next from npm's lockfile");
    let dx = installed_set(dir.path());
    let not_npms: Vec<_> = dx.difference(&npm).collect();
    assert!(
        not_npms.is_empty(),
        "versions npm did not choose: {not_npms:?}"
    );
    // What dx leaves out is optional (a build for another platform the lockfile does not mark).
    for left_out in npm.difference(&dx) {
        let optional = lock["packages"]
            .as_object()
            .unwrap()
            .iter()
            .any(|(path, p)| {
                let name = p["name"]
                    .as_str()
                    .unwrap_or(path.rsplit("node_modules/").next().unwrap());
                format!("{name}@{}", p["version"].as_str().unwrap_or("")) == *left_out
                    && p["optional"].as_bool() == Some(true)
            });
        assert!(optional, "dx left out `{left_out}`, which npm installs");
    }
    for name in direct_dependencies(dir.path()) {
        load_with_node(dir.path(), &name);
    }
}

#[test]
fn tsc_type_checks_a_small_app_with_the_types_dx_installed() {
    let dir = own_fixture("ts-app");
    let _cache = install_in(dir.path(), "ts-app");
    run_ok(
        dir.path(),
        &dir.path().join("node_modules/.bin/tsc"),
        &["--noEmit", "-p", "."],
    );
    // The check is real: a type error in the same setup fails.
    std::fs::write(
        dir.path().join("src/wrong.ts"),
        "import { chunk } from \"lodash\";\nexport const n: number = chunk([1], 1);\n",
    )
    .unwrap();
    let out = Command::new(dir.path().join("node_modules/.bin/tsc"))
        .args(["--noEmit", "-p", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "tsc accepted a type error");
}

#[test]
fn workspace_members_install_link_and_load() {
    let dir = own_fixture("workspace");
    let _cache = install_in(dir.path(), "workspace");
    let out = Command::new("node")
        .args(["-e", "console.log(require('@ws/cli')())"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Hello, Workspace",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // lodash is needed by the root and by @ws/greet: one copy, at the top.
    assert!(dir.path().join("node_modules/lodash").is_dir());
    assert!(
        !dir.path()
            .join("packages/greet/node_modules/lodash")
            .exists()
    );
    let lock = std::fs::read_to_string(dir.path().join("dx.lock")).unwrap();
    assert!(lock.contains("\"packages/cli\": \"@ws/cli@workspace:packages/cli\""));
}

/// A trusted package with a `binding.gyp` and no scripts of its own is compiled by
/// `node-gyp rebuild` (installed from the registry when the machine has none) against node's
/// headers, and node loads the addon. Needs a C compiler, `make` and Python, as node-gyp does.
#[test]
fn a_trusted_native_addon_is_compiled_and_loads() {
    let dir = own_fixture("native-addon");
    let _cache = install_in(dir.path(), "native-addon");
    let out = Command::new("node")
        .args(["-e", "console.log(require('greeter').hello())"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "hello from C",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The slow case (a full production build); named so `--skip next_build` leaves it out.
#[test]
fn next_build_succeeds_on_a_small_app_installed_by_dx() {
    let dir = own_fixture("next-app");
    std::fs::copy(
        fixtures().join("react-next/package.json"),
        dir.path().join("package.json"),
    )
    .unwrap();
    let _cache = install_in(dir.path(), "next-app");
    run_ok(
        dir.path(),
        &dir.path().join("node_modules/.bin/next"),
        &["build"],
    );
    assert!(dir.path().join(".next/BUILD_ID").is_file());
}
