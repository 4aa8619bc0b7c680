//! Getting one file from the store into `node_modules`, by the cheapest means the filesystem
//! allows: a reflink (copy-on-write clone: no data copied, and an edit in `node_modules` cannot
//! reach the store), else a hardlink (no data copied, shared inode), else a plain copy. The first
//! failure of a method (another filesystem, no clone support) drops it for the rest of the
//! install, so an unsupported method costs one failed system call, not one per file.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

/// How files were placed, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Reflink = 0,
    Hardlink = 1,
    Copy = 2,
}

impl Method {
    fn from_u8(n: u8) -> Method {
        match n {
            0 => Method::Reflink,
            1 => Method::Hardlink,
            _ => Method::Copy,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Method::Reflink => "reflink",
            Method::Hardlink => "hardlink",
            Method::Copy => "copy",
        })
    }
}

/// The method in use across the threads of one install.
#[derive(Debug)]
pub struct FileLinker(AtomicU8);

impl Default for FileLinker {
    fn default() -> Self {
        FileLinker::starting_at(Method::Reflink)
    }
}

impl FileLinker {
    pub fn starting_at(method: Method) -> Self {
        FileLinker(AtomicU8::new(method as u8))
    }

    /// The method files are placed by now (after any fallbacks).
    pub fn method(&self) -> Method {
        Method::from_u8(self.0.load(Ordering::Relaxed))
    }

    fn fall_back_from(&self, method: Method) {
        self.0.fetch_max(method as u8 + 1, Ordering::Relaxed);
    }

    /// Places `from` at `to` (which must not exist). A missing source is an error, not a
    /// reason to fall back.
    pub fn place(&self, from: &Path, to: &Path) -> io::Result<()> {
        loop {
            let method = self.method();
            let result = match method {
                Method::Reflink => reflink(from, to),
                Method::Hardlink => std::fs::hard_link(from, to),
                Method::Copy => return std::fs::copy(from, to).map(|_| ()),
            };
            match result {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(e),
                Err(_) => self.fall_back_from(method),
            }
        }
    }
}

/// Clones `from` into a new file `to` with the `FICLONE` ioctl (btrfs, xfs, bcachefs, …); the new
/// file is removed again when the filesystem cannot clone.
fn reflink(from: &Path, to: &Path) -> io::Result<()> {
    let source = File::open(from)?;
    let mode = source.metadata()?.permissions().mode();
    let dest = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(to)?;
    // SAFETY: both descriptors are open files owned by this function for the whole call;
    // FICLONE reads only the source descriptor passed as the argument.
    let rc = unsafe { libc::ioctl(dest.as_raw_fd(), libc::FICLONE, source.as_raw_fd()) };
    if rc == 0 {
        return Ok(());
    }
    let err = io::Error::last_os_error();
    drop(dest);
    let _ = std::fs::remove_file(to);
    // A clone the filesystem refuses is a reason to fall back, whatever errno it gives.
    Err(io::Error::new(io::ErrorKind::Unsupported, err))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn every_method_gives_the_same_bytes_and_mode() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("src");
        std::fs::write(&from, b"hello").unwrap();
        std::fs::set_permissions(&from, std::fs::Permissions::from_mode(0o755)).unwrap();
        for (i, start) in [Method::Reflink, Method::Hardlink, Method::Copy]
            .into_iter()
            .enumerate()
        {
            let linker = FileLinker::starting_at(start);
            let to = dir.path().join(format!("dst{i}"));
            linker.place(&from, &to).unwrap();
            assert_eq!(std::fs::read(&to).unwrap(), b"hello");
            assert_eq!(std::fs::metadata(&to).unwrap().mode() & 0o777, 0o755);
            let used = linker.method();
            assert!(used >= start, "methods only fall back");
            // Only a hardlink shares the inode; a reflink or copy is a file of its own.
            let same_inode =
                std::fs::metadata(&to).unwrap().ino() == std::fs::metadata(&from).unwrap().ino();
            assert_eq!(same_inode, used == Method::Hardlink, "{used}");
        }
    }

    #[test]
    fn a_missing_source_is_an_error_without_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let linker = FileLinker::starting_at(Method::Hardlink);
        let err = linker
            .place(&dir.path().join("gone"), &dir.path().join("x"))
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(linker.method(), Method::Hardlink);
    }
}
