//! Which files get coverage counters: the project's own source, as Jest decides it. Test
//! files, setup files, `node_modules` (or whatever `coveragePathIgnorePatterns` says instead)
//! and type declarations are left alone; with `collectCoverageFrom`, a file must also match
//! one of its globs (and none of its `!` globs), and matching files no test loaded are still
//! reported, at 0%.

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
};

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;

use crate::test_runner::{
    TestError,
    discover::{compile_all, extglob_to_glob, walk},
};

/// Jest's default `coveragePathIgnorePatterns`.
pub const DEFAULT_IGNORE_PATTERNS: &[&str] = &["/node_modules/"];

#[derive(Debug, Clone)]
pub struct CoverageScope {
    root: PathBuf,
    /// Test and setup files: they run, but are not what is measured.
    excluded: HashSet<PathBuf>,
    /// `collectCoverageFrom`: globs a file must match, and `!` globs it must not.
    include: Option<(GlobSet, GlobSet)>,
    ignore: Vec<Regex>,
}

impl CoverageScope {
    /// `collect_from` are `collectCoverageFrom` globs relative to `root` (empty: every file a
    /// test loads); `ignore_patterns` are regular expressions on the absolute path.
    pub fn new(
        root: &Path,
        collect_from: &[String],
        ignore_patterns: &[String],
        excluded: impl IntoIterator<Item = PathBuf>,
    ) -> Result<Self, TestError> {
        let include = if collect_from.is_empty() {
            None
        } else {
            let (mut wanted, mut unwanted) = (GlobSetBuilder::new(), GlobSetBuilder::new());
            for pattern in collect_from {
                let (builder, glob) = match pattern.strip_prefix('!') {
                    Some(negated) => (&mut unwanted, negated),
                    None => (&mut wanted, pattern.as_str()),
                };
                let glob = extglob_to_glob(glob.trim_start_matches("./"));
                builder.add(Glob::new(&glob).map_err(|e| TestError::Pattern {
                    pattern: pattern.clone(),
                    message: e.to_string(),
                })?);
            }
            let build = |builder: GlobSetBuilder| {
                builder.build().map_err(|e| TestError::Pattern {
                    pattern: collect_from.join(", "),
                    message: e.to_string(),
                })
            };
            Some((build(wanted)?, build(unwanted)?))
        };
        Ok(CoverageScope {
            root: root.to_path_buf(),
            excluded: excluded.into_iter().collect(),
            include,
            ignore: compile_all(ignore_patterns)?,
        })
    }

    /// Whether `path` is instrumented when a test loads it.
    pub fn includes(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_code = crate::transform::is_transformable(path)
            && ![".d.ts", ".d.mts", ".d.cts"]
                .iter()
                .any(|suffix| name.ends_with(suffix));
        let text = path.to_string_lossy();
        is_code
            && !self.excluded.contains(path)
            && !self.ignore.iter().any(|re| re.is_match(&text))
            && self.include.as_ref().is_none_or(|(wanted, unwanted)| {
                wanted.is_match(relative) && !unwanted.is_match(relative)
            })
    }

    /// With `collectCoverageFrom`, every project file it selects (sorted); otherwise none,
    /// as the report then lists only what the tests loaded.
    pub fn listed_files(&self) -> Vec<PathBuf> {
        if self.include.is_none() {
            return Vec::new();
        }
        let mut files = Vec::new();
        walk(&self.root, &mut files);
        files.retain(|path| self.includes(path));
        files.sort();
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_node_modules_and_declarations_are_out_and_globs_narrow() {
        let root = Path::new("/p");
        let ignore: Vec<String> = DEFAULT_IGNORE_PATTERNS
            .iter()
            .map(|p| p.to_string())
            .collect();
        let everything = CoverageScope::new(root, &[], &ignore, [root.join("a.test.ts")]).unwrap();
        assert!(everything.includes(&root.join("src/a.ts")));
        assert!(!everything.includes(&root.join("a.test.ts")));
        assert!(!everything.includes(&root.join("node_modules/x/index.js")));
        assert!(!everything.includes(&root.join("src/types.d.ts")));
        assert!(!everything.includes(&root.join("data.json")));
        assert!(!everything.includes(Path::new("/elsewhere/b.ts")));

        let globs = ["src/**/*.ts".to_owned(), "!src/generated/**".to_owned()];
        let narrowed = CoverageScope::new(root, &globs, &ignore, []).unwrap();
        assert!(narrowed.includes(&root.join("src/lib/a.ts")));
        assert!(!narrowed.includes(&root.join("src/generated/b.ts")));
        assert!(!narrowed.includes(&root.join("scripts/c.ts")));
    }

    #[test]
    fn a_bad_glob_is_an_error() {
        assert!(CoverageScope::new(Path::new("/p"), &["src/[".into()], &[], []).is_err());
    }
}
