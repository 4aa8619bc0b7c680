//! An install killed at any moment leaves every package folder whole, the old version or the
//! new one (never a mix of files, never neither), or, where no folder was, an unfinished one
//! without a `package.json`; and a `dx.lock` that parses. The next install completes it and
//! removes what the killed one left behind. The install runs in a child process (this test
//! binary, re-run on its ignored `child_install`), which the test kills with SIGKILL after a
//! growing delay.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use dx_pm::{InstallOptions, Silent};
use serde_json::{Value, json};

mod support;
use support::*;

const SMALL: usize = 12;

/// The files of `name@version`: `count` of them in 20 folders, each naming its version.
fn files(version: &str, count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| {
            (
                format!("d{}/f{i}.js", i % 20),
                format!("module.exports = '{version}'"),
            )
        })
        .collect()
}

/// How many files `name@version` has, its `package.json` included.
fn file_count(name: &str, version: &str) -> usize {
    let listed = match (name, version) {
        ("big", "1.0.0") => 300,
        ("big", "2.0.0") => 3000,
        ("nester", _) => 1,
        _ => 20,
    };
    listed + 1
}

fn publish(registry: &mut Registry, name: &str, version: &str, extra: Value) {
    let files = files(version, file_count(name, version) - 1);
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    registry.publish(name, version, &borrowed, extra);
}

fn manifest(version: &str, nester: bool) -> Value {
    let mut deps = serde_json::Map::new();
    deps.insert("big".into(), json!(version));
    for i in 0..SMALL {
        deps.insert(format!("small{i}"), json!(version));
    }
    if nester {
        deps.insert("nester".into(), json!("1.0.0"));
    }
    json!({ "dependencies": deps })
}

fn count_files(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let kind = entry.file_type().unwrap();
        if kind.is_dir() && entry.file_name() != "node_modules" {
            count += count_files(&entry.path());
        } else if kind.is_file() {
            count += 1;
        }
    }
    count
}

/// Every package folder under `modules` holds exactly the files of the version its
/// `package.json` names.
fn assert_whole(modules: &Path) {
    assert_whole_or_unfinished(modules, false)
}

/// Like [`assert_whole`], but a folder without a `package.json` (a new one the install had not
/// finished) may hold any part of its files, when `unfinished_allowed`.
fn assert_whole_or_unfinished(modules: &Path, unfinished_allowed: bool) {
    let Ok(entries) = std::fs::read_dir(modules) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let folder = entry.path();
        let Ok(manifest) = std::fs::read(folder.join("package.json")) else {
            assert!(unfinished_allowed, "{name} has no package.json");
            continue;
        };
        let manifest: Value = serde_json::from_slice(&manifest).unwrap();
        let version = manifest["version"].as_str().unwrap();
        assert_eq!(
            count_files(&folder),
            file_count(&name, version),
            "{name}@{version} is not whole"
        );
        assert_whole_or_unfinished(&folder.join("node_modules"), unfinished_allowed);
    }
}

fn leftovers(modules: &Path) -> Vec<String> {
    std::fs::read_dir(modules)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dx-tmp-") || n.starts_with(".dx-trash-"))
        .collect()
}

/// A project installed at the packages' first versions (with the store in `cache`), its
/// `package.json` already asking for the second ones.
fn upgradable_project(registry: &Registry, cache: &Path) -> (Project, std::path::PathBuf) {
    let project = Project::new(registry, manifest("1.0.0", false));
    dx_pm::install(project.path(), &options(cache), Arc::new(Silent)).unwrap();
    let modules = project.path().join("node_modules");
    assert_whole(&modules);
    std::fs::write(
        project.path().join("package.json"),
        manifest("2.0.0", true).to_string(),
    )
    .unwrap();
    (project, modules)
}

fn options(cache: &Path) -> InstallOptions {
    InstallOptions {
        cache_dir: Some(cache.to_path_buf()),
        ..Default::default()
    }
}

