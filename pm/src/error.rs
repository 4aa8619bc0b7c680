//! The one error type of dx-pm. Every variant renders as a single line without a trailing period,
//! so the CLI can print it as `error: …` and tests can match on the variant instead of the text.

use std::path::PathBuf;

/// Everything that can make an install, add, remove or query fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Io(#[from] std::io::Error),

    /// The parser's words are part of the line (and so not the error's `source`, which the
    /// CLI would print a second time).
    #[error("`{path}` is not valid JSON: {reason}")]
    Json {
        path: PathBuf,
        reason: serde_json::Error,
    },

    #[error("no `package.json` in `{0}`")]
    NoManifest(PathBuf),

    #[error("cannot reach the registry at `{url}`: {reason}")]
    Network { url: String, reason: String },

    #[error("the registry answered {status} for `{url}`")]
    HttpStatus { url: String, status: u16 },

    #[error("package `{0}` does not exist in the registry")]
    UnknownPackage(String),

    #[error("no version of `{name}` matches `{range}` (nearest: {nearest})")]
    NoMatchingVersion {
        name: String,
        range: String,
        nearest: String,
    },

    #[error("`{name}` has no dist-tag `{tag}`")]
    UnknownTag { name: String, tag: String },

    #[error("invalid dependency `{name}`: `{spec}` ({reason})")]
    InvalidSpec {
        name: String,
        spec: String,
        reason: String,
    },

    #[error(
        "refusing to install `{package}`: {reason}, pulled in by {path} (`--force` installs it anyway)"
    )]
    Refused {
        package: String,
        reason: String,
        path: String,
    },

    #[error("workspaces: {0}")]
    Workspace(String),

    #[error("git dependencies are not supported by dx yet: {0}")]
    GitUnsupported(String),

    #[error("`{name}`: {reason} (`{spec}`)")]
    LocalDependency {
        name: String,
        spec: String,
        reason: String,
    },

    #[error("the metadata of `{name}` is malformed: {reason}")]
    BadMetadata { name: String, reason: String },

    #[error("integrity check failed for `{package}`: expected {expected}, got {actual}")]
    Integrity {
        package: String,
        expected: String,
        actual: String,
    },

    #[error("`{package}` has no usable integrity hash (`{integrity}`)")]
    NoIntegrity { package: String, integrity: String },

    #[error("unsafe tarball entry in `{package}`: `{entry}` ({reason})")]
    UnsafeEntry {
        package: String,
        entry: String,
        reason: &'static str,
    },

    #[error("corrupt tarball for `{package}`: {reason}")]
    CorruptTarball { package: String, reason: String },

    #[error("`dx.lock` is malformed: {0}")]
    BadLockfile(String),

    /// Another package manager's lockfile that cannot be imported; the text names the file.
    #[error("cannot import another package manager's lockfile: {0}")]
    ForeignLockfile(String),

    #[error(
        "`dx.lock` is out of date with `package.json` and `--frozen-lockfile` forbids updating it"
    )]
    LockfileOutdated,

    /// Without `dx.lock`, a frozen install could only go ahead from another tool's lockfile
    /// that gives the whole graph (a current `package-lock.json` with its URLs).
    #[error("`--frozen-lockfile` needs a `dx.lock`, and there is none")]
    NoLockfile,

    #[error("`{0}` is not in the cache and `--offline` forbids the network")]
    Offline(String),

    #[error("package `{0}` is not installed")]
    NotInstalled(String),

    #[error("`{0}` has no blocked install scripts (`dx pm untrusted` lists those that do)")]
    NotBlocked(String),

    #[error("nothing is installed in `{0}`")]
    NothingInstalled(PathBuf),

    #[error("`{0}` is not a dependency in `package.json`")]
    NotADependency(String),

    #[error("permission denied: `{0}`")]
    PermissionDenied(PathBuf),

    #[error("the registry at `{registry}` does not serve the audit endpoint (HTTP {status})")]
    AuditUnsupported { registry: String, status: u16 },

    #[error("`{package}` builds a native addon, and node-gyp could not be installed: {reason}")]
    NodeGyp { package: String, reason: String },

    #[error("invalid `.npmrc` setting `{key}`: {reason}")]
    Config { key: String, reason: String },
}

/// The crate-wide result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error that names `path`: [`Error::PermissionDenied`] when that is what it is,
    /// so the user sees the path they cannot write instead of a bare `os error 13`, and the
    /// path after the error's own words otherwise (its kind is kept).
    pub(crate) fn io_at(err: std::io::Error, path: &std::path::Path) -> Self {
        if err.kind() == std::io::ErrorKind::PermissionDenied {
            Error::PermissionDenied(path.to_path_buf())
        } else {
            let message = format!("{err}: `{}`", path.display());
            Error::Io(std::io::Error::new(err.kind(), message))
        }
    }
}
