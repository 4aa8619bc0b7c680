//! Turns a root manifest into a [`Graph`] against any [`MetadataSource`]. Breadth-first, one level
//! of the dependency tree at a time, so all packuments a level needs are fetched concurrently;
//! a version, once picked, is never revised, which lets the caller start downloading its tarball
//! at once. Dedup: a range already satisfied by a picked version reuses it. Peers are installed
//! as npm 7+ does, preferring the root's own copy and warning on conflicts.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::sync::Arc;

use nodejs_semver::{Range, Version};

use crate::error::{Error, Result};
use crate::graph::{self, Graph, Package, RootDep};
use crate::manifest::{DepGroup, Manifest};
use crate::packument::{Packument, VersionMeta};
use crate::platform::Platform;
use crate::spec::{self, Spec};

/// Where packuments come from: the registry client, or an in-memory map in tests.
pub trait MetadataSource {
    /// Fetches several packuments; each name gets its own result.
    fn packuments(
        &self,
        names: Vec<String>,
    ) -> impl Future<Output = Vec<(String, Result<Arc<Packument>>)>>;
}

/// What the resolver is told besides the manifest.
pub struct ResolveOptions<'a> {
    pub platform: &'a Platform,
    /// A previous resolution whose versions are kept where they still satisfy the ranges.
    pub locked: Option<&'a Graph>,
    /// Package names to re-resolve from the registry even though they are locked (`dx update`);
    /// locked packages that depend on them, directly or not, are re-resolved too.
    pub refresh: &'a BTreeSet<String>,
}

/// The graph and what the user should hear about it.
#[derive(Debug)]
pub struct Resolution {
    pub graph: Graph,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EdgeKind {
    Normal,
    Optional,
    Peer,
}

struct Task {
    /// `None` for the root.
    parent: Option<String>,
    folder: String,
    spec: String,
    kind: EdgeKind,
}

struct Resolver<'a> {
    opts: ResolveOptions<'a>,
    graph: Graph,
    warnings: Vec<String>,
    by_name: HashMap<String, Vec<(Version, String)>>,
    locked_by_name: HashMap<String, Vec<(Version, String)>>,
    packuments: HashMap<String, Arc<Packument>>,
    failed: HashMap<String, Error>,
}

/// Resolves `manifest`. `on_package` sees each new package that fits the platform, as soon as it
/// is picked, so its tarball can be fetched while resolution goes on.
pub async fn resolve<S: MetadataSource>(
    manifest: &Manifest,
    source: &S,
    opts: ResolveOptions<'_>,
    on_package: &mut dyn FnMut(&str, &Package),
) -> Result<Resolution> {
    let mut locked_by_name: HashMap<String, Vec<(Version, String)>> = HashMap::new();
    let stale = opts
        .locked
        .map(|l| stale_keys(l, opts.refresh))
        .unwrap_or_default();
    if let Some(locked) = opts.locked {
        for k in locked.packages.keys().filter(|k| !stale.contains(*k)) {
            let (name, version) = graph::split_key(k);
            if let Ok(v) = Version::parse(version) {
                locked_by_name
                    .entry(name.to_string())
                    .or_default()
                    .push((v, k.clone()));
            }
        }
    }
    let mut r = Resolver {
        opts,
        graph: Graph::default(),
        warnings: Vec::new(),
        by_name: HashMap::new(),
        locked_by_name,
        packuments: HashMap::new(),
        failed: HashMap::new(),
    };
    r.graph.overrides = manifest.overrides.clone();
    let mut level = Vec::new();
    for (folder, (group, spec)) in &manifest.deps {
        r.graph.root.insert(
            folder.clone(),
            RootDep {
                spec: spec.clone(),
                group: (*group).into(),
                package: None,
            },
        );
        // An unchanged root specifier keeps its locked package, tags included.
        let locked_root = r
            .opts
            .locked
            .and_then(|l| l.root.get(folder))
            .filter(|d| &d.spec == spec);
        if let Some(k) = locked_root.and_then(|d| d.package.clone())
            && r.opts.locked.is_some_and(|l| l.packages.contains_key(&k))
            && !stale.contains(&k)
        {
            r.take_locked(&k, on_package);
            if let Some(d) = r.graph.root.get_mut(folder) {
                d.package = Some(k);
            }
            continue;
        }
        let kind = if *group == DepGroup::Optional {
            EdgeKind::Optional
        } else {
            EdgeKind::Normal
        };
        level.push(Task {
            parent: None,
            folder: folder.clone(),
            spec: spec.clone(),
            kind,
        });
    }
    while !level.is_empty() {
        let mut wanted: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for task in &level {
            if let Ok(spec) = spec::parse(&task.folder, &task.spec) {
                let name = spec.package_name();
                if !r.packuments.contains_key(name)
                    && !r.failed.contains_key(name)
                    && !r.satisfied_locally(task, &spec)
                    && seen.insert(name.to_string())
                {
                    wanted.push(name.to_string());
                }
            }
        }
        if !wanted.is_empty() {
            for (name, result) in source.packuments(wanted).await {
                match result {
                    Ok(p) => {
                        r.packuments.insert(name, p);
                    }
                    Err(e) => {
                        r.failed.insert(name, e);
                    }
                }
            }
        }
        let mut next = Vec::new();
        for task in level {
            r.run(task, &mut next, on_package)?;
        }
        level = next;
    }
    Ok(Resolution {
        graph: r.graph,
        warnings: r.warnings,
    })
}

