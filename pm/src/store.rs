//! The global content-addressed package store, `$DX_CACHE_DIR/store-v1/`. Each tarball is
//! unpacked once into a folder named after its integrity hash, next to an index of its entries;
//! projects then hardlink those files, so a package costs its disk space once per machine.
//! A package appears in the store by one `rename`, so a crash never leaves a half-written entry.

use std::ffi::CStr;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};
use crate::integrity::Integrity;
use crate::tarball::{self, Entry, EntryKind};

/// Bumped whenever the on-disk layout changes; old folders are simply ignored.
pub const STORE_DIR: &str = "store-v1";

/// A handle on the store folder.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A unique name for a temporary sibling, so concurrent installs never collide.
pub(crate) fn unique_tmp_name(prefix: &str) -> String {
    let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}{}-{n}-{nanos}", std::process::id())
}

impl Store {
    /// The store below a cache root.
    pub fn new(cache_root: &Path) -> Self {
        Store {
            root: cache_root.join(STORE_DIR),
        }
    }

    /// The folder of one package: `<key>/pkg/` holds the files, `<key>/index` lists them.
    pub fn entry_dir(&self, integrity: &Integrity) -> PathBuf {
        let key = integrity.store_key();
        self.root.join(&key[..4]).join(&key[4..])
    }

    /// Whether the package is fully in the store.
    pub fn contains(&self, integrity: &Integrity) -> bool {
        self.entry_dir(integrity).join("index").is_file()
    }

    /// Reads the entry list of a stored package.
    pub fn index(&self, integrity: &Integrity) -> Result<Index> {
        let path = self.entry_dir(integrity).join("index");
        Index::parse(fs_err::read(&path)?).ok_or_else(|| corrupt_index(&path))
    }

    /// Verifies `tgz` against `integrity`, then unpacks it into the store. Nothing is written
    /// when the hash does not match.
    pub fn add(&self, package: &str, integrity: &Integrity, tgz: &[u8]) -> Result<()> {
        integrity.verify(package, tgz)?;
        self.unpack(integrity, |dir| tarball::extract_whole(package, tgz, dir))
    }

    /// Unpacks a tarball as its bytes arrive, hashing and inflating them on one thread and
    /// writing the files on this one; the entry is published only when the whole stream
    /// matches `integrity`. Until then the files sit in a temporary folder that nothing reads
    /// and that is deleted on a mismatch, so a bad tarball leaves nothing behind, as with
    /// [`Store::add`], while a large one unpacks during its download instead of after it.
    pub fn add_streaming(
        &self,
        package: &str,
        integrity: &Integrity,
        tgz: impl BufRead + Send,
    ) -> Result<()> {
        self.unpack(integrity, |dir| {
            let stream = Checked {
                inner: tgz,
                checker: integrity.checker(),
            };
            let (extracted, mut stream) = tarball::extract_on_two_threads(package, stream, dir);
            // What follows the archive's end (padding, the gzip trailer), or what follows the
            // point where unpacking failed, is hashed too: bytes that are not what the registry
            // promised are reported as that, whatever broke first.
            let drained = std::io::copy(&mut stream, &mut std::io::sink());
            stream.checker.finish(package)?;
            drained.map_err(|e| Error::CorruptTarball {
                package: package.into(),
                reason: e.to_string(),
            })?;
            extracted
        })
    }

    /// Builds an entry in a temporary folder with `extract`, writes its index and renames it
    /// into place; on any error the temporary folder goes and the store is as it was.
    fn unpack(
        &self,
        integrity: &Integrity,
        extract: impl FnOnce(&Path) -> Result<Vec<Entry>>,
    ) -> Result<()> {
        let final_dir = self.entry_dir(integrity);
        if final_dir.join("index").is_file() {
            return Ok(());
        }
        let tmp_root = self.root.join("tmp");
        fs_err::create_dir_all(&tmp_root)?;
        let tmp = tmp_root.join(unique_tmp_name("x"));
        let pkg_dir = tmp.join("pkg");
        fs_err::create_dir_all(&pkg_dir)?;
        let result = (|| {
            let entries = extract(&pkg_dir)?;
            // A path a tarball lists twice was overwritten by its last entry: list it once, as
            // that entry, where it first appeared (parents stay first).
            let mut last: std::collections::HashMap<&str, &Entry> =
                entries.iter().map(|e| (e.path.as_str(), e)).collect();
            let mut index = String::new();
            for entry in &entries {
                if let Some(kept) = last.remove(entry.path.as_str()) {
                    write_index_line(&mut index, kept);
                }
            }
            fs_err::write(tmp.join("index"), index)?;
            if let Some(parent) = final_dir.parent() {
                fs_err::create_dir_all(parent)?;
            }
            match std::fs::rename(&tmp, &final_dir) {
                Ok(()) => Ok(()),
                // Another install stored the same package first: theirs is as good as ours.
                Err(_) if final_dir.join("index").is_file() => {
                    let _ = std::fs::remove_dir_all(&tmp);
                    Ok(())
                }
                Err(e) => Err(Error::io_at(e, &final_dir)),
            }
        })();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        result
    }
}

