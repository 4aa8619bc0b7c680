//! Getting one file from the store into `node_modules`, by the cheapest means the filesystem
//! allows: a reflink (copy-on-write clone: no data copied, and an edit in `node_modules` cannot
//! reach the store), else a hardlink (no data copied, shared inode), else a plain copy. The first
//! failure of a method (another filesystem, no clone support) drops it for the rest of the
//! install, so an unsupported method costs one failed system call, not one per file.
//!
//! Files are named relative to open directories (`linkat`, `openat`, `mkdirat`): a package's
//! files then cost the kernel one short lookup each instead of a walk down the whole store and
//! project paths, which profiling showed to be most of a warm install.

use std::ffi::{CStr, OsStr};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

/// An open directory and its path: files below it are named relative to the descriptor, and the
/// path serves the plain-copy fallback and error messages.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    path: PathBuf,
}

impl Dir {
    pub fn open(path: &Path) -> io::Result<Dir> {
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_CLOEXEC)
            .open(path)?;
        Ok(Dir {
            fd: file.into(),
            path: path.to_path_buf(),
        })
    }

    /// Creates the directory `rel` below this one; an existing directory (or a link to one) is
    /// fine, a file there is an error.
    pub fn create_dir(&self, rel: &CStr) -> io::Result<()> {
        // SAFETY: `fd` is an open directory owned by `self`; `rel` is a NUL-terminated string
        // that outlives the call.
        let rc = unsafe { libc::mkdirat(self.fd.as_raw_fd(), rel.as_ptr(), 0o777) };
        match rc {
            0 => Ok(()),
            _ => match io::Error::last_os_error() {
                e if e.kind() == io::ErrorKind::AlreadyExists && self.is_dir(rel) => Ok(()),
                e => Err(e),
            },
        }
    }

    /// Whether `rel` below this one is a directory or a link to one (looked up from the
    /// descriptor, like everything else here).
    fn is_dir(&self, rel: &CStr) -> bool {
        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: as in `create_dir`; `stat` is written by the call before it is read.
        let rc = unsafe { libc::fstatat(self.fd.as_raw_fd(), rel.as_ptr(), stat.as_mut_ptr(), 0) };
        // SAFETY: `fstatat` succeeded, so it filled `stat`.
        rc == 0 && unsafe { stat.assume_init() }.st_mode & libc::S_IFMT == libc::S_IFDIR
    }

    /// Creates a symlink to `target` at `rel` below this one.
    pub fn symlink(&self, target: &CStr, rel: &CStr) -> io::Result<()> {
        // SAFETY: as in `create_dir`, for both strings.
        let rc = unsafe { libc::symlinkat(target.as_ptr(), self.fd.as_raw_fd(), rel.as_ptr()) };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// Creates the new file `rel` below this one. `O_EXCL` fails on anything already there,
    /// a symlink included, so nothing is written through a link.
    pub fn create_file(&self, rel: &CStr, mode: u32) -> io::Result<File> {
        open_at(
            self,
            rel,
            libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL,
            mode as libc::c_uint,
        )
    }

    pub fn open_file(&self, rel: &CStr) -> io::Result<File> {
        open_at(self, rel, libc::O_RDONLY, 0)
    }

    /// Removes the file or symlink `rel` below this one.
    pub fn remove_file(&self, rel: &CStr) -> io::Result<()> {
        // SAFETY: as in `create_dir`.
        let rc = unsafe { libc::unlinkat(self.fd.as_raw_fd(), rel.as_ptr(), 0) };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    pub fn path(&self, rel: &CStr) -> PathBuf {
        self.path.join(OsStr::from_bytes(rel.to_bytes()))
    }
}

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

    /// Places `from/rel` at `to/rel` (which must not exist). A missing source is an error, not
    /// a reason to fall back.
    pub fn place(&self, from: &Dir, to: &Dir, rel: &CStr) -> io::Result<()> {
        loop {
            let method = self.method();
            let result = match method {
                Method::Reflink => reflink(from, to, rel),
                Method::Hardlink => hardlink(from, to, rel),
                Method::Copy => return std::fs::copy(from.path(rel), to.path(rel)).map(|_| ()),
            };
            match result {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(e),
                // A tarball may list a file twice (the store keeps the last copy, which the
                // first placement already linked): not a reason to give up on the method.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
                Err(_) => self.fall_back_from(method),
            }
        }
    }
}

