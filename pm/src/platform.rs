//! The machine's `os`, `cpu` and `libc` as npm names them, and npm's matching rules for the
//! `os`/`cpu`/`libc` fields of a package, which decide whether an optional native binary (Next.js'
//! swc, esbuild, sharp) is installed here. And the `node` that will run the installed code, whose
//! version `engines.node` ranges are checked against.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

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
    /// The first `node` on `search` (a `PATH`-style list). Asking node its version costs a
    /// process start (20–40 ms), so the answer is kept in the cache folder, keyed by the
    /// binary's path, size and modification time: a new node gets asked once.
    pub fn find(search: &OsStr, cache_root: &Path) -> Option<Node> {
        let path = crate::config::find_program(search, "node")?;
        let stamp = {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(&path).ok()?;
            format!(
                "{}\t{}\t{}",
                path.display(),
                meta.size(),
                meta.mtime_nsec() + meta.mtime() * 1_000_000_000
            )
        };
        let known = std::fs::read_to_string(cache_root.join(NODE_VERSIONS)).unwrap_or_default();
        let remembered = known.lines().find_map(|line| {
            let (key, version) = line.rsplit_once('\t')?;
            (key == stamp).then(|| Version::parse(version).ok())?
        });
        if let Some(version) = remembered {
            return Some(Node { path, version });
        }
        let output = std::process::Command::new(&path)
            .arg("--version")
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&output.stdout);
        let version = Version::parse(text.trim().trim_start_matches('v')).ok()?;
        // Other binaries' lines stay; this one's older lines (an upgraded node) go.
        let prefix = format!("{}\t", path.display());
        let mut lines: Vec<&str> = known.lines().filter(|l| !l.starts_with(&prefix)).collect();
        let line = format!("{stamp}\t{version}");
        lines.push(&line);
        let _ = crate::fsutil::write_atomic(
            &cache_root.join(NODE_VERSIONS),
            (lines.join("\n") + "\n").as_bytes(),
        );
        Some(Node { path, version })
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
