//! `dx why` and `dx ls`: questions answered from the install image alone, zero-copy, without
//! touching `node_modules` or the network, so the language server can ask them on every hover.

use std::collections::BTreeSet;
use std::path::Path;

use crate::error::{Error, Result};
use crate::image::{ArchivedEdgeKind, ArchivedInstallImage, ImageBytes};

/// Enough paths for any human question; a popular package can have millions in a big graph.
const MAX_PATHS: usize = 200;

/// One step of a dependency path: how the dependency is required and what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The folder name it is required as (differs from the package name for aliases).
    pub folder: String,
    pub key: String,
    pub kind: &'static str,
}

fn kind_name(kind: &ArchivedEdgeKind) -> &'static str {
    match kind {
        ArchivedEdgeKind::Prod => "dependencies",
        ArchivedEdgeKind::Dev => "devDependencies",
        ArchivedEdgeKind::Optional => "optionalDependencies",
        ArchivedEdgeKind::Peer => "peerDependencies",
    }
}

/// Every path from the project to a package named `query` (by package or folder name, with an
/// optional range: `lodash@^4`), shortest first.
pub fn why(project: &Path, query: &str) -> Result<Vec<Vec<Step>>> {
    let bytes = ImageBytes::read(project);
    let image = bytes
        .as_ref()
        .and_then(ImageBytes::get)
        .ok_or_else(|| Error::NothingInstalled(project.to_path_buf()))?;
    let (name, requirement) = crate::spec::split_name_and_requirement(query);
    let range = requirement
        .map(|r| {
            nodejs_semver::Range::parse(r).map_err(|e| Error::InvalidSpec {
                name: name.to_string(),
                spec: r.to_string(),
                reason: e.to_string(),
            })
        })
        .transpose()?;
    let in_range = |package: u32| {
        range.as_ref().is_none_or(|range| {
            nodejs_semver::Version::parse(image.packages[package as usize].version.as_str())
                .is_ok_and(|v| range.satisfies(&v))
        })
    };
    // A package by its name, or by the folder it is required as (an alias).
    let is_target = |package: u32, folder: &str| {
        (image.packages[package as usize].name == name || folder == name) && in_range(package)
    };
    let mut paths = Vec::new();
    let mut stack: Vec<Step> = Vec::new();
    let mut on_path: BTreeSet<u32> = BTreeSet::new();
    for edge in image.root.iter() {
        walk(
            image,
            edge.package.to_native(),
            &edge.folder,
            kind_name(&edge.kind),
            &is_target,
            &mut stack,
            &mut on_path,
            &mut paths,
        );
    }
    if paths.is_empty() {
        return Err(Error::NotInstalled(query.to_string()));
    }
    paths.sort_by_key(|p: &Vec<Step>| p.len());
    Ok(paths)
}

#[expect(
    clippy::too_many_arguments,
    reason = "a private recursive walker; bundling its state would only rename it"
)]
fn walk(
    image: &ArchivedInstallImage,
    package: u32,
    folder: &str,
    kind: &'static str,
    is_target: &dyn Fn(u32, &str) -> bool,
    stack: &mut Vec<Step>,
    on_path: &mut BTreeSet<u32>,
    paths: &mut Vec<Vec<Step>>,
) {
    if paths.len() >= MAX_PATHS || !on_path.insert(package) {
        return;
    }
    stack.push(Step {
        folder: folder.to_string(),
        key: image.key(package),
        kind,
    });
    if is_target(package, folder) {
        paths.push(stack.clone());
    } else {
        for edge in image.packages[package as usize].deps.iter() {
            walk(
                image,
                edge.package.to_native(),
                &edge.folder,
                kind_name(&edge.kind),
                is_target,
                stack,
                on_path,
                paths,
            );
        }
    }
    stack.pop();
    on_path.remove(&package);
}

