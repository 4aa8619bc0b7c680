//! Trusted packages that build a native addon (a `binding.gyp`, no install script of their
//! own) run `node-gyp rebuild`. A machine without node-gyp gets one from the registry, installed
//! into dx's cache once, and node's own headers are handed to it when they match the `node` on
//! `PATH`. The installs run in a child process whose `PATH` holds only what a test puts there.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use serde_json::json;

mod support;
use support::*;

/// A `node-gyp` that records how it was called, in the folder it builds.
const RECORDING_NODE_GYP: &str =
    "#!/bin/sh\necho \"$* nodedir=$npm_config_nodedir gyp=${npm_config_node_gyp##*/}\" > built\n";

fn registry() -> Registry {
    let mut r = Registry::start();
    r.publish(
        "node-gyp",
        "1.0.0",
        &[("bin/node-gyp", RECORDING_NODE_GYP)],
        json!({"bin": {"node-gyp": "bin/node-gyp"}}),
    );
    r.publish(
        "addon",
        "1.0.0",
        &[("binding.gyp", "{\"targets\": []}")],
        json!({"gypfile": true}),
    );
    // Published before registries noted `gypfile`: only its files say it builds.
    r.publish(
        "old-addon",
        "1.0.0",
        &[("binding.gyp", "{\"targets\": []}")],
        json!({}),
    );
    r
}

/// A folder laid out like an installed node: `bin/node` answers `version`, and
/// `include/node/node_version.h` names `headers`. `bin/` also holds `sh`, which dx runs scripts
/// with, so it can be a whole `PATH`.
fn node_prefix(version: &str, headers: (u32, u32, u32)) -> tempfile::TempDir {
    let prefix = tempfile::tempdir().unwrap();
    let bin = prefix.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(bin.join("node"), format!("#!/bin/sh\necho {version}\n")).unwrap();
    std::fs::set_permissions(bin.join("node"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.join("sh")).unwrap();
    let include = prefix.path().join("include/node");
    std::fs::create_dir_all(&include).unwrap();
    let (major, minor, patch) = headers;
    std::fs::write(
        include.join("node_version.h"),
        format!(
            "#define NODE_MAJOR_VERSION {major}\n#define NODE_MINOR_VERSION {minor}\n\
             #define NODE_PATCH_VERSION {patch}\n#define NODE_VERSION_IS_RELEASE 1\n"
        ),
    )
    .unwrap();
    prefix
}

fn install_with_path(project: &Project, cache: &Path, path: &Path) {
    run_child(child_install_command(project.path(), cache).env("PATH", path));
}

fn run_child(command: &mut std::process::Command) {
    let output = command
        .env_remove("npm_config_nodedir")
        .env_remove("NPM_CONFIG_NODEDIR")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_trusted_native_addon_builds_with_node_gyp_from_the_registry() {
    let registry = registry();
    let cache = tempfile::tempdir().unwrap();
    let manifest = json!({"dependencies": {"addon": "1"}, "trustedDependencies": ["addon"]});

    // node's headers match its version: node-gyp is told where they are.
    let node = node_prefix("v20.1.2", (20, 1, 2));
    let project = Project::new(&registry, manifest.clone());
    install_with_path(&project, cache.path(), &node.path().join("bin"));
    let built = std::fs::read_to_string(project.path().join("node_modules/addon/built")).unwrap();
    let prefix = node.path().canonicalize().unwrap();
    assert_eq!(
        built.trim(),
        format!("rebuild nodedir={} gyp=node-gyp", prefix.display())
    );

    // Headers of another version would build an addon node cannot load: node-gyp fetches its
    // own. The node-gyp installed for the first project serves this one too.
    let other = node_prefix("v22.0.0", (20, 1, 2));
    let project = Project::new(&registry, manifest);
    install_with_path(&project, cache.path(), &other.path().join("bin"));
    let built = std::fs::read_to_string(project.path().join("node_modules/addon/built")).unwrap();
    assert_eq!(built.trim(), "rebuild nodedir= gyp=node-gyp");
    let fetched = registry
        .served
        .lock()
        .unwrap()
        .iter()
        .filter(|(path, _)| path.ends_with(".tgz") && path.contains("node-gyp"))
        .count();
    assert_eq!(fetched, 1, "node-gyp is installed once per cache");
}

#[test]
fn a_node_gyp_on_path_is_used_and_untrusted_addons_are_not_built() {
    let registry = registry();
    let cache = tempfile::tempdir().unwrap();
    let node = node_prefix("v20.1.2", (20, 1, 2));
    let bin = node.path().join("bin");
    std::fs::write(bin.join("node-gyp"), RECORDING_NODE_GYP).unwrap();
    std::fs::set_permissions(bin.join("node-gyp"), std::fs::Permissions::from_mode(0o755)).unwrap();

    let trusted = Project::new(
        &registry,
        json!({"dependencies": {"addon": "1"}, "trustedDependencies": ["addon"]}),
    );
    install_with_path(&trusted, cache.path(), &bin);
    let built = std::fs::read_to_string(trusted.path().join("node_modules/addon/built")).unwrap();
    assert!(built.starts_with("rebuild nodedir="), "{built}");
    assert!(
        built.trim().ends_with("gyp="),
        "PATH's node-gyp is used: {built}"
    );

    let untrusted = Project::new(&registry, json!({"dependencies": {"addon": "1"}}));
    install_with_path(&untrusted, cache.path(), &bin);
    assert!(!untrusted.path().join("node_modules/addon/built").exists());
    let requested = registry.served.lock().unwrap();
    assert!(
        requested.iter().all(|(path, _)| !path.contains("node-gyp")),
        "{requested:?}"
    );
}

#[test]
fn an_addon_whose_metadata_is_silent_builds_once_trusted() {
    let registry = registry();
    let cache = tempfile::tempdir().unwrap();
    let node = node_prefix("v20.1.2", (20, 1, 2));
    let bin = node.path().join("bin");
    let built = |project: &Project| project.path().join("node_modules/old-addon/built");

    // Trusted in package.json: its folder is looked at, and it builds.
    let trusted = Project::new(
        &registry,
        json!({"dependencies": {"old-addon": "1"}, "trustedDependencies": ["old-addon"]}),
    );
    install_with_path(&trusted, cache.path(), &bin);
    assert!(built(&trusted).exists());

    // Not trusted: nothing said it has a script, so it is not listed, but `dx pm trust` finds
    // its `binding.gyp` and builds it.
    let later = Project::new(&registry, json!({"dependencies": {"old-addon": "1"}}));
    install_with_path(&later, cache.path(), &bin);
    assert!(!built(&later).exists());
    run_child(
        child_install_command(later.path(), cache.path())
            .env("PATH", &bin)
            .env(CHILD_TRUST, "old-addon"),
    );
    assert!(built(&later).exists());
}

#[test]
#[ignore = "run in a child process by the tests above"]
fn child_install() {
    support::child_install();
}
