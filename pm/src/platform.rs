//! The machine's `os`, `cpu` and `libc` as npm names them, and npm's matching rules for the
//! `os`/`cpu`/`libc` fields of a package, which decide whether an optional native binary (Next.js'
//! swc, esbuild, sharp) is installed here. And the `node` that will run the installed code, whose
//! version `engines.node` ranges are checked against.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use nodejs_semver::Version;

/// The platform packages are filtered for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    /// `process.platform`: `linux`, `darwin`, `win32`, …
    pub os: String,
    /// `process.arch`: `x64`, `arm64`, `ia32`, …
    pub cpu: String,
    /// `glibc` or `musl` on Linux, absent elsewhere.
    pub libc: Option<String>,
}

impl Platform {
    /// The platform dx is running on.
    pub fn current() -> Self {
        let os = match std::env::consts::OS {
            "macos" => "darwin",
            "windows" => "win32",
            other => other,
        };
        let cpu = match std::env::consts::ARCH {
            "x86_64" => "x64",
            "aarch64" => "arm64",
            "x86" => "ia32",
            "powerpc64" => "ppc64",
            "arm" => "arm",
            other => other,
        };
        let libc = (os == "linux").then(|| detect_libc().to_string());
        Platform {
            os: os.to_string(),
            cpu: cpu.to_string(),
            libc,
        }
    }

    /// npm's rule: a list of allowed values, where `!x` excludes `x`; an empty list allows all.
    pub fn matches(&self, os: &[String], cpu: &[String], libc: &[String]) -> bool {
        allowed(os, &self.os)
            && allowed(cpu, &self.cpu)
            && (libc.is_empty() || self.libc.as_deref().is_some_and(|l| allowed(libc, l)))
    }
}

/// Decides musl vs glibc from the machine rather than from how dx was built, because a musl dx
/// can run on a glibc system and must still pick the glibc binaries node will load.
fn detect_libc() -> &'static str {
    let musl_loader = std::fs::read_dir("/lib").ok().is_some_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("ld-musl-"))
    });
    if musl_loader { "musl" } else { "glibc" }
}

fn allowed(list: &[String], value: &str) -> bool {
    if list.is_empty() {
        return true;
    }
    let mut has_positive = false;
    for item in list {
        if let Some(negated) = item.strip_prefix('!') {
            if negated == value {
                return false;
            }
        } else {
            has_positive = true;
            if item == value || item == "any" {
                return true;
            }
        }
    }
    !has_positive
}

/// The `node` on `PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The binary, links resolved: its folder's parent is node's prefix.
    pub path: PathBuf,
    pub version: Version,
}

/// Where the versions of the node binaries seen before are kept, a line each:
/// `path<TAB>size<TAB>mtime<TAB>version`.
const NODE_VERSIONS: &str = "node-versions";

impl Node {
    /// The first `node` on `search` (a `PATH`-style list), with its version (see
    /// [`NodeProbe`]).
    pub fn find(search: &OsStr, cache_root: &Path) -> Option<Node> {
        NodeProbe::start(Some(search), cache_root).get().cloned()
    }

    /// npm's `engines` check: a package runs on this node unless its `engines.node` range
    /// leaves this version out (a range that does not parse leaves every version out, as in
    /// npm).
    pub fn runs(&self, engines_node: Option<&str>) -> bool {
        engines_node.is_none_or(|range| {
            nodejs_semver::Range::parse(range).is_ok_and(|r| r.satisfies(&self.version))
        })
    }
}

/// The `node` on `PATH` and its version, asked for when an install starts and waited for when a
/// version is first picked. Asking node costs a process start (20–40 ms), which would
/// otherwise sit before the first request of every install with an empty cache; the answer is
/// kept in the cache folder, keyed by the binary's path, size and modification time, so a new
/// node is asked once.
pub struct NodeProbe {
    answer: OnceLock<Option<Node>>,
    asking: Mutex<Option<Asking>>,
}

/// A `node --version` on its way, and where its answer is to be remembered.
struct Asking {
    child: std::process::Child,
    path: PathBuf,
    stamp: String,
    remembered: String,
    cache_root: PathBuf,
}

impl NodeProbe {
    /// Finds the first `node` on `search` and, unless the cache knows its version, starts
    /// `node --version`. No `node`, or one that cannot be started, is no node.
    pub fn start(search: Option<&OsStr>, cache_root: &Path) -> NodeProbe {
        let Some(path) = search.and_then(|s| crate::config::find_program(s, "node")) else {
            return NodeProbe::answered(None);
        };
        let Ok(meta) = std::fs::metadata(&path) else {
            return NodeProbe::answered(None);
        };
        let stamp = {
            use std::os::unix::fs::MetadataExt;
            format!(
                "{}\t{}\t{}",
                path.display(),
                meta.size(),
                meta.mtime_nsec() + meta.mtime() * 1_000_000_000
            )
        };
        let remembered =
            std::fs::read_to_string(cache_root.join(NODE_VERSIONS)).unwrap_or_default();
        let known = remembered.lines().find_map(|line| {
            let (key, version) = line.rsplit_once('\t')?;
            (key == stamp).then(|| Version::parse(version).ok())?
        });
        if let Some(version) = known {
            return NodeProbe::answered(Some(Node { path, version }));
        }
        let child = std::process::Command::new(&path)
            .arg("--version")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn();
        let Ok(child) = child else {
            return NodeProbe::answered(None);
        };
        NodeProbe {
            answer: OnceLock::new(),
            asking: Mutex::new(Some(Asking {
                child,
                path,
                stamp,
                remembered,
                cache_root: cache_root.to_path_buf(),
            })),
        }
    }

