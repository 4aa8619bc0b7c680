//! File-system ops behind `node:fs`. Each op is parsed from JavaScript arguments into an
//! [`FsOp`] (plain data), executed either right away (`fs.*Sync`) or on the I/O pool
//! (callbacks and promises), and its result turned into JavaScript values on the runtime
//! thread. Failures become Node's errors: `code`, `errno`, `syscall`, `path`, and the message
//! `ENOENT: no such file or directory, open '/x'`.

use std::{
    fs,
    io::{self, Read, Seek, SeekFrom, Write},
    os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt},
    path::{Path, PathBuf},
    rc::Rc,
    time::{SystemTime, UNIX_EPOCH},
};

use rquickjs::{Array, Ctx, Function, IntoJs, Object, Value, function::Rest};

use super::{bytes_of, define, uint8_array};
use crate::engine::Host;

#[derive(Debug)]
enum FsOp {
    ReadFile(PathBuf),
    ReadFileUtf8(PathBuf),
    WriteFile {
        path: PathBuf,
        data: Vec<u8>,
        flag: String,
        mode: u32,
    },
    Stat(PathBuf),
    Lstat(PathBuf),
    Fstat(i32),
    Readdir {
        path: PathBuf,
        with_types: bool,
    },
    Mkdir {
        path: PathBuf,
        recursive: bool,
        mode: u32,
    },
    Rmdir(PathBuf),
    Rm {
        path: PathBuf,
        recursive: bool,
        force: bool,
    },
    Unlink(PathBuf),
    Rename(PathBuf, PathBuf),
    CopyFile {
        from: PathBuf,
        to: PathBuf,
        exclusive: bool,
    },
    Exists(PathBuf),
    Access {
        path: PathBuf,
        mode: u32,
    },
    Realpath(PathBuf),
    Readlink(PathBuf),
    Symlink {
        target: PathBuf,
        path: PathBuf,
    },
    Link(PathBuf, PathBuf),
    Chmod {
        path: PathBuf,
        mode: u32,
    },
    Utimes {
        path: PathBuf,
        atime: f64,
        mtime: f64,
    },
    Truncate {
        path: PathBuf,
        len: u64,
    },
    Mkdtemp(String),
    Open {
        path: PathBuf,
        flags: String,
        mode: u32,
    },
    Close(i32),
    Read {
        fd: i32,
        length: usize,
        position: Option<u64>,
    },
    Write {
        fd: i32,
        data: Vec<u8>,
        position: Option<u64>,
    },
    Fsync(i32),
}

enum FsValue {
    None,
    Bool(bool),
    Int(f64),
    Bytes(Vec<u8>),
    Text(String),
    Stat(Box<[f64; 14]>),
    Names(Vec<String>),
    Entries(Vec<(String, u8)>),
}

/// A failed op: the I/O error plus what Node puts in the message.
struct FsError {
    error: io::Error,
    syscall: &'static str,
    path: Option<PathBuf>,
    dest: Option<PathBuf>,
}

type FsResult = Result<FsValue, FsError>;

fn fail<'a>(syscall: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> FsError + 'a {
    move |error| FsError {
        error,
        syscall,
        path: Some(path.to_path_buf()),
        dest: None,
    }
}

fn fail2<'a>(
    syscall: &'static str,
    path: &'a Path,
    dest: &'a Path,
) -> impl FnOnce(io::Error) -> FsError + 'a {
    move |error| FsError {
        error,
        syscall,
        path: Some(path.to_path_buf()),
        dest: Some(dest.to_path_buf()),
    }
}

fn fail_fd(syscall: &'static str) -> impl FnOnce(io::Error) -> FsError {
    move |error| FsError {
        error,
        syscall,
        path: None,
        dest: None,
    }
}

