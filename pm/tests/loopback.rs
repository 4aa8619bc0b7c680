//! End-to-end installs against a registry served on loopback by this test: packuments and
//! tarballs are made here, so the whole pipeline (HTTP client, resolver, integrity, store, linker,
//! lockfile, image, add/remove, why/ls) runs with no network and no mocks inside dx.

use std::collections::HashSet;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use dx_pm::{DepGroup, Error, InstallOptions, Silent};
use serde_json::{Value, json};

mod support;
use support::*;

fn registry() -> Registry {
    let mut r = Registry::start();
    r.publish(
        "dep",
        "1.0.0",
        &[("index.js", "module.exports = 1")],
        json!({}),
    );
    r.publish(
        "dep",
        "2.0.0",
        &[("index.js", "module.exports = 2")],
        json!({}),
    );
    r.publish(
        "app-lib",
        "1.0.0",
        &[
            ("index.js", "module.exports = require('dep')"),
            ("bin/tool.js", "#!/usr/bin/env node\n"),
        ],
        json!({"dependencies": {"dep": "^2.0.0"}, "bin": {"tool": "bin/tool.js"}}),
    );
    r.publish(
        "@scope/pkg",
        "3.1.0",
        &[],
        json!({"dependencies": {"dep": "1"}}),
    );
    r.publish(
        "scripted",
        "1.0.0",
        &[],
        json!({"scripts": {"postinstall": "touch ran"}, "hasInstallScript": true}),
    );
    r
}

#[test]
fn install_layout_lockfile_noop_and_frozen() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "@scope/pkg": "^3", "scripted": "1"}}),
    );
    let summary = project.install().unwrap();
    assert_eq!(summary.packages, 5);
    assert_eq!(summary.blocked_scripts, ["scripted@1.0.0"]);
    assert!(!project.path().join("node_modules/scripted/ran").exists());
    // dep@1 is needed by @scope/pkg and dep@2 by app-lib: the first met in breadth-first,
    // name-sorted order is hoisted, the other nested.
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    assert_eq!(
        project
            .version_at("node_modules/app-lib/node_modules/dep")
            .as_deref(),
        Some("2.0.0")
    );
    let bin = project.path().join("node_modules/.bin/tool");
    assert_eq!(
        std::fs::read_link(&bin).unwrap(),
        Path::new("../app-lib/bin/tool.js")
    );
    let lock = std::fs::read_to_string(project.path().join("dx.lock")).unwrap();
    assert!(lock.contains("\"@scope/pkg@3.1.0\""));

    let again = project.install().unwrap();
    assert!(again.unchanged);

    // A lockfile install into an empty node_modules needs no registry at all.
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    registry.routes.lock().unwrap().clear();
    let mut frozen = project.opts();
    frozen.frozen_lockfile = true;
    let summary = dx_pm::install(project.path(), &frozen, Arc::new(Silent)).unwrap();
    assert_eq!(summary.linked, 5);
    assert_eq!(
        std::fs::read_to_string(project.path().join("dx.lock")).unwrap(),
        lock
    );

    std::fs::write(
        project.path().join("package.json"),
        json!({"dependencies": {"app-lib": "^1"}}).to_string(),
    )
    .unwrap();
    assert!(matches!(
        dx_pm::install(project.path(), &frozen, Arc::new(Silent)),
        Err(Error::LockfileOutdated)
    ));
    std::fs::remove_file(project.path().join("dx.lock")).unwrap();
    assert!(matches!(
        dx_pm::install(project.path(), &frozen, Arc::new(Silent)),
        Err(Error::NoLockfile)
    ));
}

/// pnpm 10 keeps its settings in `pnpm-workspace.yaml`: its `overrides` and
/// `onlyBuiltDependencies` hold as `package.json`'s would, and an edit there is a change.
#[test]
fn pnpm_workspace_yaml_overrides_and_trusts() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "scripted": "1"}}),
    );
    let yaml = project.path().join("pnpm-workspace.yaml");
    std::fs::write(&yaml, "onlyBuiltDependencies:\n  - scripted\n").unwrap();
    let summary = project.install().unwrap();
    assert!(summary.blocked_scripts.is_empty());
    assert!(project.path().join("node_modules/scripted/ran").exists());
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("2.0.0")
    );

    std::fs::write(
        &yaml,
        "onlyBuiltDependencies: [scripted]\noverrides:\n  'app-lib>dep': 1.0.0\n",
    )
    .unwrap();
    assert!(!project.install().unwrap().unchanged);
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    assert!(project.install().unwrap().unchanged);
}

