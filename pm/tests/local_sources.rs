//! End-to-end installs of dependencies outside the registry (`file:` folders and tarballs,
//! `link:`, tarball URLs, `workspace:`), of workspaces, and first installs that take their
//! versions from a pnpm, yarn or bun lockfile, against the loopback registry.

use std::path::Path;
use std::sync::Arc;

use dx_pm::Silent;
use serde_json::json;

mod support;
use support::*;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn node(dir: &Path, script: &str) -> String {
    let out = std::process::Command::new("node")
        .args(["-e", script])
        .current_dir(dir)
        .output()
        .expect("node must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

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
    r
}

#[test]
fn file_link_tarball_and_url_dependencies_install_and_lock() {
    let registry = registry();
    let remote = make_tgz(&[
        (
            "package.json".into(),
            json!({"name": "remote", "version": "0.3.0", "dependencies": {"dep": "^2"}})
                .to_string(),
        ),
        (
            "index.js".into(),
            "module.exports = 'remote' + require('dep')".into(),
        ),
    ]);
    registry.serve("/files/remote-0.3.0.tgz", remote);
    let url = format!("{}files/remote-0.3.0.tgz", registry.url);
    let project = Project::new(
        &registry,
        json!({"dependencies": {
            "mylib": "file:./libs/util",
            "packed": "file:vendor/packed.tgz",
            "shared": "link:./shared",
            "remote": url,
        }}),
    );
    let dir = project.path();
    write(
        dir,
        "libs/util/package.json",
        &json!({"name": "mylib", "version": "0.1.0", "dependencies": {"dep": "^1"}}).to_string(),
    );
    write(
        dir,
        "libs/util/index.js",
        "module.exports = 'mylib' + require('dep')",
    );
    write(
        dir,
        "libs/util/node_modules/junk/x.js",
        "left out of the copy",
    );
    write(dir, "shared/index.js", "module.exports = 'shared'");
    let packed = make_tgz(&[
        (
            "package.json".into(),
            json!({"name": "packed", "version": "1.2.3", "bin": {"packed": "cli.js"}}).to_string(),
        ),
        (
            "cli.js".into(),
            "#!/usr/bin/env node\nconsole.log('packed')".into(),
        ),
    ]);
    std::fs::create_dir_all(dir.join("vendor")).unwrap();
    std::fs::write(dir.join("vendor/packed.tgz"), &packed).unwrap();

    let summary = project.install().unwrap();
    // --verbose says how files came from the store (this machine's ext4 cannot reflink).
    assert!(
        summary
            .notes
            .iter()
            .any(|n| n == "files placed from the store by hardlink"
                || n == "files placed from the store by reflink"),
        "{:?}",
        summary.notes
    );
    // … and where the time went.
    assert!(
        summary
            .notes
            .iter()
            .any(|n| n.starts_with("timing: resolved "))
            && summary
                .notes
                .iter()
                .any(|n| n.starts_with("timing: packages ready at ")),
        "{:?}",
        summary.notes
    );
    // A `file:` folder is copied in (not its node_modules), a `link:` is a symlink.
    let util = dir.join("node_modules/mylib");
    assert!(!util.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(!util.join("node_modules/junk").exists());
    assert!(
        dir.join("node_modules/shared")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        node(
            dir,
            "console.log([require('mylib'), require('remote'), require('shared')].join(' '))"
        ),
        "mylib1 remote2 shared"
    );
    assert!(dir.join("node_modules/.bin/packed").exists());

    let lock = std::fs::read_to_string(dir.join("dx.lock")).unwrap();
    assert!(lock.contains("\"mylib@file:libs/util\""), "{lock}");
    assert!(lock.contains("\"shared@link:shared\""), "{lock}");
    assert!(lock.contains(&format!("\"remote@{url}\"")), "{lock}");
    assert!(lock.contains("\"packed@file:vendor/packed.tgz\""), "{lock}");
    // A second install from the lockfile changes nothing, byte for byte.
    assert!(project.install().unwrap().unchanged);
    assert_eq!(std::fs::read_to_string(dir.join("dx.lock")).unwrap(), lock);

    // An edit in the local folder's package.json makes the lockfile stale and is picked up.
    write(
        dir,
        "libs/util/package.json",
        &json!({"name": "mylib", "version": "0.1.0", "dependencies": {"dep": "^2"}}).to_string(),
    );
    std::fs::remove_file(dir.join("node_modules/.dx/install.bin")).ok();
    project.install().unwrap();
    assert_eq!(node(dir, "console.log(require('mylib'))"), "mylib2");

    // The shared folder of the user is never touched by a reinstall.
    std::fs::remove_dir_all(dir.join("node_modules")).unwrap();
    project.install().unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("shared/index.js")).unwrap(),
        "module.exports = 'shared'"
    );
}

