//! Atomic file replacement: write a sibling temporary file, then rename it over the target, so a
//! reader (or a crash) only ever sees the old or the new contents.

use std::path::Path;

use crate::error::Result;

/// Replaces `path` with `bytes` atomically, creating parent folders as needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(crate::store::unique_tmp_name(&format!(".{name}.tmp-")));
    fs_err::write(&tmp, bytes)?;
    if let Err(e) = fs_err::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    Ok(())
}
