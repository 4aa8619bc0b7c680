//! Maps positions in the code the engine runs back to the file the user wrote, so that stack
//! traces and error frames point at the original TypeScript line and column.
//!
//! A module registers its source map (or none) and the number of columns the runtime put in
//! front of its first line (the CommonJS wrapper, injected `require`): positions on that line
//! shift by that much. Maps are parsed lazily, on the first stack trace that needs them.

use std::collections::HashMap;

/// Registered files, by the filename the engine reports in stack frames.
#[derive(Default)]
pub struct SourceMaps {
    files: HashMap<String, MappedFile>,
    /// Calls in the original sources, for [`SourceMaps::v8_position`] (`None`: unreadable).
    calls: HashMap<String, Option<CallIndex>>,
}

struct MappedFile {
    line1_prefix: u32,
    map_json: Option<String>,
    /// Sorted `(generated line, generated column, original line, original column)`, 0-based.
    tokens: Option<Vec<[u32; 4]>>,
}

impl SourceMaps {
    pub fn register(&mut self, filename: String, map_json: Option<String>, line1_prefix: u32) {
        if map_json.is_none() && line1_prefix == 0 {
            self.files.remove(&filename);
            return;
        }
        self.files.insert(
            filename,
            MappedFile {
                line1_prefix,
                map_json,
                tokens: None,
            },
        );
    }

    /// The original `(line, column)`, 1-based as in stack traces, of a generated position.
    pub fn original_position(&mut self, filename: &str, line: u32, column: u32) -> (u32, u32) {
        let Some(file) = self.files.get_mut(filename) else {
            return (line, column);
        };
        let column = if line == 1 {
            column.saturating_sub(file.line1_prefix).max(1)
        } else {
            column
        };
        let Some(json) = &file.map_json else {
            return (line, column);
        };
        let tokens = file.tokens.get_or_insert_with(|| parse_tokens(json));
        let key = [line.saturating_sub(1), column.saturating_sub(1)];
        let index = tokens.partition_point(|t| [t[0], t[1]] <= key);
        match index.checked_sub(1).map(|i| tokens[i]) {
            Some(token) if token[0] == key[0] => (token[2] + 1, token[3] + 1 + (key[1] - token[1])),
            // A position before the first token of its line: take the line's first token.
            _ => match tokens.get(index) {
                Some(token) if token[0] == key[0] => (token[2] + 1, token[3] + 1),
                _ => (line, column),
            },
        }
    }
}

impl SourceMaps {
    /// The position V8 would report for a call frame. QuickJS reports a call at whichever
    /// token it last recorded (often the last argument); V8 at the callee: the property name
    /// of `a.b(...)`, the `new` of `new A(...)`, the name of `f(...)`. Tools parse these
    /// positions (assert's message, inline snapshots, editors), so dx reports V8's: the
    /// innermost call around QuickJS's position whose callee is `callee` (the function the
    /// frame above is in), else the innermost call. Files are parsed once, on first need, from
    /// the text `read` gives (the loader's, which may be an editor's unsaved buffer).
    pub fn v8_position(
        &mut self,
        filename: &str,
        line: u32,
        column: u32,
        callee: Option<&str>,
        read: impl FnOnce(&str) -> Option<String>,
    ) -> (u32, u32) {
        let index = self
            .calls
            .entry(filename.to_owned())
            .or_insert_with(|| CallIndex::parse(filename, read(filename)?));
        let Some(index) = index else {
            return (line, column);
        };
        index
            .v8_position(line, column, callee)
            .unwrap_or((line, column))
    }
}

/// Every call and `new` in a file: its span and where V8 reports it.
struct CallIndex {
    line_starts: Vec<usize>,
    text: String,
    calls: Vec<IndexedCall>,
}

struct IndexedCall {
    start: u32,
    end: u32,
    name: Option<String>,
    reported: u32,
}

impl CallIndex {
    fn parse(filename: &str, text: String) -> Option<CallIndex> {
        let path = std::path::Path::new(filename);
        let source_type = oxc::span::SourceType::from_path(path)
            .unwrap_or_default()
            .with_unambiguous(true);
        let allocator = oxc::allocator::Allocator::default();
        let parsed = oxc::parser::Parser::new(&allocator, &text, source_type).parse();
        let mut collector = CallCollector::default();
        oxc::ast_visit::Visit::visit_program(&mut collector, &parsed.program);
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Some(CallIndex {
            line_starts,
            text,
            calls: collector.calls,
        })
    }

    /// 1-based line and (character) column → byte offset.
    fn offset(&self, line: u32, column: u32) -> Option<usize> {
        let start = *self.line_starts.get(line.checked_sub(1)? as usize)?;
        let line_text = &self.text[start..];
        let chars = column.checked_sub(1)? as usize;
        let within = line_text
            .char_indices()
            .nth(chars)
            .map_or(line_text.len(), |(i, _)| i);
        Some(start + within)
    }

    fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.line_starts.partition_point(|start| *start <= offset);
        let start = self.line_starts[line - 1];
        (
            line as u32,
            self.text[start..offset].chars().count() as u32 + 1,
        )
    }

    fn v8_position(&self, line: u32, column: u32, callee: Option<&str>) -> Option<(u32, u32)> {
        let offset = self.offset(line, column)? as u32;
        let around = || {
            self.calls
                .iter()
                .filter(move |c| c.start <= offset && offset < c.end)
        };
        let named = callee.and_then(|name| {
            around()
                .filter(|c| c.name.as_deref() == Some(name))
                .min_by_key(|c| c.end - c.start)
        });
        let call = named.or_else(|| around().min_by_key(|c| c.end - c.start))?;
        Some(self.position(call.reported as usize))
    }
}

#[derive(Default)]
struct CallCollector {
    calls: Vec<IndexedCall>,
}

impl<'a> oxc::ast_visit::Visit<'a> for CallCollector {
    fn visit_call_expression(&mut self, it: &oxc::ast::ast::CallExpression<'a>) {
        use oxc::ast::ast::Expression;
        let (name, reported) = match it.callee.without_parentheses() {
            Expression::Identifier(id) => (Some(id.name.to_string()), id.span.start),
            Expression::StaticMemberExpression(member) => (
                Some(member.property.name.to_string()),
                member.property.span.start,
            ),
            other => (None, oxc::span::GetSpan::span(other).start),
        };
        self.calls.push(IndexedCall {
            start: it.span.start,
            end: it.span.end,
            name,
            reported,
        });
        oxc::ast_visit::walk::walk_call_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &oxc::ast::ast::NewExpression<'a>) {
        use oxc::ast::ast::Expression;
        let name = match it.callee.without_parentheses() {
            Expression::Identifier(id) => Some(id.name.to_string()),
            Expression::StaticMemberExpression(member) => Some(member.property.name.to_string()),
            _ => None,
        };
        self.calls.push(IndexedCall {
            start: it.span.start,
            end: it.span.end,
            name,
            reported: it.span.start,
        });
        oxc::ast_visit::walk::walk_new_expression(self, it);
    }
}

fn parse_tokens(json: &str) -> Vec<[u32; 4]> {
    let Ok(map) = oxc_sourcemap::SourceMap::from_json_string(json) else {
        return Vec::new();
    };
    let mut tokens: Vec<[u32; 4]> = map
        .get_tokens()
        .map(|t| {
            [
                t.get_dst_line(),
                t.get_dst_col(),
                t.get_src_line(),
                t.get_src_col(),
            ]
        })
        .collect();
    tokens.sort_unstable();
    tokens
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::transform::{TransformConfig, transform};

    #[test]
    fn positions_map_back_through_the_transform() {
        let source =
            "type T = { a: number };\n\nconst value: T = { a: 1 };\nthrow new Error('x');\n";
        let out = transform(Path::new("/m.ts"), source, &TransformConfig::default()).unwrap();
        let code = out.code.unwrap();
        let generated_line = code.lines().position(|l| l.contains("throw")).unwrap() as u32 + 1;
        let mut maps = SourceMaps::default();
        maps.register("/m.ts".into(), out.source_map, 0);
        assert_eq!(maps.original_position("/m.ts", generated_line, 1), (4, 1));
        assert_eq!(maps.original_position("/m.ts", generated_line, 7), (4, 7));
    }

    #[test]
    fn calls_are_reported_where_v8_reports_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("calls.js");
        std::fs::write(
            &file,
            "x = obj.method(a === 1);\nf(g(1), 22);\nthrow new Error(\n  'm');\n",
        )
        .unwrap();
        let file = file.to_string_lossy().into_owned();
        let mut maps = SourceMaps::default();
        let mut at = |line, column, callee| {
            maps.v8_position(&file, line, column, callee, |f| {
                std::fs::read_to_string(f).ok()
            })
        };
        // QuickJS's positions: the last argument token; V8's: the callee.
        assert_eq!(at(1, 22, Some("method")), (1, 9));
        assert_eq!(at(2, 3, Some("f")), (2, 1));
        assert_eq!(at(2, 3, Some("g")), (2, 3));
        assert_eq!(at(4, 3, None), (3, 7));
        assert_eq!(at(1, 1, None), (1, 1));
    }

    #[test]
    fn the_first_line_prefix_is_removed() {
        let mut maps = SourceMaps::default();
        maps.register("/c.js".into(), None, 62);
        assert_eq!(maps.original_position("/c.js", 1, 70), (1, 8));
        assert_eq!(maps.original_position("/c.js", 2, 70), (2, 70));
        assert_eq!(maps.original_position("/other.js", 1, 70), (1, 70));
    }
}
