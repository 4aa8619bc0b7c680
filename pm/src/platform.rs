//! The machine's `os`, `cpu` and `libc` as npm names them, and npm's matching rules for the
//! `os`/`cpu`/`libc` fields of a package, which decide whether an optional native binary (Next.js'
//! swc, esbuild, sharp) is installed here.

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
