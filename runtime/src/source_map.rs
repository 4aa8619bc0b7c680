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
    /// Original sources read for [`SourceMaps::v8_position`], by path (`None`: unreadable).
    sources: HashMap<String, Option<Vec<char>>>,
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
    /// The position V8 would report for a call frame. QuickJS reports a call at the token after
    /// its `(`; V8 at the callee: the property name of `a.b(`, the `new` of `new A(`, the name
    /// of `f(`. Tools parse these positions (assert's message, inline snapshots, editors), so
    /// dx reports V8's. Anything else is returned unchanged.
    pub fn v8_position(&mut self, filename: &str, line: u32, column: u32) -> (u32, u32) {
        let source = self
            .sources
            .entry(filename.to_owned())
            .or_insert_with(|| std::fs::read_to_string(filename).ok().map(|s| s.chars().collect()));
        let Some(text) = source else { return (line, column) };
        match offset_of(text, line, column).and_then(|offset| callee_start(text, offset)) {
            Some(start) => position_of(text, start),
            None => (line, column),
        }
    }
}

fn offset_of(text: &[char], line: u32, column: u32) -> Option<usize> {
    let mut current = 1;
    let mut start = 0;
    if line > 1 {
        for (i, c) in text.iter().enumerate() {
            if *c == '\n' {
                current += 1;
                if current == line {
                    start = i + 1;
                    break;
                }
            }
        }
        if current != line {
            return None;
        }
    }
    let offset = start + column.checked_sub(1)? as usize;
    (offset <= text.len()).then_some(offset)
}

fn position_of(text: &[char], offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.iter().filter(|c| **c == '\n').count() as u32 + 1;
    let line_start = before.iter().rposition(|c| *c == '\n').map_or(0, |i| i + 1);
    (line, (offset - line_start) as u32 + 1)
}

fn is_identifier_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// From the token after a call's `(`, back to where V8 places the call.
fn callee_start(text: &[char], after_paren: usize) -> Option<usize> {
    let skip_space_back = |mut i: usize| {
        while i > 0 && text[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    };
    let paren = skip_space_back(after_paren).checked_sub(1)?;
    if text[paren] != '(' {
        return None;
    }
    let end = skip_space_back(paren);
    let mut start = end;
    while start > 0 && is_identifier_char(text[start - 1]) {
        start -= 1;
    }
    if start == end {
        return None;
    }
    let before = skip_space_back(start);
    if before > 0 && text[before - 1] == '.' {
        return Some(start);
    }
    if before >= 3 && text[before - 3..before] == ['n', 'e', 'w'] && (before == 3 || !is_identifier_char(text[before - 4])) {
        return Some(before - 3);
    }
    Some(start)
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
        let text: Vec<char> = "x = obj.method(1);\nf(a);\nthrow new Error(\n  'm');\ng(h)(2);".chars().collect();
        let at = |line, column| offset_of(&text, line, column).and_then(|o| callee_start(&text, o)).map(|o| position_of(&text, o));
        assert_eq!(at(1, 16), Some((1, 9)));
        assert_eq!(at(2, 3), Some((2, 1)));
        assert_eq!(at(4, 3), Some((3, 7)));
        assert_eq!(at(5, 7), None);
        assert_eq!(at(1, 1), None);
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
