//! `pnpm-workspace.yaml`, read with a line scanner rather than a YAML parser. The parts dx acts
//! on are top-level lists (`packages:`, `onlyBuiltDependencies:`), written as a block of `- item`
//! lines (indented or not) or on one line (`[a, b]`), and maps of strings (`catalog:`,
//! `overrides:`, and `catalogs:`, a map of such maps), written one entry per line. Every other
//! top-level key, with whatever is indented under it, is passed over. An error names the line.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// The file's name, next to the root `package.json`.
pub const FILE: &str = "pnpm-workspace.yaml";

/// What dx reads from a `pnpm-workspace.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PnpmWorkspace {
    /// Member globs (`!glob` excludes).
    pub packages: Vec<String>,
    /// Catalog name → package → range; `catalog:` is the one named `default`.
    pub catalogs: BTreeMap<String, BTreeMap<String, String>>,
    /// pnpm's override keys (`name`, `name@range`, `parent>name`) and values, in file order.
    pub overrides: Vec<(String, String)>,
    /// Packages whose install scripts may run.
    pub only_built: Vec<String>,
    /// The file as read, which the no-op check hashes.
    pub text: String,
}

impl PnpmWorkspace {
    /// Reads `project/pnpm-workspace.yaml`; `None` without the file.
    pub fn read(project: &Path) -> Result<Option<PnpmWorkspace>> {
        let path = project.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io_at(e, &path)),
        };
        PnpmWorkspace::parse(&text)
            .map(Some)
            .map_err(|reason| Error::Workspace(format!("`{FILE}` {reason}")))
    }

    pub fn parse(text: &str) -> Result<PnpmWorkspace, String> {
        let mut workspace = PnpmWorkspace {
            text: text.to_string(),
            ..PnpmWorkspace::default()
        };
        for block in blocks(text) {
            let Block { key, value, body } = block;
            match key.0.as_str() {
                "packages" => workspace.packages = list(&key, &value, &body, "globs")?,
                "onlyBuiltDependencies" => {
                    workspace.only_built = list(&key, &value, &body, "package names")?;
                }
                "catalog" => {
                    for (name, range) in map(&key, &value, &body)? {
                        insert(&mut workspace.catalogs, "default", name, range);
                    }
                }
                "overrides" => workspace.overrides = map(&key, &value, &body)?,
                "catalogs" => {
                    expect_block(&key, &value)?;
                    // Each catalog's name, then its entries indented below it.
                    let mut catalog: Option<(String, usize)> = None;
                    for line in &body {
                        let (name, range) = line.entry()?;
                        match &catalog {
                            Some((catalog, at)) if line.column > *at => {
                                if range.is_empty() {
                                    return Err(line.error("a catalog entry needs a version range"));
                                }
                                insert(&mut workspace.catalogs, catalog, name, range);
                            }
                            _ if range.is_empty() => catalog = Some((name, line.column)),
                            _ => {
                                return Err(line.error(
                                    "`catalogs` holds named catalogs, each a map of versions",
                                ));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(workspace)
    }
}

fn insert(
    catalogs: &mut BTreeMap<String, BTreeMap<String, String>>,
    catalog: &str,
    name: String,
    range: String,
) {
    catalogs
        .entry(catalog.to_string())
        .or_default()
        .insert(name, range);
}

/// One line's text without its comment and trailing blanks, where it starts, and its number.
struct Line<'t> {
    text: &'t str,
    column: usize,
    number: usize,
}

impl Line<'_> {
    fn error(&self, what: &str) -> String {
        format!("line {}: {what}", self.number)
    }

    /// The line as a map entry `key: value`, both unquoted; the value is empty when the line
    /// opens a nested map.
    fn entry(&self) -> Result<(String, String), String> {
        split_entry(self.text).ok_or_else(|| self.error("expected `name: value`"))
    }
}

/// A top-level key (with the line it is on), the value on its line, and the lines below it.
struct Block<'t> {
    key: (String, usize),
    value: String,
    body: Vec<Line<'t>>,
}

/// Splits the file into top-level keys and what belongs to each: the lines indented below it,
/// and unindented `- item` lines, which YAML lets a list under a key start at the key's column.
fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks: Vec<Block<'_>> = Vec::new();
    // Lines before the first key, or below a line that is not `key: value`, belong to nothing.
    let mut open = false;
    for (line, number) in text.trim_start_matches('\u{feff}').lines().zip(1..) {
        let line = strip_comment(line).trim_end();
        let body = line.trim_start();
        if body.is_empty() {
            continue;
        }
        let column = line.len() - body.len();
        let item = body == "-" || body.starts_with("- ");
        if column == 0 && !item {
            open = match split_entry(body) {
                Some((key, value)) => {
                    blocks.push(Block {
                        key: (key, number),
                        value,
                        body: Vec::new(),
                    });
                    true
                }
                None => false,
            };
            continue;
        }
        if let (true, Some(block)) = (open, blocks.last_mut()) {
            block.body.push(Line {
                text: body,
                column,
                number,
            });
        }
    }
    blocks
}

/// A list of `what`: `[a, b]` on the key's line, or `- item` lines below it.
fn list(
    (key, number): &(String, usize),
    value: &str,
    body: &[Line<'_>],
    what: &str,
) -> Result<Vec<String>, String> {
    let not_a_list = |number: usize| format!("line {number}: `{key}` must be a list of {what}");
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        return inner
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| unquote(item).ok_or_else(|| not_a_list(*number)))
            .collect();
    }
    if !value.is_empty() {
        return Err(not_a_list(*number));
    }
    body.iter()
        .map(|line| {
            line.text
                .strip_prefix('-')
                .filter(|rest| rest.is_empty() || rest.starts_with(' '))
                .and_then(|item| unquote(item.trim()))
                .filter(|item| !item.is_empty())
                .ok_or_else(|| not_a_list(line.number))
        })
        .collect()
}

