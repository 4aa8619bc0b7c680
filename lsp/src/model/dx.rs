//! `.dx` files through tree-sitter-dx: one parse per revision, then the grammar's own queries
//! (`outline.scm`, `folds.scm`, `highlights.scm`, `locals.scm`) read off the tree, so the editor
//! and every other tree-sitter consumer of the grammar agree on what a `.dx` file contains.
//!
//! The tree is a salsa value of its own ([`DxTree`]), and each answer is a separate query over
//! it: a keystroke's diagnostics need the parse and the error walk only, not the highlighting
//! and name queries that a semantic-tokens or hover request asks for.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, OnceLock},
};

use streaming_iterator::StreamingIterator;
use tree_sitter::{InputEdit, Node, Parser, Point, Query, QueryCursor, Tree};
use tree_sitter_dx::{ErrorKind, ParseError};

use super::{FoldKind, FoldRange, Symbol, SymbolKind, SyntaxError, TestModifiers, TextRange};

/// One parse of one revision of a `.dx` file. Equal only to itself: a new parse is a new tree.
#[derive(Clone)]
pub struct DxTree(Arc<Tree>);

impl PartialEq for DxTree {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for DxTree {}

impl std::fmt::Debug for DxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DxTree")
    }
}

/// Highlighting and names of one revision of a `.dx` file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DxAnalysis {
    /// Highlighting, in source order, never overlapping, never spanning a line break.
    pub tokens: Vec<Token>,
    /// Every name the file declares, with the places that use it.
    pub bindings: Vec<Binding>,
}

impl DxAnalysis {
    /// The binding whose declaration or use covers `offset`, and the range of that occurrence.
    pub fn binding_at(&self, offset: u32) -> Option<(&Binding, TextRange)> {
        let covers = |range: &TextRange| range.start <= offset && offset <= range.end;
        self.bindings.iter().find_map(|binding| {
            std::iter::once(&binding.name_range)
                .chain(&binding.references)
                .find(|range| covers(range))
                .map(|range| (binding, *range))
        })
    }
}

/// One highlighted run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub kind: TokenKind,
    pub modifiers: TokenModifiers,
}

/// What a token is, in the vocabulary editors theme (the LSP's standard semantic token types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Keyword,
    Type,
    TypeParameter,
    Class,
    Function,
    Method,
    Variable,
    Parameter,
    Property,
    String,
    Number,
    Regexp,
    Comment,
    Operator,
}

impl TokenKind {
    /// Every kind, in the order a legend lists them.
    pub const ALL: [TokenKind; 14] = [
        TokenKind::Keyword,
        TokenKind::Type,
        TokenKind::TypeParameter,
        TokenKind::Class,
        TokenKind::Function,
        TokenKind::Method,
        TokenKind::Variable,
        TokenKind::Parameter,
        TokenKind::Property,
        TokenKind::String,
        TokenKind::Number,
        TokenKind::Regexp,
        TokenKind::Comment,
        TokenKind::Operator,
    ];
}

/// Facts about a token beyond its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TokenModifiers {
    /// The name where it is declared (not a use).
    pub declaration: bool,
    /// A name that cannot be assigned: a `derived` value, an ALL_CAPS constant.
    pub readonly: bool,
    /// Provided by the platform (`console`, `string`), not the file.
    pub default_library: bool,
}

/// A name declared in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub name: String,
    pub kind: BindingKind,
    pub name_range: TextRange,
    /// The whole declaring construct (`state count: number = 0;`).
    pub declaration: TextRange,
    /// The declared type's text, without the colon (`number`).
    pub type_annotation: Option<String>,
    /// The initializer's text (`0`), for `state`, `derived` and `const context`.
    pub initializer: Option<String>,
    /// Every use of the name that resolves to this declaration.
    pub references: Vec<TextRange>,
    /// For `state` and `derived`: the derived values, effects and markup that read it.
    pub readers: Vec<Reader>,
}

/// What declared a [`Binding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingKind {
    State,
    Derived,
    Context,
    Component,
    ServerFunction,
    Function,
    Variable,
    Parameter,
    Import,
}

