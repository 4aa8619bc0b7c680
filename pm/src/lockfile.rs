//! `dx.lock`: the resolved graph as sorted, pretty-printed JSON. One package per block and one
//! key per line keep diffs small and reviewable; every map is a `BTreeMap`, so the same graph
//! always gives the same bytes.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::Graph;

/// The file name, next to `package.json`.
pub const FILE_NAME: &str = "dx.lock";

/// Bumped on any incompatible change; an older dx refuses a newer file instead of guessing.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    lockfile_version: u32,
    #[serde(flatten)]
    graph: Graph,
}

/// Renders a graph.
pub fn to_string(graph: &Graph) -> String {
    let doc = Document {
        lockfile_version: VERSION,
        graph: graph.clone(),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Parses `dx.lock` text, checking its version and that every edge points at a listed package.
pub fn parse(text: &str) -> Result<Graph> {
    let doc: Document =
        serde_json::from_str(text).map_err(|e| Error::BadLockfile(e.to_string()))?;
    if doc.lockfile_version != VERSION {
        return Err(Error::BadLockfile(format!(
            "version {} is not supported (this dx reads version {VERSION})",
            doc.lockfile_version
        )));
    }
    let graph = doc.graph;
    for (k, pkg) in &graph.packages {
        for target in pkg.dependencies.values() {
            if !graph.packages.contains_key(target) {
                return Err(Error::BadLockfile(format!(
                    "`{k}` depends on `{target}`, which is not listed"
                )));
            }
        }
    }
    for (folder, dep) in &graph.root {
        if let Some(k) = &dep.package
            && !graph.packages.contains_key(k)
        {
            return Err(Error::BadLockfile(format!(
                "root dependency `{folder}` points at missing `{k}`"
            )));
        }
    }
    Ok(graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Group, Package, RootDep};
    use proptest::prelude::*;

    fn arb_graph() -> impl Strategy<Value = Graph> {
        let name = "[a-z]{1,6}|@[a-z]{1,3}/[a-z]{1,4}";
        proptest::collection::btree_map(
            (name, 0u8..3),
            (any::<bool>(), proptest::collection::vec(0usize..8, 0..4)),
            1..8,
        )
        .prop_map(|specs| {
            let keys: Vec<String> = specs.keys().map(|(n, v)| format!("{n}@1.{v}.0")).collect();
            let mut g = Graph::default();
            for (i, ((n, _), (script, deps))) in specs.iter().enumerate() {
                let mut p = Package {
                    resolved: format!("https://r.test/{n}.tgz"),
                    integrity: "sha512-AA==".into(),
                    has_install_script: *script,
                    ..Default::default()
                };
                for d in deps {
                    let target = &keys[d % keys.len()];
                    let folder = crate::graph::split_key(target).0.to_string();
                    p.dependencies.insert(folder.clone(), target.clone());
                    if d % 4 == 1 {
                        p.peer_ranges
                            .insert(format!("{folder}-peer"), "^1 || >=3".into());
                    }
                    if d % 3 == 0 {
                        p.optional.insert(folder);
                    }
                }
                if i == 0 {
                    p.bin.insert("tool".into(), "cli.js".into());
                    p.os = vec!["linux".into()];
                }
                g.packages.insert(keys[i].clone(), p);
            }
            let (first, _) = crate::graph::split_key(&keys[0]);
            g.root.insert(
                first.to_string(),
                RootDep {
                    spec: "^1".into(),
                    group: Group::Dev,
                    package: Some(keys[0].clone()),
                },
            );
            g
        })
    }

    proptest! {
        #[test]
        fn round_trip_is_exact_and_stable(graph in arb_graph()) {
            let text = to_string(&graph);
            let back = parse(&text).unwrap();
            prop_assert_eq!(&back, &graph);
            prop_assert_eq!(to_string(&back), text);
        }
    }

    #[test]
    fn rejects_dangling_edges_and_future_versions() {
        let text = r#"{"lockfileVersion":1,"root":{},"packages":{"a@1.0.0":{"resolved":"u","integrity":"i","dependencies":{"b":"b@1.0.0"}}}}"#;
        assert!(matches!(parse(text), Err(Error::BadLockfile(m)) if m.contains("b@1.0.0")));
        let text = r#"{"lockfileVersion":9,"root":{},"packages":{}}"#;
        assert!(matches!(parse(text), Err(Error::BadLockfile(m)) if m.contains("version 9")));
        assert!(matches!(parse("{"), Err(Error::BadLockfile(_))));
    }
}
