//! Safe extraction of a package tarball (`.tgz`) into a fresh directory. Every entry is checked
//! before it touches the disk: `..` components, absolute paths, links that leave the package and
//! device files are refused, because a tarball is untrusted input from the network.

use std::collections::HashSet;
use std::ffi::{CStr, CString};
use std::io::{BufRead, Read, Write};
use std::path::{Component, Path};
use std::sync::PoisonError;

use crate::error::{Error, Result};
use crate::filelink::Dir;
use crate::gunzip::Gunzip;

/// How much of a file is written at a time (see [`write_file`]).
const WRITE_PIECE: usize = 64 * 1024;
/// What [`extract_on_two_threads`] hands from its inflating thread to its writing one.
const INFLATED_BLOCK: usize = 256 * 1024;
/// Blocks the inflating thread may run ahead (~4 MB).
const BLOCKS_AHEAD: usize = 16;

/// One entry as it ends up in the extracted package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    Dir,
    File { executable: bool },
    Symlink { target: String },
}

/// A path relative to the package root (`/`-separated) and what is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub kind: EntryKind,
}

/// Inflates and unpacks `tgz` into `dest` (which must exist and be empty), dropping the
/// tarball's top folder (`package/` by convention). Returns what was written, parents first.
/// Reads only as far as the archive's end: a caller hashing the stream drains the rest.
pub fn extract(package: &str, tgz: impl BufRead, dest: &Path) -> Result<Vec<Entry>> {
    extract_tar(package, Gunzip::new(tgz), dest)
}

/// [`extract`] for a tarball held whole in memory. libdeflate inflates it in one call into a
/// buffer the size the gzip trailer gives, ~1.8x faster than zlib-rs for the small tarballs
/// most packages are; the buffers are kept for the next tarball (one per unpacking thread), as
/// fresh memory costs page faults. Tarballs that would inflate past [`WHOLE_UP_TO`], or whose
/// trailer does not give their size, go through [`extract`]'s stream instead.
pub fn extract_whole(package: &str, tgz: &[u8], dest: &Path) -> Result<Vec<Entry>> {
    let Some(size) = tgz
        .last_chunk::<4>()
        .map(|trailer| u32::from_le_bytes(*trailer) as usize)
        .filter(|&size| size <= WHOLE_UP_TO)
    else {
        return extract(package, tgz, dest);
    };
    let mut inflated = take_scratch();
    inflated.resize(size, 0);
    let mut decompressor = libdeflater::Decompressor::new();
    let result = match decompressor.gzip_decompress(tgz, &mut inflated) {
        Ok(n) => extract_tar(package, &inflated[..n], dest),
        // The trailer's size is only the last member's, modulo 4 GiB: let the stream decide.
        Err(libdeflater::DecompressionError::InsufficientSpace) => extract(package, tgz, dest),
        Err(e) => Err(Error::CorruptTarball {
            package: package.into(),
            reason: e.to_string(),
        }),
    };
    keep_scratch(inflated);
    result
}

/// What [`extract_whole`] inflates at most in one buffer.
const WHOLE_UP_TO: usize = 64 << 20;
/// Scratch buffers larger than this are not kept.
const KEEP_UP_TO: usize = 16 << 20;

/// The inflating buffers of [`extract_whole`] between tarballs: as many as unpack at once.
static SCRATCH: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());

fn take_scratch() -> Vec<u8> {
    let mut kept = SCRATCH.lock().unwrap_or_else(PoisonError::into_inner);
    kept.pop().unwrap_or_default()
}

fn keep_scratch(buffer: Vec<u8>) {
    if buffer.capacity() <= KEEP_UP_TO {
        let mut kept = SCRATCH.lock().unwrap_or_else(PoisonError::into_inner);
        kept.push(buffer);
    }
}