/// Something that reads a `state` or `derived` value, and so re-runs when it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub kind: ReaderKind,
    /// The reading construct (for a derived value, its whole declaration).
    pub range: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderKind {
    /// `derived name = …` (the name).
    Derived(String),
    Effect,
    Mount,
    /// A JSX element; the string is its tag (`button`, `Counter`).
    Markup(String),
}

struct Queries {
    outline: Query,
    folds: Query,
    highlights: Query,
    locals: Query,
}

/// The grammar's queries, compiled once per process (compiling `highlights.scm` costs more than
/// parsing a small file).
fn queries() -> &'static Queries {
    static QUERIES: OnceLock<Queries> = OnceLock::new();
    QUERIES.get_or_init(|| {
        let language = tree_sitter_dx::language();
        let compile = |source: &str| {
            Query::new(&language, source).expect("the grammar's queries compile against it")
        };
        Queries {
            outline: compile(tree_sitter_dx::OUTLINE_QUERY),
            folds: compile(tree_sitter_dx::FOLDS_QUERY),
            highlights: compile(tree_sitter_dx::HIGHLIGHTS_QUERY),
            locals: compile(tree_sitter_dx::LOCALS_QUERY),
        }
    })
}

/// Parses `text` as `.dx`, incrementally when the last parse of the file is given: the change
/// between the two texts (their common prefix and suffix) is applied to a copy of the old tree,
/// and tree-sitter reuses every subtree outside it.
///
/// Tree-sitter's error recovery can cut broken text differently when it reuses subtrees, so a
/// tree with errors is parsed again from scratch: the diagnostics of a text must not depend on
/// the edits that led to it. Valid files, most keystrokes, keep the incremental parse.
pub(super) fn parse(text: &str, last: Option<&(Arc<str>, DxTree)>) -> Option<DxTree> {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_dx::language())
        .expect("the generated parser's ABI is supported by the tree-sitter crate");
    let old = last.map(|(old_text, old_tree)| {
        let mut tree = (*old_tree.0).clone();
        tree.edit(&edit_between(old_text, text));
        tree
    });
    // parse answers None only when cancelled or timed out; neither is set.
    let mut tree = parser.parse(text, old.as_ref())?;
    if old.is_some() && tree.root_node().has_error() {
        tree = parser.parse(text, None)?;
    }
    Some(DxTree(Arc::new(tree)))
}

/// The one edit that turns `old` into `new`: everything between their common prefix and their
/// common suffix, on character boundaries.
fn edit_between(old: &str, new: &str) -> InputEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let longest = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(longest)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let point = |text: &str, at: usize| {
        let before = &text.as_bytes()[..at];
        let row = before.iter().filter(|&&byte| byte == b'\n').count();
        let column = at
            - before
                .iter()
                .rposition(|&byte| byte == b'\n')
                .map_or(0, |i| i + 1);
        Point { row, column }
    };
    InputEdit {
        start_byte: prefix,
        old_end_byte: old.len() - suffix,
        new_end_byte: new.len() - suffix,
        start_position: point(old, prefix),
        old_end_position: point(old, old.len() - suffix),
        new_end_position: point(new, new.len() - suffix),
    }
}

/// The grammar's ERROR and MISSING nodes as diagnostics.
pub(super) fn errors(tree: &DxTree, text: &str) -> Vec<SyntaxError> {
    tree_sitter_dx::tree_errors(&tree.0)
        .iter()
        .map(|error| syntax_error(error, text))
        .collect()
}

/// Highlighting tokens and names, for semantic tokens, hover and definitions.
pub(super) fn analyse(tree: &DxTree, text: &str) -> DxAnalysis {
    let bindings = bindings(&tree.0, text);
    DxAnalysis {
        tokens: tokens(&tree.0, text, &bindings),
        bindings,
    }
}

