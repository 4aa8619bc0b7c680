//! The hoisted `node_modules` layout npm uses: every package goes as high in the tree as it can
//! without shadowing a different version that something below already relies on, and is nested
//! under its dependent only on a conflict. Node's resolution (walk up, look in `node_modules`)
//! then finds exactly the version the graph says, which [`Layout::check`] verifies. As in npm, a
//! package's peer ranges count too, optional ones it does not install included: a version a
//! peer range rejects is not put where that package would find it.

use std::collections::{BTreeMap, HashMap, VecDeque};

use nodejs_semver::{Range, Version};

use crate::graph::{Graph, split_key};
use crate::spec::{self, Spec};

/// One package folder in the tree.
#[derive(Debug, Clone)]
struct Node {
    package: String,
    parent: Option<usize>,
    children: BTreeMap<String, usize>,
    /// Names that this node's subtree resolves above this node, with the package it expects:
    /// placing a different version of such a name here would shadow it.
    requires: HashMap<String, String>,
}

/// The computed tree. Node 0 is the project root.
#[derive(Debug, Clone)]
pub struct Layout {
    nodes: Vec<Node>,
    /// Set when a cycle of conflicting versions had to be cut; the deepest
    /// packages then miss some dependencies, and the install says so.
    pub truncated: bool,
}

/// Whether a package placed under a node would find the right peers from there.
type SeesPeers<'a> = dyn Fn(&Layout, usize) -> bool + 'a;

/// Nesting deeper than this means a dependency cycle with conflicting versions that never settles.
const MAX_DEPTH: usize = 64;

impl Layout {
    /// Lays out the active part of `graph` (callers pass a restricted graph).
    pub fn hoisted(graph: &Graph) -> Layout {
        let mut placer = Placer::new(graph);
        // The root's own dependencies claim the top level first, then workspace members (a
        // symlink at `node_modules/<name>`) where the root does not use the name otherwise.
        for (folder, dep) in &graph.root {
            if let Some((k, _)) = dep
                .package
                .as_ref()
                .and_then(|k| graph.packages.get_key_value(k))
            {
                placer.add_child(0, folder, k);
            }
        }
        for k in graph.workspaces.values() {
            let (name, _) = split_key(k);
            if graph.packages.contains_key(k) && !placer.layout.nodes[0].children.contains_key(name)
            {
                placer.add_child(0, name, k);
            }
        }
        let mut queue: VecDeque<usize> =
            placer.layout.nodes[0].children.values().copied().collect();
        while let Some(id) = queue.pop_front() {
            let Some(pkg) = graph.packages.get(&placer.layout.nodes[id].package) else {
                continue;
            };
            if placer.layout.depth(id) > MAX_DEPTH {
                placer.layout.truncated = true;
                continue;
            }
            // A package's own copies of what its plugins peer on are placed before the
            // plugins, so a plugin can be kept where it sees them.
            let has_peers = |target: &str| {
                graph
                    .packages
                    .get(target)
                    .is_some_and(|p| !p.peer.is_empty() || !p.peer_ranges.is_empty())
            };
            let (plain, with_peers): (Vec<_>, Vec<_>) = pkg
                .dependencies
                .iter()
                .partition(|(_, target)| !has_peers(target));
            for (folder, target) in plain.into_iter().chain(with_peers) {
                if let Some(new) = placer.place(id, folder, target) {
                    queue.push_back(new);
                }
            }
        }
        placer.layout
    }