/// [`extract`], with the inflating done on a second thread while this one writes the files:
/// for Next.js (44 MB in, 200 MB and 9,400 files out) each half is ~0.3 s of CPU, and the
/// package is the last one a cold install waits for. Gives `tgz` back, read up to where
/// inflating stopped, for the caller to drain.
pub fn extract_on_two_threads<R: BufRead + Send>(
    package: &str,
    tgz: R,
    dest: &Path,
) -> (Result<Vec<Entry>>, R) {
    let (blocks, inflated) = std::sync::mpsc::sync_channel(BLOCKS_AHEAD);
    // Read blocks come back to be filled again: zeroing a fresh one costs as much as copying it.
    let (emptied, empty) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let inflating = scope.spawn(move || {
            let mut gz = Gunzip::new(tgz);
            loop {
                let mut block = empty.try_recv().unwrap_or_else(|_| vec![0; INFLATED_BLOCK]);
                block.resize(INFLATED_BLOCK, 0);
                let sent = match fill(&mut gz, &mut block) {
                    Ok(0) => break,
                    Ok(n) => {
                        block.truncate(n);
                        blocks.send(Ok(block))
                    }
                    Err(e) => blocks.send(Err(e)),
                };
                // The writer stopped (the archive ended, or it failed): nothing more to inflate.
                if sent.is_err() {
                    break;
                }
            }
            gz.into_inner()
        });
        let reader = Inflated {
            blocks: inflated,
            emptied,
            current: Vec::new(),
            at: 0,
        };
        // `reader` goes with this call, which is what tells the inflating thread to stop.
        let extracted = extract_tar(package, reader, dest);
        let tgz = inflating
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (extracted, tgz)
    })
}

/// Reads until `buf` is full or the stream ends; how much was read.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The writing side of [`extract_on_two_threads`]: the inflated blocks as one stream. An
/// inflating error arrives in its place in the stream.
struct Inflated {
    blocks: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    emptied: std::sync::mpsc::Sender<Vec<u8>>,
    current: Vec<u8>,
    at: usize,
}

