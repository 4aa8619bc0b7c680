//! The resolved dependency graph: packages keyed `name@version` and the edges between them, keyed
//! by the folder name a dependency is required as (which differs from the package name for `npm:`
//! aliases). This is what `dx.lock` stores, what the layout is computed from, and what `dx why`
//! walks.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::manifest::DepGroup;
use crate::platform::Platform;

/// The whole graph.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Graph {
    /// The root's dependencies by folder name.
    pub root: BTreeMap<String, RootDep>,
    /// Every package, by `name@version`.
    pub packages: BTreeMap<String, Package>,
    /// The overrides the graph was resolved with; a change means the lockfile is stale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, String>,
    /// Workspace members: folder relative to the project (`packages/a`) → package key. Each is
    /// installed as a root of the graph and linked at `node_modules/<name>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub workspaces: BTreeMap<String, String>,
}

/// One dependency of the root manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RootDep {
    /// The specifier as written in `package.json`, compared to detect a stale lockfile.
    pub spec: String,
    pub group: Group,
    /// The package it resolved to; `None` for an optional dependency that could not be resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

/// [`DepGroup`] with the lockfile's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Prod,
    Dev,
    Optional,
}

impl From<DepGroup> for Group {
    fn from(g: DepGroup) -> Self {
        match g {
            DepGroup::Prod => Group::Prod,
            DepGroup::Dev => Group::Dev,
            DepGroup::Optional => Group::Optional,
        }
    }
}

/// One resolved package version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    pub resolved: String,
    pub integrity: String,
    /// Folder name → package key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dependencies: BTreeMap<String, String>,
    /// Folders among `dependencies` that are optional edges (skipped when their target does not
    /// fit the platform).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub optional: BTreeSet<String>,
    /// Folders among `dependencies` that are peer edges.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub peer: BTreeSet<String>,
    /// Peer dependencies (folder → specifier, after overrides), optional ones the project does
    /// not install included: those leave no edge, yet a copy this package can see must still
    /// fit, so the layout keeps versions these reject out of its sight.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub peer_ranges: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub bin: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub os: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpu: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub libc: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub has_install_script: bool,
    /// For a local folder (workspace member, `file:` folder): its dependency specifiers as its
    /// `package.json` wrote them when resolved, so an edit there makes the lockfile stale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub specs: BTreeMap<String, String>,
}

/// Where a package's files come from, decided by its `resolved` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source<'a> {
    /// A tarball (registry, URL or `file:` tgz) unpacked in the store under its integrity.
    Store(&'a str),
    /// `file:<folder>`: the folder's files are copied in (relative to the project).
    CopyDir(&'a str),
    /// `link:<folder>` or a workspace member: a symlink to the folder (relative to the project).
    Symlink(&'a str),
}

/// The `resolved` prefix of each local source.
pub const FILE_PREFIX: &str = "file:";
pub const LINK_PREFIX: &str = "link:";
pub const WORKSPACE_PREFIX: &str = "workspace:";

impl Package {
    /// Where this package's files come from.
    pub fn source(&self) -> Source<'_> {
        if let Some(path) = self.resolved.strip_prefix(LINK_PREFIX) {
            Source::Symlink(path)
        } else if let Some(path) = self.resolved.strip_prefix(WORKSPACE_PREFIX) {
            Source::Symlink(path)
        } else if let Some(path) = self.resolved.strip_prefix(FILE_PREFIX)
            && self.integrity.is_empty()
        {
            Source::CopyDir(path)
        } else {
            Source::Store(&self.integrity)
        }
    }

    /// Whether the files live in a folder of the user's rather than in the store.
    pub fn is_local_folder(&self) -> bool {
        !matches!(self.source(), Source::Store(_))
    }
}

/// `name@version`.
pub fn key(name: &str, version: &str) -> String {
    format!("{name}@{version}")
}

/// Splits a key into name and version. A package name holds no `@` past its scope's, so the first
/// one after that separates them, and a version that is a URL or path may hold more.
pub fn split_key(key: &str) -> (&str, &str) {
    if key.is_empty() {
        return ("", "");
    }
    match key[1..].find('@') {
        Some(i) => (&key[..i + 1], &key[i + 2..]),
        None => (key, ""),
    }
}

/// Which packages an install puts on disk.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub platform: &'a Platform,
    /// `--production`: leave out the root's devDependencies and what only they need.
    pub production: bool,
    /// `--filter`: only these workspace members (by folder) and what they need; `None` is all.
    pub members: Option<&'a BTreeSet<String>>,
}

impl Graph {
    /// The folder names of the dependencies below package `k`, at any depth.
    pub fn folders_below(&self, k: &str) -> BTreeSet<&str> {
        let mut folders = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut stack = vec![k];
        while let Some(k) = stack.pop() {
            let Some(package) = self.packages.get(k).filter(|_| seen.insert(k)) else {
                continue;
            };
            for (folder, target) in &package.dependencies {
                folders.insert(folder.as_str());
                stack.push(target);
            }
        }
        folders
    }