    fn add_child(&mut self, parent: usize, folder: &str, package: &str) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            package: package.to_string(),
            parent: Some(parent),
            children: BTreeMap::new(),
            requires: HashMap::new(),
        });
        self.nodes[parent].children.insert(folder.to_string(), id);
        id
    }

    fn depth(&self, mut id: usize) -> usize {
        let mut d = 0;
        while let Some(p) = self.nodes[id].parent {
            d += 1;
            id = p;
        }
        d
    }

    /// Makes `folder` → `target` resolvable from node `from`: returns the node to add it under,
    /// or `None` when it is there already (or may not be nested again). `refused` are nodes
    /// where a package whose peer range rejects `target` would find it. `sees_peers` says
    /// whether `target` placed under a node would find the right peers from there (see
    /// [`Placer::place`]), `None` for a package without peers: it goes no higher than where
    /// it still does.
    fn host_for(
        &mut self,
        from: usize,
        folder: &str,
        target: &str,
        refused: &[usize],
        sees_peers: Option<&SeesPeers>,
    ) -> Option<usize> {
        // Only when it sees them from its dependent: a peer placed later is found wherever
        // it lands.
        let sees_peers = sees_peers.filter(|sees| sees(self, from));
        // Walk up from `from`: the highest node where the name is free, unclaimed, not refused
        // and, for a package with peers, still sees the dependent's copies of them wins.
        let mut path = Vec::new();
        let mut candidate = None;
        let mut at = Some(from);
        while let Some(id) = at {
            let node = &self.nodes[id];
            if let Some(&existing) = node.children.get(folder) {
                if self.nodes[existing].package == target {
                    self.claim(&path, folder, target);
                    return None;
                }
                break;
            }
            if node.requires.get(folder).is_some_and(|p| p != target)
                || refused.contains(&id)
                || sees_peers.is_some_and(|sees| !sees(self, id))
            {
                break;
            }
            candidate = Some(id);
            path.push(id);
            at = node.parent;
        }
        // Nesting a package below a copy of itself repeats the same conflict forever.
        let mut ancestor = Some(from);
        while let Some(id) = ancestor {
            if self.nodes[id].package == target {
                self.truncated = true;
                return None;
            }
            ancestor = self.nodes[id].parent;
        }
        let host = candidate.unwrap_or(from);
        let below: Vec<usize> = path.iter().copied().take_while(|&id| id != host).collect();
        self.claim(&below, folder, target);
        Some(host)
    }

    /// Adds to `out` the nodes whose `node_modules` Node's lookup of `folder` from node `from`
    /// goes through: `from` and its ancestors, up to the first that has `folder`.
    fn lookup_path(&self, from: usize, folder: &str, out: &mut Vec<usize>) {
        let mut at = Some(from);
        while let Some(id) = at {
            let node = &self.nodes[id];
            if node.children.contains_key(folder) {
                return;
            }
            out.push(id);
            at = node.parent;
        }
    }

    /// Records that the nodes on `path` resolve `folder` above themselves to `target`.
    fn claim(&mut self, path: &[usize], folder: &str, target: &str) {
        for &id in path {
            self.nodes[id]
                .requires
                .insert(folder.to_string(), target.to_string());
        }
    }

    /// Every package folder as `(path relative to the project, package key)`, parents first.
    pub fn locations(&self) -> Vec<(String, String)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut queue = VecDeque::from([(0usize, String::new())]);
        while let Some((id, prefix)) = queue.pop_front() {
            for (folder, &child) in &self.nodes[id].children {
                let path = if prefix.is_empty() {
                    format!("node_modules/{folder}")
                } else {
                    format!("{prefix}/node_modules/{folder}")
                };
                out.push((path.clone(), self.nodes[child].package.clone()));
                queue.push_back((child, path));
            }
        }
        out
    }

    /// Simulates Node's lookup for every edge of every placed package; returns the failures as
    /// `(location, folder, expected, found)`. Empty for a correct layout.
    pub fn check(&self, graph: &Graph) -> Vec<(String, String, String, Option<String>)> {
        let mut problems = Vec::new();
        let locations = self.locations();
        let mut path_of: HashMap<usize, String> = HashMap::new();
        let mut queue = VecDeque::from([(0usize, String::new())]);
        while let Some((id, prefix)) = queue.pop_front() {
            for (folder, &child) in &self.nodes[id].children {
                let path = if prefix.is_empty() {
                    format!("node_modules/{folder}")
                } else {
                    format!("{prefix}/node_modules/{folder}")
                };
                path_of.insert(child, path.clone());
                queue.push_back((child, path));
            }
        }
        debug_assert_eq!(locations.len(), path_of.len());
        for (id, node) in self.nodes.iter().enumerate().skip(1) {
            let Some(pkg) = graph.packages.get(&node.package) else {
                continue;
            };
            for (folder, target) in &pkg.dependencies {
                let found = self.lookup(id, folder);
                if found != Some(target.as_str()) {
                    let found = found.map(str::to_string);
                    problems.push((path_of[&id].clone(), folder.clone(), target.clone(), found));
                }
            }
        }
        problems
    }

    fn lookup(&self, from: usize, folder: &str) -> Option<&str> {
        let mut at = Some(from);
        while let Some(id) = at {
            if let Some(&c) = self.nodes[id].children.get(folder) {
                return Some(&self.nodes[c].package);
            }
            at = self.nodes[id].parent;
        }
        None
    }
}

