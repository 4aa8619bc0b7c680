//! Inline snapshots written back into the test's source: the JavaScript core says which call
//! (by the line and column of the matcher's name, from the stack) gets which text; this finds
//! the call with oxc and puts the text in as a template literal.

use std::path::Path;

use oxc::{
    allocator::Allocator,
    ast::ast::{Argument, CallExpression, Expression},
    ast_visit::{Visit, walk},
    parser::Parser,
    span::{GetSpan, SourceType},
};
use serde::Deserialize;

const MATCHERS: &[&str] = &[
    "toMatchInlineSnapshot",
    "toThrowErrorMatchingInlineSnapshot",
];

/// One snapshot to write: `line`/`column` are 1-based, in UTF-16 units as stacks count them.
#[derive(Debug, Clone, Deserialize)]
pub struct InlineSnapshot {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub snapshot: String,
}

/// A matcher call found in the source (byte offsets).
struct Call {
    property_start: u32,
    /// Where the closing parenthesis is.
    close: u32,
    last_argument: Option<(u32, u32)>,
    /// The existing snapshot argument's span, to be replaced.
    existing: Option<(u32, u32)>,
}

#[derive(Default)]
struct Finder {
    calls: Vec<Call>,
}

impl<'a> Visit<'a> for Finder {
    fn visit_call_expression(&mut self, call: &CallExpression<'a>) {
        if let Expression::StaticMemberExpression(member) = &call.callee
            && MATCHERS.contains(&member.property.name.as_str())
        {
            let is_literal = |argument: &Argument<'_>| {
                matches!(
                    argument,
                    Argument::TemplateLiteral(_) | Argument::StringLiteral(_)
                )
            };
            let existing = call
                .arguments
                .last()
                .filter(|a| is_literal(a))
                .map(|a| (a.span().start, a.span().end));
            self.calls.push(Call {
                property_start: member.property.span.start,
                close: call.span.end.saturating_sub(1),
                last_argument: call
                    .arguments
                    .last()
                    .map(|a| (a.span().start, a.span().end)),
                existing,
            });
        }
        walk::walk_call_expression(self, call);
    }
}

/// Byte offset of a 1-based line and UTF-16 column.
fn offset_of(source: &str, line: u32, column: u32) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        source
            .match_indices('\n')
            .nth(line as usize - 2)
            .map(|(i, _)| i + 1)?
    };
    let mut units = 1;
    for (i, ch) in source[start..].char_indices() {
        if units >= column as usize || ch == '\n' {
            return Some(start + i);
        }
        units += ch.len_utf16();
    }
    Some(source.len())
}

/// `text` as a template literal at `indent`: `` ` ``, `\` and `${` escaped; multi-line text
/// indented one level past the call's line, as Prettier formats Jest's inline snapshots (the
/// core strips that indentation again when it compares).
fn template_literal(text: &str, indent: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${");
    if !escaped.contains('\n') {
        return format!("`{escaped}`");
    }
    let body = escaped
        .strip_prefix('\n')
        .unwrap_or(&escaped)
        .strip_suffix('\n')
        .unwrap_or(&escaped);
    let mut out = String::from("`\n");
    for line in body.split('\n') {
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str(indent);
    out.push('`');
    out
}

/// Writes each snapshot into its call in `path`; returns how many were written.
pub fn write_inline_snapshots(path: &Path, snapshots: &[InlineSnapshot]) -> Result<u32, String> {
    let source = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {} to write inline snapshots: {e}",
            path.display()
        )
    })?;
    let updated = rewrite(path, &source, snapshots)?;
    let count = updated.1;
    if count > 0 {
        std::fs::write(path, updated.0)
            .map_err(|e| format!("cannot write inline snapshots to {}: {e}", path.display()))?;
    }
    Ok(count)
}

fn rewrite(
    path: &Path,
    source: &str,
    snapshots: &[InlineSnapshot],
) -> Result<(String, u32), String> {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(path).unwrap_or_default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if parsed.panicked {
        return Err(format!(
            "cannot parse {} to write inline snapshots",
            path.display()
        ));
    }
    let mut finder = Finder::default();
    finder.visit_program(&parsed.program);

    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for snapshot in snapshots {
        let (Some(line), Some(column)) = (snapshot.line, snapshot.column) else {
            continue;
        };
        let Some(offset) = offset_of(source, line, column) else {
            continue;
        };
        let Some(call) = finder
            .calls
            .iter()
            .find(|c| c.property_start as usize == offset)
        else {
            continue;
        };
        if edits
            .iter()
            .any(|(at, _, _)| *at == call.property_start as usize)
        {
            continue;
        }
        let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = source[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let literal = template_literal(&snapshot.snapshot, &indent);
        let edit = match (call.existing, call.last_argument) {
            (Some((start, end)), _) => (start as usize, end as usize, literal),
            (None, Some((_, end))) => (end as usize, end as usize, format!(", {literal}")),
            (None, None) => (call.close as usize, call.close as usize, literal),
        };
        edits.push((edit.0, edit.1, edit.2));
    }
    edits.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut out = source.to_owned();
    for (start, end, text) in &edits {
        out.replace_range(*start..*end, text);
    }
    Ok((out, edits.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(line: u32, column: u32, text: &str) -> InlineSnapshot {
        InlineSnapshot {
            line: Some(line),
            column: Some(column),
            snapshot: text.into(),
        }
    }

    #[test]
    fn writes_new_and_replaces_old_snapshots() {
        let source = "test('a', () => {\n  expect(1).toMatchInlineSnapshot();\n  expect({a: 1}).toMatchInlineSnapshot(`old`);\n  expect(x).toMatchInlineSnapshot({ id: expect.any(Number) });\n});\n";
        let (out, count) = rewrite(
            Path::new("a.test.ts"),
            source,
            &[
                snap(2, 13, "1"),
                snap(3, 18, "\n{\n  \"a\": 1,\n}\n"),
                snap(4, 13, "a`b${c}\\"),
            ],
        )
        .unwrap();
        assert_eq!(count, 3);
        assert_eq!(
            out,
            "test('a', () => {\n  expect(1).toMatchInlineSnapshot(`1`);\n  expect({a: 1}).toMatchInlineSnapshot(`\n    {\n      \"a\": 1,\n    }\n  `);\n  expect(x).toMatchInlineSnapshot({ id: expect.any(Number) }, `a\\`b\\${c}\\\\`);\n});\n"
        );
    }

    #[test]
    fn columns_count_utf16_units() {
        let source = "const s = '😀'; expect(s).toMatchInlineSnapshot();";
        let (out, _) = rewrite(Path::new("a.test.js"), source, &[snap(1, 27, "x")]).unwrap();
        assert!(out.ends_with("toMatchInlineSnapshot(`x`);"), "{out}");
    }
}