impl Read for Inflated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.current.len() {
            match self.blocks.recv() {
                Ok(block) => {
                    let read = std::mem::replace(&mut self.current, block?);
                    if read.capacity() > 0 {
                        // The inflating thread may be gone already; the block is then dropped.
                        let _ = self.emptied.send(read);
                    }
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Unpacks an inflated tar stream (see [`extract`]).
///
/// Everything is created relative to `dest`'s descriptor (`openat`, `mkdirat`): the kernel then
/// looks up the package's own path only, not the store's folders above it for every file.
fn extract_tar(package: &str, tar: impl Read, dest: &Path) -> Result<Vec<Entry>> {
    let root = Dir::open(dest).map_err(|e| Error::io_at(e, dest))?;
    let mut archive = tar::Archive::new(tar);
    let corrupt = |e: std::io::Error| Error::CorruptTarball {
        package: package.into(),
        reason: e.to_string(),
    };
    let mut written = Vec::new();
    let mut dirs: HashSet<String> = HashSet::new();
    let mut buf = vec![0; WRITE_PIECE];
    for entry in archive.entries().map_err(corrupt)? {
        let mut entry = entry.map_err(corrupt)?;
        let raw_path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let entry_type = entry.header().entry_type();
        if matches!(
            entry_type,
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader
        ) {
            continue;
        }
        let Some(rel) = package_relative(package, &raw_path)? else {
            continue;
        };
        let unsafe_entry = |reason| Error::UnsafeEntry {
            package: package.into(),
            entry: raw_path.clone(),
            reason,
        };
        let at = CString::new(rel.as_str()).map_err(|_| unsafe_entry("NUL in the path"))?;
        match entry_type {
            tar::EntryType::Directory => {
                ensure_dirs(&root, &rel, true, &mut dirs, &mut written)?;
            }
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                ensure_dirs(&root, &rel, false, &mut dirs, &mut written)?;
                let mode = entry.header().mode().unwrap_or(0o644);
                let executable = mode & 0o111 != 0;
                write_file(&root, &at, &mut entry, executable, &mut buf, &corrupt)?;
                written.push(Entry {
                    path: rel,
                    kind: EntryKind::File { executable },
                });
            }
            tar::EntryType::Symlink => {
                let target =
                    link_target(&entry).ok_or_else(|| unsafe_entry("symlink without a target"))?;
                if !stays_inside(&rel, &target) {
                    return Err(unsafe_entry("symlink points outside the package"));
                }
                ensure_dirs(&root, &rel, false, &mut dirs, &mut written)?;
                let _ = root.remove_file(&at);
                let to =
                    CString::new(target.as_str()).map_err(|_| unsafe_entry("NUL in the path"))?;
                root.symlink(&to, &at)
                    .map_err(|e| Error::io_at(e, &root.path(&at)))?;
                written.push(Entry {
                    path: rel,
                    kind: EntryKind::Symlink { target },
                });
            }
            tar::EntryType::Link => {
                let target = link_target(&entry)
                    .ok_or_else(|| unsafe_entry("hard link without a target"))?;
                let Some(source) = package_relative(package, &target)? else {
                    return Err(unsafe_entry("hard link points outside the package"));
                };
                let Some(executable) = written.iter().rev().find_map(|e| match &e.kind {
                    EntryKind::File { executable } if e.path == source => Some(*executable),
                    _ => None,
                }) else {
                    return Err(unsafe_entry("hard link to a file not in the package"));
                };
                ensure_dirs(&root, &rel, false, &mut dirs, &mut written)?;
                let source = CString::new(source).map_err(|_| unsafe_entry("NUL in the path"))?;
                let mut linked = root
                    .open_file(&source)
                    .map_err(|e| Error::io_at(e, &root.path(&source)))?;
                write_file(&root, &at, &mut linked, executable, &mut buf, &corrupt)?;
                written.push(Entry {
                    path: rel,
                    kind: EntryKind::File { executable },
                });
            }
            tar::EntryType::Char | tar::EntryType::Block | tar::EntryType::Fifo => {
                return Err(unsafe_entry("device or fifo entry"));
            }
            // Pax/GNU metadata the tar crate has not folded in, or unknown types: nothing to write.
            _ => {}
        }
    }
    Ok(written)
}

/// The entry's path below the tarball's top folder, or `None` for the top folder itself.
/// Refuses absolute paths and `..` anywhere.
/// The `package.json` inside a tarball, read without unpacking anything: a tarball from outside
/// the registry (a URL, a `file:` tgz) has no packument, so this is where its name, version and
/// dependencies come from.
pub fn read_manifest(package: &str, tgz: &[u8]) -> Result<Vec<u8>> {
    let mut archive = tar::Archive::new(Gunzip::new(tgz));
    let corrupt = |reason: String| Error::CorruptTarball {
        package: package.into(),
        reason,
    };
    for entry in archive.entries().map_err(|e| corrupt(e.to_string()))? {
        let mut entry = entry.map_err(|e| corrupt(e.to_string()))?;
        if entry.header().entry_type() != tar::EntryType::Regular {
            continue;
        }
        let raw_path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        if package_relative(package, &raw_path)?.as_deref() == Some("package.json") {
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| corrupt(e.to_string()))?;
            return Ok(bytes);
        }
    }
    Err(corrupt("no `package.json` in the tarball".into()))
}

fn package_relative(package: &str, raw: &str) -> Result<Option<String>> {
    let unsafe_entry = |reason| Error::UnsafeEntry {
        package: package.into(),
        entry: raw.into(),
        reason,
    };
    if raw.starts_with('/') || raw.contains('\\') && raw.contains("..") {
        return Err(unsafe_entry("absolute path"));
    }
    let mut parts = Vec::new();
    for component in Path::new(raw).components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => return Err(unsafe_entry("`..` in path")),
            Component::RootDir | Component::Prefix(_) => return Err(unsafe_entry("absolute path")),
        }
    }
    if parts.len() < 2 {
        return Ok(None);
    }
    Ok(Some(parts[1..].join("/")))
}

fn link_target<R: Read>(entry: &tar::Entry<'_, R>) -> Option<String> {
    let bytes = entry.link_name_bytes()?;
    let s = String::from_utf8_lossy(&bytes).into_owned();
    (!s.is_empty()).then_some(s)
}

/// Whether a relative symlink at `at` pointing to `target` resolves inside the package root.
fn stays_inside(at: &str, target: &str) -> bool {
    if target.starts_with('/') {
        return false;
    }
    let mut depth: Vec<&str> = at.split('/').collect();
    depth.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if depth.pop().is_none() {
                    return false;
                }
            }
            other => depth.push(other),
        }
    }
    true
}

/// Creates the parents of `rel` (and `rel` itself when it is a directory), recording each once.
fn ensure_dirs(
    root: &Dir,
    rel: &str,
    is_dir: bool,
    dirs: &mut HashSet<String>,
    written: &mut Vec<Entry>,
) -> Result<()> {
    let mut prefixes: Vec<&str> = rel.match_indices('/').map(|(i, _)| &rel[..i]).collect();
    if is_dir {
        prefixes.push(rel);
    }
    for prefix in prefixes {
        if dirs.insert(prefix.to_string()) {
            // `rel` has no NUL: its caller made a C string of it.
            let at = CString::new(prefix).unwrap_or_default();
            root.create_dir(&at)
                .map_err(|e| Error::io_at(e, &root.path(&at)))?;
            written.push(Entry {
                path: prefix.to_string(),
                kind: EntryKind::Dir,
            });
        }
    }
    Ok(())
}