/// Visits every node in document order with its ancestors, outermost first. tree-sitter's
/// `Node::parent` walks down from the root each time, so code that looks outward from many nodes
/// keeps its own stack instead.
fn walk_with_ancestors<'t>(tree: &'t Tree, mut visit: impl FnMut(Node<'t>, &[Node<'t>])) {
    let mut cursor = tree.walk();
    let mut ancestors: Vec<Node<'t>> = Vec::new();
    loop {
        let node = cursor.node();
        visit(node, &ancestors);
        if cursor.goto_first_child() {
            ancestors.push(node);
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
            ancestors.pop();
        }
    }
}

fn range_of(node: Node<'_>) -> TextRange {
    TextRange::new(node.start_byte() as u32, node.end_byte() as u32)
}

fn text_of<'t>(node: Node<'_>, text: &'t str) -> &'t str {
    text.get(node.byte_range()).unwrap_or("")
}

/// A grammar error as a person reads it: what was expected, or which text did not fit. An
/// `ERROR` node can run to the end of the file, so the range stops at the end of its first line.
fn syntax_error(error: &ParseError, text: &str) -> SyntaxError {
    let start = error.byte_range.start;
    match &error.kind {
        ErrorKind::Missing(kind) => {
            let what = if kind.chars().any(char::is_alphanumeric) {
                kind.replace('_', " ")
            } else {
                format!("`{kind}`")
            };
            SyntaxError {
                range: TextRange::new(start as u32, start as u32),
                message: format!("missing {what}"),
            }
        }
        ErrorKind::Unexpected => {
            let node_text = text.get(error.byte_range.clone()).unwrap_or("");
            let first_line = node_text.lines().next().unwrap_or("").trim_end();
            let end = start + first_line.len();
            let shown = first_line.trim();
            let message = if shown.is_empty() {
                "unexpected text".to_string()
            } else if shown.chars().count() > 40 {
                let cut: String = shown.chars().take(40).collect();
                format!("unexpected `{cut}…`")
            } else {
                format!("unexpected `{shown}`")
            };
            SyntaxError {
                range: TextRange::new(start as u32, end.max(start + 1).min(text.len()) as u32),
                message,
            }
        }
    }
}

