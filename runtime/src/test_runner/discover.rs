//! Which files are tests: Jest's and Vitest's rule (`*.test.*`, `*.spec.*`, anything under
//! `__tests__/`) or the project's `testMatch` globs, minus ignore patterns, narrowed by the
//! command line's path filters and split into shards.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSetBuilder};
use regex::Regex;

use super::{Shard, TestError, config::ProjectConfig};

pub(crate) const EXTENSIONS: &[&str] = &["js", "ts", "jsx", "tsx", "mjs", "cjs", "mts", "cts"];

/// Test files under `root`, sorted by path (so runs, shards and reports are deterministic).
pub fn discover(
    root: &Path,
    config: &ProjectConfig,
    filters: &[String],
    shard: Option<Shard>,
) -> Result<Vec<PathBuf>, TestError> {
    let matcher = if config.test_match.is_empty() {
        None
    } else {
        let mut builder = GlobSetBuilder::new();
        for pattern in &config.test_match {
            let glob = Glob::new(&extglob_to_glob(pattern)).map_err(|e| TestError::Pattern {
                pattern: pattern.clone(),
                message: e.to_string(),
            })?;
            builder.add(glob);
        }
        Some(builder.build().map_err(|e| TestError::Pattern {
            pattern: config.test_match.join(", "),
            message: e.to_string(),
        })?)
    };
    let ignores = compile_all(&config.ignore_patterns)?;
    let filters = compile_all(filters)?;

    let mut files = Vec::new();
    walk(root, &mut files);
    files.retain(|path| {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let text = path.to_string_lossy();
        let selected = match &matcher {
            Some(set) => set.is_match(relative),
            None => is_default_test_file(relative),
        };
        selected
            && !ignores.iter().any(|re| re.is_match(&text))
            && (filters.is_empty() || filters.iter().any(|re| re.is_match(&text)))
    });
    files.sort();
    if let Some(Shard { index, count }) = shard {
        files = files
            .into_iter()
            .enumerate()
            .filter(|(position, _)| position % count == index - 1)
            .map(|(_, path)| path)
            .collect();
    }
    Ok(files)
}

/// Jest's patterns are regular expressions; one that does not compile is taken literally, as
/// users often pass plain file names with dots and brackets.
pub(crate) fn compile_all(patterns: &[String]) -> Result<Vec<Regex>, TestError> {
    patterns
        .iter()
        .map(|p| {
            Regex::new(p)
                .or_else(|_| Regex::new(&regex::escape(p)))
                .map_err(|e| TestError::Pattern {
                    pattern: p.clone(),
                    message: e.to_string(),
                })
        })
        .collect()
}

pub(crate) fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name != "node_modules" && !name.starts_with('.') {
                walk(&entry.path(), out);
            }
        } else if kind.is_file() || kind.is_symlink() {
            out.push(entry.path());
        }
    }
}

fn is_default_test_file(relative: &Path) -> bool {
    let Some(name) = relative.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !EXTENSIONS.contains(&ext) {
        return false;
    }
    let in_tests_dir = relative
        .parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str() == "__tests__"));
    in_tests_dir
        || stem.ends_with(".test")
        || stem.ends_with(".spec")
        || stem == "test"
        || stem == "spec"
}

/// Jest's micromatch extglobs (`?(x)`, `+(a|b)`, `@(a|b)`, `*(x)`) as globset alternations:
/// `?(x)` and `*(x)` become `{,x}`, `+(a|b)` and `@(a|b)` become `{a,b}` (one repetition,
/// which is what test-file patterns use).
pub(crate) fn extglob_to_glob(pattern: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '?' | '+' | '@' | '*' | '!')
            && chars.get(i + 1) == Some(&'(')
            && let Some(close) = chars[i + 2..].iter().position(|&ch| ch == ')')
        {
            let inner: String = chars[i + 2..i + 2 + close].iter().collect();
            let inner = extglob_to_glob(&inner).replace('|', ",");
            if matches!(c, '?' | '*') {
                out.push_str(&format!("{{,{inner}}}"));
            } else {
                out.push_str(&format!("{{{inner}}}"));
            }
            i += close + 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rule_matches_jest_and_vitest() {
        for yes in [
            "a.test.ts",
            "src/b.spec.jsx",
            "src/__tests__/c.js",
            "x/d.test.mts",
        ] {
            assert!(is_default_test_file(Path::new(yes)), "{yes}");
        }
        for no in ["a.ts", "src/b.spec.json", "latest.ts", "contest.js"] {
            assert!(!is_default_test_file(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn extglobs_become_alternations() {
        assert_eq!(
            extglob_to_glob("**/?(*.)+(spec|test).[jt]s?(x)"),
            "**/{,*.}{spec,test}.[jt]s{,x}"
        );
    }

    #[test]
    fn discovery_skips_node_modules_and_dot_folders_and_shards() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.test.js",
            "b.test.ts",
            "c.spec.tsx",
            "node_modules/x/d.test.js",
            ".cache/e.test.js",
            "src/__tests__/f.ts",
            "src/g.ts",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let config = ProjectConfig::default();
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
                .collect()
        };
        let all = discover(root, &config, &[], None).unwrap();
        assert_eq!(
            names(all),
            ["a.test.js", "b.test.ts", "c.spec.tsx", "src/__tests__/f.ts"]
        );
        let first = discover(root, &config, &[], Some(Shard { index: 1, count: 2 })).unwrap();
        let second = discover(root, &config, &[], Some(Shard { index: 2, count: 2 })).unwrap();
        assert_eq!(names(first), ["a.test.js", "c.spec.tsx"]);
        assert_eq!(names(second), ["b.test.ts", "src/__tests__/f.ts"]);
        let filtered = discover(root, &config, &["spec".into()], None).unwrap();
        assert_eq!(names(filtered), ["c.spec.tsx"]);
        let ignoring = ProjectConfig {
            ignore_patterns: vec!["__tests__".into()],
            test_match: vec!["**/*.ts".into()],
            ..ProjectConfig::default()
        };
        assert_eq!(
            names(discover(root, &ignoring, &[], None).unwrap()),
            ["b.test.ts", "src/g.ts"]
        );
    }
}