#[test]
fn a_changed_url_tarball_fails_its_recorded_integrity() {
    let registry = registry();
    let tgz = |v: &str| {
        make_tgz(&[(
            "package.json".into(),
            json!({"name": "remote", "version": v}).to_string(),
        )])
    };
    registry.serve("/files/r.tgz", tgz("1.0.0"));
    let url = format!("{}files/r.tgz", registry.url);
    let project = Project::new(&registry, json!({"dependencies": {"remote": url}}));
    project.install().unwrap();
    std::fs::remove_dir_all(project.path().join("node_modules")).unwrap();
    std::fs::remove_dir_all(project.cache.path()).unwrap();
    registry.serve("/files/r.tgz", tgz("6.6.6"));
    let err = project.install().unwrap_err();
    assert!(matches!(err, dx_pm::Error::Integrity { .. }), "{err}");
}

#[test]
fn git_dependencies_fail_in_one_line_and_leave_the_project_alone() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"dependencies": {"x": "github:user/repo"}}),
    );
    let err = project.install().unwrap_err();
    assert_eq!(
        err.to_string(),
        "git dependencies are not supported by dx yet: github:user/repo"
    );
    assert!(!project.path().join("dx.lock").exists());
}

fn workspace_project(registry: &Registry) -> Project {
    let project = Project::new(
        registry,
        json!({"name": "root", "private": true, "workspaces": ["packages/*"],
               "devDependencies": {"dep": "^1"}}),
    );
    write_members(project.path());
    project
}

/// `packages/web` (which uses `@app/core` through `workspace:*`) and `packages/core`.
fn write_members(dir: &Path) {
    write(
        dir,
        "packages/web/package.json",
        &json!({"name": "@app/web", "version": "1.0.0",
                "dependencies": {"@app/core": "workspace:*", "dep": "^1"},
                "scripts": {"postinstall": "node -e \"require('fs').writeFileSync('ran','')\""}})
        .to_string(),
    );
    write(
        dir,
        "packages/web/index.js",
        "module.exports = require('@app/core') + require('dep')",
    );
    write(
        dir,
        "packages/core/package.json",
        &json!({"name": "@app/core", "version": "2.0.0", "dependencies": {"dep": "^2"}})
            .to_string(),
    );
    write(
        dir,
        "packages/core/index.js",
        "module.exports = 'core' + require('dep')",
    );
}

