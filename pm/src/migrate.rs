//! `dx pm migrate` and the first `dx install` of a project without `dx.lock`: imports npm's
//! `package-lock.json` (lockfile v2/v3, the `packages` map keyed by folder path) as a whole graph
//! (edges recovered the way Node finds modules: from a package's folder, up the tree), or the
//! versions pinned by `pnpm-lock.yaml`, `yarn.lock` or `bun.lock` ([`crate::lockimport`]),
//! so the first install keeps the versions the other tool had chosen.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::graph::{self, Graph, Group, Package, RootDep};
use crate::install::InstallOptions;
use crate::lockimport::{self, Dependent, Pins, Tree, find_from};
use crate::manifest::Manifest;

/// What a foreign lockfile gave.
#[derive(Debug)]
pub enum Imported {
    /// npm's lockfile: the whole graph.
    Graph(Graph),
    /// The others: versions to prefer while resolving.
    Pins(Pins),
}

/// What was imported, for the user: the file and how many packages or versions it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    pub file: String,
    pub count: usize,
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "imported {} package versions from `{}`",
            self.count, self.file
        )
    }
}

/// The first foreign lockfile of `project` (npm's first), imported for `manifest`.
pub fn import(project: &Path, manifest: &Manifest) -> Result<Option<(ImportNote, Imported)>> {
    let path = project.join("package-lock.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let lock: Value =
                serde_json::from_str(&text).map_err(|reason| Error::Json { path, reason })?;
            let (count, imported) = match from_package_lock(&lock, manifest)? {
                PackageLock::Graph(graph) => (graph.packages.len(), Imported::Graph(graph)),
                PackageLock::Versions(pins) => (pins.len(), Imported::Pins(pins)),
            };
            let note = ImportNote {
                file: "package-lock.json".into(),
                count,
            };
            return Ok(Some((note, imported)));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io_at(e, &path)),
    }
    Ok(lockimport::find(project)?.map(|(path, pins)| {
        let note = ImportNote {
            file: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            count: pins.len(),
        };
        (note, Imported::Pins(pins))
    }))
}

/// Writes `<project>/dx.lock` from the project's foreign lockfile. A pnpm, yarn or bun lockfile
/// lacks what `dx.lock` holds (bins, platforms, edges), so the graph is resolved from the registry
/// with its versions preferred; nothing is installed.
pub fn migrate(project: &Path, opts: &InstallOptions) -> Result<ImportNote> {
    let workspace = crate::workspace::load(project)?;
    let Some((note, imported)) = import(project, &workspace.root)? else {
        return Err(Error::ForeignLockfile(format!(
            "no `package-lock.json`, {} to import in `{}`",
            lockimport::FOREIGN_LOCKFILES.join(", "),
            project.display()
        )));
    };
    let graph = match imported {
        Imported::Graph(g) => g,
        Imported::Pins(pins) => {
            crate::install::resolve_only(project, &workspace, &pins, opts, Arc::new(crate::Silent))?
        }
    };
    crate::fsutil::write_atomic(
        &project.join(crate::lockfile::FILE_NAME),
        crate::lockfile::to_string(&graph).as_bytes(),
    )?;
    Ok(note)
}

/// What a `package-lock.json` gives.
#[derive(Debug)]
pub enum PackageLock {
    /// The whole graph: every entry names its tarball and hash.
    Graph(Graph),
    /// Only versions: some entry has no `resolved` URL (npm's `omit-lockfile-registry-resolved`
    /// leaves them out, to be fetched from whatever registry is configured) or no hash, so the
    /// graph is resolved from the registry with these versions preferred.
    Versions(Pins),
}

/// The versions of a `package-lock.json`'s packages (`at`: folder → `name@version`), and what
/// each dependency of the root, a workspace member (a folder outside `node_modules`) or a
/// package got, found from the dependent's folder as Node finds modules. Members are importers,
/// not package versions.
fn package_lock_pins(
    entries: &serde_json::Map<String, Value>,
    at: &BTreeMap<&str, String>,
) -> Pins {
    let mut pins = Pins::default();
    for (path, key) in at {
        if path.contains("node_modules/") {
            let (name, version) = graph::split_key(key);
            pins.add(name, version);
        }
    }
    for (path, entry) in entries {
        let dependent = match at.get(path.as_str()) {
            _ if !path.contains("node_modules/") => Dependent::Importer(path),
            Some(key) => Dependent::Package(key),
            // A link (its target's own entry is the member) or a bundled package.
            None => continue,
        };
        for folder in lockimport::dependency_names(Some(entry)) {
            if let Some(target) = find_from(Tree::Npm, at, path, folder) {
                pins.add_edge(dependent, folder, target.clone());
            }
        }
    }
    pins
}

