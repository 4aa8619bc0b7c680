//! Where a project's test settings come from: `package.json`'s `"jest"` key and the `[test]`
//! table of `dx.toml` (dx's own file wins where both set a key), then the command line.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Mutex, PoisonError},
};

use serde::Deserialize;

use super::{
    TestError,
    inputs::{Stamp, stamp},
};
use crate::coverage::report::Thresholds;

const PACKAGE_JSON: &str = "package.json";
const DX_TOML: &str = "dx.toml";

/// Project configs kept by root for a long-lived process (the language server, where every
/// "Run" needs its file's): one is read again only when `package.json` or `dx.toml` changed
/// on disk, which costs two `stat`s instead of reading and parsing both.
#[derive(Debug, Default)]
pub struct ProjectConfigs(Mutex<HashMap<PathBuf, (ConfigStamps, ProjectConfig)>>);

/// `package.json`'s and `dx.toml`'s stamps.
type ConfigStamps = [Option<Stamp>; 2];

impl ProjectConfigs {
    /// [`ProjectConfig::load`], from what was read before if neither file changed since.
    pub fn load(&self, root: &Path) -> Result<ProjectConfig, TestError> {
        // Stamped before reading: a change made during the read shows as a change next time.
        let stamps = ProjectConfig::files_stamps(root);
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, config)) = kept.get(root).filter(|(then, _)| *then == stamps) {
            return Ok(config.clone());
        }
        let config = ProjectConfig::load(root)?;
        kept.insert(root.to_path_buf(), (stamps, config.clone()));
        Ok(config)
    }
}

/// The project's settings that change which files run and how.
#[derive(Debug, Clone, Default)]
pub struct ProjectConfig {
    /// Globs (relative to the root) a test file must match; empty: Jest's default rule.
    pub test_match: Vec<String>,
    /// Regular expressions on the absolute path; a match excludes the file.
    pub ignore_patterns: Vec<String>,
    /// Files run before the test framework is installed (`setupFiles`).
    pub setup_files: Vec<PathBuf>,
    /// Files run after it (`setupFilesAfterEnv`, `setupFilesAfterEach`).
    pub setup_files_after_env: Vec<PathBuf>,
    /// `node` (the default) or a DOM environment name.
    pub test_environment: Option<String>,
    pub timeout_ms: Option<u64>,
    /// `collectCoverage` (`coverage` in dx.toml): measure coverage without `--coverage`.
    pub collect_coverage: bool,
    /// `collectCoverageFrom`: globs (relative to the root, `!` negates) of measured files.
    pub collect_coverage_from: Vec<String>,
    /// `coveragePathIgnorePatterns`: regular expressions on the absolute path.
    pub coverage_ignore_patterns: Vec<String>,
    /// `coverageDirectory`: where lcov.info and the summary go (default `<root>/coverage`).
    pub coverage_directory: Option<PathBuf>,
    /// `coverageThreshold.global`.
    pub coverage_threshold: Option<Thresholds>,
}

/// The keys dx reads, spelled as Jest spells them (dx.toml accepts the same names).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConfig {
    test_match: Option<Vec<String>>,
    test_path_ignore_patterns: Option<Vec<String>>,
    setup_files: Option<Vec<String>>,
    setup_files_after_env: Option<Vec<String>>,
    setup_files_after_each: Option<Vec<String>>,
    test_environment: Option<String>,
    test_timeout: Option<u64>,
    #[serde(alias = "timeout")]
    timeout_ms: Option<u64>,
    #[serde(alias = "coverage")]
    collect_coverage: Option<bool>,
    collect_coverage_from: Option<Vec<String>>,
    coverage_path_ignore_patterns: Option<Vec<String>>,
    coverage_directory: Option<String>,
    coverage_threshold: Option<CoverageThreshold>,
}

#[derive(Debug, Default, Deserialize)]
struct CoverageThreshold {
    global: Option<Thresholds>,
}

#[derive(Deserialize)]
struct PackageJson {
    jest: Option<RawConfig>,
}

#[derive(Deserialize)]
struct DxToml {
    test: Option<RawConfig>,
}

impl ProjectConfig {
    /// Reads `root/package.json` and `root/dx.toml`; a file that is missing is no error, one
    /// that does not parse is.
    pub fn load(root: &Path) -> Result<Self, TestError> {
        let mut config = ProjectConfig::default();
        let package = root.join(PACKAGE_JSON);
        if let Ok(text) = std::fs::read_to_string(&package) {
            let parsed: PackageJson =
                serde_json::from_str(&text).map_err(|e| TestError::Config {
                    path: package.clone(),
                    message: e.to_string(),
                })?;
            if let Some(raw) = parsed.jest {
                config.apply(root, raw);
            }
        }
        let dx = root.join(DX_TOML);
        if let Ok(text) = std::fs::read_to_string(&dx) {
            let parsed: DxToml = toml::from_str(&text).map_err(|e| TestError::Config {
                path: dx.clone(),
                message: e.message().to_owned(),
            })?;
            if let Some(raw) = parsed.test {
                config.apply(root, raw);
            }
        }
        Ok(config)
    }

