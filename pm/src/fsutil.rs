//! Atomic file replacement: write a sibling temporary file, then rename it over the target, so a
//! reader (or a crash) only ever sees the old or the new contents.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use crate::error::Result;

/// Replaces `path` with `bytes` atomically, creating parent folders as needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    replace_with(path, &[bytes]).map(drop)
}

/// Replaces `path` with `parts` one after the other, atomically, creating parent folders as
/// needed; the new file comes back open for reading. The parts are written in turn, so a large
/// body behind a small header is not copied into one buffer first.
pub fn replace_with(path: &Path, parts: &[&[u8]]) -> Result<File> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs_err::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(crate::store::unique_tmp_name(&format!(".{name}.tmp-")));
    let written = fs_err::File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut file| {
            for part in parts {
                file.write_all(part)?;
            }
            fs_err::rename(&tmp, path)?;
            Ok(file.into_parts().0)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(written?)
}