fn millis(time: io::Result<SystemTime>) -> f64 {
    time.ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn stat_array(meta: &fs::Metadata) -> Box<[f64; 14]> {
    Box::new([
        meta.dev() as f64,
        meta.mode() as f64,
        meta.nlink() as f64,
        meta.uid() as f64,
        meta.gid() as f64,
        meta.rdev() as f64,
        meta.blksize() as f64,
        meta.ino() as f64,
        meta.size() as f64,
        meta.blocks() as f64,
        millis(meta.accessed()),
        millis(meta.modified()),
        meta.ctime() as f64 * 1000.0 + meta.ctime_nsec() as f64 / 1e6,
        millis(meta.created().or_else(|_| meta.modified())),
    ])
}

fn dirent_type(file_type: fs::FileType) -> u8 {
    if file_type.is_file() {
        1
    } else if file_type.is_dir() {
        2
    } else if file_type.is_symlink() {
        3
    } else if file_type.is_fifo() {
        4
    } else if file_type.is_socket() {
        5
    } else if file_type.is_char_device() {
        6
    } else if file_type.is_block_device() {
        7
    } else {
        0
    }
}

fn execute(op: FsOp) -> FsResult {
    use FsOp::*;
    match op {
        ReadFile(path) => fs::read(&path)
            .map(FsValue::Bytes)
            .map_err(fail("open", &path)),
        ReadFileUtf8(path) => fs::read(&path)
            .map(|bytes| FsValue::Text(String::from_utf8_lossy(&bytes).into_owned()))
            .map_err(fail("open", &path)),
        WriteFile {
            path,
            data,
            flag,
            mode,
        } => {
            let mut options = fs::OpenOptions::new();
            options.mode(mode);
            match flag.as_str() {
                "a" | "as" => options.append(true).create(true),
                "ax" => options.append(true).create_new(true),
                "wx" | "xw" => options.write(true).create_new(true),
                "r+" => options.read(true).write(true),
                _ => options.write(true).create(true).truncate(true),
            };
            options
                .open(&path)
                .and_then(|mut file| file.write_all(&data))
                .map(|()| FsValue::None)
                .map_err(fail("open", &path))
        }
        Stat(path) => fs::metadata(&path)
            .map(|m| FsValue::Stat(stat_array(&m)))
            .map_err(fail("stat", &path)),
        Lstat(path) => fs::symlink_metadata(&path)
            .map(|m| FsValue::Stat(stat_array(&m)))
            .map_err(fail("lstat", &path)),
        Fstat(fd) => with_fd(fd, |file| file.metadata())
            .map(|m| FsValue::Stat(stat_array(&m)))
            .map_err(fail_fd("fstat")),
        Readdir { path, with_types } => {
            let entries = fs::read_dir(&path).map_err(fail("scandir", &path))?;
            let mut out = Vec::new();
            for entry in entries {
                let entry = entry.map_err(fail("scandir", &path))?;
                let kind = entry.file_type().map(dirent_type).unwrap_or(0);
                out.push((entry.file_name().to_string_lossy().into_owned(), kind));
            }
            // Node returns the OS order, which for real file systems is not stable; sorted
            // output is what users expect and what makes tests deterministic.
            out.sort();
            Ok(if with_types {
                FsValue::Entries(out)
            } else {
                FsValue::Names(out.into_iter().map(|(name, _)| name).collect())
            })
        }
        Mkdir {
            path,
            recursive,
            mode,
        } => {
            if recursive {
                let first = path
                    .ancestors()
                    .take_while(|p| !p.exists())
                    .last()
                    .map(|p| p.to_string_lossy().into_owned());
                fs::DirBuilder::new()
                    .recursive(true)
                    .mode(mode)
                    .create(&path)
                    .map(|()| first.map_or(FsValue::None, FsValue::Text))
                    .map_err(fail("mkdir", &path))
            } else {
                fs::DirBuilder::new()
                    .mode(mode)
                    .create(&path)
                    .map(|()| FsValue::None)
                    .map_err(fail("mkdir", &path))
            }
        }
        Rmdir(path) => fs::remove_dir(&path)
            .map(|()| FsValue::None)
            .map_err(fail("rmdir", &path)),
        Rm {
            path,
            recursive,
            force,
        } => {
            let meta = match fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if force && e.kind() == io::ErrorKind::NotFound => return Ok(FsValue::None),
                Err(e) => return Err(fail("lstat", &path)(e)),
            };
            if meta.is_dir() {
                if !recursive {
                    return Err(FsError {
                        error: io::Error::from_raw_os_error(libc::EISDIR),
                        syscall: "rm",
                        path: Some(path),
                        dest: None,
                    });
                }
                fs::remove_dir_all(&path).map_err(fail("rm", &path))?;
            } else {
                fs::remove_file(&path).map_err(fail("rm", &path))?;
            }
            Ok(FsValue::None)
        }
        Unlink(path) => fs::remove_file(&path)
            .map(|()| FsValue::None)
            .map_err(fail("unlink", &path)),
        Rename(from, to) => fs::rename(&from, &to)
            .map(|()| FsValue::None)
            .map_err(fail2("rename", &from, &to)),
        CopyFile {
            from,
            to,
            exclusive,
        } => {
            if exclusive && to.exists() {
                return Err(fail2("copyfile", &from, &to)(io::Error::from_raw_os_error(
                    libc::EEXIST,
                )));
            }
            fs::copy(&from, &to)
                .map(|_| FsValue::None)
                .map_err(fail2("copyfile", &from, &to))
        }
        Exists(path) => Ok(FsValue::Bool(fs::metadata(&path).is_ok())),
        Access { path, mode } => {
            let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
                .map_err(|_| fail("access", &path)(io::Error::from_raw_os_error(libc::EINVAL)))?;
            // SAFETY: a valid NUL-terminated path.
            if unsafe { libc::access(c_path.as_ptr(), mode as i32) } == 0 {
                Ok(FsValue::None)
            } else {
                Err(fail("access", &path)(io::Error::last_os_error()))
            }
        }
        Realpath(path) => fs::canonicalize(&path)
            .map(|p| FsValue::Text(p.to_string_lossy().into_owned()))
            .map_err(fail("realpath", &path)),
        Readlink(path) => fs::read_link(&path)
            .map(|p| FsValue::Text(p.to_string_lossy().into_owned()))
            .map_err(fail("readlink", &path)),
        Symlink { target, path } => std::os::unix::fs::symlink(&target, &path)
            .map(|()| FsValue::None)
            .map_err(fail2("symlink", &target, &path)),
        Link(from, to) => fs::hard_link(&from, &to)
            .map(|()| FsValue::None)
            .map_err(fail2("link", &from, &to)),
        Chmod { path, mode } => fs::set_permissions(&path, fs::Permissions::from_mode(mode))
            .map(|()| FsValue::None)
            .map_err(fail("chmod", &path)),
        Utimes { path, atime, mtime } => {
            let to_time =
                |secs: f64| UNIX_EPOCH + std::time::Duration::from_secs_f64(secs.max(0.0));
            fs::File::options()
                .write(true)
                .open(&path)
                .or_else(|_| fs::File::open(&path))
                .and_then(|file| {
                    file.set_times(
                        fs::FileTimes::new()
                            .set_accessed(to_time(atime))
                            .set_modified(to_time(mtime)),
                    )
                })
                .map(|()| FsValue::None)
                .map_err(fail("utime", &path))
        }
        Truncate { path, len } => fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_len(len))
            .map(|()| FsValue::None)
            .map_err(fail("open", &path)),
        Mkdtemp(prefix) => {
            for attempt in 0..100u32 {
                let suffix: String = random_suffix(attempt);
                let path = PathBuf::from(format!("{prefix}{suffix}"));
                match fs::DirBuilder::new().mode(0o700).create(&path) {
                    Ok(()) => return Ok(FsValue::Text(path.to_string_lossy().into_owned())),
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(fail("mkdtemp", Path::new(&prefix))(e)),
                }
            }
            Err(fail("mkdtemp", Path::new(&prefix))(
                io::Error::from_raw_os_error(libc::EEXIST),
            ))
        }
        Open { path, flags, mode } => {
            let mut options = fs::OpenOptions::new();
            options.mode(mode);
            match flags.as_str() {
                "r" | "rs" | "sr" => options.read(true),
                "r+" | "rs+" | "sr+" => options.read(true).write(true),
                "w" => options.write(true).create(true).truncate(true),
                "wx" | "xw" => options.write(true).create_new(true),
                "w+" => options.read(true).write(true).create(true).truncate(true),
                "wx+" | "xw+" => options.read(true).write(true).create_new(true),
                "a" | "as" | "sa" => options.append(true).create(true),
                "ax" | "xa" => options.append(true).create_new(true),
                "a+" | "as+" | "sa+" => options.read(true).append(true).create(true),
                "ax+" | "xa+" => options.read(true).append(true).create_new(true),
                _ => {
                    return Err(fail("open", &path)(io::Error::from_raw_os_error(
                        libc::EINVAL,
                    )));
                }
            };
            use std::os::fd::IntoRawFd;
            options
                .open(&path)
                .map(|f| FsValue::Int(f.into_raw_fd() as f64))
                .map_err(fail("open", &path))
        }
        Close(fd) => {
            // SAFETY: closing a descriptor the program opened through fs.open.
            if unsafe { libc::close(fd) } == 0 {
                Ok(FsValue::None)
            } else {
                Err(fail_fd("close")(io::Error::last_os_error()))
            }
        }
        Read {
            fd,
            length,
            position,
        } => with_fd(fd, |file| {
            if let Some(position) = position {
                file.seek(SeekFrom::Start(position))?;
            }
            let mut buffer = vec![0; length];
            let n = file.read(&mut buffer)?;
            buffer.truncate(n);
            Ok(buffer)
        })
        .map(FsValue::Bytes)
        .map_err(fail_fd("read")),
        Write { fd, data, position } => with_fd(fd, |file| {
            if let Some(position) = position {
                file.seek(SeekFrom::Start(position))?;
            }
            file.write_all(&data)?;
            Ok(data.len())
        })
        .map(|n| FsValue::Int(n as f64))
        .map_err(fail_fd("write")),
        Fsync(fd) => with_fd(fd, |file| file.sync_all())
            .map(|()| FsValue::None)
            .map_err(fail_fd("fsync")),
    }
}

