//! `dx pm cache ls|clean`: what the global cache holds and how to drop it. The cache is
//! versioned folders (`store-v1/`, `metadata-v1/`), so cleaning is deleting them.

use std::path::{Path, PathBuf};

use crate::error::Result;

/// A summary of the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheListing {
    pub root: PathBuf,
    /// Unpacked tarballs in the store.
    pub stored_packages: usize,
    /// Package names whose metadata is cached, sorted.
    pub metadata: Vec<String>,
}

/// Lists the cache under `root`.
pub fn list(root: &Path) -> Result<CacheListing> {
    let mut stored_packages = 0;
    for shard in read_dir_names(&root.join("store-v1"))? {
        if shard != "tmp" {
            stored_packages += read_dir_names(&root.join("store-v1").join(&shard))?.len();
        }
    }
    let mut metadata = Vec::new();
    for host in read_dir_names(&root.join("metadata-v1"))? {
        for file in read_dir_names(&root.join("metadata-v1").join(&host))? {
            if let Some(name) = file.strip_suffix(".json") {
                metadata.push(name.replace("%2f", "/"));
            }
        }
    }
    metadata.sort();
    metadata.dedup();
    Ok(CacheListing {
        root: root.to_path_buf(),
        stored_packages,
        metadata,
    })
}

/// Deletes the store and the metadata cache.
pub fn clean(root: &Path) -> Result<()> {
    for dir in ["store-v1", "metadata-v1"] {
        match fs_err::remove_dir_all(root.join(dir)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

fn read_dir_names(dir: &Path) -> Result<Vec<String>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(crate::error::Error::io_at(e, dir)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_cleans() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("store-v1/s5ab/cdef")).unwrap();
        std::fs::create_dir_all(root.path().join("store-v1/tmp/x")).unwrap();
        std::fs::create_dir_all(root.path().join("metadata-v1/r.example")).unwrap();
        std::fs::write(root.path().join("metadata-v1/r.example/@a%2fb.json"), "").unwrap();
        let listing = list(root.path()).unwrap();
        assert_eq!(listing.stored_packages, 1);
        assert_eq!(listing.metadata, ["@a/b"]);
        clean(root.path()).unwrap();
        assert_eq!(list(root.path()).unwrap().stored_packages, 0);
    }
}
