//! The real-registry suite, separate and named because it needs the network:
//!
//! ```text
//! cargo test -p dx-pm --features registry-tests --test registry
//! ```
//!
//! It installs the benchmark fixtures from the registry configured for npm on this machine, then
//! loads every direct dependency with node, and compares the installed (name, version) set with
//! what npm resolves. Without network it stops at once with one clear message.
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
fn require_network(project: &Path, cache: &Path) {
    let config = dx_pm::config::NpmConfig::load(project, cache)
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
    let cache = tempfile::tempdir().unwrap();
    require_network(dir.path(), cache.path());
    let opts = InstallOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        ..Default::default()
    };
    dx_pm::install(dir.path(), &opts, Arc::new(Silent))
        .unwrap_or_else(|e| panic!("install of `{fixture}` failed: {e}"));
    (dir, cache)
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
                if (!path || !fits(p) || p.optional && !p.version) continue;
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
    let npm_dir = project("small");
    let npm_cache = tempfile::tempdir().unwrap();
    let status = Command::new("npm")
        .args([
            "install",
            "--package-lock-only",
            "--ignore-scripts",
            "--cache",
        ])
        .arg(npm_cache.path())
        .current_dir(npm_dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("npm must be installed");
    assert!(status.success());
    assert_eq!(installed_set(dx_dir.path()), installed_set(npm_dir.path()));
}