/// Borrows a raw descriptor as a `File` without taking ownership of it.
fn with_fd<T>(fd: i32, f: impl FnOnce(&mut fs::File) -> io::Result<T>) -> io::Result<T> {
    use std::os::fd::FromRawFd;
    if fd < 0 {
        return Err(io::Error::from_raw_os_error(libc::EBADF));
    }
    // SAFETY: wrapped in ManuallyDrop so the descriptor is not closed here.
    let mut file = std::mem::ManuallyDrop::new(unsafe { fs::File::from_raw_fd(fd) });
    f(&mut file)
}

fn random_suffix(attempt: u32) -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut seed = [0u8; 6];
    let _ = getrandom::fill(&mut seed);
    seed.iter()
        .map(|b| CHARS[(*b as usize + attempt as usize) % CHARS.len()] as char)
        .collect()
}

/// libuv's names and descriptions for the errors users meet.
fn error_name(error: &io::Error) -> (&'static str, &'static str) {
    match error.raw_os_error() {
        Some(libc::ENOENT) => ("ENOENT", "no such file or directory"),
        Some(libc::EEXIST) => ("EEXIST", "file already exists"),
        Some(libc::ENOTDIR) => ("ENOTDIR", "not a directory"),
        Some(libc::EISDIR) => ("EISDIR", "illegal operation on a directory"),
        Some(libc::EACCES) => ("EACCES", "permission denied"),
        Some(libc::EPERM) => ("EPERM", "operation not permitted"),
        Some(libc::ENOTEMPTY) => ("ENOTEMPTY", "directory not empty"),
        Some(libc::EBADF) => ("EBADF", "bad file descriptor"),
        Some(libc::EINVAL) => ("EINVAL", "invalid argument"),
        Some(libc::ELOOP) => ("ELOOP", "too many symbolic links encountered"),
        Some(libc::EXDEV) => ("EXDEV", "cross-device link not permitted"),
        Some(libc::EMFILE) => ("EMFILE", "too many open files"),
        Some(libc::ENOSPC) => ("ENOSPC", "no space left on device"),
        Some(libc::EROFS) => ("EROFS", "read-only file system"),
        Some(libc::ENAMETOOLONG) => ("ENAMETOOLONG", "name too long"),
        Some(libc::EBUSY) => ("EBUSY", "resource busy or locked"),
        Some(libc::EPIPE) => ("EPIPE", "broken pipe"),
        _ => ("EIO", "i/o error"),
    }
}

