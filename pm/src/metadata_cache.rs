//! The metadata cache's files: one per package, a binary header (ETag, dist-tags and the sorted
//! version index) followed by the versions' JSON documents, cut down to the fields installs read
//! ([`Packument::parse`]; a Next.js document goes from 20 MB to 4). A warm install reads the header
//! with two positioned reads and then only the versions it picks; nothing is parsed as JSON until
//! a version is picked. The JSON header this replaced cost a Next.js app's warm install ~25 ms.
//!
//! ```text
//! "dxpk" · u32 header length · header · body
//! header: etag (u32 length, 0xFFFF_FFFF for none, bytes) · name · u32 tag count · (tag, version)…
//!         · u32 version count · version text · (u32 text end, u64 start, u64 length)…
//! ```
//! Integers are little-endian; strings are a `u32` length and UTF-8.

use std::collections::HashMap;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::time::Duration;

use crate::error::Result;
use crate::packument::{IndexEntry, Packument, Span, VersionIndex};

/// The cache's folder under the cache root; bumped whenever the file format or the fields
/// kept change (v3 keeps `engines.node` and `deprecated`).
pub const DIR: &str = "metadata-v3";
/// A cache file's extension.
pub const EXTENSION: &str = "pk";
const MAGIC: &[u8; 4] = b"dxpk";
const NO_ETAG: u32 = u32::MAX;

/// A cached packument.
pub struct Cached {
    pub etag: Option<String>,
    /// Since the file was written or last revalidated (its modification time).
    pub age: Duration,
    /// Reads its versions from the cache file.
    pub packument: Packument,
}

/// Reads a cache file's header; `None` when it is missing, from another format, or damaged
/// (the caller then fetches the document again).
pub fn read(path: &Path) -> Option<Cached> {
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let age = meta.modified().ok()?.elapsed().unwrap_or_default();
    let mut prefix = [0u8; 8];
    file.read_exact_at(&mut prefix, 0).ok()?;
    let (magic, len) = prefix.split_at(4);
    if magic != MAGIC {
        return None;
    }
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    // A damaged length must not become a huge allocation.
    if len as u64 > meta.len().saturating_sub(prefix.len() as u64) {
        return None;
    }
    let mut header = vec![0u8; len];
    file.read_exact_at(&mut header, prefix.len() as u64).ok()?;

    let mut input = Reader(&header);
    let etag = match input.u32()? {
        NO_ETAG => None,
        n => Some(input.string(n as usize)?),
    };
    let name = input.str()?;
    let mut dist_tags = HashMap::new();
    for _ in 0..input.u32()? {
        dist_tags.insert(input.str()?, input.str()?);
    }
    let count = input.u32()? as usize;
    let text = input.str()?;
    let base = (prefix.len() + len) as u64;
    let body_len = meta.len().checked_sub(base)?;
    let mut entries = Vec::with_capacity(count.min(input.0.len() / 20));
    for _ in 0..count {
        let entry = IndexEntry {
            text_end: input.u32()?,
            span: Span {
                start: input.u64()?,
                len: input.u64()?,
            },
        };
        if entry.span.start.checked_add(entry.span.len)? > body_len {
            return None;
        }
        entries.push(entry);
    }
    if !input.0.is_empty() {
        return None;
    }
    let versions = VersionIndex::from_parts(text, entries)?;
    Some(Cached {
        etag,
        age,
        packument: Packument::from_index(name, dist_tags, versions, file, base),
    })
}

