//! The binary install image, `node_modules/.dx/install.bin`: the installed graph and layout as
//! rkyv bytes, read zero-copy. It is written last by a completed install, so its presence with a
//! matching input hash plus every package folder present means there is nothing to do: that is
//! the millisecond no-op install. `dx why`, `dx ls`, the language server and the devtools read it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rkyv::rancor;
use rkyv::util::AlignedVec;

use crate::error::{Error, Result};
use crate::graph::Graph;

/// Where the image lives inside a project.
pub fn path(project: &Path) -> PathBuf {
    project.join("node_modules").join(".dx").join("install.bin")
}

/// The installed state.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct InstallImage {
    /// Hash of everything the install was computed from (manifest, lockfile, options, dx version).
    pub input_hash: u64,
    /// Sorted by key; edges refer to packages by index.
    pub packages: Vec<ImagePackage>,
    pub root: Vec<ImageEdge>,
    pub locations: Vec<ImageLocation>,
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct ImagePackage {
    pub name: String,
    pub version: String,
    pub deps: Vec<ImageEdge>,
}

/// An edge: the folder name it is required as, the target index and what kind of edge it is.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct ImageEdge {
    pub folder: String,
    pub package: u32,
    pub kind: EdgeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
#[rkyv(derive(Debug, PartialEq, Eq))]
pub enum EdgeKind {
    Prod,
    Dev,
    Optional,
    Peer,
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct ImageLocation {
    pub path: String,
    pub package: u32,
}

impl InstallImage {
    /// Builds the image of an installed (already restricted) graph and its layout.
    pub fn new(graph: &Graph, locations: &[(String, String)], input_hash: u64) -> Self {
        let index: BTreeMap<&str, u32> = graph
            .packages
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i as u32))
            .collect();
        let packages = graph
            .packages
            .iter()
            .map(|(k, p)| {
                let (name, version) = crate::graph::split_key(k);
                let deps = p
                    .dependencies
                    .iter()
                    .filter_map(|(folder, t)| {
                        let kind = if p.peer.contains(folder) {
                            EdgeKind::Peer
                        } else if p.optional.contains(folder) {
                            EdgeKind::Optional
                        } else {
                            EdgeKind::Prod
                        };
                        Some(ImageEdge {
                            folder: folder.clone(),
                            package: *index.get(t.as_str())?,
                            kind,
                        })
                    })
                    .collect();
                ImagePackage {
                    name: name.to_string(),
                    version: version.to_string(),
                    deps,
                }
            })
            .collect();
        // Workspace members are roots too, so `dx why` and `dx ls` see through them.
        let members = graph.workspaces.values().filter_map(|k| {
            Some(ImageEdge {
                folder: crate::graph::split_key(k).0.to_string(),
                package: *index.get(k.as_str())?,
                kind: EdgeKind::Prod,
            })
        });
        let root = graph
            .root
            .iter()
            .filter_map(|(folder, d)| {
                let kind = match d.group {
                    crate::graph::Group::Prod => EdgeKind::Prod,
                    crate::graph::Group::Dev => EdgeKind::Dev,
                    crate::graph::Group::Optional => EdgeKind::Optional,
                };
                Some(ImageEdge {
                    folder: folder.clone(),
                    package: *index.get(d.package.as_deref()?)?,
                    kind,
                })
            })
            .chain(members)
            .collect();
        let locations = locations
            .iter()
            .filter_map(|(path, k)| {
                Some(ImageLocation {
                    path: path.clone(),
                    package: *index.get(k.as_str())?,
                })
            })
            .collect();
        InstallImage {
            input_hash,
            packages,
            root,
            locations,
        }
    }

    /// Writes the image atomically.
    pub fn write(&self, project: &Path) -> Result<()> {
        let bytes = rkyv::to_bytes::<rancor::Error>(self)
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
        crate::fsutil::write_atomic(&path(project), &bytes)
    }
}

/// The raw bytes of a project's image, aligned for zero-copy access.
pub struct ImageBytes(AlignedVec);

impl ImageBytes {
    /// Reads the image; `None` when there is none.
    pub fn read(project: &Path) -> Option<Self> {
        let data = std::fs::read(path(project)).ok()?;
        let mut aligned = AlignedVec::with_capacity(data.len());
        aligned.extend_from_slice(&data);
        Some(ImageBytes(aligned))
    }

    /// The validated archived image; `None` when the file is corrupt or from another format.
    pub fn get(&self) -> Option<&ArchivedInstallImage> {
        rkyv::access::<ArchivedInstallImage, rancor::Error>(&self.0).ok()
    }
}

impl ArchivedInstallImage {
    /// `name@version` of a package index.
    pub fn key(&self, index: u32) -> String {
        let p = &self.packages[index as usize];
        format!("{}@{}", p.name, p.version)
    }

    /// Location path → package key, for the linker's diff.
    pub fn location_map(&self) -> BTreeMap<String, String> {
        self.locations
            .iter()
            .map(|l| (l.path.to_string(), self.key(l.package.to_native())))
            .collect()
    }

    /// Whether every package folder is still there (one `stat` each; a `link:` target need not
    /// be a package, so a symlink in place counts).
    pub fn tree_present(&self, project: &Path) -> bool {
        self.locations.iter().all(|l| {
            let at = project.join(l.path.as_str());
            at.join("package.json").exists()
                || at
                    .symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Group, Package, RootDep};

    #[test]
    fn writes_reads_and_detects_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Graph::default();
        g.root.insert(
            "a".into(),
            RootDep {
                spec: "1".into(),
                group: Group::Prod,
                package: Some("a@1.0.0".into()),
            },
        );
        let mut a = Package::default();
        a.dependencies.insert("b".into(), "b@2.0.0".into());
        g.packages.insert("a@1.0.0".into(), a);
        g.packages.insert("b@2.0.0".into(), Package::default());
        let locations = vec![
            ("node_modules/a".to_string(), "a@1.0.0".to_string()),
            ("node_modules/b".to_string(), "b@2.0.0".to_string()),
        ];
        InstallImage::new(&g, &locations, 42)
            .write(dir.path())
            .unwrap();
        let bytes = ImageBytes::read(dir.path()).unwrap();
        let image = bytes.get().unwrap();
        assert_eq!(image.input_hash, 42);
        assert_eq!(
            image.key(image.packages[0].deps[0].package.to_native()),
            "b@2.0.0"
        );
        assert_eq!(image.location_map()["node_modules/b"], "b@2.0.0");
        assert!(!image.tree_present(dir.path()));
        for (loc, _) in &locations {
            std::fs::create_dir_all(dir.path().join(loc)).unwrap();
            std::fs::write(dir.path().join(loc).join("package.json"), "{}").unwrap();
        }
        assert!(image.tree_present(dir.path()));
        std::fs::write(path(dir.path()), b"garbage").unwrap();
        assert!(ImageBytes::read(dir.path()).unwrap().get().is_none());
    }
}