/// `.npmrc`'s `proxy` carries every request: the registry's host does not resolve, so only the
/// proxy (the test server, which also answers requests made to a proxy) reaches it.
#[test]
fn an_npmrc_proxy_carries_the_requests() {
    let registry = registry();
    let project = Project::new(&registry, json!({"dependencies": {"app-lib": "^1"}}));
    std::fs::write(
        project.path().join(".npmrc"),
        format!(
            "registry=http://registry.invalid/\nproxy={}\n",
            registry.url
        ),
    )
    .unwrap();
    project.install().unwrap();
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("2.0.0")
    );
    let served = registry.served.lock().unwrap();
    assert!(
        served
            .iter()
            .any(|(target, _)| target == "http://registry.invalid/app-lib"),
        "{served:?}"
    );

    // A proxy that is not a URL is one clear error, without the value (it may hold a password).
    std::fs::write(
        project.path().join(".npmrc"),
        format!("registry={}\nproxy=http://user:secret@[bad\n", registry.url),
    )
    .unwrap();
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    std::fs::remove_file(project.path().join("dx.lock")).unwrap();
    drop(served);
    let err = project.install().unwrap_err().to_string();
    assert!(err.contains("`proxy`") && !err.contains("secret"), "{err}");
}

#[test]
fn trusted_scripts_run_and_why_ls_answer() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "@scope/pkg": "^3", "scripted": "1"}, "trustedDependencies": ["scripted"]}),
    );
    let summary = project.install().unwrap();
    assert!(summary.blocked_scripts.is_empty());
    assert!(project.path().join("node_modules/scripted/ran").exists());
    let paths = dx_pm::query::why(project.path(), "dep").unwrap();
    let rendered: Vec<Vec<String>> = paths
        .iter()
        .map(|p| p.iter().map(|s| s.key.clone()).collect())
        .collect();
    assert_eq!(
        rendered,
        [
            vec!["@scope/pkg@3.1.0", "dep@1.0.0"],
            vec!["app-lib@1.0.0", "dep@2.0.0"]
        ]
    );
    let ls = dx_pm::query::ls(project.path(), false).unwrap();
    assert_eq!(ls, ["@scope/pkg@3.1.0", "app-lib@1.0.0", "scripted@1.0.0"]);
}

#[test]
fn a_package_that_lost_its_manifest_is_linked_again() {
    let registry = registry();
    let project = Project::new(&registry, json!({"dependencies": {"app-lib": "^1"}}));
    project.install().unwrap();
    let modules = project.path().join("node_modules");
    std::fs::remove_file(modules.join("app-lib/package.json")).unwrap();
    std::fs::remove_file(modules.join(".bin/tool")).unwrap();
    let summary = project.install().unwrap();
    assert!(!summary.unchanged);
    assert_eq!(
        project.version_at("node_modules/app-lib").as_deref(),
        Some("1.0.0")
    );
    assert!(modules.join(".bin/tool").symlink_metadata().is_ok());
    assert!(project.install().unwrap().unchanged);
}

