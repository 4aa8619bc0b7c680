//! End-to-end refusals: a deny-listed or malware-marked package stops the install before anything
//! is linked, names the path that pulled it in, and `--force` overrides; a registry without the
//! advisory endpoint (405) lets the install go on with a note, and is not asked again by installs
//! for a day (`dx audit` always asks).

use std::sync::Arc;

use dx_pm::{Error, Silent};
use serde_json::json;

mod support;
use support::*;

const BULK: &str = "/-/npm/v1/security/advisories/bulk";

fn registry() -> Registry {
    let mut r = Registry::start();
    r.publish("evil", "0.1.0", &[("index.js", "")], json!({}));
    r.publish(
        "lib",
        "2.0.0",
        &[("index.js", "")],
        json!({"dependencies": {"evil": "^0.1"}}),
    );
    r
}

/// The bulk endpoint's answer marking `evil` as malware.
fn malware_answer() -> Vec<u8> {
    json!({"evil": [{"id": 9, "title": "Malware in evil", "severity": "critical",
        "url": "https://advisories.example/9", "vulnerable_versions": ">=0", "cwe": ["CWE-506"]}]})
    .to_string()
    .into_bytes()
}

fn assert_405_noted(summary: &dx_pm::InstallSummary) {
    let noted = |n: &String| n.contains("malware check skipped") && n.contains("405");
    assert!(summary.notes.iter().any(noted), "{:?}", summary.notes);
}

fn refused(err: &Error) -> bool {
    matches!(err, Error::Refused { package, path, .. }
        if package == "evil@0.1.0" && path == "lib@2.0.0 > evil@0.1.0")
}

#[test]
fn malware_advisories_refuse_before_linking_and_force_overrides() {
    let registry = registry();
    let project = Project::new(&registry, json!({"dependencies": {"lib": "^2"}}));
    registry.serve(BULK, malware_answer());
    let err = project.install().unwrap_err();
    assert!(refused(&err), "{err}");
    assert!(
        err.to_string().contains("malware: Malware in evil"),
        "{err}"
    );
    assert!(!project.path().join("node_modules/lib").exists());
    assert!(!project.path().join("dx.lock").exists());

    let mut forced = project.opts();
    forced.force = true;
    dx_pm::install(project.path(), &forced, Arc::new(Silent)).unwrap();
    assert!(project.path().join("node_modules/evil").exists());
}

#[test]
fn deny_list_refuses_and_a_405_only_adds_a_note() {
    let registry = registry();
    registry
        .routes
        .lock()
        .unwrap()
        .insert(BULK.into(), (405, b"Method Not Allowed".to_vec()));
    let project = Project::new(
        &registry,
        json!({"dependencies": {"lib": "^2"}, "dx": {"deny": ["evil"]}}),
    );
    let err = project.install().unwrap_err();
    assert!(refused(&err), "{err}");
    assert!(err.to_string().contains("deny-list (`evil`)"), "{err}");

    // Same list in dx.toml, by range: a version outside it installs, with the 405 noted.
    std::fs::write(
        project.path().join("package.json"),
        json!({"dependencies": {"lib": "^2"}}).to_string(),
    )
    .unwrap();
    std::fs::write(
        project.path().join("dx.toml"),
        "[install]\ndeny = [\"evil@>=1\"]\n",
    )
    .unwrap();
    let summary = project.install().unwrap();
    assert_405_noted(&summary);
    std::fs::write(
        project.path().join("dx.toml"),
        "[install]\ndeny = [\"evil@<1\"]\n",
    )
    .unwrap();
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    let err = project.install().unwrap_err();
    assert!(refused(&err), "{err}");
}

#[test]
fn a_405_is_remembered_by_installs_but_not_by_audit() {
    let registry = registry();
    let unsupported = |status| {
        registry
            .routes
            .lock()
            .unwrap()
            .insert(BULK.into(), (status, b"Method Not Allowed".to_vec()));
    };
    unsupported(405);
    let project = Project::new(&registry, json!({"dependencies": {"lib": "^2"}}));
    project.install().unwrap();

    // The endpoint now answers, with a malware advisory: installs do not ask it for a day…
    registry.serve(BULK, malware_answer());
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    std::fs::remove_file(project.path().join("dx.lock")).unwrap();
    let summary = project.install().unwrap();
    assert_405_noted(&summary);
    // …while `dx audit` asks every time, and sees it.
    let findings = dx_pm::audit::audit(project.path(), &project.opts()).unwrap();
    assert!(findings.iter().any(|f| f.name == "evil"), "{findings:?}");
}

/// With a remembered 405 and the packages stored, root dependencies are linked while resolution
/// runs; an install that is then refused, or whose resolution fails, takes them away again.
#[test]
fn root_dependencies_linked_early_go_away_when_the_install_stops() {
    let mut registry = registry();
    registry
        .routes
        .lock()
        .unwrap()
        .insert(BULK.into(), (405, b"Method Not Allowed".to_vec()));
    registry.publish("other", "1.0.0", &[("index.js", "")], json!({}));
    let cache = tempfile::tempdir().unwrap();
    let with_cache = |project: &Project| {
        let mut opts = project.opts();
        opts.cache_dir = Some(cache.path().to_path_buf());
        opts
    };
    let first = Project::new(
        &registry,
        json!({"dependencies": {"lib": "^2", "other": "1"}}),
    );
    dx_pm::install(first.path(), &with_cache(&first), Arc::new(Silent)).unwrap();

    // The store has everything and the 405 is remembered: `lib` is linked early, then the
    // deny-list refuses `evil` below it.
    let denied = Project::new(
        &registry,
        json!({"dependencies": {"lib": "^2"}, "dx": {"deny": ["evil"]}}),
    );
    let err = dx_pm::install(denied.path(), &with_cache(&denied), Arc::new(Silent)).unwrap_err();
    assert!(refused(&err), "{err}");
    assert_no_node_modules_entries(denied.path());

    // An unknown root dependency fails resolution after `lib` was picked.
    let unknown = Project::new(
        &registry,
        json!({"dependencies": {"lib": "^2", "nowhere": "1"}}),
    );
    let err = dx_pm::install(unknown.path(), &with_cache(&unknown), Arc::new(Silent)).unwrap_err();
    assert!(
        matches!(err, Error::UnknownPackage(ref n) if n == "nowhere"),
        "{err}"
    );
    assert_no_node_modules_entries(unknown.path());

    // And an install that goes through gives the same tree as one without early links.
    let again = Project::new(
        &registry,
        json!({"dependencies": {"lib": "^2", "other": "1"}}),
    );
    let summary = dx_pm::install(again.path(), &with_cache(&again), Arc::new(Silent)).unwrap();
    assert_eq!(summary.linked, 3, "{summary:?}");
    for folder in ["lib", "other", "evil"] {
        let same = |p: &Project| {
            std::fs::read_dir(p.path().join("node_modules").join(folder))
                .unwrap()
                .count()
        };
        assert_eq!(same(&again), same(&first), "{folder}");
    }
}

/// `node_modules` is absent or holds nothing but dx's own bookkeeping.
fn assert_no_node_modules_entries(project: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(project.join("node_modules")) else {
        return;
    };
    let left: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