#[test]
fn workspaces_link_members_and_share_dependencies() {
    let registry = registry();
    let project = workspace_project(&registry);
    let dir = project.path();
    project.install().unwrap();
    for (name, folder) in [("@app/web", "packages/web"), ("@app/core", "packages/core")] {
        let link = dir.join("node_modules").join(name);
        assert!(
            link.symlink_metadata().unwrap().file_type().is_symlink(),
            "{name}"
        );
        assert_eq!(
            std::fs::canonicalize(&link).unwrap(),
            std::fs::canonicalize(dir.join(folder)).unwrap()
        );
    }
    // dep@1 is shared by the root and web (hoisted once); core's dep@2 nests in its folder.
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    assert_eq!(
        project
            .version_at("packages/core/node_modules/dep")
            .as_deref(),
        Some("2.0.0")
    );
    assert_eq!(node(dir, "console.log(require('@app/web'))"), "core21");
    assert!(dir.join("packages/web/ran").exists(), "member scripts run");
    let lock = std::fs::read_to_string(dir.join("dx.lock")).unwrap();
    assert!(
        lock.contains("\"packages/web\": \"@app/web@workspace:packages/web\""),
        "{lock}"
    );
    assert!(project.install().unwrap().unchanged);

    // Without `node_modules` (and its record of the last install), the members' own folders
    // still hold what they held: the next install keeps or replaces it, and does not trip on it.
    std::fs::remove_dir_all(dir.join("node_modules")).unwrap();
    project.install().unwrap();
    assert_eq!(node(dir, "console.log(require('@app/web'))"), "core21");
    std::fs::remove_dir_all(dir.join("node_modules")).unwrap();
    std::fs::write(dir.join("packages/core/node_modules/dep/stale"), "").unwrap();
    std::fs::remove_file(dir.join("packages/core/node_modules/dep/package.json")).unwrap();
    project.install().unwrap();
    assert_eq!(
        project
            .version_at("packages/core/node_modules/dep")
            .as_deref(),
        Some("2.0.0")
    );
    assert!(!dir.join("packages/core/node_modules/dep/stale").exists());

    // A member's new dependency is noticed without touching the root manifest.
    write(
        dir,
        "packages/core/package.json",
        &json!({"name": "@app/core", "version": "2.0.0", "dependencies": {"dep": "^1"}})
            .to_string(),
    );
    project.install().unwrap();
    assert_eq!(node(dir, "console.log(require('@app/web'))"), "core11");

    // The isolated layout links members and gives each its own dependencies.
    let mut isolated = project.opts();
    isolated.linker = dx_pm::Linker::Isolated;
    std::fs::remove_dir_all(dir.join("node_modules")).unwrap();
    dx_pm::install(dir, &isolated, Arc::new(Silent)).unwrap();
    assert_eq!(node(dir, "console.log(require('@app/web'))"), "core11");
    assert!(
        dir.join("packages/core/node_modules/dep")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn pnpm_workspace_yaml_alone_declares_the_members() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"name": "root", "private": true, "devDependencies": {"dep": "^1"}}),
    );
    let dir = project.path();
    write_members(dir);
    write(
        dir,
        "pnpm-workspace.yaml",
        "# pnpm's own file\npackages:\n  - 'packages/*'\n  - \"!**/test/**\"\n\ncatalog:\n  dep: ^2\n",
    );
    write(
        dir,
        "packages/test/package.json",
        r#"{"name": "@app/core"}"#,
    );
    project.install().unwrap();
    assert_eq!(node(dir, "console.log(require('@app/web'))"), "core21");
    let lock = std::fs::read_to_string(dir.join("dx.lock")).unwrap();
    assert!(
        lock.contains("\"packages/core\": \"@app/core@workspace:packages/core\""),
        "{lock}"
    );
    assert!(project.install().unwrap().unchanged);

    // From inside a member, the root it belongs to and the filter that names it.
    let root = std::fs::canonicalize(dir).unwrap();
    assert_eq!(
        dx_pm::workspace::find_root(&dir.join("packages/web")).unwrap(),
        Some((root, "packages/web".to_string()))
    );
}