#[test]
fn blocked_scripts_run_once_trusted() {
    let registry = registry();
    let project = Project::new(&registry, json!({"dependencies": {"scripted": "1"}}));
    let ran = project.path().join("node_modules/scripted/ran");
    let summary = project.install().unwrap();
    assert_eq!(summary.blocked_scripts, ["scripted@1.0.0"]);
    assert!(!ran.exists());
    assert!(project.install().unwrap().unchanged);
    assert_eq!(dx_pm::scripts::read_blocked(project.path()).len(), 1);

    // Trusted by hand in package.json: the next install runs the script, though it links
    // nothing, and only once.
    std::fs::write(
        project.path().join("package.json"),
        json!({"dependencies": {"scripted": "1"}, "trustedDependencies": ["scripted"]}).to_string(),
    )
    .unwrap();
    let summary = project.install().unwrap();
    assert_eq!(summary.ran_scripts, ["scripted@1.0.0"]);
    assert!(summary.blocked_scripts.is_empty() && ran.exists());
    assert!(dx_pm::scripts::read_blocked(project.path()).is_empty());

    // `--ignore-scripts` blocks even a trusted script; the next plain install runs it.
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    let mut ignoring = project.opts();
    ignoring.ignore_scripts = true;
    let summary = dx_pm::install(project.path(), &ignoring, Arc::new(Silent)).unwrap();
    assert_eq!(summary.blocked_scripts, ["scripted@1.0.0"]);
    assert!(!ran.exists());
    assert_eq!(project.install().unwrap().ran_scripts, ["scripted@1.0.0"]);
    assert!(ran.exists());

    // `dx pm trust` names only packages that were blocked, then trusts and runs them.
    let other = Project::new(&registry, json!({"dependencies": {"scripted": "1"}}));
    other.install().unwrap();
    let trust = |names: &[&str]| {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        dx_pm::trust(other.path(), &names, &other.opts(), Arc::new(Silent))
    };
    assert!(matches!(trust(&["dep"]), Err(Error::NotBlocked(n)) if n == "dep"));
    assert_eq!(trust(&[]).unwrap().ran_scripts, ["scripted@1.0.0"]);
    assert!(other.path().join("node_modules/scripted/ran").exists());
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(other.path().join("package.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["trustedDependencies"], json!(["scripted"]));
}

#[test]
fn add_and_remove_edit_the_manifest_and_the_tree() {
    let mut registry = registry();
    registry.publish("dep", "1.1.0", &[("index.js", "")], json!({}));
    let project = Project::new(&registry, json!({"name": "p", "dependencies": {}}));
    let add = |arg: &str| {
        dx_pm::add(
            project.path(),
            &[arg.to_string()],
            DepGroup::Prod,
            false,
            &project.opts(),
            Arc::new(Silent),
        )
    };
    // What is saved follows npm: a version, or a range that holds `^<picked>`, saves
    // `^<picked>`; a narrower range is kept as written.
    let saved = |arg: &str| {
        add(arg).unwrap();
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(project.path().join("package.json")).unwrap(),
        )
        .unwrap();
        manifest["dependencies"]["dep"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(saved("dep@2.0.0"), "^2.0.0");
    assert_eq!(saved("dep@~1.0"), "~1.0");
    assert_eq!(saved("dep@1"), "^1.1.0");
    // The version asked for is the one installed, though the range saved allows a newer one.
    assert_eq!(saved("dep@1.0.0"), "^1.0.0");
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    dx_pm::add(
        project.path(),
        &["app-lib".to_string(), "@scope/pkg".to_string()],
        DepGroup::Dev,
        false,
        &project.opts(),
        Arc::new(Silent),
    )
    .unwrap();
    assert!(project.path().join("node_modules/@scope/pkg").is_dir());
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(project.path().join("package.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["devDependencies"]["app-lib"], "^1.0.0");
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    assert_eq!(
        project
            .version_at("node_modules/app-lib/node_modules/dep")
            .as_deref(),
        Some("2.0.0")
    );

    dx_pm::remove(
        project.path(),
        &["app-lib".to_string(), "@scope/pkg".to_string()],
        &project.opts(),
        Arc::new(Silent),
    )
    .unwrap();
    assert!(!project.path().join("node_modules/app-lib").exists());
    // The scope folder goes with its last package, and the emptied group with its last entry.
    assert!(!project.path().join("node_modules/@scope").exists());
    let manifest = std::fs::read_to_string(project.path().join("package.json")).unwrap();
    assert!(!manifest.contains("devDependencies"), "{manifest}");
    let lock = std::fs::read_to_string(project.path().join("dx.lock")).unwrap();
    assert!(
        !lock.contains("app-lib") && !lock.contains("dep@2.0.0"),
        "{lock}"
    );
    assert!(matches!(
        dx_pm::remove(
            project.path(),
            &["nope".to_string()],
            &project.opts(),
            Arc::new(Silent)
        ),
        Err(Error::NotADependency(_))
    ));

    // An add that cannot install leaves `package.json` as it was, so later installs still work.
    let before = std::fs::read(project.path().join("package.json")).unwrap();
    assert!(matches!(
        add("dep@^9"),
        Err(Error::NoMatchingVersion { nearest, .. }) if nearest.contains("2.0.0")
    ));
    assert!(matches!(add("user/repo"), Err(Error::GitUnsupported(_))));
    assert_eq!(
        std::fs::read(project.path().join("package.json")).unwrap(),
        before
    );
    project.install().unwrap();

    // `.npmrc`'s `save-prefix` and `save-exact` choose what is saved, as in npm.
    let npmrc = project.path().join(".npmrc");
    let config = std::fs::read_to_string(&npmrc).unwrap();
    std::fs::write(&npmrc, format!("{config}\nsave-prefix=~\n")).unwrap();
    assert_eq!(saved("dep@2.0.0"), "~2.0.0");
    std::fs::write(
        &npmrc,
        format!("{config}\nsave-prefix=~\nsave-exact=true\n"),
    )
    .unwrap();
    assert_eq!(saved("dep@1"), "1.1.0");
}

#[test]
fn tampered_tarball_aborts_with_nothing_linked() {
    let registry = registry();
    registry.tamper("dep", "2.0.0");
    let project = Project::new(&registry, json!({"dependencies": {"app-lib": "^1"}}));
    match project.install() {
        Err(Error::Integrity { package, .. }) => assert_eq!(package, "dep@2.0.0"),
        other => panic!("expected an integrity error, got {other:?}"),
    }
    assert!(!project.path().join("node_modules/dep").exists());
    assert!(!project.path().join("dx.lock").exists());
}

/// Text that deflate cannot shrink much, so the tarball is large enough to be unpacked while
/// it downloads.
fn incompressible(len: usize) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'!' + (x % 90) as u8)
        })
        .collect()
}

#[test]
fn a_large_tarball_unpacks_while_it_downloads_and_a_damaged_one_leaves_nothing() {
    // ~20 MB once gzipped: past the size from which a tarball is unpacked as it arrives.
    let big = incompressible(24 << 20);
    let mut registry = Registry::start();
    registry.publish("big", "1.0.0", &[("data.txt", &big)], json!({}));
    let project = Project::new(&registry, json!({"dependencies": {"big": "1.0.0"}}));
    project.install().unwrap();
    let installed = std::fs::read_to_string(project.path().join("node_modules/big/data.txt"));
    assert!(installed.unwrap() == big, "the streamed file arrived whole");

    let mut damaged = Registry::start();
    damaged.publish("big", "1.0.0", &[("data.txt", &big)], json!({}));
    damaged.flip_byte("big", "1.0.0");
    let project = Project::new(&damaged, json!({"dependencies": {"big": "1.0.0"}}));
    match project.install() {
        Err(Error::Integrity { package, .. }) => assert_eq!(package, "big@1.0.0"),
        other => panic!("expected an integrity error, got {other:?}"),
    }
    assert!(
        !project.path().join("node_modules").exists(),
        "a failed first install leaves no node_modules"
    );
    let store = project.cache.path().join("store-v1");
    let entries: Vec<_> = walk(&store)
        .into_iter()
        .filter(|p| !p.ends_with("tmp"))
        .collect();
    assert!(entries.is_empty(), "nothing stored: {entries:?}");
}

/// Every path below `dir` (none when it does not exist).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(entry.path());
        out.extend(walk(&entry.path()));
    }
    out
}

