//! Which test environment a file runs in: `node` (nothing to add) or a DOM — `jsdom` or
//! `happy-dom` — taken from the project's own `node_modules`, as Jest and Vitest load them.
//! The file's docblock (`/** @jest-environment jsdom */`, `// @vitest-environment happy-dom`)
//! overrides the config's `testEnvironment`. `js/test/environment.js` installs the window.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// A DOM environment for one file: which library, and the package directory to load it from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DomEnvironment {
    pub kind: &'static str,
    pub package_dir: PathBuf,
}

/// The environment `test_file` asks for, or `Ok(None)` for Node's. The error is the one line a
/// user sees when the environment is unknown or its package is not installed.
pub fn for_file(
    test_file: &Path,
    source: &str,
    configured: Option<&str>,
) -> Result<Option<DomEnvironment>, String> {
    let name = docblock_environment(source)
        .or(configured)
        .unwrap_or("node");
    let kind = match name {
        "node" => return Ok(None),
        "jsdom" | "jest-environment-jsdom" => "jsdom",
        "happy-dom" | "@happy-dom/jest-environment" => "happy-dom",
        other => {
            return Err(format!(
                "testEnvironment `{other}` is not supported by dx (use node, jsdom or happy-dom)"
            ));
        }
    };
    let package_dir = find_package(test_file, kind).ok_or_else(|| {
        format!("testEnvironment {kind} needs the package `{kind}`: run `dx add -D {kind}`")
    })?;
    Ok(Some(DomEnvironment { kind, package_dir }))
}

/// `node_modules/<name>` in the test file's directory or the nearest one above it, as Node's
/// resolution finds a project's dependencies.
fn find_package(test_file: &Path, name: &str) -> Option<PathBuf> {
    test_file
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("node_modules").join(name))
        .find(|dir| dir.join("package.json").is_file())
}

/// The environment named by a `@jest-environment` or `@vitest-environment` pragma in the
/// comments that open the file (Jest reads the first docblock; Vitest any leading comment).
fn docblock_environment(source: &str) -> Option<&str> {
    let mut rest = source.strip_prefix("#!").map_or(source, |s| {
        s.split_once('\n').map_or("", |(_, after)| after)
    });
    loop {
        rest = rest.trim_start();
        let comment = if let Some(body) = rest.strip_prefix("//") {
            let (line, after) = body.split_once('\n').unwrap_or((body, ""));
            rest = after;
            line
        } else if let Some(body) = rest.strip_prefix("/*") {
            let (block, after) = body.split_once("*/")?;
            rest = after;
            block
        } else {
            return None;
        };
        for pragma in ["@jest-environment", "@vitest-environment"] {
            if let Some(at) = comment.find(pragma) {
                let after = &comment[at + pragma.len()..];
                if after.starts_with(char::is_whitespace) {
                    return after.split_whitespace().next();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docblocks_name_the_environment() {
        assert_eq!(
            docblock_environment("/**\n * @jest-environment jsdom\n */\ntest()"),
            Some("jsdom")
        );
        assert_eq!(
            docblock_environment("#!/usr/bin/env x\n// @vitest-environment happy-dom\n"),
            Some("happy-dom")
        );
        assert_eq!(
            docblock_environment("// a\n/* b */\n// @vitest-environment node\n"),
            Some("node")
        );
        assert_eq!(
            docblock_environment("import x from 'y';\n// @jest-environment jsdom\n"),
            None
        );
        assert_eq!(
            docblock_environment("/* @jest-environment-options {} */"),
            None
        );
    }

    #[test]
    fn a_missing_package_names_the_command_that_installs_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.test.ts");
        assert_eq!(
            for_file(&file, "", Some("happy-dom")),
            Err(
                "testEnvironment happy-dom needs the package `happy-dom`: run `dx add -D happy-dom`"
                    .into()
            )
        );
        assert_eq!(for_file(&file, "", Some("node")), Ok(None));
        assert!(
            for_file(&file, "", Some("edge"))
                .unwrap_err()
                .contains("`edge`")
        );
        let package = dir.path().join("node_modules/jsdom");
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(package.join("package.json"), "{}").unwrap();
        assert_eq!(
            for_file(&file, "// @jest-environment jsdom\n", Some("happy-dom")),
            Ok(Some(DomEnvironment {
                kind: "jsdom",
                package_dir: package
            }))
        );
    }
}
