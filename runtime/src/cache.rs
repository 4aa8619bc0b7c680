//! The on-disk transform cache: a warm run reads a file, hashes it and finds its transformed
//! code here, so it never parses it again.
//!
//! Entries live in `$DX_CACHE_DIR/transform-v2/<hash>.json`, keyed by the dx build, the
//! file's path, the transform config and the source text. Bump the folder's version on any
//! change to [`Transformed`]'s shape. Writes go to a temporary file renamed into place, so a
//! killed process never leaves a torn entry; a cache that cannot be written is skipped.

use std::{
    fs,
    path::{Path, PathBuf},
};

use xxhash_rust::xxh3::Xxh3;

use crate::transform::{SyntaxError, TransformConfig, Transformed, transform};

/// The user's cache root: `$DX_CACHE_DIR`, else `$XDG_CACHE_HOME/dx`, else `~/.cache/dx`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DX_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("dx"));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache").join("dx"))
}

#[derive(Debug, Clone)]
pub struct TransformCache {
    dir: Option<PathBuf>,
}

impl TransformCache {
    /// A cache under `root` (see [`default_cache_dir`]); `None` disables caching.
    pub fn new(root: Option<&Path>) -> Self {
        TransformCache {
            dir: root.map(|root| root.join("transform-v2")),
        }
    }

    /// The transform of `source`, from the cache when an identical input was seen before.
    pub fn transform(
        &self,
        path: &Path,
        source: &str,
        config: &TransformConfig,
    ) -> Result<Transformed, SyntaxError> {
        let Some(dir) = &self.dir else {
            return transform(path, source, config);
        };
        let entry = dir.join(format!("{:032x}.json", cache_key(path, source, config)));
        if let Some(hit) = fs::read(&entry)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Transformed>(&bytes).ok())
        {
            return Ok(hit);
        }
        let fresh = transform(path, source, config)?;
        if let Ok(bytes) = serde_json::to_vec(&fresh) {
            write_atomically(dir, &entry, &bytes);
        }
        Ok(fresh)
    }
}

fn cache_key(path: &Path, source: &str, config: &TransformConfig) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(env!("DX_BUILD_ID").as_bytes());
    hasher.update(path.as_os_str().as_encoded_bytes());
    hasher.update(&[0]);
    hasher.update(format!("{config:?}").as_bytes());
    hasher.update(&[0]);
    hasher.update(source.as_bytes());
    hasher.digest128()
}

pub(crate) fn write_atomically(dir: &Path, entry: &Path, bytes: &[u8]) {
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = entry.with_extension(format!("tmp{}", std::process::id()));
    if fs::write(&tmp, bytes).is_ok() && fs::rename(&tmp, entry).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_transform_is_read_from_disk() {
        let root = tempfile::tempdir().unwrap();
        let cache = TransformCache::new(Some(root.path()));
        let config = TransformConfig::default();
        let path = Path::new("/x/a.ts");
        let first = cache.transform(path, "let a: number = 1", &config).unwrap();
        let entries: Vec<_> = fs::read_dir(root.path().join("transform-v2"))
            .unwrap()
            .collect();
        assert_eq!(entries.len(), 1);
        // Corrupt nothing, but prove the hit comes from disk: a changed entry is returned as is.
        let entry = entries[0].as_ref().unwrap().path();
        let mut stored: Transformed = serde_json::from_slice(&fs::read(&entry).unwrap()).unwrap();
        assert_eq!(stored, first);
        stored.code = Some("/* from cache */".into());
        fs::write(&entry, serde_json::to_vec(&stored).unwrap()).unwrap();
        let second = cache.transform(path, "let a: number = 1", &config).unwrap();
        assert_eq!(second.code.as_deref(), Some("/* from cache */"));
        // A different source is a different key.
        let third = cache.transform(path, "let a: number = 2", &config).unwrap();
        assert!(third.code.unwrap().contains("let a = 2"));
    }

    #[test]
    fn instrumented_code_has_its_own_entry() {
        let root = tempfile::tempdir().unwrap();
        let cache = TransformCache::new(Some(root.path()));
        let path = Path::new("/x/b.ts");
        let covered = TransformConfig {
            coverage: true,
            ..TransformConfig::default()
        };
        let instrumented = cache.transform(path, "let b = 1", &covered).unwrap();
        let plain = cache
            .transform(path, "let b = 1", &TransformConfig::default())
            .unwrap();
        assert!(instrumented.coverage.is_some() && plain.coverage.is_none());
        assert!(!plain.code.unwrap().contains("__dx_cov_"));
        let entries = fs::read_dir(root.path().join("transform-v2"))
            .unwrap()
            .count();
        assert_eq!(entries, 2);
    }
}