/// The installed tree as indented lines: direct dependencies, or with `all` the whole tree
/// (a package already shown is marked `deduped` instead of repeating its subtree).
pub fn ls(project: &Path, all: bool) -> Result<Vec<String>> {
    let bytes = ImageBytes::read(project);
    let image = bytes
        .as_ref()
        .and_then(ImageBytes::get)
        .ok_or_else(|| Error::NothingInstalled(project.to_path_buf()))?;
    let mut lines = Vec::new();
    let mut shown = BTreeSet::new();
    for edge in image.root.iter() {
        print_tree(
            image,
            edge.package.to_native(),
            &edge.folder,
            0,
            all,
            &mut shown,
            &mut lines,
        );
    }
    Ok(lines)
}

fn print_tree(
    image: &ArchivedInstallImage,
    package: u32,
    folder: &str,
    depth: usize,
    all: bool,
    shown: &mut BTreeSet<u32>,
    lines: &mut Vec<String>,
) {
    let p = &image.packages[package as usize];
    let label = if p.name == folder {
        image.key(package)
    } else {
        format!("{folder} → {}", image.key(package))
    };
    let indent = "  ".repeat(depth);
    let first = shown.insert(package);
    let deduped = if all && !first && !p.deps.is_empty() {
        " (deduped)"
    } else {
        ""
    };
    lines.push(format!("{indent}{label}{deduped}"));
    if all && first {
        for edge in p.deps.iter() {
            print_tree(
                image,
                edge.package.to_native(),
                &edge.folder,
                depth + 1,
                all,
                shown,
                lines,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Graph, Group, Package, RootDep};
    use crate::image::InstallImage;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Graph::default();
        for (f, k) in [("a", "a@1.0.0"), ("b", "b@1.0.0")] {
            g.root.insert(
                f.into(),
                RootDep {
                    spec: "1".into(),
                    group: Group::Prod,
                    package: Some(k.into()),
                },
            );
        }
        let mut a = Package::default();
        a.dependencies.insert("c".into(), "c@2.0.0".into());
        let mut b = Package::default();
        b.dependencies.insert("a".into(), "a@1.0.0".into());
        b.dependencies.insert("c2".into(), "c@2.0.0".into());
        g.packages.insert("a@1.0.0".into(), a);
        g.packages.insert("b@1.0.0".into(), b);
        g.packages.insert("c@2.0.0".into(), Package::default());
        InstallImage::new(&g, &[], 1).write(dir.path()).unwrap();
        dir
    }

    #[test]
    fn why_lists_every_path_shortest_first() {
        let dir = project();
        let paths = why(dir.path(), "c").unwrap();
        let rendered: Vec<String> = paths
            .iter()
            .map(|p| {
                p.iter()
                    .map(|s| s.folder.clone())
                    .collect::<Vec<_>>()
                    .join(" > ")
            })
            .collect();
        assert_eq!(rendered, ["a > c", "b > c2", "b > a > c"]);
        assert!(matches!(
            why(dir.path(), "zzz"),
            Err(Error::NotInstalled(_))
        ));
        // A range narrows the question to the versions it allows.
        assert_eq!(why(dir.path(), "c@^2").unwrap().len(), 3);
        assert!(matches!(why(dir.path(), "c@1"), Err(Error::NotInstalled(q)) if q == "c@1"));
        assert!(matches!(
            why(dir.path(), "c@not a range"),
            Err(Error::InvalidSpec { .. })
        ));
    }

    #[test]
    fn a_project_never_installed_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let err = ls(dir.path(), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("nothing is installed in `{}`", dir.path().display())
        );
        assert!(matches!(
            why(dir.path(), "a"),
            Err(Error::NothingInstalled(_))
        ));
    }

    #[test]
    fn ls_direct_and_all() {
        let dir = project();
        assert_eq!(ls(dir.path(), false).unwrap(), ["a@1.0.0", "b@1.0.0"]);
        assert_eq!(
            ls(dir.path(), true).unwrap(),
            [
                "a@1.0.0",
                "  c@2.0.0",
                "b@1.0.0",
                "  a@1.0.0 (deduped)",
                "  c2 → c@2.0.0"
            ]
        );
    }
}