    fn files_stamps(root: &Path) -> ConfigStamps {
        [PACKAGE_JSON, DX_TOML].map(|name| stamp(&root.join(name)))
    }

    fn apply(&mut self, root: &Path, raw: RawConfig) {
        let root_text = root.to_string_lossy();
        let expand = |s: &str| s.replace("<rootDir>", &root_text);
        let files = |list: Vec<String>| -> Vec<PathBuf> {
            list.iter()
                .map(|s| root.join(expand(s).trim_start_matches("./")))
                .collect()
        };
        if let Some(globs) = raw.test_match {
            self.test_match = globs
                .iter()
                .map(|g| {
                    expand(g)
                        .trim_start_matches(&*root_text)
                        .trim_start_matches('/')
                        .to_owned()
                })
                .collect();
        }
        if let Some(patterns) = raw.test_path_ignore_patterns {
            self.ignore_patterns = patterns.iter().map(|p| expand(p)).collect();
        }
        if let Some(list) = raw.setup_files {
            self.setup_files = files(list);
        }
        if let Some(list) = raw.setup_files_after_env.or(raw.setup_files_after_each) {
            self.setup_files_after_env = files(list);
        }
        if raw.test_environment.is_some() {
            self.test_environment = raw.test_environment;
        }
        if let Some(ms) = raw.test_timeout.or(raw.timeout_ms) {
            self.timeout_ms = Some(ms);
        }
        if let Some(on) = raw.collect_coverage {
            self.collect_coverage = on;
        }
        if let Some(globs) = raw.collect_coverage_from {
            self.collect_coverage_from = globs
                .iter()
                .map(|g| expand(g).replace(&format!("{root_text}/"), ""))
                .collect();
        }
        if let Some(patterns) = raw.coverage_path_ignore_patterns {
            self.coverage_ignore_patterns = patterns.iter().map(|p| expand(p)).collect();
        }
        if let Some(dir) = raw.coverage_directory {
            self.coverage_directory = Some(root.join(expand(&dir)));
        }
        if let Some(global) = raw.coverage_threshold.and_then(|t| t.global) {
            self.coverage_threshold = Some(global);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_configs_are_read_again_when_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("package.json");
        let write = |timeout: u32| {
            let text = format!(r#"{{"jest": {{"testTimeout": {timeout}}}}}"#);
            std::fs::write(&package, text).unwrap();
        };
        let configs = ProjectConfigs::default();
        let timeout = || configs.load(dir.path()).unwrap().timeout_ms;

        write(1000);
        let then = std::fs::metadata(&package).unwrap().modified().unwrap();
        assert_eq!(timeout(), Some(1000));
        // The same size and modification time: taken as unchanged, so not read.
        write(2000);
        let file = std::fs::File::options().write(true).open(&package).unwrap();
        file.set_modified(then).unwrap();
        assert_eq!(timeout(), Some(1000), "kept");
        file.set_modified(then + std::time::Duration::from_secs(1))
            .unwrap();
        assert_eq!(timeout(), Some(2000), "read again after a change");

        std::fs::write(dir.path().join("dx.toml"), "[test]\ntestTimeout = 3000\n").unwrap();
        assert_eq!(timeout(), Some(3000), "a new dx.toml is a change");
        std::fs::write(&package, "{ not json").unwrap();
        assert!(
            configs.load(dir.path()).is_err(),
            "a broken file is an error"
        );
    }

    #[test]
    fn dx_toml_overrides_package_json() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"jest": {"testTimeout": 100, "setupFiles": ["<rootDir>/a.js"], "testPathIgnorePatterns": ["/fixtures/"]}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("dx.toml"),
            "[test]\ntestTimeout = 250\nsetupFilesAfterEnv = [\"./b.ts\"]\n",
        )
        .unwrap();
        let config = ProjectConfig::load(dir.path()).unwrap();
        assert_eq!(config.timeout_ms, Some(250));
        assert_eq!(config.setup_files, vec![dir.path().join("a.js")]);
        assert_eq!(config.setup_files_after_env, vec![dir.path().join("b.ts")]);
        assert_eq!(config.ignore_patterns, vec!["/fixtures/".to_owned()]);
    }

    #[test]
    fn coverage_keys_are_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"jest": {"collectCoverageFrom": ["<rootDir>/src/**/*.ts", "!**/*.d.ts"],
                "coverageThreshold": {"global": {"branches": 80, "lines": -3}},
                "coverageDirectory": "out/cov"}}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("dx.toml"), "[test]\ncoverage = true\n").unwrap();
        let config = ProjectConfig::load(dir.path()).unwrap();
        assert!(config.collect_coverage);
        assert_eq!(config.collect_coverage_from, ["src/**/*.ts", "!**/*.d.ts"]);
        assert_eq!(config.coverage_directory, Some(dir.path().join("out/cov")));
        let threshold = config.coverage_threshold.unwrap();
        assert_eq!(
            (threshold.branches, threshold.lines),
            (Some(80.0), Some(-3.0))
        );
        assert_eq!(threshold.statements, None);
    }

    #[test]
    fn a_broken_package_json_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("package.json"), "{").unwrap();
        assert!(ProjectConfig::load(dir.path()).is_err());
    }
}
