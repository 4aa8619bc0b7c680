//! The committed parser matches grammar.js, and the corpus passes under
//! `tree-sitter test`. Runs check.sh when the pinned tree-sitter CLI is
//! installed (generate.sh installs it into its cache) and node is present;
//! otherwise says so and passes, since building needs neither.

use std::path::{Path, PathBuf};
use std::process::Command;

fn pinned_cli_version(crate_dir: &Path) -> String {
    let script = std::fs::read_to_string(crate_dir.join("generate.sh")).unwrap();
    script
        .lines()
        .find_map(|line| line.strip_prefix("TREE_SITTER_CLI_VERSION="))
        .expect("generate.sh pins TREE_SITTER_CLI_VERSION")
        .trim()
        .to_string()
}

fn find_cli(crate_dir: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TREE_SITTER_CLI") {
        return Some(PathBuf::from(path));
    }
    let cache = std::env::var_os("DX_TREE_SITTER_CACHE")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("tree-sitter-dx"))
        })
        .or_else(|| {
            std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/tree-sitter-dx"))
        })?;
    let cli = cache
        .join(format!("cli-{}", pinned_cli_version(crate_dir)))
        .join("bin/tree-sitter");
    if cli.is_file() {
        return Some(cli);
    }
    let on_path = Command::new("tree-sitter").arg("--version").output().ok()?;
    on_path
        .status
        .success()
        .then(|| PathBuf::from("tree-sitter"))
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn committed_parser_matches_grammar_and_corpus_passes() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(cli) = find_cli(crate_dir) else {
        eprintln!(
            "skipped: no tree-sitter CLI (run tree-sitter-dx/generate.sh once to install it); \
             the committed parser was not compared with grammar.js"
        );
        return;
    };
    if !has("node") || !has("npm") {
        eprintln!("skipped: node/npm not found; grammar.js cannot be evaluated");
        return;
    }
    let output = Command::new("bash")
        .arg(crate_dir.join("check.sh"))
        .env("TREE_SITTER_CLI", &cli)
        .output()
        .expect("bash runs check.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "check.sh failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert!(
        stderr.contains("committed parser matches grammar.js"),
        "{stderr}"
    );
    assert!(stdout.contains("failed parses: 0"), "{stdout}");
}