/// A peer range a package holds on a folder name (see [`crate::graph::Package::peer_ranges`]).
struct PeerRange<'g> {
    holder: &'g str,
    range: Range,
    /// What the holder's own peer edge links to, when installed: the resolver's choice, kept
    /// even where it does not fit (it warned), so the range does not keep it away.
    linked: Option<&'g str>,
}

/// [`Layout::hoisted`] at work: the tree so far, and what it needs to keep peer ranges
/// satisfied without looking through the whole tree at every placement.
struct Placer<'g> {
    layout: Layout,
    graph: &'g Graph,
    /// The peer ranges on each folder name, gathered once from the graph.
    peers: HashMap<&'g str, Vec<PeerRange<'g>>>,
    /// The nodes of each package that holds a peer range (an entry for each such package).
    holders: HashMap<&'g str, Vec<usize>>,
    /// For a folder name and a package: the holders whose range on that name rejects it.
    rejections: HashMap<(&'g str, &'g str), Vec<&'g str>>,
    /// Each holder's own peer ranges, by folder name.
    held: HashMap<&'g str, Vec<(&'g str, Range)>>,
}

impl<'g> Placer<'g> {
    fn new(graph: &'g Graph) -> Self {
        let mut peers: HashMap<&str, Vec<PeerRange>> = HashMap::new();
        let mut holders = HashMap::new();
        let mut held: HashMap<&str, Vec<(&str, Range)>> = HashMap::new();
        for (k, pkg) in &graph.packages {
            for (folder, written) in &pkg.peer_ranges {
                // Only a semver range can reject a version; a tag or a path names no range.
                let Ok(Spec::Range { range, .. }) = spec::parse(folder, written) else {
                    continue;
                };
                let linked = pkg.dependencies.get(folder).map(String::as_str);
                held.entry(k.as_str())
                    .or_default()
                    .push((folder.as_str(), range.clone()));
                peers.entry(folder).or_default().push(PeerRange {
                    holder: k,
                    range,
                    linked,
                });
                holders.insert(k.as_str(), Vec::new());
            }
        }
        Placer {
            graph,
            layout: Layout {
                nodes: vec![Node {
                    package: String::new(),
                    parent: None,
                    children: BTreeMap::new(),
                    requires: HashMap::new(),
                }],
                truncated: false,
            },
            peers,
            holders,
            rejections: HashMap::new(),
            held,
        }
    }

    fn add_child(&mut self, parent: usize, folder: &str, package: &'g str) -> usize {
        let id = self.layout.add_child(parent, folder, package);
        if let Some(nodes) = self.holders.get_mut(package) {
            nodes.push(id);
        }
        id
    }

    /// Makes `folder` → `target` resolvable from node `from` as [`Layout::host_for`] does, kept
    /// out of the folders where a placed package's peer range on `folder` would find `target`
    /// and reject it: npm counts breaking a valid peer edge as a conflict, and so nests `target`
    /// deeper. Returns the node created, if any.
    fn place(&mut self, from: usize, folder: &'g str, target: &'g str) -> Option<usize> {
        let mut refused = Vec::new();
        for holder in self.rejecting_holders(folder, target) {
            for &node in &self.holders[holder] {
                self.layout.lookup_path(node, folder, &mut refused);
            }
        }
        // A package shares its dependent's copy of each peer it installs (`ajv-keywords` must
        // see the `ajv` that `schema-utils` compiles with, or its objects fail `instanceof`
        // there), and must not find a copy its range rejects of a peer it does not install
        // (`fdir` hoisted beside `picomatch@2` where it wants `^3 || ^4`).
        let pkg = self.graph.packages.get(target);
        let linked: Vec<(&str, &str)> = pkg
            .map(|pkg| {
                pkg.peer
                    .iter()
                    .filter_map(|p| Some((p.as_str(), pkg.dependencies.get(p)?.as_str())))
                    .collect()
            })
            .unwrap_or_default();
        let unlinked: Vec<&(&str, Range)> = self
            .held
            .get(target)
            .map(|held| {
                held.iter()
                    .filter(|(p, _)| pkg.is_none_or(|pkg| !pkg.dependencies.contains_key(*p)))
                    .collect()
            })
            .unwrap_or_default();
        let sees_peers = |layout: &Layout, id: usize| {
            linked.iter().all(|(p, k)| layout.lookup(id, p) == Some(*k))
                && unlinked.iter().all(|(p, range)| {
                    layout.lookup(id, p).is_none_or(|k| {
                        Version::parse(split_key(k).1).is_ok_and(|v| range.satisfies(&v))
                    })
                })
        };
        let has_peers = !linked.is_empty() || !unlinked.is_empty();
        let host = self.layout.host_for(
            from,
            folder,
            target,
            &refused,
            has_peers.then_some(&sees_peers as &SeesPeers),
        )?;
        Some(self.add_child(host, folder, target))
    }

