//! Lifecycle scripts. The root's own `preinstall`/`install`/`postinstall`/`prepare` run; a
//! dependency's `preinstall`/`install`/`postinstall` run only when the project trusts it in
//! `trustedDependencies` (bun's model), because install scripts are how malicious packages act.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// The hooks npm runs for an installed dependency, in order.
const DEPENDENCY_HOOKS: [&str; 3] = ["preinstall", "install", "postinstall"];
/// The hooks npm runs for the project itself after an install, in order.
pub const ROOT_HOOKS: [&str; 4] = ["preinstall", "install", "postinstall", "prepare"];

/// Runs the named hooks of the package in `dir` (those it defines) with npm's environment.
/// `node-gyp rebuild` is the implied `install` hook of a package with a `binding.gyp` and no
/// install script, as in npm.
pub fn run_hooks(project: &Path, dir: &Path, hooks: &[&str]) -> Result<usize> {
    let manifest: serde_json::Value = match fs_err::read(dir.join("package.json")) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|source| Error::Json {
            path: dir.join("package.json"),
            source,
        })?,
        Err(e) => return Err(e.into()),
    };
    let scripts = manifest.get("scripts").and_then(|s| s.as_object());
    let mut ran = 0;
    for hook in hooks {
        let mut command = scripts
            .and_then(|s| s.get(*hook))
            .and_then(|c| c.as_str())
            .map(str::to_string);
        let no_install_hooks =
            scripts.is_none_or(|s| !s.contains_key("install") && !s.contains_key("preinstall"));
        if command.is_none()
            && *hook == "install"
            && no_install_hooks
            && dir.join("binding.gyp").is_file()
        {
            command = Some("node-gyp rebuild".to_string());
        }
        let Some(command) = command else { continue };
        let mut path = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .collect::<Vec<_>>();
        let mut bins = Vec::new();
        let mut at = Some(dir);
        while let Some(d) = at {
            bins.push(d.join("node_modules/.bin"));
            if d == project {
                break;
            }
            at = d.parent();
        }
        bins.append(&mut path);
        let status = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .current_dir(dir)
            .env(
                "PATH",
                std::env::join_paths(bins).map_err(std::io::Error::other)?,
            )
            .env("npm_lifecycle_event", hook)
            .env(
                "npm_package_name",
                manifest.get("name").and_then(|v| v.as_str()).unwrap_or(""),
            )
            .env(
                "npm_package_version",
                manifest
                    .get("version")
                    .and_then(|v| v.as_str())
                    .unwrap_or(""),
            )
            .env("INIT_CWD", project)
            .status()?;
        if !status.success() {
            return Err(Error::Io(std::io::Error::other(format!(
                "`{hook}` script of `{}` failed ({status}): {command}",
                dir.display()
            ))));
        }
        ran += 1;
    }
    Ok(ran)
}

/// Runs a trusted dependency's install hooks.
pub fn run_dependency(project: &Path, dir: &Path) -> Result<usize> {
    run_hooks(project, dir, &DEPENDENCY_HOOKS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_defined_hooks_in_order_and_reports_failure() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"name":"p","scripts":{"postinstall":"echo post >> log","preinstall":"echo pre >> log"}}"#,
        )
        .unwrap();
        assert_eq!(run_dependency(dir.path(), dir.path()).unwrap(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("log")).unwrap(),
            "pre\npost\n"
        );
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"scripts":{"install":"exit 3"}}"#,
        )
        .unwrap();
        assert!(run_dependency(dir.path(), dir.path()).is_err());
    }
}