/// pnpm's `catalog:`/`catalog:<name>`: the range comes from `pnpm-workspace.yaml`, for the root
/// and the members alike, `package.json` keeps `catalog:`, and editing the catalog is a change
/// the next install acts on.
#[test]
fn catalogs_give_the_root_and_members_their_ranges() {
    let registry = registry();
    let project = Project::new(
        &registry,
        json!({"name": "root", "private": true, "devDependencies": {"dep": "catalog:"}}),
    );
    let dir = project.path();
    let workspace = |default: &str| {
        write(
            dir,
            "pnpm-workspace.yaml",
            &format!(
                "packages:\n  - packages/*\ncatalog:\n  dep: {default}\ncatalogs:\n  next:\n    'dep': \"^2\"\n"
            ),
        )
    };
    workspace("^1");
    write(
        dir,
        "packages/a/package.json",
        r#"{"name": "a", "version": "1.0.0", "dependencies": {"dep": "catalog:next"}}"#,
    );
    project.install().unwrap();
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("1.0.0")
    );
    assert_eq!(
        project.version_at("packages/a/node_modules/dep").as_deref(),
        Some("2.0.0")
    );
    assert!(project.install().unwrap().unchanged);
    let manifest = std::fs::read_to_string(dir.join("package.json")).unwrap();
    assert!(manifest.contains("\"catalog:\""), "{manifest}");

    // A catalog edit changes no `package.json`, yet the install follows it.
    workspace("^2");
    assert!(!project.install().unwrap().unchanged);
    assert_eq!(
        project.version_at("node_modules/dep").as_deref(),
        Some("2.0.0")
    );

    write(
        dir,
        "packages/a/package.json",
        r#"{"name": "a", "version": "1.0.0", "dependencies": {"dep": "catalog:old"}}"#,
    );
    assert_eq!(
        project.install().unwrap_err().to_string(),
        "invalid dependency `dep`: `catalog:old` (the workspace has no catalog named `old`; \
         asked for in `packages/a/package.json`)"
    );
}

#[test]
fn an_override_scoped_below_a_member_holds_for_its_dependencies() {
    let registry = registry();
    let project = workspace_project(&registry);
    let dir = project.path();
    let mut root: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("package.json")).unwrap()).unwrap();
    root["overrides"] = json!({"@app/core": {"dep": "1.0.0"}});
    std::fs::write(dir.join("package.json"), root.to_string()).unwrap();
    project.install().unwrap();
    // core asks for dep ^2; the rule below it gives 1.0.0, which the root's copy is.
    assert_eq!(node(dir, "console.log(require('@app/core'))"), "core1");
    assert!(!dir.join("packages/core/node_modules/dep").exists());
}

#[test]
fn filter_selects_members_for_install_add_and_remove() {
    let registry = registry();
    let project = workspace_project(&registry);
    let dir = project.path();
    let mut opts = project.opts();
    opts.filter = vec!["@app/core".into()];
    dx_pm::install(dir, &opts, Arc::new(Silent)).unwrap();
    assert!(dir.join("node_modules/@app/core").exists());
    assert!(!dir.join("node_modules/@app/web").exists());

    opts.filter = vec!["./packages/web".into()];
    dx_pm::add(
        dir,
        &["dep@2.0.0".into()],
        dx_pm::DepGroup::Dev,
        false,
        &opts,
        Arc::new(Silent),
    )
    .unwrap();
    let web: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("packages/web/package.json")).unwrap())
            .unwrap();
    assert_eq!(web["devDependencies"]["dep"], "^2.0.0");
    assert!(web["dependencies"].get("dep").is_none());
    // The edit is web's; the install is the workspace's, so core keeps its place.
    assert!(dir.join("node_modules/@app/core").exists());
    assert!(dir.join("node_modules/@app/web").exists());
    let root: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("package.json")).unwrap()).unwrap();
    assert_eq!(
        root["devDependencies"]["dep"], "^1",
        "the root is left alone"
    );

    // A member is added from the workspace, not looked for in the registry.
    opts.filter = vec!["./packages/core".into()];
    let add = |names: &[&str], opts: &dx_pm::InstallOptions| {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        dx_pm::add(
            dir,
            &names,
            dx_pm::DepGroup::Prod,
            false,
            opts,
            Arc::new(Silent),
        )
    };
    write(
        dir,
        "packages/lone/package.json",
        r#"{"name": "lone", "version": "3.1.0"}"#,
    );
    add(&["lone"], &opts).unwrap();
    let core: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("packages/core/package.json")).unwrap())
            .unwrap();
    assert_eq!(core["dependencies"]["lone"], "^3.1.0");
    assert!(
        dir.join("node_modules/lone")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let err = add(&["lone@^4"], &opts).unwrap_err();
    assert!(err.to_string().contains("does not allow"), "{err}");
    dx_pm::remove(dir, &["lone".into()], &opts, Arc::new(Silent)).unwrap();

    opts.filter = vec!["./packages/web".into()];
    dx_pm::remove(dir, &["dep".into()], &opts, Arc::new(Silent)).unwrap();
    let web: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("packages/web/package.json")).unwrap())
            .unwrap();
    assert!(web["devDependencies"].get("dep").is_none());
    opts.filter = vec!["nothing-*".into()];
    let err = dx_pm::install(dir, &opts, Arc::new(Silent)).unwrap_err();
    assert!(
        err.to_string().contains("no workspace package matches"),
        "{err}"
    );
}