/// Document symbols from `outline.scm` (`@item` spans the symbol, `@name` names it), nested by
/// containment.
pub(super) fn outline(tree: &DxTree, text: &str) -> Vec<Symbol> {
    let tree = &tree.0;
    let query = &queries().outline;
    let (Some(item_index), Some(name_index)) = (
        query.capture_index_for_name("item"),
        query.capture_index_for_name("name"),
    ) else {
        return Vec::new();
    };
    let mut items: Vec<(Node<'_>, Node<'_>)> = Vec::new();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
    while let Some(found) = matches.next() {
        let item = found.nodes_for_capture_index(item_index).next();
        let name = found.nodes_for_capture_index(name_index).next();
        if let (Some(item), Some(name)) = (item, name)
            && !items.iter().any(|(seen, _)| seen.id() == item.id())
        {
            items.push((item, name));
        }
    }
    items.sort_by_key(|(item, _)| (item.start_byte(), std::cmp::Reverse(item.end_byte())));
    // Open symbols, outermost first; a symbol is finished when the next one starts past its end.
    let mut open: Vec<Symbol> = Vec::new();
    let mut roots: Vec<Symbol> = Vec::new();
    let close = |open: &mut Vec<Symbol>, roots: &mut Vec<Symbol>| {
        let done = open.pop().expect("called with an open symbol");
        match open.last_mut() {
            Some(parent) => parent.children.push(done),
            None => roots.push(done),
        }
    };
    for (item, name) in items {
        while open
            .last()
            .is_some_and(|parent| parent.range.end <= item.start_byte() as u32)
        {
            close(&mut open, &mut roots);
        }
        open.push(Symbol {
            name: text_of(name, text).to_string(),
            kind: symbol_kind(item.kind()),
            range: range_of(item),
            name_range: range_of(name),
            modifiers: TestModifiers::default(),
            children: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    roots
}

fn symbol_kind(node_kind: &str) -> SymbolKind {
    match node_kind {
        "component_declaration" => SymbolKind::Component,
        "state_declaration" => SymbolKind::State,
        "derived_declaration" => SymbolKind::Derived,
        "context_declaration" | "provide_statement" => SymbolKind::Context,
        "effect_block" | "mount_block" => SymbolKind::Effect,
        "class_declaration" | "abstract_class_declaration" => SymbolKind::Class,
        "interface_declaration" | "type_alias_declaration" | "enum_declaration" => SymbolKind::Type,
        "method_definition" => SymbolKind::Method,
        "public_field_definition" | "variable_declarator" => SymbolKind::Variable,
        _ => SymbolKind::Function,
    }
}

/// Foldable regions from `folds.scm`; the server drops the ones on a single line.
pub(super) fn folding(tree: &DxTree, text: &str) -> Vec<FoldRange> {
    let tree = &tree.0;
    let query = &queries().folds;
    let mut folds = Vec::new();
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(query, tree.root_node(), text.as_bytes());
    while let Some((found, index)) = captures.next() {
        let node = found.captures()[*index].node;
        let kind = if node.kind() == "comment" {
            FoldKind::Comment
        } else {
            FoldKind::Region
        };
        folds.push(FoldRange {
            range: range_of(node),
            kind,
        });
    }
    folds.sort_by_key(|fold| (fold.range.start, fold.range.end));
    folds.dedup();
    folds
}

/// The token a `highlights.scm` capture name stands for; `None` for captures left to the
/// editor's own colouring (punctuation, JSX text, labels).
fn token_style(capture: &str) -> Option<(TokenKind, TokenModifiers)> {
    let plain = TokenModifiers::default();
    let library = TokenModifiers {
        default_library: true,
        ..plain
    };
    let readonly = TokenModifiers {
        readonly: true,
        ..plain
    };
    Some(match capture {
        "keyword" | "boolean" | "constant.builtin" => (TokenKind::Keyword, plain),
        "type" => (TokenKind::Type, plain),
        "type.builtin" => (TokenKind::Type, library),
        "type.parameter" => (TokenKind::TypeParameter, plain),
        "tag" | "constructor" => (TokenKind::Class, plain),
        "function" | "function.call" => (TokenKind::Function, plain),
        "function.method" | "function.method.call" => (TokenKind::Method, plain),
        "variable" => (TokenKind::Variable, plain),
        "variable.builtin" => (TokenKind::Variable, library),
        "variable.parameter" => (TokenKind::Parameter, plain),
        "constant" => (TokenKind::Variable, readonly),
        "property" | "attribute" => (TokenKind::Property, plain),
        "string" | "string.special" | "string.escape" => (TokenKind::String, plain),
        "string.regex" => (TokenKind::Regexp, plain),
        "number" => (TokenKind::Number, plain),
        "comment" => (TokenKind::Comment, plain),
        "operator" => (TokenKind::Operator, plain),
        _ => return None,
    })
}

/// Highlighting tokens from `highlights.scm`, resolved the way tree-sitter highlighters do: an
/// inner node's capture wins over the node around it, and for one node the earliest pattern
/// wins. Each byte is painted with the capture that owns it (outer and later patterns first),
/// then runs of one capture become tokens, cut at line breaks.
fn tokens(tree: &Tree, text: &str, bindings: &[Binding]) -> Vec<Token> {
    let query = &queries().highlights;
    let styles: Vec<Option<(TokenKind, TokenModifiers)>> = query
        .capture_names()
        .iter()
        .map(|name| token_style(name))
        .collect();
    // Unstyled captures (punctuation) take part too: they win their bytes from later patterns
    // (`<` in JSX is a bracket, not the `<` operator) and then paint nothing.
    type Style = Option<(TokenKind, TokenModifiers)>;
    let mut captures_found: Vec<(TextRange, usize, Style)> = Vec::new();
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(query, tree.root_node(), text.as_bytes());
    while let Some((found, index)) = captures.next() {
        let capture = found.captures()[*index];
        captures_found.push((
            range_of(capture.node),
            found.pattern_index,
            styles[capture.index as usize],
        ));
    }
    captures_found.sort_by_key(|(range, pattern, _)| {
        (
            std::cmp::Reverse(range.end - range.start),
            std::cmp::Reverse(*pattern),
        )
    });
    const UNPAINTED: u32 = u32::MAX;
    let mut owner = vec![UNPAINTED; text.len()];
    for (index, (range, _, _)) in captures_found.iter().enumerate() {
        owner[range.start as usize..range.end as usize].fill(index as u32);
    }
    let declared: HashMap<TextRange, BindingKind> = bindings
        .iter()
        .map(|binding| (binding.name_range, binding.kind))
        .collect();
    let derived_uses: HashSet<TextRange> = bindings
        .iter()
        .filter(|binding| binding.kind == BindingKind::Derived)
        .flat_map(|binding| binding.references.iter().copied())
        .collect();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < owner.len() {
        let who = owner[at];
        if who == UNPAINTED || matches!(bytes[at], b'\n' | b'\r') {
            at += 1;
            continue;
        }
        let start = at;
        while at < owner.len() && owner[at] == who && !matches!(bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        let (node_range, _, style) = captures_found[who as usize];
        let Some((kind, mut modifiers)) = style else {
            continue;
        };
        let range = TextRange::new(start as u32, at as u32);
        if range == node_range {
            if let Some(binding_kind) = declared.get(&range) {
                modifiers.declaration = true;
                modifiers.readonly |= *binding_kind == BindingKind::Derived;
            }
            modifiers.readonly |= derived_uses.contains(&range);
        }
        out.push(Token {
            range,
            kind,
            modifiers,
        });
    }
    out
}

/// Names and their uses, resolved through `locals.scm`'s scopes: a use belongs to the
/// declaration of its name in the innermost scope around it that declares that name.
fn bindings(tree: &Tree, text: &str) -> Vec<Binding> {
    let query = &queries().locals;
    let (Some(scope_index), Some(definition_index), Some(reference_index)) = (
        query.capture_index_for_name("local.scope"),
        query.capture_index_for_name("local.definition"),
        query.capture_index_for_name("local.reference"),
    ) else {
        return Vec::new();
    };
    let mut scopes: HashSet<usize> = HashSet::new();
    let mut definitions: HashSet<usize> = HashSet::new();
    let mut references: HashSet<usize> = HashSet::new();
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(query, tree.root_node(), text.as_bytes());
    while let Some((found, index)) = captures.next() {
        let capture = found.captures()[*index];
        let id = capture.node.id();
        match capture.index {
            i if i == scope_index => {
                scopes.insert(id);
            }
            i if i == definition_index => {
                definitions.insert(id);
            }
            i if i == reference_index => {
                references.insert(id);
            }
            _ => {}
        }
    }
    // First every declaration (a use may come before it: functions hoist, markup reads state
    // declared below), then every use.
    let mut bindings: Vec<Binding> = Vec::new();
    let mut by_scope: HashMap<(usize, &str), usize> = HashMap::new();
    walk_with_ancestors(tree, |node, ancestors| {
        if !definitions.contains(&node.id()) {
            return;
        }
        let Some(scope) = declaring_scope(node, ancestors, &scopes) else {
            return;
        };
        let name = text_of(node, text);
        if let std::collections::hash_map::Entry::Vacant(entry) = by_scope.entry((scope, name)) {
            entry.insert(bindings.len());
            bindings.push(binding(node, ancestors.last().copied(), text));
        }
    });
    walk_with_ancestors(tree, |node, ancestors| {
        if !references.contains(&node.id()) || definitions.contains(&node.id()) {
            return;
        }
        let name = text_of(node, text);
        let declared = ancestors
            .iter()
            .rev()
            .filter(|ancestor| scopes.contains(&ancestor.id()))
            .find_map(|scope| by_scope.get(&(scope.id(), name)));
        let Some(&index) = declared else {
            return;
        };
        let binding = &mut bindings[index];
        binding.references.push(range_of(node));
        if matches!(binding.kind, BindingKind::State | BindingKind::Derived)
            && is_read(node, ancestors.last().copied())
            && let Some(reader) = reader_of(ancestors, text)
            && !binding.readers.contains(&reader)
        {
            binding.readers.push(reader);
        }
    });
    bindings
}

/// The scope a definition belongs to: the innermost scope around it, except that a function's
/// or component's own name belongs to the scope around the function.
fn declaring_scope(
    node: Node<'_>,
    ancestors: &[Node<'_>],
    scopes: &HashSet<usize>,
) -> Option<usize> {
    ancestors
        .iter()
        .rev()
        .filter(|ancestor| scopes.contains(&ancestor.id()))
        .find(|scope| {
            scope
                .child_by_field_name("name")
                .is_none_or(|name| name.id() != node.id())
        })
        .map(|scope| scope.id())
}

fn binding(node: Node<'_>, parent: Option<Node<'_>>, text: &str) -> Binding {
    let parent_kind = parent.map_or("", |parent| parent.kind());
    let kind = match parent_kind {
        "state_declaration" => BindingKind::State,
        "derived_declaration" => BindingKind::Derived,
        "context_declaration" => BindingKind::Context,
        "component_declaration" => BindingKind::Component,
        "server_function_declaration" => BindingKind::ServerFunction,
        "function_declaration" | "generator_function_declaration" => BindingKind::Function,
        "required_parameter" | "optional_parameter" | "arrow_function" | "catch_clause" => {
            BindingKind::Parameter
        }
        "import_specifier" | "import_clause" | "namespace_import" => BindingKind::Import,
        _ => BindingKind::Variable,
    };
    let declaration = match kind {
        BindingKind::Variable | BindingKind::Parameter | BindingKind::Import => node,
        _ => parent.unwrap_or(node),
    };
    let field = |name: &str| {
        parent
            .filter(|_| {
                matches!(
                    kind,
                    BindingKind::State | BindingKind::Derived | BindingKind::Context
                )
            })
            .and_then(|parent| parent.child_by_field_name(name))
    };
    Binding {
        name: text_of(node, text).to_string(),
        kind,
        name_range: range_of(node),
        declaration: range_of(declaration),
        type_annotation: field("type").map(|annotation| {
            text_of(annotation, text)
                .trim_start_matches(':')
                .trim()
                .to_string()
        }),
        initializer: field("value")
            .or_else(|| field("context"))
            .map(|value| text_of(value, text).to_string()),
        references: Vec::new(),
        readers: Vec::new(),
    }
}

/// False for the target of an assignment or `++`/`--`: writing a state value does not subscribe
/// to it.
fn is_read(node: Node<'_>, parent: Option<Node<'_>>) -> bool {
    let Some(parent) = parent else {
        return true;
    };
    match parent.kind() {
        "assignment_expression" | "augmented_assignment_expression" => parent
            .child_by_field_name("left")
            .is_none_or(|left| left.id() != node.id()),
        "update_expression" => false,
        _ => true,
    }
}

/// The derived value, effect, mount block or markup element a use sits in (given the use's
/// ancestors), looking outward no further than the component body.
fn reader_of(ancestors: &[Node<'_>], text: &str) -> Option<Reader> {
    for &candidate in ancestors.iter().rev() {
        let kind = match candidate.kind() {
            "derived_declaration" => ReaderKind::Derived(
                candidate
                    .child_by_field_name("name")
                    .map_or("", |name| text_of(name, text))
                    .to_string(),
            ),
            "effect_block" => ReaderKind::Effect,
            "mount_block" => ReaderKind::Mount,
            "jsx_element" | "jsx_self_closing_element" => {
                let tag = if candidate.kind() == "jsx_element" {
                    candidate
                        .child_by_field_name("open_tag")
                        .and_then(|open| open.child_by_field_name("name"))
                } else {
                    candidate.child_by_field_name("name")
                };
                ReaderKind::Markup(tag.map_or("", |tag| text_of(tag, text)).to_string())
            }
            "component_body" | "program" => return None,
            _ => continue,
        };
        return Some(Reader {
            kind,
            range: range_of(candidate),
        });
    }
    None
}