/// `ENOENT: no such file or directory`: how a Rust I/O error reads in dx's messages.
pub fn io_message(error: &io::Error) -> String {
    let (code, description) = error_name(error);
    format!("{code}: {description}")
}

fn error_to_js<'js>(ctx: &Ctx<'js>, failure: &FsError) -> rquickjs::Result<Value<'js>> {
    if failure.syscall == "rm" && failure.error.raw_os_error() == Some(libc::EISDIR) {
        return rm_directory_error(ctx, failure.path.as_deref().unwrap_or(Path::new("")));
    }
    let (code, description) = error_name(&failure.error);
    let mut message = format!("{code}: {description}, {}", failure.syscall);
    if let Some(path) = &failure.path {
        message.push_str(&format!(" '{}'", path.display()));
    }
    if let Some(dest) = &failure.dest {
        message.push_str(&format!(" -> '{}'", dest.display()));
    }
    let error = crate::loader::new_error(ctx, &message)?;
    error.set("errno", -failure.error.raw_os_error().unwrap_or(libc::EIO))?;
    error.set("code", code)?;
    error.set("syscall", failure.syscall)?;
    if let Some(path) = &failure.path {
        error.set("path", path.to_string_lossy().into_owned())?;
    }
    if let Some(dest) = &failure.dest {
        error.set("dest", dest.to_string_lossy().into_owned())?;
    }
    error.into_js(ctx)
}

