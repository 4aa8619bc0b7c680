//! What a run command runs: the files, the project each belongs to (its config decides
//! timeouts and setup files) and the settings the runtime gets, including the editor's unsaved
//! buffers.

use std::path::{Path, PathBuf};

use dx_runtime::test_runner::{
    FileSettings, ProjectConfig, ProjectConfigs, RunOptions, SnapshotUpdate, Sources, TestError,
    discover, file_settings,
};

use super::worker::RunKey;

/// Files to run, with their settings, and what the run is keyed by.
pub struct Plan {
    pub key: RunKey,
    pub files: Vec<(PathBuf, FileSettings)>,
}

/// The project a file belongs to: the nearest folder up from it with a `package.json` or
/// `dx.toml`, not above the workspace folder holding it; else that workspace folder, else the
/// file's own folder.
pub fn project_root(file: &Path, workspace_roots: &[PathBuf]) -> PathBuf {
    let folder = file.parent().unwrap_or(Path::new("/"));
    for dir in folder.ancestors() {
        if dir.join("package.json").is_file() || dir.join("dx.toml").is_file() {
            return dir.to_path_buf();
        }
        if workspace_roots.iter().any(|root| root == dir) {
            return dir.to_path_buf();
        }
    }
    folder.to_path_buf()
}

fn settings_for(
    root: &Path,
    config: &ProjectConfig,
    name_pattern: Option<String>,
    sources: &Sources,
) -> FileSettings {
    let options = RunOptions {
        root: root.to_path_buf(),
        path_filters: Vec::new(),
        name_pattern,
        concurrency: 1,
        bail: false,
        timeout_ms: None,
        shard: None,
        update: SnapshotUpdate::New,
        ci: false,
        colors: false,
        cache_dir: dx_runtime::cache::default_cache_dir(),
        coverage: false,
        coverage_dir: None,
    };
    FileSettings {
        sources: sources.clone(),
        // The editor shows what the run was for; tests the pattern left out keep their last
        // results.
        omit_unmatched: true,
        ..file_settings(&options, config, None)
    }
}

/// One file, optionally only the tests whose full name matches `name_pattern`.
pub fn file(
    file: &Path,
    name_pattern: Option<String>,
    workspace_roots: &[PathBuf],
    sources: &Sources,
    configs: &ProjectConfigs,
) -> Result<Plan, TestError> {
    let root = project_root(file, workspace_roots);
    let settings = settings_for(&root, &configs.load(&root)?, name_pattern, sources);
    Ok(Plan {
        key: RunKey::File(file.to_path_buf()),
        files: vec![(file.to_path_buf(), settings)],
    })
}

/// Every test file of every workspace folder, as `dx test` there would find them.
pub fn all(
    workspace_roots: &[PathBuf],
    sources: &Sources,
    configs: &ProjectConfigs,
) -> Result<Plan, TestError> {
    let mut files = Vec::new();
    for root in workspace_roots {
        let config = configs.load(root)?;
        let settings = settings_for(root, &config, None, sources);
        for path in discover(root, &config, &[], None)? {
            files.push((path, settings.clone()));
        }
    }
    Ok(Plan {
        key: RunKey::All,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_is_the_nearest_package_inside_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("ws");
        let package = workspace.join("packages/app");
        std::fs::create_dir_all(package.join("src")).unwrap();
        std::fs::write(package.join("package.json"), "{}").unwrap();
        let roots = [workspace.clone()];
        assert_eq!(
            project_root(&package.join("src/a.test.ts"), &roots),
            package
        );
        std::fs::create_dir_all(workspace.join("loose")).unwrap();
        assert_eq!(
            project_root(&workspace.join("loose/b.test.ts"), &roots),
            workspace,
            "no package.json up to the workspace folder"
        );
        assert_eq!(
            project_root(&dir.path().join("c.test.ts"), &[]),
            dir.path(),
            "outside any workspace: the file's folder"
        );
    }
}
