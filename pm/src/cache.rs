//! `dx pm cache ls|clean`: what the global cache holds and how to drop it. The cache is
//! versioned folders (`store-v1/`, `metadata-v3/`), so cleaning is deleting them, and the
//! folders an older dx left behind with them.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::metadata_cache;
use crate::store::STORE_DIR;

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
    let store = root.join(STORE_DIR);
    for shard in read_dir_names(&store)? {
        if shard != "tmp" {
            stored_packages += read_dir_names(&store.join(&shard))?.len();
        }
    }
    let mut metadata = Vec::new();
    let metadata_dir = root.join(metadata_cache::DIR);
    for host in read_dir_names(&metadata_dir)? {
        for file in read_dir_names(&metadata_dir.join(&host))? {
            if let Some(name) = file
                .strip_suffix(metadata_cache::EXTENSION)
                .and_then(|f| f.strip_suffix('.'))
            {
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

/// Deletes the store and the metadata cache, in this format and any other.
pub fn clean(root: &Path) -> Result<()> {
    for dir in read_dir_names(root)? {
        if !(dir.starts_with("store-v") || dir.starts_with("metadata-v")) {
            continue;
        }
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
        std::fs::create_dir_all(root.path().join("metadata-v3/r.example")).unwrap();
        std::fs::write(root.path().join("metadata-v3/r.example/@a%2fb.pk"), "").unwrap();
        std::fs::create_dir_all(root.path().join("metadata-v1/r.example")).unwrap();
        std::fs::write(root.path().join("keep.txt"), "").unwrap();
        let listing = list(root.path()).unwrap();
        assert_eq!(listing.stored_packages, 1);
        assert_eq!(listing.metadata, ["@a/b"]);
        clean(root.path()).unwrap();
        let mut left = read_dir_names(root.path()).unwrap();
        left.sort();
        assert_eq!(left, ["keep.txt"], "older formats go too, other files stay");
    }
}