/// Writes a packument just parsed (its version documents in memory) to a cache file,
/// atomically; the file, open for reading, and the body's offset in it.
pub fn write(
    path: &Path,
    etag: Option<&str>,
    packument: &Packument,
) -> Result<(std::fs::File, u64)> {
    let body = packument
        .docs_in_memory()
        .ok_or_else(|| std::io::Error::other("the packument was read from a cache file"))?;
    // The magic, the header's length (filled in below), the header.
    let mut header = Vec::new();
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&[0; 4]);
    match etag {
        Some(etag) => put_str(&mut header, etag),
        None => header.extend_from_slice(&NO_ETAG.to_le_bytes()),
    }
    put_str(&mut header, &packument.name);
    header.extend_from_slice(&(packument.dist_tags.len() as u32).to_le_bytes());
    for (tag, version) in &packument.dist_tags {
        put_str(&mut header, tag);
        put_str(&mut header, version);
    }
    let (text, entries) = packument.versions.parts();
    header.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    put_str(&mut header, text);
    for entry in entries {
        header.extend_from_slice(&entry.text_end.to_le_bytes());
        header.extend_from_slice(&entry.span.start.to_le_bytes());
        header.extend_from_slice(&entry.span.len.to_le_bytes());
    }
    let len = (header.len() - MAGIC.len() - 4) as u32;
    header[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&len.to_le_bytes());
    let file = crate::fsutil::replace_with(path, &[&header, body])?;
    Ok((file, header.len() as u64))
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// Takes fields off the front of a header; `None` when it runs out.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    fn string(&mut self, len: usize) -> Option<String> {
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        String::from_utf8(head.to_vec()).ok()
    }

    fn str(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        self.string(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nodejs_semver::Version;

    const BODY: &[u8] = br#"{"name":"y","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"dependencies":{"z":"^2"},"dist":{"tarball":"t","integrity":"i"}},"0.1.0":{"dist":{"tarball":"u"}},"1.0.0-rc.1":{"dist":{"tarball":"r"}}}}"#;

    /// `BODY`, parsed and cached at `path` with `etag`.
    fn write_body(path: &Path, etag: Option<&str>) -> Packument {
        let packument = Packument::parse("y", BODY).unwrap();
        write(path, etag, &packument).unwrap();
        packument
    }

    #[test]
    fn a_cached_packument_reads_back_its_tags_versions_and_documents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x/y.pk");
        let packument = write_body(&path, Some("\"abc\""));

        let cached = read(&path).unwrap();
        assert_eq!(cached.etag.as_deref(), Some("\"abc\""));
        assert!(cached.age < Duration::from_secs(60));
        let p = cached.packument;
        assert_eq!(p.name, "y");
        assert_eq!(p.dist_tags, packument.dist_tags);
        assert_eq!(p.versions.parts(), packument.versions.parts());
        let versions: Vec<String> = p.versions.iter().map(|v| v.to_string()).collect();
        assert_eq!(versions, ["0.1.0", "1.0.0-rc.1", "1.0.0"]);
        let meta = p.get(&Version::parse("1.0.0").unwrap()).unwrap().unwrap();
        assert_eq!(meta.dependencies["z"], "^2");
        assert_eq!(meta.tarball, "t");
        assert!(p.get(&Version::parse("2.0.0").unwrap()).unwrap().is_none());

        write_body(&path, None);
        assert_eq!(read(&path).unwrap().etag, None);
    }

    #[test]
    fn a_damaged_or_foreign_file_is_a_miss_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("y.pk");
        write_body(&path, Some("e"));
        let whole = std::fs::read(&path).unwrap();
        let header_end = 8 + u32::from_le_bytes(whole[4..8].try_into().unwrap()) as usize;
        // Every cut inside the header, and every byte of it changed (the lengths included), must
        // read as a miss or as a well-formed packument: never a panic, nor a huge allocation.
        for cut in 0..header_end {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(read(&path).is_none(), "cut at {cut}");
        }
        for at in 0..header_end {
            let mut damaged = whole.clone();
            damaged[at] ^= 0xA5;
            std::fs::write(&path, &damaged).unwrap();
            if let Some(cached) = read(&path) {
                let _ = cached.packument.versions.iter().count();
                let _ = cached.packument.get(&Version::parse("1.0.0").unwrap());
            }
        }
        std::fs::write(&path, b"{\"etag\":null}\n{}").unwrap();
        assert!(read(&path).is_none());
    }
}