#[test]
fn first_install_keeps_the_versions_of_pnpm_yarn_and_bun_lockfiles() {
    let mut registry = registry();
    registry.publish(
        "dep",
        "2.1.0",
        &[("index.js", "module.exports = 21")],
        json!({}),
    );
    let lockfiles = [
        (
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      dep:\n        specifier: ^2\n        version: 2.0.0\n\npackages:\n\n  dep@2.0.0:\n    resolution: {integrity: sha512-x}\n\nsnapshots:\n\n  dep@2.0.0: {}\n",
        ),
        (
            "yarn.lock",
            "# yarn lockfile v1\n\n\ndep@^2:\n  version \"2.0.0\"\n  resolved \"https://r.test/dep-2.0.0.tgz\"\n",
        ),
        (
            "bun.lock",
            "{\n  \"lockfileVersion\": 1,\n  \"packages\": {\n    \"dep\": [\"dep@2.0.0\", \"\", {}, \"sha512-x\"],\n  },\n}\n",
        ),
    ];
    for (file, text) in lockfiles {
        let project = Project::new(&registry, json!({"dependencies": {"dep": "^2"}}));
        std::fs::write(project.path().join(file), text).unwrap();
        let summary = project.install().unwrap();
        assert_eq!(
            summary.imported.map(|n| n.to_string()).as_deref(),
            Some(format!("imported 1 package versions from `{file}`").as_str())
        );
        assert_eq!(
            project.version_at("node_modules/dep").as_deref(),
            Some("2.0.0"),
            "{file}"
        );
        // dx.lock now rules: the second install does not import again.
        assert!(project.install().unwrap().imported.is_none());

        // `dx pm migrate` writes the same dx.lock without installing.
        let fresh = Project::new(&registry, json!({"dependencies": {"dep": "^2"}}));
        std::fs::write(fresh.path().join(file), text).unwrap();
        dx_pm::migrate::migrate(fresh.path(), &fresh.opts()).unwrap();
        assert!(!fresh.path().join("node_modules").exists());
        assert_eq!(
            std::fs::read_to_string(fresh.path().join("dx.lock")).unwrap(),
            std::fs::read_to_string(project.path().join("dx.lock")).unwrap()
        );
    }

    // Two copies of `dep` locked: the root's 2.0.0 and `user`'s 2.1.0. The root's range was
    // relaxed after locking (pnpm, bun, npm) or is the exact one yarn locked, and fits both
    // (and 2.2.0); each dependent keeps the copy it had.
    registry.publish(
        "dep",
        "2.2.0",
        &[("index.js", "module.exports = 22")],
        json!({}),
    );
    registry.publish(
        "user",
        "1.0.0",
        &[("index.js", "module.exports = require('dep')")],
        json!({"dependencies": {"dep": "^2.0.0"}}),
    );
    let two_copies = [
        (
            "pnpm-lock.yaml",
            "^2",
            "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      dep:\n        specifier: 2.0.0\n        version: 2.0.0\n      user:\n        specifier: '1'\n        version: 1.0.0\n\nsnapshots:\n\n  dep@2.0.0: {}\n\n  dep@2.1.0: {}\n\n  user@1.0.0:\n    dependencies:\n      dep: 2.1.0\n",
        ),
        (
            "yarn.lock",
            "2.0.0",
            "# yarn lockfile v1\n\n\ndep@2.0.0:\n  version \"2.0.0\"\n\ndep@^2.0.0:\n  version \"2.1.0\"\n\nuser@1:\n  version \"1.0.0\"\n  dependencies:\n    dep \"^2.0.0\"\n",
        ),
        (
            "bun.lock",
            "^2",
            "{\n  \"lockfileVersion\": 1,\n  \"workspaces\": { \"\": { \"dependencies\": { \"dep\": \"2.0.0\", \"user\": \"1\" } } },\n  \"packages\": {\n    \"dep\": [\"dep@2.0.0\", \"\", {}, \"sha512-x\"],\n    \"user\": [\"user@1.0.0\", \"\", { \"dependencies\": { \"dep\": \"^2.0.0\" } }, \"sha512-x\"],\n    \"user/dep\": [\"dep@2.1.0\", \"\", {}, \"sha512-x\"],\n  },\n}\n",
        ),
        (
            "package-lock.json",
            "^2",
            r#"{"lockfileVersion": 3, "packages": {
                "": {"dependencies": {"dep": "2.0.0", "user": "1"}},
                "node_modules/dep": {"version": "2.0.0", "integrity": "sha512-x"},
                "node_modules/user": {"version": "1.0.0", "integrity": "sha512-x",
                                      "dependencies": {"dep": "^2.0.0"}},
                "node_modules/user/node_modules/dep": {"version": "2.1.0", "integrity": "sha512-x"}
            }}"#,
        ),
    ];
    for (file, root_range, text) in two_copies {
        let project = Project::new(
            &registry,
            json!({"dependencies": {"dep": root_range, "user": "1"}}),
        );
        std::fs::write(project.path().join(file), text).unwrap();
        let summary = project.install().unwrap();
        assert_eq!(
            summary.imported.map(|n| n.to_string()).as_deref(),
            Some(format!("imported 3 package versions from `{file}`").as_str())
        );
        assert_eq!(
            project.version_at("node_modules/dep").as_deref(),
            Some("2.0.0"),
            "{file}"
        );
        assert_eq!(
            project
                .version_at("node_modules/user/node_modules/dep")
                .as_deref(),
            Some("2.1.0"),
            "{file}"
        );
    }

    let empty = Project::new(&registry, json!({"dependencies": {"dep": "^2"}}));
    std::fs::write(empty.path().join("yarn.lock"), "this is not a lockfile\n").unwrap();
    let err = empty.install().unwrap_err().to_string();
    assert!(err.contains("lists no package dx can read"), "{err}");
}

#[test]
fn why_and_ls_see_through_workspace_members() {
    let registry = registry();
    let project = workspace_project(&registry);
    project.install().unwrap();
    let paths = dx_pm::query::why(project.path(), "dep").unwrap();
    let rendered: Vec<String> = paths
        .iter()
        .map(|p| {
            p.iter()
                .map(|s| s.key.as_str())
                .collect::<Vec<_>>()
                .join(" > ")
        })
        .collect();
    assert!(
        rendered.contains(&"@app/core@workspace:packages/core > dep@2.0.0".to_string()),
        "{rendered:?}"
    );
    assert!(rendered.contains(&"dep@1.0.0".to_string()), "{rendered:?}");
    let ls = dx_pm::query::ls(project.path(), false).unwrap().join("\n");
    assert!(ls.contains("@app/web"), "{ls}");
}