    /// A probe with its answer (no `node` at all, or one given).
    pub fn answered(node: Option<Node>) -> NodeProbe {
        NodeProbe {
            answer: OnceLock::from(node),
            asking: Mutex::new(None),
        }
    }

    /// The node, waiting for its answer the first time.
    pub fn get(&self) -> Option<&Node> {
        self.answer
            .get_or_init(|| {
                let asking = self.asking.lock().unwrap_or_else(|e| e.into_inner()).take();
                asking.and_then(Asking::finish)
            })
            .as_ref()
    }
}

impl Drop for NodeProbe {
    /// A `node --version` nobody waited for is waited for here, so no process is left behind.
    fn drop(&mut self) {
        self.get();
    }
}

impl Asking {
    /// Reads node's answer and remembers it (other binaries' lines stay; this one's older
    /// lines, an upgraded node's, go).
    fn finish(self) -> Option<Node> {
        let output = self.child.wait_with_output().ok()?;
        let text = String::from_utf8_lossy(&output.stdout);
        let version = Version::parse(text.trim().trim_start_matches('v')).ok()?;
        let prefix = format!("{}\t", self.path.display());
        let mut lines: Vec<&str> = self
            .remembered
            .lines()
            .filter(|l| !l.starts_with(&prefix))
            .collect();
        let line = format!("{}\t{version}", self.stamp);
        lines.push(&line);
        let _ = crate::fsutil::write_atomic(
            &self.cache_root.join(NODE_VERSIONS),
            (lines.join("\n") + "\n").as_bytes(),
        );
        Some(Node {
            path: self.path,
            version,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linux_x64() -> Platform {
        Platform {
            os: "linux".into(),
            cpu: "x64".into(),
            libc: Some("glibc".into()),
        }
    }

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn empty_lists_allow_everything() {
        assert!(linux_x64().matches(&[], &[], &[]));
    }

    #[test]
    fn positive_and_negated_entries() {
        let p = linux_x64();
        assert!(p.matches(&v(&["linux"]), &v(&["x64"]), &[]));
        assert!(!p.matches(&v(&["darwin"]), &[], &[]));
        assert!(!p.matches(&v(&["!linux"]), &[], &[]));
        assert!(p.matches(&v(&["!win32"]), &[], &[]));
        assert!(!p.matches(&[], &v(&["arm64"]), &[]));
    }

    #[test]
    fn node_is_asked_its_version_once() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        // A `node` that counts how often it is run.
        let script = format!(
            "#!/bin/sh\necho run >> {}\necho v20.11.1\n",
            dir.path().join("runs").display()
        );
        std::fs::write(bin.join("node"), script).unwrap();
        std::fs::set_permissions(bin.join("node"), std::fs::Permissions::from_mode(0o755)).unwrap();
        let cache = dir.path().join("cache");
        for _ in 0..3 {
            let node = Node::find(bin.as_os_str(), &cache).unwrap();
            assert_eq!(node.version.to_string(), "20.11.1");
        }
        let runs = std::fs::read_to_string(dir.path().join("runs")).unwrap();
        assert_eq!(runs.lines().count(), 1);
        assert!(Node::find(dir.path().join("none").as_os_str(), &cache).is_none());

        let node = Node::find(bin.as_os_str(), &cache).unwrap();
        assert!(node.runs(None));
        assert!(node.runs(Some(">=18")));
        assert!(node.runs(Some("^18.17.0 || >=20.5.0")));
        assert!(!node.runs(Some(">=22")));
        assert!(!node.runs(Some("not a range")));
    }

    #[test]
    fn node_is_asked_while_the_install_goes_on() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        // A `node` that answers only once `go` exists (and gives up after ~5 s): a probe that
        // waited for it when starting would never see `go` made, and would get no version.
        let go = dir.path().join("go");
        let script = format!(
            "#!/bin/sh\ni=0\nwhile [ ! -e {go} ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done\n\
             [ -e {go} ] && echo v22.1.0\n",
            go = go.display()
        );
        std::fs::write(bin.join("node"), script).unwrap();
        std::fs::set_permissions(bin.join("node"), std::fs::Permissions::from_mode(0o755)).unwrap();
        let cache = dir.path().join("cache");
        let probe = NodeProbe::start(Some(bin.as_os_str()), &cache);
        std::fs::write(&go, "").unwrap();
        assert_eq!(probe.get().unwrap().version.to_string(), "22.1.0");
        // Remembered: the next probe is answered at once, with `go` gone.
        std::fs::remove_file(&go).unwrap();
        let again = NodeProbe::start(Some(bin.as_os_str()), &cache);
        assert_eq!(again.get().unwrap().version.to_string(), "22.1.0");
        assert!(NodeProbe::start(None, &cache).get().is_none());
    }

    #[test]
    fn libc_filters_musl_builds() {
        let p = linux_x64();
        assert!(p.matches(&v(&["linux"]), &v(&["x64"]), &v(&["glibc"])));
        assert!(!p.matches(&v(&["linux"]), &v(&["x64"]), &v(&["musl"])));
        let mac = Platform {
            os: "darwin".into(),
            cpu: "arm64".into(),
            libc: None,
        };
        assert!(!mac.matches(&[], &[], &v(&["glibc"])));
    }
}