/// `fs.rm` of a directory without `recursive`: Node reports it as a SystemError of its own.
fn rm_directory_error<'js>(ctx: &Ctx<'js>, path: &Path) -> rquickjs::Result<Value<'js>> {
    let message = format!(
        "Path is a directory: rm returned EISDIR (is a directory) {}",
        path.display()
    );
    let error = crate::loader::new_error(ctx, &message)?;
    error.set("name", "SystemError")?;
    error.set("code", "ERR_FS_EISDIR")?;
    error.set("errno", libc::EISDIR)?;
    error.set("syscall", "rm")?;
    error.set("path", path.to_string_lossy().into_owned())?;
    error.into_js(ctx)
}

fn value_to_js<'js>(ctx: &Ctx<'js>, value: FsValue) -> rquickjs::Result<Value<'js>> {
    match value {
        FsValue::None => Ok(Value::new_undefined(ctx.clone())),
        FsValue::Bool(b) => b.into_js(ctx),
        FsValue::Int(n) => n.into_js(ctx),
        FsValue::Bytes(bytes) => uint8_array(ctx, bytes),
        FsValue::Text(text) => text.into_js(ctx),
        FsValue::Stat(stat) => stat.to_vec().into_js(ctx),
        FsValue::Names(names) => names.into_js(ctx),
        FsValue::Entries(entries) => {
            let array = Array::new(ctx.clone())?;
            for (i, (name, kind)) in entries.into_iter().enumerate() {
                let pair = Array::new(ctx.clone())?;
                pair.set(0, name)?;
                pair.set(1, kind)?;
                array.set(i, pair)?;
            }
            array.into_js(ctx)
        }
    }
}

