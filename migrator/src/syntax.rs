//! The check every produced `.dx` file passes before it is written.
//!
//! [`GrammarCheck`], the default, is the `.dx` grammar itself (tree-sitter-dx): no ERROR or
//! MISSING node. [`TsxCheck`] is a second, independent opinion used in the fixture
//! tests: it maps each `.dx` form back to TypeScript of the same length and parses the result
//! with oxc as TSX, which also catches TypeScript errors inside the forms.

use oxc::{allocator::Allocator, parser::Parser, span::SourceType};
use serde::Serialize;

/// A syntax error in produced `.dx` text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntaxProblem {
    /// Byte offset into the checked text.
    pub offset: u32,
    pub message: String,
}

/// Answers whether a `.dx` source parses. Implemented by the grammar crate and by
/// [`TsxCheck`].
pub trait DxSyntaxCheck {
    /// Every syntax problem in `source`; empty when it parses cleanly.
    fn errors(&self, source: &str) -> Vec<SyntaxProblem>;
}

/// The tree-sitter-dx grammar: every ERROR and MISSING node is a problem.
#[derive(Debug, Clone, Copy, Default)]
pub struct GrammarCheck;

impl DxSyntaxCheck for GrammarCheck {
    fn errors(&self, source: &str) -> Vec<SyntaxProblem> {
        tree_sitter_dx::parse_errors(source)
            .into_iter()
            .map(|error| SyntaxProblem {
                offset: error.byte_range.start as u32,
                message: format!("{:?}", error.kind),
            })
            .collect()
    }
}

/// The oxc-based check: `.dx` forms become same-length TypeScript (`component` → `function `,
/// `state` → `let  `…) at the same byte offsets, then oxc parses the text as TSX.
#[derive(Debug, Clone, Copy, Default)]
pub struct TsxCheck;

impl DxSyntaxCheck for TsxCheck {
    fn errors(&self, source: &str) -> Vec<SyntaxProblem> {
        let tsx = dx_as_tsx(source);
        let allocator = Allocator::default();
        let parsed = Parser::new(&allocator, &tsx, SourceType::tsx()).parse();
        parsed
            .diagnostics
            .errors()
            .map(|error| SyntaxProblem {
                offset: error
                    .labels
                    .as_ref()
                    .first()
                    .map_or(0, |label| label.offset()),
                message: error.message.to_string(),
            })
            .collect()
    }
}

/// Maps the `.dx` declaration forms to TypeScript of exactly the same length, so byte offsets
/// in the result are offsets in `source`. The forms start statements, so only the first token(s)
/// of each line outside comments and template literals are considered.
pub fn dx_as_tsx(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_block_comment = false;
    let mut in_template = false;
    for line in source.split_inclusive('\n') {
        if in_block_comment || in_template {
            out.push_str(line);
        } else {
            out.push_str(&map_line(line));
        }
        scan_line_state(line, &mut in_block_comment, &mut in_template);
    }
    out
}

/// Tracks whether the next line starts inside a block comment or a template literal (strings
/// and line comments end with their line; `${…}` nesting is ignored, which only makes the
/// check skip a line it could have mapped).
fn scan_line_state(line: &str, in_block_comment: &mut bool, in_template: &mut bool) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if *in_block_comment {
            if b == b'*' && bytes.get(i + 1) == Some(&b'/') {
                *in_block_comment = false;
                i += 1;
            }
        } else if *in_template {
            if b == b'\\' {
                i += 1;
            } else if b == b'`' {
                *in_template = false;
            }
        } else if let Some(q) = quote {
            if b == b'\\' {
                i += 1;
            } else if b == q {
                quote = None;
            }
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            return;
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            *in_block_comment = true;
            i += 1;
        } else if b == b'`' {
            *in_template = true;
        } else if b == b'"' || b == b'\'' {
            quote = Some(b);
        }
        i += 1;
    }
}

fn map_line(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let mut words = Words {
        text: line,
        pos: indent,
    };
    let mut replacements: Vec<(usize, &str)> = Vec::new();
    let first = words.peek();
    match first {
        Some((at, "state")) if words.ident_follows(at + 5) => replacements.push((at, "let  ")),
        Some((at, "derived")) if words.ident_follows(at + 7) => {
            replacements.push((at, "const  "));
        }
        Some((at, "effect")) if words.brace_follows(at + 6) => replacements.push((at, "      ")),
        Some((at, "mount")) if words.brace_follows(at + 5) => replacements.push((at, "     ")),
        Some((at, "provide")) if words.ident_follows(at + 7) => replacements.push((at, "0;     ")),
        Some((_, "const")) => {
            words.next();
            if let Some((at, "context")) = words.peek()
                && words.ident_follows(at + 7)
            {
                replacements.push((at, "       "));
            }
        }
        _ => {
            // `export? default? async? component Name` and `export? server async? function`.
            while let Some((_, word)) = words.peek() {
                if matches!(word, "export" | "default" | "async") {
                    words.next();
                } else {
                    break;
                }
            }
            match words.peek() {
                Some((at, "component")) if words.ident_follows(at + 9) => {
                    replacements.push((at, "function "));
                }
                Some((at, "server")) => {
                    words.next();
                    if let Some((_, "async")) = words.peek() {
                        words.next();
                    }
                    if let Some((_, "function")) = words.peek() {
                        replacements.push((at, "      "));
                    }
                }
                _ => {}
            }
        }
    }
    let mut mapped = line.to_string();
    for (at, text) in replacements {
        mapped.replace_range(at..at + text.len(), text);
    }
    mapped
}

/// A cursor over the identifier-like words at the start of a line.
struct Words<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Words<'t> {
    fn peek(&self) -> Option<(usize, &'t str)> {
        let rest = &self.text[self.pos..];
        let start = self.pos + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
        let word_len = self.text[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(self.text.len() - start);
        (word_len > 0).then(|| (start, &self.text[start..start + word_len]))
    }

    fn next(&mut self) {
        if let Some((at, word)) = self.peek() {
            self.pos = at + word.len();
        }
    }

    /// A space then an identifier start at `at`: `state count`, not `state = 1` or `state.x`.
    fn ident_follows(&self, at: usize) -> bool {
        let rest = &self.text[at..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        trimmed.len() < rest.len()
            && trimmed
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
    }

    /// Optional spaces then `{` at `at`: `mount {`, not `mount()`.
    fn brace_follows(&self, at: usize) -> bool {
        self.text[at..]
            .trim_start_matches([' ', '\t'])
            .starts_with('{')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dx_as_tsx_keeps_offsets_and_parses() {
        let dx = "export default async component Page(props: { id: string }) {\n  state open = false\n  derived n: number = props.id.length\n  const context theme = Theme\n  mount {\n    return () => {}\n  }\n  effect { document.title = props.id }\n  <p>{open}</p>\n}\nexport server async function save() {}\n";
        let tsx = dx_as_tsx(dx);
        assert_eq!(tsx.len(), dx.len());
        assert!(
            tsx.contains("export default async function  Page("),
            "{tsx}"
        );
        assert!(TsxCheck.errors(dx).is_empty(), "{:?}", TsxCheck.errors(dx));
    }

    #[test]
    fn reports_real_errors() {
        let problems = TsxCheck.errors("component X() {\n  state = \n}\n");
        assert!(!problems.is_empty());
    }

    #[test]
    fn words_inside_comments_and_templates_are_not_forms() {
        let dx = "/*\nstate x = 1\n*/\nconst s = `\nmount {\n`\n";
        assert_eq!(dx_as_tsx(dx), dx);
    }
}
