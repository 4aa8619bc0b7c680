//! The hoisted `node_modules` layout npm uses: every package goes as high in the tree as it can
//! without shadowing a different version that something below already relies on, and is nested
//! under its dependent only on a conflict. Node's resolution (walk up, look in `node_modules`)
//! then finds exactly the version the graph says, which [`Layout::check`] verifies.

use std::collections::{BTreeMap, HashMap, VecDeque};

use crate::graph::Graph;

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

/// Nesting deeper than this means a dependency cycle with conflicting versions that never settles.
const MAX_DEPTH: usize = 64;

impl Layout {
    /// Lays out the active part of `graph` (callers pass a restricted graph).
    pub fn hoisted(graph: &Graph) -> Layout {
        let mut layout = Layout {
            nodes: vec![Node {
                package: String::new(),
                parent: None,
                children: BTreeMap::new(),
                requires: HashMap::new(),
            }],
            truncated: false,
        };
        // The root's own dependencies claim the top level first, then workspace members (a
        // symlink at `node_modules/<name>`) where the root does not use the name otherwise.
        for (folder, dep) in &graph.root {
            if let Some(k) = &dep.package
                && graph.packages.contains_key(k)
            {
                layout.add_child(0, folder, k);
            }
        }
        for k in graph.workspaces.values() {
            let (name, _) = crate::graph::split_key(k);
            if graph.packages.contains_key(k) && !layout.nodes[0].children.contains_key(name) {
                layout.add_child(0, name, k);
            }
        }
        let mut queue: VecDeque<usize> = layout.nodes[0].children.values().copied().collect();
        while let Some(id) = queue.pop_front() {
            let package = layout.nodes[id].package.clone();
            let Some(pkg) = graph.packages.get(&package) else {
                continue;
            };
            if layout.depth(id) > MAX_DEPTH {
                layout.truncated = true;
                continue;
            }
            for (folder, target) in &pkg.dependencies {
                if let Some(new) = layout.place(id, folder, target) {
                    queue.push_back(new);
                }
            }
        }
        layout
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

    /// Makes `folder` → `target` resolvable from node `from`; returns the node created, if any.
    fn place(&mut self, from: usize, folder: &str, target: &str) -> Option<usize> {
        // Walk up from `from`: the highest node where the name is free and unclaimed wins.
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
            if node.requires.get(folder).is_some_and(|p| p != target) {
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
        Some(self.add_child(host, folder, target))
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
                if found.as_deref() != Some(target.as_str()) {
                    problems.push((path_of[&id].clone(), folder.clone(), target.clone(), found));
                }
            }
        }
        problems
    }

    fn lookup(&self, from: usize, folder: &str) -> Option<String> {
        let mut at = Some(from);
        while let Some(id) = at {
            if let Some(&c) = self.nodes[id].children.get(folder) {
                return Some(self.nodes[c].package.clone());
            }
            at = self.nodes[id].parent;
        }
        None
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

    proptest! {
        /// Any acyclic-or-cyclic random graph lays out so Node's lookup finds every edge's target.
        #[test]
        fn random_graphs_resolve_correctly(
            edges in proptest::collection::vec((0usize..12, 0usize..4, 0usize..12, 0usize..2), 0..60),
            roots in proptest::collection::vec((0usize..4, 0usize..2), 1..5),
        ) {
            let name = |n: usize| format!("p{}", n % 4);
            let key = |n: usize, v: usize| format!("p{}@{}", n % 4, v);
            let mut g = Graph::default();
            for (n, v) in &roots {
                g.root.insert(name(*n), RootDep { spec: "*".into(), group: Group::Prod, package: Some(key(*n, *v)) });
            }
            for n in 0..4 { for v in 0..2 { g.packages.insert(key(n, v), Package::default()); } }
            for (from, _, to, v) in &edges {
                let from_key = key(*from % 4, *from / 4 % 2);
                if from_key.starts_with(&format!("{}@", name(*to))) { continue; }
                g.packages.get_mut(&from_key).unwrap().dependencies.insert(name(*to), key(*to, *v));
            }
            let layout = Layout::hoisted(&g);
            // An endless cycle of conflicting versions cannot be laid out finitely, by anyone.
            prop_assert!(layout.truncated || layout.check(&g).is_empty(), "{:?}", layout.check(&g));
        }
    }
}
