//! The tree-sitter grammar of dx-www's `.dx` component language.
//!
//! `.dx` is TSX plus `component`, `state`, `derived`, `effect`, `mount`,
//! `const context`, `provide` and `server function`
//! (`docs/dx-language.md` is the specification). This crate exposes the
//! compiled language, its queries, and [`parse_errors`], which the migrator
//! and the language server use to check that a `.dx` source parses cleanly.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_dx::language()).unwrap();
//! let tree = parser.parse("component Hi() { <p>hi</p> }", None).unwrap();
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter::{Language, Node, Parser, Tree};

use tree_sitter_language::LanguageFn;

unsafe extern "C" {
    fn tree_sitter_dx() -> *const ();
}

/// The `.dx` language, for `tree_sitter::Language::new` or `.into()`.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_dx) };

/// The `.dx` language as a [`tree_sitter::Language`].
pub fn language() -> Language {
    LANGUAGE.into()
}

/// The node types of the grammar (`src/node-types.json`).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Syntax highlighting (`queries/highlights.scm`).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// Scopes, definitions and references (`queries/locals.scm`).
pub const LOCALS_QUERY: &str = include_str!("../../queries/locals.scm");

/// Embedded languages: CSS in `<style>`, and others (`queries/injections.scm`).
pub const INJECTIONS_QUERY: &str = include_str!("../../queries/injections.scm");

/// Foldable ranges (`queries/folds.scm`).
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");

/// Indentation (`queries/indents.scm`).
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");

/// Document symbols (`queries/outline.scm`, Zed's `@item` / `@name` convention).
pub const OUTLINE_QUERY: &str = include_str!("../../queries/outline.scm");

/// What is wrong at a [`ParseError`]'s position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Text the parser could not fit into the grammar (an `ERROR` node).
    Unexpected,
    /// A token or node the parser had to assume was there (a `MISSING`
    /// node); the string is its kind, such as `"}"` or `"identifier"`.
    Missing(String),
}

/// One `ERROR` or `MISSING` node of a parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Zero-based line of the node's start.
    pub line: usize,
    /// Zero-based byte column of the node's start within its line.
    pub column: usize,
    /// What went wrong.
    pub kind: ErrorKind,
    /// The node's byte range in the source (empty for a `MISSING` node).
    pub byte_range: std::ops::Range<usize>,
}

/// Parses `source` as `.dx` and lists its `ERROR` and `MISSING` nodes in
/// source order. An empty list means the source parses cleanly. An `ERROR`
/// node is reported once, not once per node inside it.
pub fn parse_errors(source: &str) -> Vec<ParseError> {
    let mut parser = Parser::new();
    parser
        .set_language(&language())
        .expect("the generated parser's ABI is supported by the tree-sitter crate");
    let Some(tree) = parser.parse(source, None) else {
        // Only a cancellation or timeout makes parse return None; neither is set.
        return Vec::new();
    };
    tree_errors(&tree)
}

/// The `ERROR` and `MISSING` nodes of a tree already parsed (the language server keeps its
/// tree, so it does not parse twice), in source order, as [`parse_errors`] lists them.
pub fn tree_errors(tree: &Tree) -> Vec<ParseError> {
    let mut errors = Vec::new();
    collect_errors(tree.root_node(), &mut errors);
    errors
}

fn collect_errors(root: Node<'_>, errors: &mut Vec<ParseError>) {
    // Iterative pre-order walk: deeply nested sources must not overflow the
    // stack. Subtrees without errors are skipped.
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let start = node.start_position();
        let mut descend = false;
        if node.is_missing() {
            errors.push(ParseError {
                line: start.row,
                column: start.column,
                kind: ErrorKind::Missing(node.kind().to_string()),
                byte_range: node.byte_range(),
            });
        } else if node.is_error() {
            errors.push(ParseError {
                line: start.row,
                column: start.column,
                kind: ErrorKind::Unexpected,
                byte_range: node.byte_range(),
            });
        } else {
            descend = node.has_error();
        }
        if descend && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}