/// Creates the new file `at` below `root` from `content`; an entry repeated in the archive (it
/// happens) replaces the earlier one. Creating it exclusively also refuses to write through a
/// symlink an earlier entry planted at this path. The content goes through `buf` a piece at a
/// time, so a large file (Next.js' SWC binary is ~100 MB) never sits whole in memory. A failed
/// read is the archive's fault and becomes `corrupt`'s error; a failed write names the file.
fn write_file(
    root: &Dir,
    at: &CStr,
    content: &mut impl Read,
    executable: bool,
    buf: &mut [u8],
    corrupt: &dyn Fn(std::io::Error) -> Error,
) -> Result<()> {
    let mode = if executable { 0o755 } else { 0o644 };
    let written = |e| Error::io_at(e, &root.path(at));
    let mut file = match root.create_file(at, mode) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            root.remove_file(at).map_err(written)?;
            root.create_file(at, mode)
        }
        other => other,
    }
    .map_err(written)?;
    loop {
        let n = match content.read(buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(corrupt(e)),
        };
        file.write_all(&buf[..n]).map_err(written)?;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;

    /// What a test tarball entry is: raw header fields so hostile archives can be built.
    pub enum Item<'a> {
        File(&'a str, &'a [u8], u32),
        Dir(&'a str),
        Symlink(&'a str, &'a str),
        HardLink(&'a str, &'a str),
        Fifo(&'a str),
    }

    /// Builds a gzipped tarball, writing names into headers unchecked (the tar crate's safe
    /// setters would refuse the hostile ones).
    pub fn make_tgz(items: &[Item<'_>]) -> Vec<u8> {
        let mut builder = tar::Builder::new(GzEncoder::new(Vec::new(), Compression::fast()));
        for item in items {
            let mut header = tar::Header::new_gnu();
            let (name, data, kind, mode, link): (&str, &[u8], tar::EntryType, u32, Option<&str>) =
                match item {
                    Item::File(n, d, m) => (n, d, tar::EntryType::Regular, *m, None),
                    Item::Dir(n) => (n, b"", tar::EntryType::Directory, 0o755, None),
                    Item::Symlink(n, t) => (n, b"", tar::EntryType::Symlink, 0o777, Some(t)),
                    Item::HardLink(n, t) => (n, b"", tar::EntryType::Link, 0o644, Some(t)),
                    Item::Fifo(n) => (n, b"", tar::EntryType::Fifo, 0o644, None),
                };
            let bytes = header.as_old_mut();
            bytes.name[..name.len()].copy_from_slice(name.as_bytes());
            if let Some(link) = link {
                bytes.linkname[..link.len()].copy_from_slice(link.as_bytes());
            }
            header.set_entry_type(kind);
            header.set_mode(mode);
            header.set_size(data.len() as u64);
            header.set_cksum();
            builder.append(&header, data).unwrap();
        }
        builder.into_inner().unwrap().finish().unwrap()
    }

    fn extract_into(items: &[Item<'_>]) -> (tempfile::TempDir, Result<Vec<Entry>>) {
        let dir = tempfile::tempdir().unwrap();
        let result = extract_whole("pkg", &make_tgz(items), dir.path());
        (dir, result)
    }

    type Extractor = fn(&[u8], &Path) -> Result<Vec<Entry>>;

    /// The two ways in: a tarball in memory, and a stream.
    const EXTRACTORS: [Extractor; 2] = [
        |tgz, dest| extract_whole("pkg", tgz, dest),
        |tgz, dest| extract("pkg", tgz, dest),
    ];

    #[test]
    fn extracts_files_modes_and_inner_links() {
        let (dir, result) = extract_into(&[
            Item::File("package/package.json", b"{}", 0o644),
            Item::File("package/bin/cli.js", b"#!/usr/bin/env node", 0o755),
            Item::Symlink("package/lib/alias.js", "../bin/cli.js"),
            Item::HardLink("package/copy.json", "package/package.json"),
            Item::Dir("package/empty"),
            Item::File("package/package.json", b"{\"v\":2}", 0o644),
        ]);
        let entries = result.unwrap();
        assert!(entries.contains(&Entry {
            path: "bin".into(),
            kind: EntryKind::Dir
        }));
        assert!(entries.contains(&Entry {
            path: "bin/cli.js".into(),
            kind: EntryKind::File { executable: true }
        }));
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("bin/cli.js"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111);
        assert_eq!(std::fs::read(dir.path().join("copy.json")).unwrap(), b"{}");
        assert!(dir.path().join("empty").is_dir());
        // The repeated entry wins, as in tar.
        assert_eq!(
            std::fs::read(dir.path().join("package.json")).unwrap(),
            b"{\"v\":2}"
        );
        assert_eq!(
            std::fs::read_link(dir.path().join("lib/alias.js")).unwrap(),
            Path::new("../bin/cli.js")
        );
    }

    #[test]
    fn hostile_entries_are_refused_and_nothing_escapes() {
        let cases: Vec<(Vec<Item<'_>>, &str)> = vec![
            (
                vec![Item::File("package/../../evil.txt", b"x", 0o644)],
                "`..` in path",
            ),
            (
                vec![Item::File("/etc/evil.txt", b"x", 0o644)],
                "absolute path",
            ),
            (
                vec![Item::Symlink("package/link", "../../outside")],
                "symlink points outside the package",
            ),
            (
                vec![Item::Symlink("package/link", "/etc/passwd")],
                "symlink points outside the package",
            ),
            (
                vec![Item::HardLink("package/h", "/etc/passwd")],
                "absolute path",
            ),
            (
                vec![Item::HardLink("package/h", "package/missing")],
                "hard link to a file not in the package",
            ),
            (vec![Item::Fifo("package/pipe")], "device or fifo entry"),
        ];
        for ((items, why), extract) in cases.iter().flat_map(|c| EXTRACTORS.map(|e| (c, e))) {
            let parent = tempfile::tempdir().unwrap();
            let dest = parent.path().join("pkg");
            std::fs::create_dir(&dest).unwrap();
            match extract(&make_tgz(items), &dest) {
                Err(Error::UnsafeEntry { reason, .. }) => assert_eq!(&reason, why),
                other => panic!("expected {why}, got {other:?}"),
            }
            assert!(!parent.path().join("evil.txt").exists());
        }
    }

    #[test]
    fn a_folder_where_a_file_was_written_is_an_error() {
        let cases = [
            vec![
                Item::File("package/a", b"x", 0o644),
                Item::Dir("package/a/"),
            ],
            vec![
                Item::File("package/a", b"x", 0o644),
                Item::File("package/a/b", b"y", 0o644),
            ],
        ];
        for (items, extract) in cases.iter().flat_map(|c| EXTRACTORS.map(|e| (c, e))) {
            let dir = tempfile::tempdir().unwrap();
            let result = extract(&make_tgz(items), dir.path());
            assert!(matches!(result, Err(Error::Io(_))), "{result:?}");
            assert_eq!(std::fs::read(dir.path().join("a")).unwrap(), b"x");
        }
    }

    #[test]
    fn garbage_is_a_corrupt_tarball() {
        let big: Vec<u8> = (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let tgz = make_tgz(&[Item::File("package/data.bin", &big, 0o644)]);
        for extract in EXTRACTORS {
            // Not gzip, or cut off inside a file's content: the archive's fault, not the disk's.
            for bad in [&b"not gzip"[..], &tgz[..tgz.len() / 2]] {
                let dir = tempfile::tempdir().unwrap();
                let result = extract(bad, dir.path());
                assert!(
                    matches!(result, Err(Error::CorruptTarball { .. })),
                    "{result:?}"
                );
            }
            let dir = tempfile::tempdir().unwrap();
            extract(&tgz, dir.path()).unwrap();
            assert_eq!(std::fs::read(dir.path().join("data.bin")).unwrap(), big);
        }
        // A changed byte: a whole tarball's CRC is checked (a stream stops reading at the
        // archive's end; the store checks its integrity hash over every byte).
        let mut flipped = tgz.clone();
        flipped[tgz.len() / 2] ^= 0x10;
        let dir = tempfile::tempdir().unwrap();
        let result = extract_whole("pkg", &flipped, dir.path());
        assert!(
            matches!(result, Err(Error::CorruptTarball { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn symlink_containment() {
        assert!(stays_inside("a/b/link", "../c"));
        assert!(stays_inside("link", "./c"));
        assert!(!stays_inside("link", "../c"));
        assert!(!stays_inside("a/link", "../../c"));
    }
}
