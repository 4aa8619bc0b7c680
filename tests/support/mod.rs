//! What the end-to-end tests of the `dx` binary share: a temporary project written from a
//! fixture, and what a command printed; `lsp_client` speaks JSON-RPC to `dx lsp`.

#![allow(
    dead_code,
    reason = "each test binary uses its own part of this module"
)]

pub mod lsp_client;

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

/// A temporary project made from `//- path` sections, as rust-analyzer's fixtures are written.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    pub fn new(fixture: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        let mut current: Option<(String, String)> = None;
        let mut files = Vec::new();
        for line in fixture.lines() {
            if let Some(path) = line.strip_prefix("//- ") {
                files.extend(current.take());
                current = Some((path.trim().to_owned(), String::new()));
            } else if let Some((_, text)) = current.as_mut() {
                text.push_str(line);
                text.push('\n');
            }
        }
        files.extend(current);
        for (path, text) in files {
            let target = dir.path().join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `dx <args>` run in the project, with its own cache folder.
    pub fn dx(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dx"));
        command
            .current_dir(self.path())
            .env("DX_CACHE_DIR", self.path().join(".dx-cache"));
        command
    }

    /// What a command printed, with this project's path shown as `<dir>`.
    pub fn ran(&self, output: Output) -> Ran {
        let clean = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&self.path().display().to_string(), "<dir>")
        };
        Ran {
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
            code: output.status.code().unwrap_or(-1),
        }
    }
}

/// What a command printed and how it exited.
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Ran {
    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
}
