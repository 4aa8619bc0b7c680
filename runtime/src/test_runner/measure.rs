//! `--coverage` in a run: which files the workers instrument, and, once every file reported,
//! the merged report written to the coverage directory and checked against the thresholds.

use std::{path::Path, sync::Arc};

use super::{RunOptions, RunSummary, TestError, config::ProjectConfig, discover};
use crate::{
    cache::TransformCache,
    coverage::{
        report::{self, CoverageReport},
        scope::{CoverageScope, DEFAULT_IGNORE_PATTERNS},
    },
    loader::ModuleSystem,
};

/// The files to instrument, when coverage is on: the project's, minus every test file (not
/// just the ones this run selected: a test that imports another is not measuring it) and the
/// setup files.
pub fn scope(
    options: &RunOptions,
    config: &ProjectConfig,
) -> Result<Option<Arc<CoverageScope>>, TestError> {
    if !options.coverage && !config.collect_coverage {
        return Ok(None);
    }
    let mut excluded = discover(&options.root, config, &[], None)?;
    excluded.extend(config.setup_files.iter().cloned());
    excluded.extend(config.setup_files_after_env.iter().cloned());
    let ignore = if config.coverage_ignore_patterns.is_empty() {
        DEFAULT_IGNORE_PATTERNS
            .iter()
            .map(|p| p.to_string())
            .collect()
    } else {
        config.coverage_ignore_patterns.clone()
    };
    let scope = CoverageScope::new(
        &options.root,
        &config.collect_coverage_from,
        &ignore,
        excluded,
    )?;
    Ok(Some(Arc::new(scope)))
}

/// Completes the report with the `collectCoverageFrom` files no test loaded, writes the files,
/// records threshold failures in `summary` and returns the text to print.
pub fn finish(
    options: &RunOptions,
    config: &ProjectConfig,
    scope: &Arc<CoverageScope>,
    mut coverage: CoverageReport,
    summary: &mut RunSummary,
) -> String {
    add_unloaded(
        &options.root,
        options.cache_dir.as_deref(),
        scope,
        &mut coverage,
    );
    let mut text = report::text_table(&options.root, &coverage, options.colors);
    let dir = options
        .coverage_dir
        .clone()
        .or_else(|| config.coverage_directory.clone())
        .unwrap_or_else(|| options.root.join("coverage"));
    if let Err(error) = report::write_files(&dir, &coverage) {
        text.push_str(&format!(
            "dx: cannot write the coverage report to {}: {error}\n",
            dir.display()
        ));
    }
    if let Some(thresholds) = &config.coverage_threshold {
        summary.coverage_failures = thresholds.check(&coverage.total());
        for failure in &summary.coverage_failures {
            text.push_str(failure);
            text.push('\n');
        }
    }
    text
}

/// Files `collectCoverageFrom` selects that no test loaded are instrumented here (through the
/// same loader and cache, so their map is the one a test would have produced) and listed at 0%.
fn add_unloaded(
    root: &Path,
    cache_dir: Option<&Path>,
    scope: &Arc<CoverageScope>,
    coverage: &mut CoverageReport,
) {
    let unloaded: Vec<_> = scope
        .listed_files()
        .into_iter()
        .filter(|path| coverage.files().all(|file| &file.path != path))
        .collect();
    if unloaded.is_empty() {
        return;
    }
    let modules = ModuleSystem::new(root, TransformCache::new(cache_dir));
    modules.collect_coverage(scope.clone());
    for path in unloaded {
        // A file that does not parse has nothing to count; the test that loads it reports it.
        if let Ok(transformed) = modules.transformed(&path)
            && let Some(map) = transformed.coverage.clone()
        {
            coverage.add_unloaded(&path, map);
        }
    }
}