    /// The packages to install: everything reachable from the root, minus optional edges whose
    /// target does not fit the platform and, with `production`, the dev-only part.
    pub fn active(&self, sel: Selection<'_>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::new();
        queue.extend(
            self.workspaces
                .iter()
                .filter(|(path, _)| sel.members.is_none_or(|m| m.contains(*path)))
                .map(|(_, k)| k.clone()),
        );
        for dep in self.root.values() {
            if sel.production && dep.group == Group::Dev {
                continue;
            }
            if let Some(k) = &dep.package {
                if !self.follows(dep.group == Group::Optional, k, sel.platform) {
                    continue;
                }
                queue.push_back(k.clone());
            }
        }
        while let Some(k) = queue.pop_front() {
            if !seen.insert(k.clone()) {
                continue;
            }
            let Some(pkg) = self.packages.get(&k) else {
                continue;
            };
            for (folder, target) in &pkg.dependencies {
                if !self.follows(pkg.optional.contains(folder), target, sel.platform) {
                    continue;
                }
                if !seen.contains(target) {
                    queue.push_back(target.clone());
                }
            }
        }
        seen
    }

    /// The shortest chain of package keys from a root (a direct dependency or a workspace
    /// member) to `target`, for messages that must say what pulled a package in.
    pub fn path_to(&self, target: &str) -> Option<Vec<String>> {
        let mut parent: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        let mut queue = VecDeque::new();
        let roots = self
            .root
            .values()
            .filter_map(|d| d.package.as_deref())
            .chain(self.workspaces.values().map(String::as_str));
        for k in roots {
            if parent.insert(k, None).is_none() {
                queue.push_back(k);
            }
        }
        while let Some(k) = queue.pop_front() {
            if k == target {
                let mut path = vec![k.to_string()];
                let mut at = k;
                while let Some(Some(p)) = parent.get(at) {
                    path.push(p.to_string());
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            for t in self
                .packages
                .get(k)
                .into_iter()
                .flat_map(|p| p.dependencies.values())
            {
                if !parent.contains_key(t.as_str()) {
                    parent.insert(t, Some(k));
                    queue.push_back(t);
                }
            }
        }
        None
    }

    /// Whether an install goes along a dependency edge to `target`: not when the edge is
    /// optional and `target` is not built for the platform (the resolver, which fetches
    /// packages while it resolves, follows the same edges).
    pub fn follows(&self, optional: bool, target: &str, platform: &Platform) -> bool {
        !optional || self.fits(target, platform)
    }

    fn fits(&self, key: &str, platform: &Platform) -> bool {
        self.packages
            .get(key)
            .is_some_and(|p| platform.matches(&p.os, &p.cpu, &p.libc))
    }

    /// Keeps only `keep` and edges between kept packages.
    pub fn restrict(&self, keep: &BTreeSet<String>) -> Graph {
        let workspaces = self
            .workspaces
            .iter()
            .filter(|(_, k)| keep.contains(*k))
            .map(|(p, k)| (p.clone(), k.clone()))
            .collect();
        let packages = self
            .packages
            .iter()
            .filter(|(k, _)| keep.contains(*k))
            .map(|(k, p)| {
                let mut p = p.clone();
                p.dependencies.retain(|_, t| keep.contains(t));
                (k.clone(), p)
            })
            .collect();
        let root = self
            .root
            .iter()
            .map(|(f, d)| {
                let mut d = d.clone();
                d.package = d.package.filter(|k| keep.contains(k));
                (f.clone(), d)
            })
            .collect();
        Graph {
            root,
            packages,
            overrides: self.overrides.clone(),
            workspaces,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_with_scopes() {
        assert_eq!(split_key("@types/node@20.1.0"), ("@types/node", "20.1.0"));
        assert_eq!(split_key("a@1.0.0-beta.1"), ("a", "1.0.0-beta.1"));
        assert_eq!(key("a", "1.0.0"), "a@1.0.0");
        assert_eq!(
            split_key("x@https://h.test/@x/-/x-1.tgz"),
            ("x", "https://h.test/@x/-/x-1.tgz")
        );
        assert_eq!(split_key("@s/x@file:../@s/x"), ("@s/x", "file:../@s/x"));
    }

    #[test]
    fn active_skips_foreign_optionals_and_dev() {
        let mut g = Graph::default();
        g.root.insert(
            "app".into(),
            RootDep {
                spec: "1".into(),
                group: Group::Prod,
                package: Some("app@1".into()),
            },
        );
        g.root.insert(
            "dev".into(),
            RootDep {
                spec: "1".into(),
                group: Group::Dev,
                package: Some("dev@1".into()),
            },
        );
        let mut app = Package::default();
        app.dependencies
            .insert("native-mac".into(), "native-mac@1".into());
        app.dependencies
            .insert("native-linux".into(), "native-linux@1".into());
        app.optional
            .extend(["native-mac".to_string(), "native-linux".to_string()]);
        g.packages.insert("app@1".into(), app);
        g.packages.insert("dev@1".into(), Package::default());
        g.packages.insert(
            "native-mac@1".into(),
            Package {
                os: vec!["darwin".into()],
                ..Default::default()
            },
        );
        g.packages.insert(
            "native-linux@1".into(),
            Package {
                os: vec!["linux".into()],
                ..Default::default()
            },
        );
        let linux = Platform {
            os: "linux".into(),
            cpu: "x64".into(),
            libc: Some("glibc".into()),
        };
        let all = g.active(Selection {
            platform: &linux,
            production: false,
            members: None,
        });
        assert_eq!(
            all.into_iter().collect::<Vec<_>>(),
            ["app@1", "dev@1", "native-linux@1"]
        );
        let prod = g.active(Selection {
            platform: &linux,
            production: true,
            members: None,
        });
        assert!(!prod.contains("dev@1"));
    }
}
