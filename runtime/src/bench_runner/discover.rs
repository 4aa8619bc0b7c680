//! Which files are benchmarks: vitest's rule, `*.bench.{js,ts,jsx,tsx,mjs,mts,cjs,cts}`
//! outside `node_modules` and dot folders, under the folders (or exactly the files) the command
//! line names, narrowed by path regular expressions.

use std::path::{Path, PathBuf};

use crate::test_runner::{
    TestError,
    discover::{EXTENSIONS, compile_all, walk},
};

/// Bench files, sorted by path. `paths` are files or folders (relative to `root` or absolute;
/// none means `root`); a named file is taken even if its name does not follow the rule.
pub fn discover_bench_files(
    root: &Path,
    paths: &[PathBuf],
    filters: &[String],
) -> Result<Vec<PathBuf>, TestError> {
    let filters = compile_all(filters)?;
    let mut files = Vec::new();
    let starts: Vec<PathBuf> = if paths.is_empty() {
        vec![root.to_path_buf()]
    } else {
        paths.iter().map(|p| root.join(p)).collect()
    };
    for start in starts {
        if start.is_file() {
            files.push(start);
        } else {
            let mut found = Vec::new();
            walk(&start, &mut found);
            files.extend(found.into_iter().filter(|f| is_bench_file(f)));
        }
    }
    files.retain(|path| {
        let text = path.to_string_lossy();
        filters.is_empty() || filters.iter().any(|re| re.is_match(&text))
    });
    files.sort();
    files.dedup();
    Ok(files)
}

fn is_bench_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        EXTENSIONS.contains(&ext) && stem.ends_with(".bench") && stem.len() > ".bench".len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bench_files_follow_vitest_rule_and_skip_node_modules() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.bench.ts",
            "lib/b.bench.mjs",
            "lib/c.test.ts",
            "lib/bench.ts",
            "lib/d.bench.json",
            "node_modules/x/e.bench.js",
            ".cache/f.bench.js",
            "other/g.bench.tsx",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let names = |files: Vec<PathBuf>| -> Vec<String> {
            files
                .iter()
                .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(discover_bench_files(root, &[], &[]).unwrap()),
            ["a.bench.ts", "lib/b.bench.mjs", "other/g.bench.tsx"]
        );
        assert_eq!(
            names(discover_bench_files(root, &["lib".into()], &[]).unwrap()),
            ["lib/b.bench.mjs"]
        );
        assert_eq!(
            names(discover_bench_files(root, &[], &["other".into()]).unwrap()),
            ["other/g.bench.tsx"]
        );
        assert_eq!(
            names(discover_bench_files(root, &["lib/bench.ts".into()], &[]).unwrap()),
            ["lib/bench.ts"]
        );
    }
}