    /// The packages whose peer range on `folder` rejects `target`, worked out once per pair:
    /// a popular peer (`react`) is placed for hundreds of dependents.
    fn rejecting_holders(&mut self, folder: &'g str, target: &'g str) -> Vec<&'g str> {
        let Some(ranges) = self.peers.get(folder) else {
            return Vec::new();
        };
        self.rejections
            .entry((folder, target))
            .or_insert_with(|| {
                // A package from a path or URL has no version to judge: it hoists as before.
                let Ok(version) = Version::parse(split_key(target).1) else {
                    return Vec::new();
                };
                ranges
                    .iter()
                    .filter(|p| p.linked != Some(target) && !p.range.satisfies(&version))
                    .map(|p| p.holder)
                    .collect()
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Group, Package, RootDep};
    use proptest::prelude::*;

    fn graph(root: &[(&str, &str)], edges: &[(&str, &[(&str, &str)])]) -> Graph {
        let mut g = Graph::default();
        for (folder, k) in root {
            g.root.insert(
                folder.to_string(),
                RootDep {
                    spec: "*".into(),
                    group: Group::Prod,
                    package: Some(k.to_string()),
                },
            );
        }
        for (k, deps) in edges {
            let mut p = Package::default();
            for (f, t) in *deps {
                p.dependencies.insert(f.to_string(), t.to_string());
            }
            g.packages.insert(k.to_string(), p);
        }
        g
    }

    #[test]
    fn hoists_and_nests_on_conflict() {
        let g = graph(
            &[("a", "a@1"), ("c", "c@1")],
            &[
                ("a@1", &[("b", "b@1"), ("c", "c@2")]),
                ("b@1", &[("c", "c@2")]),
                ("c@1", &[]),
                ("c@2", &[]),
            ],
        );
        let layout = Layout::hoisted(&g);
        let locs = layout.locations();
        assert_eq!(
            locs,
            [
                ("node_modules/a".to_string(), "a@1".to_string()),
                ("node_modules/b".into(), "b@1".into()),
                ("node_modules/c".into(), "c@1".into()),
                ("node_modules/a/node_modules/c".into(), "c@2".into()),
                ("node_modules/b/node_modules/c".into(), "c@2".into()),
            ]
        );
        assert!(layout.check(&g).is_empty());
    }

    #[test]
    fn does_not_shadow_what_a_subtree_relies_on() {
        // a → x@1 (hoisted to the root), a → m → (x@1 via root);
        // then d@1 under a needs x@2: placing x@2 inside a would shadow m's x@1? No: m resolves
        // x from a's folder upward, so x@2 must go below the claim.
        let g = graph(
            &[("a", "a@1"), ("x", "x@3")],
            &[
                ("a@1", &[("m", "m@1"), ("d", "d@1")]),
                ("m@1", &[("x", "x@3")]),
                ("d@1", &[("x", "x@2")]),
                ("x@2", &[]),
                ("x@3", &[]),
            ],
        );
        let layout = Layout::hoisted(&g);
        assert!(layout.check(&g).is_empty(), "{:?}", layout.check(&g));
    }

    /// The `@types/node` case: the root has `a` and `vite`; `a` needs `@types/node@12`, and
    /// vite peers on `@types/node` with `range`, installed (`linked`) or not.
    fn types_node(range: &str, linked: Option<&str>) -> Graph {
        let mut g = graph(
            &[("a", "a@1.0.0"), ("vite", "vite@5.4.11")],
            &[
                ("a@1.0.0", &[("@types/node", "@types/node@12.20.55")]),
                ("@types/node@12.20.55", &[]),
                ("@types/node@20.0.0", &[]),
            ],
        );
        let mut vite = Package::default();
        vite.peer_ranges.insert("@types/node".into(), range.into());
        if let Some(k) = linked {
            vite.dependencies.insert("@types/node".into(), k.into());
            vite.peer.insert("@types/node".into());
        }
        g.packages.insert("vite@5.4.11".into(), vite);
        g
    }

    fn placed(g: &Graph) -> Vec<(String, String)> {
        let layout = Layout::hoisted(g);
        assert!(layout.check(g).is_empty(), "{:?}", layout.check(g));
        layout.locations()
    }

    fn at(path: &str, k: &str) -> (String, String) {
        (path.to_string(), k.to_string())
    }

    #[test]
    fn a_plugin_stays_where_it_sees_its_dependent_s_copy_of_the_peer() {
        // schema-utils compiles with ajv 8 and ajv-keywords peers on it; the root has ajv 6.
        // Hoisted to the top, ajv-keywords would get an ajv 8 of its own: another copy.
        let mut g = graph(
            &[("ajv", "ajv@6"), ("schema-utils", "schema-utils@4")],
            &[
                ("ajv@6", &[]),
                ("ajv@8", &[]),
                (
                    "schema-utils@4",
                    &[("ajv", "ajv@8"), ("ajv-keywords", "ajv-keywords@5")],
                ),
                ("ajv-keywords@5", &[("ajv", "ajv@8")]),
            ],
        );
        g.packages
            .get_mut("ajv-keywords@5")
            .unwrap()
            .peer
            .insert("ajv".into());
        assert_eq!(
            placed(&g),
            [
                at("node_modules/ajv", "ajv@6"),
                at("node_modules/schema-utils", "schema-utils@4"),
                at("node_modules/schema-utils/node_modules/ajv", "ajv@8"),
                at(
                    "node_modules/schema-utils/node_modules/ajv-keywords",
                    "ajv-keywords@5"
                ),
            ]
        );
        // Where the top-level copy is the one it needs, it hoists as before.
        g.root.get_mut("ajv").unwrap().package = Some("ajv@8".into());
        assert_eq!(
            placed(&g),
            [
                at("node_modules/ajv", "ajv@8"),
                at("node_modules/ajv-keywords", "ajv-keywords@5"),
                at("node_modules/schema-utils", "schema-utils@4"),
            ]
        );
    }

    #[test]
    fn a_package_is_not_hoisted_where_an_optional_peer_it_skips_is_out_of_range() {
        // tinyglobby brings picomatch 4 and fdir, whose optional peer is picomatch ^3 || ^4;
        // at the top fdir would find the root's picomatch 2.
        let mut g = graph(
            &[
                ("picomatch", "picomatch@2.3.2"),
                ("tinyglobby", "tinyglobby@0.2.0"),
            ],
            &[
                ("picomatch@2.3.2", &[]),
                ("picomatch@4.0.3", &[]),
                (
                    "tinyglobby@0.2.0",
                    &[("fdir", "fdir@6.5.0"), ("picomatch", "picomatch@4.0.3")],
                ),
                ("fdir@6.5.0", &[]),
            ],
        );
        g.packages
            .get_mut("fdir@6.5.0")
            .unwrap()
            .peer_ranges
            .insert("picomatch".into(), "^3 || ^4".into());
        assert_eq!(
            placed(&g),
            [
                at("node_modules/picomatch", "picomatch@2.3.2"),
                at("node_modules/tinyglobby", "tinyglobby@0.2.0"),
                at("node_modules/tinyglobby/node_modules/fdir", "fdir@6.5.0"),
                at(
                    "node_modules/tinyglobby/node_modules/picomatch",
                    "picomatch@4.0.3"
                ),
            ]
        );
    }

    #[test]
    fn a_version_an_uninstalled_optional_peer_rejects_is_nested_under_its_dependent() {
        let locations = placed(&types_node("^18.0.0 || >=20.0.0", None));
        assert_eq!(
            locations,
            [
                at("node_modules/a", "a@1.0.0"),
                at("node_modules/vite", "vite@5.4.11"),
                at(
                    "node_modules/a/node_modules/@types/node",
                    "@types/node@12.20.55"
                ),
            ]
        );
    }

    #[test]
    fn an_installed_peer_takes_the_root_from_a_version_its_range_rejects() {
        let g = types_node("^18.0.0 || >=20.0.0", Some("@types/node@20.0.0"));
        assert_eq!(
            placed(&g),
            [
                at("node_modules/@types/node", "@types/node@20.0.0"),
                at("node_modules/a", "a@1.0.0"),
                at("node_modules/vite", "vite@5.4.11"),
                at(
                    "node_modules/a/node_modules/@types/node",
                    "@types/node@12.20.55"
                ),
            ]
        );
    }

    #[test]
    fn a_version_the_peer_range_accepts_is_hoisted_as_before() {
        let hoisted = [
            at("node_modules/@types/node", "@types/node@12.20.55"),
            at("node_modules/a", "a@1.0.0"),
            at("node_modules/vite", "vite@5.4.11"),
        ];
        assert_eq!(placed(&types_node(">=12", None)), hoisted);
        // A peer the resolver linked against its range (it warned) is that version, and one
        // copy of it serves both.
        let linked = types_node("^18", Some("@types/node@12.20.55"));
        assert_eq!(placed(&linked), hoisted);
    }

    #[test]
    fn a_peer_range_only_refuses_the_folders_its_package_looks_into() {
        // `old` (at the root) peers on `@types/node@^12`, so b's 20 nests under b; vite@4, next
        // to it, finds that 20 and never looks at the root, where 12 then goes.
        let mut g = graph(
            &[
                ("a", "a@1.0.0"),
                ("b", "b@1.0.0"),
                ("old", "old@1.0.0"),
                ("vite", "vite@5.4.11"),
            ],
            &[
                ("a@1.0.0", &[("x", "x@1.0.0")]),
                ("x@1.0.0", &[("@types/node", "@types/node@12.20.55")]),
                (
                    "b@1.0.0",
                    &[
                        ("@types/node", "@types/node@20.0.0"),
                        ("vite", "vite@4.0.0"),
                    ],
                ),
                ("old@1.0.0", &[]),
                ("vite@4.0.0", &[]),
                ("vite@5.4.11", &[]),
                ("@types/node@12.20.55", &[]),
                ("@types/node@20.0.0", &[]),
            ],
        );
        for (k, range) in [("old@1.0.0", "^12"), ("vite@4.0.0", "^18.0.0 || >=20.0.0")] {
            let package = g.packages.get_mut(k).unwrap();
            package
                .peer_ranges
                .insert("@types/node".into(), range.into());
        }
        assert_eq!(
            placed(&g),
            [
                at("node_modules/@types/node", "@types/node@12.20.55"),
                at("node_modules/a", "a@1.0.0"),
                at("node_modules/b", "b@1.0.0"),
                at("node_modules/old", "old@1.0.0"),
                at("node_modules/vite", "vite@5.4.11"),
                at("node_modules/x", "x@1.0.0"),
                at(
                    "node_modules/b/node_modules/@types/node",
                    "@types/node@20.0.0"
                ),
                at("node_modules/b/node_modules/vite", "vite@4.0.0"),
            ]
        );
    }

    proptest! {
        /// Any acyclic-or-cyclic random graph lays out so Node's lookup finds every edge's target,
        /// whatever peer ranges refuse.
        #[test]
        fn random_graphs_resolve_correctly(
            edges in proptest::collection::vec((0usize..12, 0usize..4, 0usize..12, 0usize..2), 0..60),
            roots in proptest::collection::vec((0usize..4, 0usize..2), 1..5),
        ) {
            let name = |n: usize| format!("p{}", n % 4);
            let key = |n: usize, v: usize| format!("p{}@{}.0.0", n % 4, v);
            let mut g = Graph::default();
            for (n, v) in &roots {
                g.root.insert(name(*n), RootDep { spec: "*".into(), group: Group::Prod, package: Some(key(*n, *v)) });
            }
            for n in 0..4 { for v in 0..2 { g.packages.insert(key(n, v), Package::default()); } }
            // Kinds 0 and 1 are plain edges, 2 a peer edge, 3 an optional peer left uninstalled.
            for (from, kind, to, v) in &edges {
                let from_key = key(*from % 4, *from / 4 % 2);
                if from_key.starts_with(&format!("{}@", name(*to))) { continue; }
                let package = g.packages.get_mut(&from_key).unwrap();
                if *kind >= 2 {
                    package.peer_ranges.insert(name(*to), v.to_string());
                }
                if *kind == 2 {
                    package.peer.insert(name(*to));
                }
                if *kind < 3 {
                    package.dependencies.insert(name(*to), key(*to, *v));
                }
            }
            let layout = Layout::hoisted(&g);
            // An endless cycle of conflicting versions cannot be laid out finitely, by anyone.
            prop_assert!(layout.truncated || layout.check(&g).is_empty(), "{:?}", layout.check(&g));
        }
    }
}