fn hardlink(from: &Dir, to: &Dir, name: &CStr) -> io::Result<()> {
    // SAFETY: both descriptors are open directories owned by the callers' `Dir`s; `name` is a
    // NUL-terminated string that outlives the call.
    let rc = unsafe {
        libc::linkat(
            from.fd.as_raw_fd(),
            name.as_ptr(),
            to.fd.as_raw_fd(),
            name.as_ptr(),
            0,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Opens `name` below `dir` with `flags` (and `mode` when creating).
fn open_at(dir: &Dir, name: &CStr, flags: i32, mode: libc::c_uint) -> io::Result<File> {
    // SAFETY: `dir.fd` is an open directory; `name` outlives the call; a non-negative result is
    // a new descriptor that nothing else owns, handed to `File` exactly once.
    let fd = unsafe {
        libc::openat(
            dir.fd.as_raw_fd(),
            name.as_ptr(),
            flags | libc::O_CLOEXEC,
            mode,
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: see above.
    Ok(File::from(unsafe { OwnedFd::from_raw_fd(fd) }))
}

/// Clones a file into a new one with the `FICLONE` ioctl (btrfs, xfs, bcachefs, …); the new
/// file is removed again when the filesystem cannot clone.
fn reflink(from: &Dir, to: &Dir, name: &CStr) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let source = open_at(from, name, libc::O_RDONLY, 0)?;
    let mode = source.metadata()?.permissions().mode();
    let dest = open_at(
        to,
        name,
        libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL,
        mode,
    )?;
    // SAFETY: both descriptors are open files owned by this function for the whole call;
    // FICLONE reads only the source descriptor passed as the argument.
    let rc = unsafe { libc::ioctl(dest.as_raw_fd(), libc::FICLONE, source.as_raw_fd()) };
    if rc == 0 {
        return Ok(());
    }
    let err = io::Error::last_os_error();
    drop(dest);
    // SAFETY: as in `hardlink`.
    unsafe { libc::unlinkat(to.fd.as_raw_fd(), name.as_ptr(), 0) };
    // A clone the filesystem refuses is a reason to fall back, whatever errno it gives.
    Err(io::Error::new(io::ErrorKind::Unsupported, err))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    #[test]
    fn every_method_gives_the_same_bytes_and_mode() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src/sub")).unwrap();
        let from = dir.path().join("src/sub/file");
        std::fs::write(&from, b"hello").unwrap();
        std::fs::set_permissions(&from, std::fs::Permissions::from_mode(0o755)).unwrap();
        let src = Dir::open(&dir.path().join("src")).unwrap();
        for (i, start) in [Method::Reflink, Method::Hardlink, Method::Copy]
            .into_iter()
            .enumerate()
        {
            let linker = FileLinker::starting_at(start);
            std::fs::create_dir(dir.path().join(format!("dst{i}"))).unwrap();
            let dst = Dir::open(&dir.path().join(format!("dst{i}"))).unwrap();
            dst.create_dir(c"sub").unwrap();
            dst.create_dir(c"sub").unwrap();
            linker.place(&src, &dst, c"sub/file").unwrap();
            let to = dst.path(c"sub/file");
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
    fn a_file_placed_twice_keeps_the_method() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("a/x"), b"1").unwrap();
        let (a, b) = (
            Dir::open(&dir.path().join("a")).unwrap(),
            Dir::open(&dir.path().join("b")).unwrap(),
        );
        let linker = FileLinker::starting_at(Method::Hardlink);
        linker.place(&a, &b, c"x").unwrap();
        linker.place(&a, &b, c"x").unwrap();
        assert_eq!(linker.method(), Method::Hardlink);
    }

    #[test]
    fn a_missing_source_is_an_error_without_fallback() {
        let dir = tempfile::tempdir().unwrap();
        let linker = FileLinker::starting_at(Method::Hardlink);
        let d = Dir::open(dir.path()).unwrap();
        let err = linker.place(&d, &d, c"gone").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(linker.method(), Method::Hardlink);
    }
}