/// Converts a parsed `package-lock.json` (v2 or v3) for the given root manifest. Entries that
/// come inside another package's tarball (`inBundle`) are not packages of their own, as in
/// [`crate::resolver`]: nothing links or fetches them, and no edge points at them.
pub fn from_package_lock(lock: &Value, manifest: &Manifest) -> Result<PackageLock> {
    let version = lock
        .get("lockfileVersion")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let Some(entries) = lock
        .get("packages")
        .and_then(Value::as_object)
        .filter(|_| version >= 2)
    else {
        return Err(Error::ForeignLockfile(format!(
            "`package-lock.json` version {version} has no `packages` map (v2 or v3 is needed)"
        )));
    };
    // Folder path → package key, for every installed (non-link) entry.
    let mut at: BTreeMap<&str, String> = BTreeMap::new();
    let flag = |entry: &Value, name: &str| entry.get(name).and_then(Value::as_bool) == Some(true);
    for (path, entry) in entries {
        if path.is_empty() || flag(entry, "link") || flag(entry, "inBundle") {
            continue;
        }
        let Some(version) = entry.get("version").and_then(Value::as_str) else {
            continue;
        };
        let folder_name = path
            .rsplit_once("node_modules/")
            .map_or(path.as_str(), |(_, n)| n);
        let name = entry
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(folder_name);
        at.insert(path.as_str(), graph::key(name, version));
    }
    if at.keys().any(|path| {
        let source = |field| entries[*path].get(field).and_then(Value::as_str);
        source("resolved").is_none_or(str::is_empty)
            || source("integrity").is_none_or(str::is_empty)
    }) {
        return Ok(PackageLock::Versions(package_lock_pins(entries, &at)));
    }
    let lookup = |from: &str, folder: &str| find_from(Tree::Npm, &at, from, folder).cloned();
    let mut g = Graph {
        overrides: manifest.overrides.lock_entries(),
        ..Default::default()
    };
    for (path, key) in &at {
        let entry = &entries[*path];
        // `true` bundles every dependency; a list names them.
        let bundled = |folder: &str| match entry
            .get("bundleDependencies")
            .or_else(|| entry.get("bundledDependencies"))
        {
            Some(Value::Bool(all)) => *all,
            Some(Value::Array(names)) => names.iter().any(|n| n.as_str() == Some(folder)),
            _ => false,
        };
        // As the resolver records them: a peer it also depends on is that dependency.
        let declared = |folder: &str| {
            ["dependencies", "optionalDependencies"]
                .iter()
                .any(|field| entry.get(*field).and_then(|d| d.get(folder)).is_some())
        };
        let strings = |field: &str| -> Vec<String> {
            match entry.get(field) {
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                Some(Value::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            }
        };
        let mut pkg = Package {
            resolved: entry
                .get("resolved")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            integrity: entry
                .get("integrity")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            os: strings("os"),
            cpu: strings("cpu"),
            libc: strings("libc"),
            has_install_script: entry
                .get("hasInstallScript")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ..Default::default()
        };
        if let Some(Value::Object(bin)) = entry.get("bin") {
            pkg.bin = bin
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect();
        }
        for (field, optional, peer) in [
            ("dependencies", false, false),
            ("optionalDependencies", true, false),
            ("peerDependencies", false, true),
        ] {
            let Some(Value::Object(deps)) = entry.get(field) else {
                continue;
            };
            for (folder, spec) in deps.iter().filter(|(folder, _)| !bundled(folder)) {
                if peer && !declared(folder) {
                    pkg.peer_ranges
                        .insert(folder.clone(), spec.as_str().unwrap_or("*").to_string());
                }
                let Some(target) = lookup(path, folder) else {
                    continue;
                };
                pkg.dependencies.insert(folder.clone(), target);
                if optional {
                    pkg.optional.insert(folder.clone());
                }
                if peer {
                    pkg.peer.insert(folder.clone());
                }
            }
        }
        g.packages.entry(key.clone()).or_insert(pkg);
    }
    for (folder, (group, spec)) in &manifest.deps {
        let group: Group = (*group).into();
        let package = lookup("", folder);
        if package.is_none() && group != Group::Optional {
            return Err(Error::ForeignLockfile(format!(
                "`package-lock.json` does not install `{folder}`"
            )));
        }
        g.root.insert(
            folder.clone(),
            RootDep {
                spec: spec.clone(),
                group,
                package,
            },
        );
    }
    Ok(PackageLock::Graph(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_edges_nesting_and_aliases() {
        let manifest = Manifest::parse(
            br#"{"dependencies":{"a":"^1","old":"npm:b@1"},"devDependencies":{"b":"^2"}}"#,
        )
        .unwrap();
        let lock = serde_json::json!({
            "lockfileVersion": 3,
            "packages": {
                "": {"dependencies": {"a": "^1", "old": "npm:b@1"}, "devDependencies": {"b": "^2"}},
                "node_modules/a": {"version": "1.0.0", "resolved": "u/a", "integrity": "sha512-a",
                                   "dependencies": {"b": "^1", "c": "^1"}, "bundleDependencies": ["c"],
                                   "optionalDependencies": {"fsevents": "2"},
                                   "peerDependencies": {"fsevents": "*", "sass": "^1"},
                                   "peerDependenciesMeta": {"sass": {"optional": true}}},
                "node_modules/a/node_modules/b": {"version": "1.5.0", "resolved": "u/b1", "integrity": "sha512-b1"},
                // Inside a's tarball: no URL, no hash, and not the `c` a hoisted lookup finds.
                "node_modules/a/node_modules/c": {"version": "1.0.0", "inBundle": true},
                "node_modules/c": {"version": "2.0.0", "resolved": "u/c", "integrity": "sha512-c"},
                "node_modules/b": {"version": "2.0.0", "resolved": "u/b2", "integrity": "sha512-b2", "dev": true,
                                   "bin": {"b": "cli.js"}},
                "node_modules/old": {"name": "b", "version": "1.0.0", "resolved": "u/b0", "integrity": "sha512-b0"}
            }
        });
        let PackageLock::Graph(g) = from_package_lock(&lock, &manifest).unwrap() else {
            panic!("every entry has its tarball and hash");
        };
        assert_eq!(
            g.packages.keys().collect::<Vec<_>>(),
            ["a@1.0.0", "b@1.0.0", "b@1.5.0", "b@2.0.0", "c@2.0.0"]
        );
        assert_eq!(g.packages["a@1.0.0"].dependencies["b"], "b@1.5.0");
        assert!(!g.packages["a@1.0.0"].dependencies.contains_key("c"));
        assert!(!g.packages["a@1.0.0"].dependencies.contains_key("fsevents"));
        // The optional peer npm left out is kept for the layout; the one a also depends on is
        // that dependency.
        assert_eq!(
            g.packages["a@1.0.0"].peer_ranges,
            BTreeMap::from([("sass".to_string(), "^1".to_string())])
        );
        assert_eq!(g.root["old"].package.as_deref(), Some("b@1.0.0"));
        assert_eq!(g.root["b"].group, Group::Dev);
        assert_eq!(g.packages["b@2.0.0"].bin["b"], "cli.js");
        let text = crate::lockfile::to_string(&g);
        assert_eq!(crate::lockfile::parse(&text).unwrap(), g);
    }

    #[test]
    fn a_lockfile_without_tarball_urls_gives_its_versions() {
        // What npm writes with `omit-lockfile-registry-resolved=true`.
        let manifest = Manifest::parse(br#"{"dependencies":{"a":"^1","b":"^2"}}"#).unwrap();
        let lock = serde_json::json!({
            "lockfileVersion": 3,
            "packages": {
                "": {"dependencies": {"a": "^1", "b": "^2"}},
                "node_modules/a": {"version": "1.2.0", "integrity": "sha512-a",
                                   "dependencies": {"b": "^2.2", "c": "^1"}},
                "node_modules/a/node_modules/b": {"version": "2.3.0", "integrity": "sha512-b3"},
                "node_modules/b": {"version": "2.1.0", "integrity": "sha512-b"},
                "node_modules/c": {"version": "1.0.0", "integrity": "sha512-c"},
                "node_modules/m": {"resolved": "packages/m", "link": true},
                "packages/m": {"name": "m", "version": "0.1.0", "dependencies": {"c": "1"}}
            }
        });
        let PackageLock::Versions(pins) = from_package_lock(&lock, &manifest).unwrap() else {
            panic!("no entry names its tarball");
        };
        let range = |r: &str| nodejs_semver::Range::parse(r).unwrap();
        assert_eq!(pins.len(), 4, "the member is no package version");
        assert_eq!(pins.best("a", &range("^1")).unwrap().to_string(), "1.2.0");
        assert_eq!(pins.best("b", &range("^2")).unwrap().to_string(), "2.3.0");
        // What each dependent got, found up the tree from its folder.
        let root = Dependent::Importer("");
        assert_eq!(pins.got(root, "b", "^2"), Some("b@2.1.0"));
        let a = Dependent::Package("a@1.2.0");
        assert_eq!(pins.got(a, "b", "^2.2"), Some("b@2.3.0"));
        assert_eq!(pins.got(a, "c", "^1"), Some("c@1.0.0"));
        assert_eq!(
            pins.got(Dependent::Importer("packages/m"), "c", "1"),
            Some("c@1.0.0")
        );
    }

    #[test]
    fn old_lockfiles_are_refused_clearly() {
        let manifest = Manifest::parse(b"{}").unwrap();
        let err = from_package_lock(
            &serde_json::json!({"lockfileVersion": 1, "dependencies": {}}),
            &manifest,
        )
        .unwrap_err();
        assert!(err.to_string().contains("v2 or v3"), "{err}");
    }
}