/// A buffered reader that hashes every byte consumed through it, in the reader's own buffer.
struct Checked<'a, R> {
    inner: R,
    checker: crate::integrity::Checker<'a>,
}

impl<R: BufRead> BufRead for Checked<'_, R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The bytes being consumed are the front of the buffer `fill_buf` last returned, which
        // a `BufRead` hands back again, without reading, until they are consumed.
        if let Ok(buffered) = self.inner.fill_buf() {
            self.checker.update(&buffered[..amt]);
        }
        self.inner.consume(amt);
    }
}

impl<R: BufRead> Read for Checked<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        read_through_buffer(self, buf)
    }
}

/// `Read::read` for a reader whose own buffer is the source: copies from `fill_buf` and
/// consumes what was copied (so `consume` sees every byte, as [`Checked`] needs).
pub(crate) fn read_through_buffer(
    reader: &mut impl BufRead,
    buf: &mut [u8],
) -> std::io::Result<usize> {
    let buffered = reader.fill_buf()?;
    let n = buf.len().min(buffered.len());
    buf[..n].copy_from_slice(&buffered[..n]);
    reader.consume(n);
    Ok(n)
}

fn corrupt_index(path: &Path) -> Error {
    Error::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("corrupt store index `{}`", path.display()),
    ))
}

/// One tab-separated line per entry: `d path`, `f path`, `x path` (executable), `l path target`.
fn write_index_line(out: &mut String, entry: &Entry) {
    match &entry.kind {
        EntryKind::Dir => out.push_str("d\t"),
        EntryKind::File { executable: false } => out.push_str("f\t"),
        EntryKind::File { executable: true } => out.push_str("x\t"),
        EntryKind::Symlink { .. } => out.push_str("l\t"),
    }
    out.push_str(&entry.path);
    if let EntryKind::Symlink { target } = &entry.kind {
        out.push('\t');
        out.push_str(target);
    }
    out.push('\n');
}

/// A stored package's entry list, read in one piece. Its separators become NULs, so every path
/// is a C string inside it: linking Next.js' ~9,400 files allocates nothing per file.
#[derive(Debug)]
pub struct Index {
    /// `tag NUL path NUL [target NUL]`, entry after entry (the file's tabs and newlines).
    text: Vec<u8>,
}

/// One entry of an [`Index`]; `at` names its path for [`Index::path`] later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexEntry<'a> {
    pub path: &'a CStr,
    pub at: usize,
    pub kind: IndexKind<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind<'a> {
    Dir,
    File,
    Symlink { target: &'a CStr },
}

impl Index {
    /// `None` when the text is not an index (a NUL byte, an unknown tag, a missing field).
    fn parse(mut text: Vec<u8>) -> Option<Index> {
        if text.last().is_some_and(|&b| b != b'\n') {
            text.push(b'\n');
        }
        for b in &mut text {
            match *b {
                0 => return None,
                b'\t' | b'\n' => *b = 0,
                _ => {}
            }
        }
        let index = Index { text };
        let mut at = 0;
        while at < index.text.len() {
            at = index.entry(at)?.1;
        }
        Some(index)
    }