/// Starts an install of `project` in a child process.
fn child_install_in(project: &Project, cache: &Path) -> std::process::Child {
    child_install_command(project.path(), cache)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_killed_install_leaves_whole_packages_and_the_next_one_completes_it() {
    let mut registry = Registry::start();
    for version in ["1.0.0", "2.0.0"] {
        publish(&mut registry, "big", version, json!({}));
        for i in 0..SMALL {
            publish(&mut registry, &format!("small{i}"), version, json!({}));
        }
    }
    // Needs the old `small0` below itself: a second depth of folders.
    publish(
        &mut registry,
        "nester",
        "1.0.0",
        json!({"dependencies": {"small0": "1.0.0"}}),
    );
    // The projects share one store: once the first upgrade has stored the second versions,
    // an upgrade spends its time resolving from the cache and linking. The second one, run to
    // its end, says how long that takes; the kills are spread over that time.
    let cache = tempfile::tempdir().unwrap();
    let (storing, _) = upgradable_project(&registry, cache.path());
    child_install_in(&storing, cache.path()).wait().unwrap();
    let (calibration, _) = upgradable_project(&registry, cache.path());
    let started = std::time::Instant::now();
    child_install_in(&calibration, cache.path()).wait().unwrap();
    let full = started.elapsed();
    assert_eq!(
        calibration.version_at("node_modules/big").as_deref(),
        Some("2.0.0")
    );

    let (project, modules) = upgradable_project(&registry, cache.path());
    for tenth in 0..12 {
        let mut child = child_install_in(&project, cache.path());
        std::thread::sleep(full * tenth / 10);
        let _ = child.kill();
        child.wait().unwrap();
        // `nester/node_modules/small0` is new: it may be unfinished.
        assert_whole_or_unfinished(&modules, true);
        // An upgrade swaps each folder: the old version stays until the new one is whole.
        for name in
            std::iter::once("big".to_string()).chain((0..SMALL).map(|i| format!("small{i}")))
        {
            assert!(
                modules.join(&name).is_dir(),
                "{name} is gone after a kill at {tenth}/10"
            );
        }
        if let Ok(lock) = std::fs::read(project.path().join("dx.lock")) {
            serde_json::from_slice::<Value>(&lock).expect("dx.lock parses");
        }
    }

    project.install().unwrap();
    assert_whole(&modules);
    assert_eq!(
        project.version_at("node_modules/big").as_deref(),
        Some("2.0.0")
    );
    assert_eq!(
        project.version_at("node_modules/small0").as_deref(),
        Some("2.0.0")
    );
    assert_eq!(
        project
            .version_at("node_modules/nester/node_modules/small0")
            .as_deref(),
        Some("1.0.0")
    );
    assert_eq!(leftovers(&modules), Vec::<String>::new());

    // From the lockfile into no `node_modules` (a fresh clone): folders are built at their
    // places, each finished by its `package.json`; the next install completes the unfinished.
    for tenth in 0..12 {
        std::fs::remove_dir_all(&modules).unwrap();
        let mut child = child_install_in(&project, cache.path());
        std::thread::sleep(full * tenth / 10);
        let _ = child.kill();
        child.wait().unwrap();
        assert_whole_or_unfinished(&modules, true);
        project.install().unwrap();
        assert_whole(&modules);
        assert_eq!(
            project
                .version_at("node_modules/nester/node_modules/small0")
                .as_deref(),
            Some("1.0.0")
        );
    }
}

#[test]
fn folders_left_by_a_dead_install_are_removed_and_a_running_one_s_kept() {
    let mut registry = Registry::start();
    publish(&mut registry, "small0", "1.0.0", json!({}));
    let project = Project::new(&registry, json!({"dependencies": {"small0": "1.0.0"}}));
    project.install().unwrap();
    let modules = project.path().join("node_modules");
    let mut exited = Command::new("true").spawn().unwrap();
    exited.wait().unwrap();
    let dead = format!(".dx-tmp-{}-0-0", exited.id());
    let running = format!(".dx-trash-{}-0-0", std::process::id());
    for leftover in [&dead, &running] {
        std::fs::create_dir_all(modules.join(leftover).join("lib")).unwrap();
        std::fs::write(modules.join(leftover).join("lib/a.js"), "1").unwrap();
    }
    // An install that has something to do (the package folder is gone) looks for leftovers.
    std::fs::remove_dir_all(modules.join("small0")).unwrap();
    project.install().unwrap();
    assert_eq!(leftovers(&modules), [running]);
    assert_whole(&modules);
}

/// The install `a_killed_install_leaves_whole_packages_and_the_next_one_completes_it` runs in a
/// child process and kills.
#[test]
#[ignore = "run in a child process by the killed-install test"]
fn child_install() {
    support::child_install();
}