/// A map of strings, one `name: value` line each, all at one indentation.
fn map(
    key: &(String, usize),
    value: &str,
    body: &[Line<'_>],
) -> Result<Vec<(String, String)>, String> {
    expect_block(key, value)?;
    let column = body.first().map_or(0, |line| line.column);
    body.iter()
        .map(|line| {
            let (name, value) = line.entry()?;
            if value.is_empty() || line.column != column {
                return Err(line.error(&format!("`{}` entries are `name: value` lines", key.0)));
            }
            Ok((name, value))
        })
        .collect()
}

/// A map written on its key's line (`{a: 1}`) is not read: say so rather than pass over it.
fn expect_block((key, number): &(String, usize), value: &str) -> Result<(), String> {
    if value.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "line {number}: `{key}` must be a map written one entry per line"
        ))
    }
}

/// A YAML block-map line `key: value` (either side plain or quoted), unquoted.
fn split_entry(body: &str) -> Option<(String, String)> {
    let (key, rest) = if body.starts_with('"') || body.starts_with('\'') {
        let close = body[1..].find(body.as_bytes()[0] as char)? + 1;
        (&body[..=close], body[close + 1..].strip_prefix(':')?)
    } else {
        let colon = body
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| body[i + 1..].is_empty() || body[i + 1..].starts_with(' '))?;
        (&body[..colon], &body[colon + 1..])
    };
    Some((unquote(key.trim())?, unquote(rest.trim())?))
}

/// `line` without a `#` comment: one at its start or after a space, outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return &line[..i],
            None => {}
        }
        previous = c;
    }
    line
}

/// A YAML scalar's text: plain, `"double"` or `'single'` quoted (`''` is a quote there);
/// `None` when a quote is left open.
fn unquote(scalar: &str) -> Option<String> {
    let quoted = |q: char| scalar.strip_prefix(q)?.strip_suffix(q);
    if scalar.starts_with('"') {
        quoted('"').map(str::to_string)
    } else if scalar.starts_with('\'') {
        quoted('\'').map(|s| s.replace("''", "'"))
    } else {
        Some(scalar.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"# the workspace
packages:
  - "packages/*"   # quoted
  - 'apps/**'

  - tools/x
  - "!**/test/**"
catalog:
  react: ^19.1.0
  '@types/react': "^19"   # quoted key and value
  aliased: npm:other@^2
catalogs:
  legacy:
    react: ^17.0.2
overrides:
  qs: 6.11.0
  "express>debug": 2.6.9
onlyBuiltDependencies: [esbuild, 'sharp']
settings:
  deep:
    - ignored
"#;

    fn packages(text: &str) -> Result<Vec<String>, String> {
        PnpmWorkspace::parse(text).map(|w| w.packages)
    }

    #[test]
    fn every_part_dx_reads_is_read() {
        let w = PnpmWorkspace::parse(FULL).unwrap();
        assert_eq!(
            w.packages,
            ["packages/*", "apps/**", "tools/x", "!**/test/**"]
        );
        let catalog = |name: &str| {
            w.catalogs[name]
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            catalog("default"),
            ["@types/react=^19", "aliased=npm:other@^2", "react=^19.1.0"]
        );
        assert_eq!(catalog("legacy"), ["react=^17.0.2"]);
        assert_eq!(
            w.overrides,
            [
                ("qs".to_string(), "6.11.0".to_string()),
                ("express>debug".to_string(), "2.6.9".to_string())
            ]
        );
        assert_eq!(w.only_built, ["esbuild", "sharp"]);
    }

    #[test]
    fn lists_are_blocks_at_any_indent_or_one_line() {
        // Keys before the list, items at the key's own indentation, a one-line list.
        let text = "catalog:\n  a: '1'\npackages:\n- a/*\n- 'it''s'\n";
        assert_eq!(packages(text).unwrap(), ["a/*", "it's"]);
        let text = "packages: [\"a/*\", 'b' ] # both\n";
        assert_eq!(packages(text).unwrap(), ["a/*", "b"]);
        assert!(packages("catalog:\n  a: 1\n").unwrap().is_empty());
        assert!(packages("packages:\ncatalog:\n").unwrap().is_empty());
    }

    #[test]
    fn what_is_not_the_expected_shape_is_an_error_naming_the_line() {
        for (text, error) in [
            (
                "packages: packages/*\n",
                "line 1: `packages` must be a list of globs",
            ),
            (
                "# c\npackages:\n  a: b\n",
                "line 3: `packages` must be a list of globs",
            ),
            (
                "packages:\n  - a\n  -\n",
                "line 3: `packages` must be a list of globs",
            ),
            (
                "packages:\n  - \"a/*\n",
                "line 2: `packages` must be a list of globs",
            ),
            (
                "\npackages: [\"a, b]\n",
                "line 2: `packages` must be a list of globs",
            ),
            (
                "catalog: {react: ^1}\n",
                "line 1: `catalog` must be a map written one entry per line",
            ),
            (
                "catalog:\n  react:\n",
                "line 2: `catalog` entries are `name: value` lines",
            ),
            (
                "catalogs:\n  legacy:\n    react: ^17\n  next: { }\n",
                "line 4: `catalogs` holds named catalogs, each a map of versions",
            ),
            ("overrides:\n  - qs\n", "line 2: expected `name: value`"),
            (
                "onlyBuiltDependencies: esbuild\n",
                "line 1: `onlyBuiltDependencies` must be a list of package names",
            ),
        ] {
            assert_eq!(PnpmWorkspace::parse(text).unwrap_err(), error, "{text}");
        }
    }
}