fn arg<'js, T: rquickjs::FromJs<'js>>(
    ctx: &Ctx<'js>,
    args: &[Value<'js>],
    i: usize,
) -> rquickjs::Result<T> {
    let value = args
        .get(i)
        .cloned()
        .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
    T::from_js(ctx, value)
}

fn path_arg<'js>(ctx: &Ctx<'js>, args: &[Value<'js>], i: usize) -> rquickjs::Result<PathBuf> {
    arg::<String>(ctx, args, i).map(PathBuf::from)
}

fn optional_position<'js>(
    ctx: &Ctx<'js>,
    args: &[Value<'js>],
    i: usize,
) -> rquickjs::Result<Option<u64>> {
    let value: Option<f64> = arg(ctx, args, i)?;
    Ok(value.filter(|p| *p >= 0.0).map(|p| p as u64))
}

/// Parses `(name, ...args)` as sent by `js/node/fs.js`.
fn parse<'js>(ctx: &Ctx<'js>, name: &str, args: &[Value<'js>]) -> rquickjs::Result<FsOp> {
    let data = |i: usize| args.get(i).and_then(bytes_of).unwrap_or_default();
    Ok(match name {
        "readFile" => FsOp::ReadFile(path_arg(ctx, args, 0)?),
        "readFileUtf8" => FsOp::ReadFileUtf8(path_arg(ctx, args, 0)?),
        "writeFile" => FsOp::WriteFile {
            path: path_arg(ctx, args, 0)?,
            data: data(1),
            flag: arg::<Option<String>>(ctx, args, 2)?.unwrap_or_else(|| "w".into()),
            mode: arg::<Option<u32>>(ctx, args, 3)?.unwrap_or(0o666),
        },
        "stat" => FsOp::Stat(path_arg(ctx, args, 0)?),
        "lstat" => FsOp::Lstat(path_arg(ctx, args, 0)?),
        "fstat" => FsOp::Fstat(arg(ctx, args, 0)?),
        "readdir" => FsOp::Readdir {
            path: path_arg(ctx, args, 0)?,
            with_types: arg(ctx, args, 1)?,
        },
        "mkdir" => FsOp::Mkdir {
            path: path_arg(ctx, args, 0)?,
            recursive: arg(ctx, args, 1)?,
            mode: arg::<Option<u32>>(ctx, args, 2)?.unwrap_or(0o777),
        },
        "rmdir" => FsOp::Rmdir(path_arg(ctx, args, 0)?),
        "rm" => FsOp::Rm {
            path: path_arg(ctx, args, 0)?,
            recursive: arg(ctx, args, 1)?,
            force: arg(ctx, args, 2)?,
        },
        "unlink" => FsOp::Unlink(path_arg(ctx, args, 0)?),
        "rename" => FsOp::Rename(path_arg(ctx, args, 0)?, path_arg(ctx, args, 1)?),
        "copyFile" => FsOp::CopyFile {
            from: path_arg(ctx, args, 0)?,
            to: path_arg(ctx, args, 1)?,
            exclusive: arg::<Option<u32>>(ctx, args, 2)?.unwrap_or(0) & 1 == 1,
        },
        "exists" => FsOp::Exists(path_arg(ctx, args, 0)?),
        "access" => FsOp::Access {
            path: path_arg(ctx, args, 0)?,
            mode: arg::<Option<u32>>(ctx, args, 1)?.unwrap_or(0),
        },
        "realpath" => FsOp::Realpath(path_arg(ctx, args, 0)?),
        "readlink" => FsOp::Readlink(path_arg(ctx, args, 0)?),
        "symlink" => FsOp::Symlink {
            target: path_arg(ctx, args, 0)?,
            path: path_arg(ctx, args, 1)?,
        },
        "link" => FsOp::Link(path_arg(ctx, args, 0)?, path_arg(ctx, args, 1)?),
        "chmod" => FsOp::Chmod {
            path: path_arg(ctx, args, 0)?,
            mode: arg(ctx, args, 1)?,
        },
        "utimes" => FsOp::Utimes {
            path: path_arg(ctx, args, 0)?,
            atime: arg(ctx, args, 1)?,
            mtime: arg(ctx, args, 2)?,
        },
        "truncate" => FsOp::Truncate {
            path: path_arg(ctx, args, 0)?,
            len: arg::<Option<f64>>(ctx, args, 1)?.unwrap_or(0.0) as u64,
        },
        "mkdtemp" => FsOp::Mkdtemp(arg(ctx, args, 0)?),
        "open" => FsOp::Open {
            path: path_arg(ctx, args, 0)?,
            flags: arg::<Option<String>>(ctx, args, 1)?.unwrap_or_else(|| "r".into()),
            mode: arg::<Option<u32>>(ctx, args, 2)?.unwrap_or(0o666),
        },
        "close" => FsOp::Close(arg(ctx, args, 0)?),
        "read" => FsOp::Read {
            fd: arg(ctx, args, 0)?,
            length: arg::<f64>(ctx, args, 1)? as usize,
            position: optional_position(ctx, args, 2)?,
        },
        "write" => FsOp::Write {
            fd: arg(ctx, args, 0)?,
            data: data(1),
            position: optional_position(ctx, args, 2)?,
        },
        "fsync" => FsOp::Fsync(arg(ctx, args, 0)?),
        other => {
            return Err(rquickjs::Exception::throw_message(
                ctx,
                &format!("unknown fs op {other}"),
            ));
        }
    })
}

pub fn register<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    binding: &Object<'js>,
) -> rquickjs::Result<()> {
    define(
        ctx,
        binding,
        "call",
        |ctx: Ctx<'js>, name: String, args: Rest<Value<'js>>| match execute(parse(
            &ctx, &name, &args.0,
        )?) {
            Ok(value) => value_to_js(&ctx, value),
            Err(failure) => Err(ctx.throw(error_to_js(&ctx, &failure)?)),
        },
    )?;
    let host = host.clone();
    define(
        ctx,
        binding,
        "callAsync",
        move |ctx: Ctx<'js>, callback: Function<'js>, name: String, args: Rest<Value<'js>>| {
            let op = parse(&ctx, &name, &args.0)?;
            let callback = rquickjs::Persistent::save(&ctx, callback);
            host.event_loop.spawn_io(
                move || execute(op),
                move |ctx: &Ctx<'_>, result: FsResult| {
                    let callback = callback.restore(ctx)?;
                    match result {
                        Ok(value) => {
                            callback.call((Value::new_null(ctx.clone()), value_to_js(ctx, value)?))
                        }
                        Err(failure) => callback.call((error_to_js(ctx, &failure)?,)),
                    }
                },
            );
            Ok::<_, rquickjs::Error>(())
        },
    )?;
    Ok(())
}
