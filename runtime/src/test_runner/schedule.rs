//! The order files start in: longest first, so that a slow file does not start last and leave
//! the other threads idle (Jest's sequencer does the same). Durations of earlier runs are kept
//! in `$DX_CACHE_DIR/test-durations-v1.json`; a file never timed counts by its size.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

const FILE: &str = "test-durations-v1.json";

/// Milliseconds per byte of source assumed for a file with no recorded duration (roughly what
/// the real suites measure), so timed and untimed files compare.
const MS_PER_BYTE: f64 = 0.01;

pub struct Durations {
    path: Option<PathBuf>,
    by_file: HashMap<String, f64>,
}

impl Durations {
    pub fn load(cache_dir: Option<&Path>) -> Self {
        let path = cache_dir.map(|dir| dir.join(FILE));
        let by_file = path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        Durations { path, by_file }
    }

    fn estimate(&self, file: &Path) -> f64 {
        match self.by_file.get(&*file.to_string_lossy()) {
            Some(ms) => *ms,
            None => std::fs::metadata(file).map_or(0.0, |m| m.len() as f64 * MS_PER_BYTE),
        }
    }

    /// Indexes into `files`, the slowest expected first.
    pub fn order(&self, files: &[PathBuf]) -> Vec<usize> {
        let costs: Vec<f64> = files.iter().map(|f| self.estimate(f)).collect();
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by(|a, b| costs[*b].total_cmp(&costs[*a]).then(a.cmp(b)));
        order
    }

    pub fn record(&mut self, file: &Path, ms: f64) {
        self.by_file.insert(file.to_string_lossy().into_owned(), ms);
    }

    /// Best effort: a cache that cannot be written only costs the next run its ordering.
    pub fn save(&self) {
        let Some(path) = &self.path else { return };
        if let Ok(text) = serde_json::to_string(&self.by_file) {
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new("/")));
            let _ = std::fs::write(path, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_durations_then_sizes_decide_the_order() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = ["a.test.js", "b.test.js", "c.test.js"]
            .iter()
            .map(|name| dir.path().join(name))
            .collect();
        std::fs::write(&files[0], "x".repeat(10)).unwrap();
        std::fs::write(&files[1], "x".repeat(1000)).unwrap();
        std::fs::write(&files[2], "x".repeat(100)).unwrap();
        let cache = dir.path().join("cache");
        let mut durations = Durations::load(Some(&cache));
        assert_eq!(durations.order(&files), [1, 2, 0]);
        durations.record(&files[0], 500.0);
        durations.save();
        assert_eq!(Durations::load(Some(&cache)).order(&files), [0, 1, 2]);
    }
}