    /// The entry at byte `at` and where the next one starts.
    fn entry(&self, at: usize) -> Option<(IndexEntry<'_>, usize)> {
        let field = |start: usize| {
            let c = CStr::from_bytes_until_nul(self.text.get(start..)?).ok()?;
            Some((c, start + c.count_bytes() + 1))
        };
        let (tag, path_at) = field(at)?;
        let (path, mut next) = field(path_at)?;
        let kind = match tag.to_bytes() {
            b"d" => IndexKind::Dir,
            b"f" | b"x" => IndexKind::File,
            b"l" => {
                let (target, after) = field(next)?;
                next = after;
                IndexKind::Symlink { target }
            }
            _ => return None,
        };
        Some((
            IndexEntry {
                path,
                at: path_at,
                kind,
            },
            next,
        ))
    }

    /// Every entry, parents before what they hold.
    pub fn entries(&self) -> impl Iterator<Item = IndexEntry<'_>> {
        let mut at = 0;
        std::iter::from_fn(move || {
            let (entry, next) = self.entry(at)?;
            at = next;
            Some(entry)
        })
    }

    /// The path of the entry at byte `at`, relative to the package.
    pub fn path(&self, at: usize) -> &CStr {
        self.text
            .get(at..)
            .and_then(|text| CStr::from_bytes_until_nul(text).ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tarball::tests::{Item, make_tgz};

    /// The sha512 integrity of `bytes`.
    pub(crate) fn sri(bytes: &[u8]) -> Integrity {
        Integrity::sha512_of(bytes)
    }

    /// Unpackings begun and not finished or cleaned up.
    fn temporary_folders(cache: &Path) -> usize {
        std::fs::read_dir(cache.join(STORE_DIR).join("tmp"))
            .unwrap()
            .count()
    }

    #[test]
    fn add_then_index_round_trips() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        let tgz = make_tgz(&[
            Item::File("package/package.json", b"{}", 0o644),
            Item::File("package/bin/x", b"#!", 0o755),
            Item::Symlink("package/y", "bin/x"),
        ]);
        let integrity = sri(&tgz);
        assert!(!store.contains(&integrity));
        store.add("p", &integrity, &tgz).unwrap();
        assert!(store.contains(&integrity));
        let index = store.index(&integrity).unwrap();
        assert_eq!(
            listed(&index),
            ["f package.json", "d bin", "f bin/x", "l y -> bin/x"]
        );
        store.add("p", &integrity, &tgz).unwrap();
    }

    #[test]
    fn a_path_listed_twice_is_indexed_once_with_its_last_content() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        let tgz = make_tgz(&[
            Item::File("package/dist/index.js", b"old", 0o644),
            Item::File("package/dist/index.js", b"new", 0o644),
        ]);
        let integrity = sri(&tgz);
        store.add("p", &integrity, &tgz).unwrap();
        let index = store.index(&integrity).unwrap();
        assert_eq!(listed(&index), ["d dist", "f dist/index.js"]);
        let stored = store.entry_dir(&integrity).join("pkg/dist/index.js");
        assert_eq!(std::fs::read(stored).unwrap(), b"new");
    }

    /// An index's entries as `d path`, `f path` or `l path -> target`.
    fn listed(index: &Index) -> Vec<String> {
        index
            .entries()
            .map(|e| {
                assert_eq!(index.path(e.at), e.path);
                let path = e.path.to_str().unwrap();
                match e.kind {
                    IndexKind::Dir => format!("d {path}"),
                    IndexKind::File => format!("f {path}"),
                    IndexKind::Symlink { target } => {
                        format!("l {path} -> {}", target.to_str().unwrap())
                    }
                }
            })
            .collect()
    }

    #[test]
    fn an_index_reads_back_what_was_written_and_refuses_anything_else() {
        let mut text = String::new();
        for (path, kind) in [
            ("lib", EntryKind::Dir),
            ("lib/a.js", EntryKind::File { executable: false }),
            ("lib/cli", EntryKind::File { executable: true }),
            (
                "b.js",
                EntryKind::Symlink {
                    target: "lib/a.js".into(),
                },
            ),
        ] {
            let path = path.to_string();
            write_index_line(&mut text, &Entry { path, kind });
        }
        let index = Index::parse(text.clone().into_bytes()).unwrap();
        let expected = ["d lib", "f lib/a.js", "f lib/cli", "l b.js -> lib/a.js"];
        assert_eq!(listed(&index), expected);
        // The last newline is optional; an empty index lists nothing.
        let trimmed = text.trim_end().as_bytes().to_vec();
        assert_eq!(listed(&Index::parse(trimmed).unwrap()), expected);
        assert!(listed(&Index::parse(Vec::new()).unwrap()).is_empty());
        for corrupt in ["q\tx\n", "f\n", "l\tlink\n", "f\ta\0b\n", "f"] {
            assert!(Index::parse(corrupt.into()).is_none(), "{corrupt:?}");
        }
    }

    #[test]
    fn mismatch_writes_nothing() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        let tgz = make_tgz(&[Item::File("package/a", b"a", 0o644)]);
        let wrong = sri(b"something else");
        assert!(matches!(
            store.add("p", &wrong, &tgz),
            Err(Error::Integrity { .. })
        ));
        assert!(!cache.path().join(STORE_DIR).exists());
    }

    #[test]
    fn a_streamed_tarball_is_stored_only_when_its_hash_matches() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        let tgz = make_tgz(&[
            Item::File("package/package.json", b"{}", 0o644),
            Item::File("package/lib/a.js", b"a", 0o644),
        ]);
        // Trailing bytes after the archive are part of what the hash covers.
        let mut padded = tgz.clone();
        padded.extend_from_slice(&[0; 700]);
        let wrong = sri(&tgz);
        let err = store.add_streaming("p", &wrong, &padded[..]).unwrap_err();
        assert!(matches!(err, Error::Integrity { .. }), "{err}");
        assert!(!store.contains(&wrong));
        assert_eq!(
            temporary_folders(cache.path()),
            0,
            "the unverified files are gone"
        );

        let right = sri(&padded);
        // One byte at a time, as a slow network would hand it over.
        let trickle = std::io::BufReader::with_capacity(1, &padded[..]);
        store.add_streaming("p", &right, trickle).unwrap();
        let index = store.index(&right).unwrap();
        assert!(
            listed(&index).contains(&"f lib/a.js".to_string()),
            "{index:?}"
        );
        let stored = store.entry_dir(&right).join("pkg/lib/a.js");
        assert_eq!(std::fs::read(stored).unwrap(), b"a");
    }

    #[test]
    fn a_streamed_file_larger_than_the_inflated_blocks_arrives_whole() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        // ~1.3 MB that does not compress away: several of the inflating thread's blocks.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let big: Vec<u8> = (0..1_300_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 56) as u8
            })
            .collect();
        let tgz = make_tgz(&[
            Item::File("package/big.bin", &big, 0o755),
            Item::File("package/after.txt", b"after", 0o644),
        ]);
        let integrity = sri(&tgz);
        store.add_streaming("p", &integrity, &tgz[..]).unwrap();
        let dir = store.entry_dir(&integrity).join("pkg");
        assert!(std::fs::read(dir.join("big.bin")).unwrap() == big);
        assert_eq!(std::fs::read(dir.join("after.txt")).unwrap(), b"after");
    }

    #[test]
    fn hostile_tarball_leaves_no_entry() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        let tgz = make_tgz(&[
            Item::File("package/ok", b"1", 0o644),
            Item::Symlink("package/l", "/etc"),
        ]);
        let integrity = sri(&tgz);
        assert!(store.add("p", &integrity, &tgz).is_err());
        assert!(!store.contains(&integrity));
        assert_eq!(temporary_folders(cache.path()), 0);
        // Streamed, the same: the inflating thread stops and the rest is still hashed.
        let err = store.add_streaming("p", &integrity, &tgz[..]).unwrap_err();
        assert!(matches!(err, Error::UnsafeEntry { .. }), "{err}");
        assert!(!store.contains(&integrity));
        assert_eq!(temporary_folders(cache.path()), 0);
    }

    #[test]
    fn a_streamed_tarball_that_does_not_inflate_is_corrupt_and_leaves_nothing() {
        let cache = tempfile::tempdir().unwrap();
        let store = Store::new(cache.path());
        let mut tgz = make_tgz(&[Item::File("package/a.js", &[b'a'; 4000], 0o644)]);
        // Damage the deflate stream (past gzip's 10-byte header) and publish that hash: the
        // bytes are what the registry promised, they just do not inflate.
        for byte in &mut tgz[12..40] {
            *byte = !*byte;
        }
        let integrity = sri(&tgz);
        let err = store.add_streaming("p", &integrity, &tgz[..]).unwrap_err();
        assert!(matches!(err, Error::CorruptTarball { .. }), "{err}");
        assert!(!store.contains(&integrity));
        assert_eq!(temporary_folders(cache.path()), 0);
    }
}