impl Resolver<'_> {
    /// Whether a task can be answered without its packument.
    fn satisfied_locally(&self, task: &Task, spec: &Spec) -> bool {
        if task.kind == EdgeKind::Peer && self.root_package(&task.folder).is_some() {
            return true;
        }
        match spec {
            Spec::Range { name, range, .. } => {
                best(self.by_name.get(name), range).is_some()
                    || best(self.locked_by_name.get(name), range).is_some()
            }
            Spec::Tag { .. } => false,
        }
    }

    fn root_package(&self, folder: &str) -> Option<&String> {
        self.graph.root.get(folder).and_then(|d| d.package.as_ref())
    }

    fn run(
        &mut self,
        task: Task,
        next: &mut Vec<Task>,
        on_package: &mut dyn FnMut(&str, &Package),
    ) -> Result<()> {
        let spec = match spec::parse(&task.folder, &task.spec) {
            Ok(s) => s,
            Err(e) if task.kind != EdgeKind::Normal => {
                self.warnings
                    .push(format!("skipped `{}`: {e}", task.folder));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        if task.kind == EdgeKind::Peer
            && let Some(root_key) = self.root_package(&task.folder).cloned()
        {
            if let Spec::Range { range, .. } = &spec {
                let (_, v) = graph::split_key(&root_key);
                if !Version::parse(v).is_ok_and(|v| range.satisfies(&v)) {
                    self.warnings.push(format!(
                        "`{}` wants peer `{}@{}` but the project has `{root_key}`",
                        task.parent.as_deref().unwrap_or("."),
                        task.folder,
                        spec.requirement()
                    ));
                }
            }
            self.link(&task, root_key);
            return Ok(());
        }
        match self.choose(&spec, &task, next, on_package) {
            Ok(k) => {
                self.link(&task, k);
                Ok(())
            }
            Err(e) if task.kind == EdgeKind::Optional => {
                self.warnings
                    .push(format!("skipped optional `{}`: {e}", task.folder));
                Ok(())
            }
            Err(e) if task.kind == EdgeKind::Peer => {
                self.warnings
                    .push(format!("could not install peer `{}`: {e}", task.folder));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn link(&mut self, task: &Task, target: String) {
        match &task.parent {
            None => {
                if let Some(d) = self.graph.root.get_mut(&task.folder) {
                    d.package = Some(target);
                }
            }
            Some(parent) => {
                if let Some(p) = self.graph.packages.get_mut(parent) {
                    p.dependencies.insert(task.folder.clone(), target);
                    match task.kind {
                        EdgeKind::Optional => {
                            p.optional.insert(task.folder.clone());
                        }
                        EdgeKind::Peer => {
                            p.peer.insert(task.folder.clone());
                        }
                        EdgeKind::Normal => {}
                    }
                }
            }
        }
    }

    /// Picks the package for a specifier, adding it (and queueing its dependencies) when new.
    fn choose(
        &mut self,
        spec: &Spec,
        task: &Task,
        next: &mut Vec<Task>,
        on_package: &mut dyn FnMut(&str, &Package),
    ) -> Result<String> {
        let name = spec.package_name().to_string();
        if let Spec::Range { range, .. } = spec {
            if let Some(k) = best(self.by_name.get(&name), range) {
                return Ok(k);
            }
            if let Some(k) = best(self.locked_by_name.get(&name), range) {
                self.take_locked(&k, on_package);
                return Ok(k);
            }
        }
        let packument = match self.packuments.get(&name) {
            Some(p) => p.clone(),
            None => {
                return Err(self
                    .failed
                    .remove(&name)
                    .unwrap_or_else(|| Error::UnknownPackage(name.clone())));
            }
        };
        let version = match spec {
            Spec::Tag { tag, .. } => {
                let v = packument
                    .dist_tags
                    .get(tag)
                    .and_then(|v| Version::parse(v).ok())
                    .ok_or_else(|| Error::UnknownTag {
                        name: name.clone(),
                        tag: tag.clone(),
                    })?;
                if !packument.has(&v) {
                    return Err(Error::UnknownTag {
                        name: name.clone(),
                        tag: tag.clone(),
                    });
                }
                v
            }
            Spec::Range { range, raw, .. } => {
                pick_version(&packument, range).ok_or_else(|| Error::NoMatchingVersion {
                    name: name.clone(),
                    range: raw.clone(),
                    nearest: nearest(&packument, range),
                })?
            }
        };
        let k = graph::key(&name, &version.to_string());
        if self.graph.packages.contains_key(&k) {
            return Ok(k);
        }
        let meta = packument.get(&version)?.unwrap_or_default();
        let integrity_ok = crate::integrity::Integrity::parse(&meta.integrity).is_some();
        if !integrity_ok {
            return Err(Error::NoIntegrity {
                package: k,
                integrity: meta.integrity,
            });
        }
        let package = Package {
            resolved: meta.tarball.clone(),
            integrity: meta.integrity.clone(),
            bin: meta.bin.clone(),
            os: meta.os.clone(),
            cpu: meta.cpu.clone(),
            libc: meta.libc.clone(),
            has_install_script: meta.has_install_script,
            ..Default::default()
        };
        if self
            .opts
            .platform
            .matches(&package.os, &package.cpu, &package.libc)
        {
            on_package(&k, &package);
        } else if task.kind == EdgeKind::Normal {
            self.warnings
                .push(format!("`{k}` is not built for this platform"));
        }
        self.graph.packages.insert(k.clone(), package);
        self.by_name
            .entry(name)
            .or_default()
            .push((version, k.clone()));
        queue_dependencies(
            &k,
            &meta,
            self.root_has_names(),
            &self.graph.overrides,
            next,
        );
        Ok(k)
    }

    /// The root's declared dependency names: optional peers are installed only when listed there.
    fn root_has_names(&self) -> HashSet<String> {
        self.graph.root.keys().cloned().collect()
    }

    /// Copies a locked package and everything it depends on into the graph.
    fn take_locked(&mut self, k: &str, on_package: &mut dyn FnMut(&str, &Package)) {
        let Some(locked) = self.opts.locked else {
            return;
        };
        let mut stack = vec![k.to_string()];
        while let Some(k) = stack.pop() {
            if self.graph.packages.contains_key(&k) {
                continue;
            }
            let Some(pkg) = locked.packages.get(&k) else {
                continue;
            };
            if self.opts.platform.matches(&pkg.os, &pkg.cpu, &pkg.libc) {
                on_package(&k, pkg);
            }
            let (name, version) = graph::split_key(&k);
            if let Ok(v) = Version::parse(version) {
                self.by_name
                    .entry(name.to_string())
                    .or_default()
                    .push((v, k.clone()));
            }
            stack.extend(pkg.dependencies.values().cloned());
            self.graph.packages.insert(k.clone(), pkg.clone());
        }
    }
}

fn queue_dependencies(
    parent: &str,
    meta: &VersionMeta,
    root_has: HashSet<String>,
    overrides: &BTreeMap<String, String>,
    next: &mut Vec<Task>,
) {
    let bundled: HashSet<&String> = meta.bundled.iter().collect();
    let mut push = |folder: &String, spec: &String, kind| {
        // An override replaces the specifier wherever a dependency of that name is required.
        let spec = overrides.get(folder).unwrap_or(spec);
        next.push(Task {
            parent: Some(parent.to_string()),
            folder: folder.clone(),
            spec: spec.clone(),
            kind,
        });
    };
    for (folder, spec) in &meta.dependencies {
        if !bundled.contains(folder) {
            push(folder, spec, EdgeKind::Normal);
        }
    }
    for (folder, spec) in &meta.optional_dependencies {
        if !bundled.contains(folder) {
            push(folder, spec, EdgeKind::Optional);
        }
    }
    for (folder, spec) in &meta.peer_dependencies {
        let declared = meta.dependencies.contains_key(folder)
            || meta.optional_dependencies.contains_key(folder);
        let optional_peer = meta.optional_peers.contains(folder);
        if !declared && (!optional_peer || root_has.contains(folder)) {
            push(folder, spec, EdgeKind::Peer);
        }
    }
}

/// Locked packages named in `refresh`, and every locked package that reaches one of them.
fn stale_keys(locked: &Graph, refresh: &BTreeSet<String>) -> HashSet<String> {
    let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
    for (k, p) in &locked.packages {
        for target in p.dependencies.values() {
            dependents
                .entry(target.as_str())
                .or_default()
                .push(k.as_str());
        }
    }
    let mut stale: HashSet<String> = HashSet::new();
    let mut queue: Vec<&str> = locked
        .packages
        .keys()
        .filter(|k| refresh.contains(graph::split_key(k).0))
        .map(String::as_str)
        .collect();
    while let Some(k) = queue.pop() {
        if stale.insert(k.to_string()) {
            queue.extend(dependents.get(k).into_iter().flatten().copied());
        }
    }
    stale
}

/// The highest already-picked version satisfying `range`.
fn best(candidates: Option<&Vec<(Version, String)>>, range: &Range) -> Option<String> {
    candidates?
        .iter()
        .filter(|(v, _)| range.satisfies(v))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, k)| k.clone())
}

/// npm's choice: the `latest` tag when it satisfies the range, else the highest satisfying version.
pub fn pick_version(packument: &Packument, range: &Range) -> Option<Version> {
    if let Some(latest) = packument
        .dist_tags
        .get("latest")
        .and_then(|v| Version::parse(v).ok())
        && range.satisfies(&latest)
        && packument.has(&latest)
    {
        return Some(latest);
    }
    packument
        .versions
        .iter()
        .rev()
        .map(|(v, _)| v)
        .find(|v| range.satisfies(v))
        .cloned()
}

/// The published versions just below and just above a range that nothing satisfies.
pub fn nearest(packument: &Packument, range: &Range) -> String {
    let versions: Vec<&Version> = packument.versions.iter().map(|(v, _)| v).collect();
    if versions.is_empty() {
        return "no versions published".into();
    }
    let floor = range.min_version();
    let (below, above) = match floor {
        Some(f) => (
            versions.iter().rev().find(|v| ***v < f),
            versions.iter().find(|v| ***v >= f),
        ),
        None => (versions.last(), None),
    };
    let picked: Vec<String> = [below, above]
        .into_iter()
        .flatten()
        .map(|v| v.to_string())
        .collect();
    if picked.is_empty() {
        versions[versions.len() - 1].to_string()
    } else {
        picked.join(", ")
    }
}

/// An in-memory registry for tests: packuments built from `(name, version, deps)` triples.
#[cfg(test)]
pub(crate) mod memory {
    use super::*;

    #[derive(Default)]
    pub struct MemoryRegistry {
        docs: BTreeMap<String, serde_json::Value>,
    }

    impl MemoryRegistry {
        /// Adds a version; `extra` is merged into the version document (deps, os, peers, …).
        pub fn publish(
            &mut self,
            name: &str,
            version: &str,
            extra: serde_json::Value,
        ) -> &mut Self {
            let doc = self.docs.entry(name.to_string()).or_insert_with(
                || serde_json::json!({"name": name, "dist-tags": {}, "versions": {}}),
            );
            let mut v = serde_json::json!({
                "name": name, "version": version,
                "dist": {"tarball": format!("https://r.test/{name}/-/{version}.tgz"),
                         "integrity": format!("sha512-{}", "A".repeat(86) + "==")}
            });
            if let (Some(target), serde_json::Value::Object(extra)) = (v.as_object_mut(), extra) {
                target.extend(extra);
            }
            doc["versions"][version] = v;
            doc["dist-tags"]["latest"] = serde_json::Value::String(version.to_string());
            self
        }

        pub fn tag(&mut self, name: &str, tag: &str, version: &str) -> &mut Self {
            self.docs.get_mut(name).unwrap()["dist-tags"][tag] =
                serde_json::Value::String(version.into());
            self
        }
    }

    impl MetadataSource for MemoryRegistry {
        async fn packuments(&self, names: Vec<String>) -> Vec<(String, Result<Arc<Packument>>)> {
            names
                .into_iter()
                .map(|n| {
                    let r = match self.docs.get(&n) {
                        Some(doc) => Packument::parse(&n, doc.to_string().into()).map(Arc::new),
                        None => Err(Error::UnknownPackage(n.clone())),
                    };
                    (n, r)
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryRegistry;
    use super::*;
    use serde_json::json;

    fn linux() -> Platform {
        Platform {
            os: "linux".into(),
            cpu: "x64".into(),
            libc: Some("glibc".into()),
        }
    }

    fn run(reg: &MemoryRegistry, manifest: &str, locked: Option<&Graph>) -> Result<Resolution> {
        let manifest = Manifest::parse(manifest.as_bytes()).unwrap();
        let platform = linux();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let refresh = BTreeSet::new();
        rt.block_on(resolve(
            &manifest,
            reg,
            ResolveOptions {
                platform: &platform,
                locked,
                refresh: &refresh,
            },
            &mut |_, _| {},
        ))
    }

    fn keys(g: &Graph) -> Vec<&str> {
        g.packages.keys().map(String::as_str).collect()
    }

    #[test]
    fn latest_tag_preferred_then_highest_and_dedup() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1.0.0"}}))
            .publish("b", "1.0.0", json!({"dependencies": {"c": "^1.1.0"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "1.2.0", json!({}))
            .publish("c", "1.5.0", json!({}))
            .publish("c", "2.0.0-beta.1", json!({}))
            .tag("c", "latest", "1.2.0");
        let r = run(&reg, r#"{"dependencies":{"a":"^1","b":"^1"}}"#, None).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "b@1.0.0", "c@1.2.0"]);
        assert_eq!(r.graph.packages["a@1.0.0"].dependencies["c"], "c@1.2.0");
    }

    #[test]
    fn conflicting_ranges_give_two_versions() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^2"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "2.0.0", json!({}))
            .tag("c", "latest", "1.0.0");
        let r = run(&reg, r#"{"dependencies":{"a":"1","c":"^1"}}"#, None).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.0.0", "c@2.0.0"]);
    }

    #[test]
    fn aliases_tags_and_cycles() {
        let mut reg = MemoryRegistry::default();
        reg.publish("x", "1.0.0", json!({"dependencies": {"y": "1"}}))
            .publish("y", "1.0.0", json!({"dependencies": {"x": "1"}}))
            .publish("x", "2.0.0", json!({}))
            .tag("x", "latest", "1.0.0")
            .tag("x", "next", "2.0.0");
        let r = run(
            &reg,
            r#"{"dependencies":{"old-x":"npm:x@1","x":"next"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(r.graph.root["old-x"].package.as_deref(), Some("x@1.0.0"));
        assert_eq!(r.graph.root["x"].package.as_deref(), Some("x@2.0.0"));
        assert_eq!(r.graph.packages["y@1.0.0"].dependencies["x"], "x@1.0.0");
    }

    #[test]
    fn optional_platform_packages_are_kept_but_not_prefetched() {
        let mut reg = MemoryRegistry::default();
        reg.publish(
            "tool",
            "1.0.0",
            json!({"optionalDependencies": {"tool-darwin": "1", "tool-linux": "1", "gone": "1"}}),
        )
        .publish("tool-darwin", "1.0.0", json!({"os": ["darwin"]}))
        .publish(
            "tool-linux",
            "1.0.0",
            json!({"os": ["linux"], "cpu": ["x64"]}),
        );
        let manifest = Manifest::parse(br#"{"dependencies":{"tool":"1"}}"#).unwrap();
        let platform = linux();
        let mut seen = Vec::new();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let r = rt
            .block_on(resolve(
                &manifest,
                &reg,
                ResolveOptions {
                    platform: &platform,
                    locked: None,
                    refresh: &BTreeSet::new(),
                },
                &mut |k, _| seen.push(k.to_string()),
            ))
            .unwrap();
        assert_eq!(
            keys(&r.graph),
            ["tool-darwin@1.0.0", "tool-linux@1.0.0", "tool@1.0.0"]
        );
        seen.sort();
        assert_eq!(seen, ["tool-linux@1.0.0", "tool@1.0.0"]);
        assert!(r.warnings.iter().any(|w| w.contains("gone")));
    }

    #[test]
    fn peers_prefer_root_and_warn_on_conflict() {
        let mut reg = MemoryRegistry::default();
        reg.publish("react", "17.0.0", json!({}))
            .publish("react", "18.0.0", json!({}))
            .publish(
                "plugin",
                "1.0.0",
                json!({"peerDependencies": {"react": "^18", "opt": "1"},
                                             "peerDependenciesMeta": {"opt": {"optional": true}}}),
            )
            .publish(
                "lib",
                "1.0.0",
                json!({"peerDependencies": {"react": "^18"}}),
            );
        let r = run(
            &reg,
            r#"{"dependencies":{"react":"17","plugin":"1"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(
            r.graph.packages["plugin@1.0.0"].dependencies["react"],
            "react@17.0.0"
        );
        assert!(r.graph.packages["plugin@1.0.0"].peer.contains("react"));
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("wants peer `react@^18`")),
            "{:?}",
            r.warnings
        );
        assert!(
            !r.graph.packages["plugin@1.0.0"]
                .dependencies
                .contains_key("opt")
        );
        let r = run(&reg, r#"{"dependencies":{"lib":"1"}}"#, None).unwrap();
        assert_eq!(
            r.graph.packages["lib@1.0.0"].dependencies["react"],
            "react@18.0.0"
        );
    }

    #[test]
    fn refresh_re_resolves_a_package_and_its_dependents_only() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({}))
            .publish("b", "1.0.0", json!({"dependencies": {"a": "^1"}}))
            .publish("c", "1.0.0", json!({}));
        let m = r#"{"dependencies":{"b":"1","c":"^1"}}"#;
        let first = run(&reg, m, None).unwrap().graph;
        reg.publish("a", "1.1.0", json!({}))
            .publish("c", "1.1.0", json!({}));
        let manifest = Manifest::parse(m.as_bytes()).unwrap();
        let platform = linux();
        let refresh: BTreeSet<String> = ["a".to_string()].into();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let opts = ResolveOptions {
            platform: &platform,
            locked: Some(&first),
            refresh: &refresh,
        };
        let updated = rt
            .block_on(resolve(&manifest, &reg, opts, &mut |_, _| {}))
            .unwrap()
            .graph;
        assert_eq!(keys(&updated), ["a@1.1.0", "b@1.0.0", "c@1.0.0"]);
    }

    #[test]
    fn overrides_replace_transitive_specifiers() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "1.5.0", json!({}));
        let r = run(
            &reg,
            r#"{"dependencies":{"a":"1"},"overrides":{"c":"1.0.0"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.0.0"]);
        assert_eq!(r.graph.overrides["c"], "1.0.0");
        let r = run(&reg, r#"{"dependencies":{"a":"1"}}"#, None).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.5.0"]);
    }

    #[test]
    fn no_match_names_the_nearest_versions() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.9.3", json!({}))
            .publish("a", "3.0.0", json!({}));
        match run(&reg, r#"{"dependencies":{"a":"^2"}}"#, None) {
            Err(Error::NoMatchingVersion { nearest, .. }) => assert_eq!(nearest, "1.9.3, 3.0.0"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run(&reg, r#"{"dependencies":{"zzz":"1"}}"#, None),
            Err(Error::UnknownPackage(_))
        ));
    }

    #[test]
    fn locked_versions_survive_a_new_release() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({}));
        let first = run(&reg, r#"{"dependencies":{"a":"^1"}}"#, None)
            .unwrap()
            .graph;
        reg.publish("a", "1.1.0", json!({})).publish(
            "b",
            "1.0.0",
            json!({"dependencies": {"a": "^1"}}),
        );
        let second = run(&reg, r#"{"dependencies":{"a":"^1","b":"1"}}"#, Some(&first))
            .unwrap()
            .graph;
        assert_eq!(keys(&second), ["a@1.0.0", "b@1.0.0"]);
        let fresh = run(&reg, r#"{"dependencies":{"a":"^1","b":"1"}}"#, None)
            .unwrap()
            .graph;
        assert_eq!(keys(&fresh), ["a@1.1.0", "b@1.0.0"]);
    }
}