/// What is in `node_modules` at its top, sorted.
fn top_of_node_modules(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.path().join("node_modules"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_version_needed_in_two_places_is_installed_in_both() {
    let mut registry = registry();
    registry.publish(
        "other-lib",
        "1.0.0",
        &[("index.js", "module.exports = require('dep')")],
        json!({"dependencies": {"dep": "^2.0.0"}}),
    );
    // dep@1 at the top, so dep@2 goes under app-lib and under other-lib.
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "other-lib": "1", "@scope/pkg": "^3", "dep": "1"}}),
    );
    project.install().unwrap();
    assert_eq!(
        top_of_node_modules(&project),
        [".bin", ".dx", "@scope", "app-lib", "dep", "other-lib"]
    );
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    for parent in ["app-lib", "other-lib"] {
        let nested = format!("node_modules/{parent}/node_modules/dep");
        assert_eq!(project.version_at(&nested).as_deref(), Some("2.0.0"));
        let index = project.path().join(&nested).join("index.js");
        assert_eq!(
            std::fs::read_to_string(index).unwrap(),
            "module.exports = 2"
        );
    }
}

#[test]
fn unknown_packages_and_ranges_are_clear_errors() {
    let registry = registry();
    let project = Project::new(&registry, json!({"dependencies": {"nope": "1"}}));
    assert!(matches!(project.install(), Err(Error::UnknownPackage(n)) if n == "nope"));
    assert!(!project.path().join("node_modules").exists());
    let project = Project::new(&registry, json!({"dependencies": {"dep": "^5"}}));
    match project.install() {
        Err(e @ Error::NoMatchingVersion { .. }) => {
            assert_eq!(
                e.to_string(),
                "no version of `dep` matches `^5` (nearest: 2.0.0)"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_late_packument_is_raced_by_a_second_request() {
    let registry = registry();
    // The first request for `dep`'s document is not answered for longer than the install may
    // take; the copy sent once it is late is answered at once.
    registry.stall_once("/dep", std::time::Duration::from_secs(30));
    let project = Project::new(&registry, json!({"dependencies": {"app-lib": "^1"}}));
    let start = std::time::Instant::now();
    project.install().unwrap();
    assert!(
        start.elapsed() < std::time::Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("2.0.0")
    );
}

#[test]
fn look_ahead_packuments_travel_on_their_own_connections() {
    let registry = registry();
    // While `@scope/pkg`'s document is held back, the first level cannot end, and `dep`, which
    // `app-lib@1` needs, is asked for ahead of its level.
    registry.stall_once("/@scope%2fpkg", std::time::Duration::from_millis(300));
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "@scope/pkg": "^3"}}),
    );
    project.install().unwrap();
    let served = registry.served.lock().unwrap().clone();
    let ports = |wanted: &dyn Fn(&str) -> bool| -> HashSet<u16> {
        served
            .iter()
            .filter(|(path, _)| wanted(path))
            .map(|&(_, port)| port)
            .collect()
    };
    let ahead = ports(&|path| path == "/dep");
    let now = ports(&|path| path != "/dep");
    assert!(!ahead.is_empty() && !now.is_empty(), "{served:?}");
    assert!(ahead.is_disjoint(&now), "{served:?}");
}

#[test]
fn unreachable_registry_fails_fast_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"dependencies":{"dep":"1"}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".npmrc"),
        format!("registry=http://{closed}/\n"),
    )
    .unwrap();
    let cache = tempfile::tempdir().unwrap();
    let opts = InstallOptions {
        cache_dir: Some(cache.path().to_path_buf()),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let err = dx_pm::install(dir.path(), &opts, Arc::new(Silent)).unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(!err.to_string().contains('\n'));
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn audit_reports_recorded_advisories_and_a_405_in_one_line() {
    let mut registry = registry();
    registry.publish("dep", "2.0.1", &[], json!({}));
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "@scope/pkg": "^3", "dep": "2.0.0"}}),
    );
    let opts = project.opts();
    project.install().unwrap();
    let advisories = json!({"dep": [{"id": 7, "title": "Prototype pollution in dep", "severity": "high",
        "url": "https://advisories.example/7", "vulnerable_versions": ">=2.0.0 <2.0.1"}]});
    registry.routes.lock().unwrap().insert(
        "/-/npm/v1/security/advisories/bulk".into(),
        (200, advisories.to_string().into_bytes()),
    );
    let found = dx_pm::audit::audit(project.path(), &opts).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(
        (f.name.as_str(), f.version.as_str(), f.severity.as_str()),
        ("dep", "2.0.0", "high")
    );
    assert_eq!(f.fixed_in.as_deref(), Some("2.0.1"));
    assert_eq!(
        f.paths,
        [
            vec!["dep@2.0.0".to_string()],
            vec!["app-lib@1.0.0".to_string(), "dep@2.0.0".to_string()]
        ]
    );

    registry.routes.lock().unwrap().insert(
        "/-/npm/v1/security/advisories/bulk".into(),
        (405, Vec::new()),
    );
    let err = dx_pm::audit::audit(project.path(), &opts).unwrap_err();
    assert!(
        matches!(err, Error::AuditUnsupported { status: 405, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("does not serve the audit endpoint (HTTP 405)")
    );
}

#[test]
fn isolated_linker_exposes_only_declared_dependencies() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"dependencies": {"app-lib": "^1", "@scope/pkg": "^3"}}),
    );
    let mut opts = project.opts();
    opts.linker = dx_pm::Linker::Isolated;
    let summary = dx_pm::install(project.path(), &opts, Arc::new(Silent)).unwrap();
    assert_eq!(summary.packages, 4);
    assert_eq!(summary.added, ["@scope/pkg@3.1.0", "app-lib@1.0.0"]);
    let top = project.path().join("node_modules/app-lib");
    assert!(top.symlink_metadata().unwrap().file_type().is_symlink());
    // No phantom dependency: `dep` is not a direct dependency, so it is not at the top.
    assert!(!project.path().join("node_modules/dep").exists());
    assert_eq!(
        project
            .version_at("node_modules/.dx/app-lib@1.0.0/node_modules/dep")
            .as_deref(),
        Some("2.0.0")
    );
    assert_eq!(
        project
            .version_at("node_modules/.dx/@scope+pkg@3.1.0/node_modules/dep")
            .as_deref(),
        Some("1.0.0")
    );
    assert!(project.path().join("node_modules/.bin/tool").exists());
    let out = std::process::Command::new("node")
        .args(["-e", "console.log(require('app-lib'))"])
        .current_dir(project.path())
        .output()
        .expect("node must be installed");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "2",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dx_pm::install(project.path(), &opts, Arc::new(Silent))
            .unwrap()
            .unchanged
    );

    // Switching back to the hoisted layout replaces the links with folders.
    let summary = project.install().unwrap();
    assert_eq!(summary.linked, 4);
    assert!(!top.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
}

#[test]
fn update_picks_up_a_new_release_and_migrate_imports_npm_lockfiles() {
    let mut registry = registry();
    let project = Project::new(&registry, json!({"dependencies": {"app-lib": "^1"}}));
    project.install().unwrap();
    registry.publish("dep", "2.0.1", &[], json!({}));
    // A plain install keeps the locked version.
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    project.install().unwrap();
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("2.0.0")
    );
    let mut update = project.opts();
    update.refresh = Some(["dep".to_string()].into());
    dx_pm::install(project.path(), &update, Arc::new(Silent)).unwrap();
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("2.0.1")
    );

    // package-lock.json → dx.lock, then a frozen install from it.
    let tarball = |name: &str, v: &str| {
        let doc: Value =
            serde_json::from_slice(&registry.routes.lock().unwrap()[&format!("/{name}")].1)
                .unwrap();
        (
            doc["versions"][v]["dist"]["tarball"].clone(),
            doc["versions"][v]["dist"]["integrity"].clone(),
        )
    };
    let (app_url, app_sri) = tarball("app-lib", "1.0.0");
    let (dep_url, dep_sri) = tarball("dep", "2.0.0");
    let npm_project = Project::new(&registry, json!({"dependencies": {"app-lib": "^1"}}));
    let package_lock = json!({"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"app-lib": "^1"}},
        "node_modules/app-lib": {"version": "1.0.0", "resolved": app_url, "integrity": app_sri,
                                 "dependencies": {"dep": "^2.0.0"}, "bin": {"tool": "bin/tool.js"}},
        "node_modules/dep": {"version": "2.0.0", "resolved": dep_url, "integrity": dep_sri}
    }});
    std::fs::write(
        npm_project.path().join("package-lock.json"),
        package_lock.to_string(),
    )
    .unwrap();
    let note = dx_pm::migrate::migrate(npm_project.path(), &npm_project.opts()).unwrap();
    assert_eq!(
        note.to_string(),
        "imported 2 package versions from `package-lock.json`"
    );
    let mut frozen = npm_project.opts();
    frozen.frozen_lockfile = true;
    dx_pm::install(npm_project.path(), &frozen, Arc::new(Silent)).unwrap();
    assert_eq!(
        npm_project.version_at("node_modules/dep").as_deref(),
        Some("2.0.0")
    );
    assert!(npm_project.path().join("node_modules/.bin/tool").exists());
}
