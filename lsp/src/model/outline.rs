//! One walk over oxc's AST that summarises a file: syntax errors, the symbol outline (with tests
//! in it), folding regions and module specifiers. The AST lives in an arena that dies with this
//! function; only owned summaries leave it.

use oxc::{
    allocator::Allocator,
    ast::ast::{
        Argument, ArrowFunctionExpression, CallExpression, Class, ExportAllDeclaration,
        ExportFromDeclaration, Expression, Function, ImportDeclaration, ImportExpression,
        MethodDefinition, ReturnStatement, VariableDeclarator,
    },
    ast_visit::{Visit, walk},
    parser::Parser,
    semantic::ScopeFlags,
    span::{GetSpan, SourceType, Span},
};

use super::{FileSummary, SyntaxError, TextRange};

/// What kind of thing a [`Symbol`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Function,
    /// A function that returns JSX: what React calls a component.
    Component,
    Class,
    Method,
    Test(TestKind),
    /// `.dx`: `state name = …` in a component.
    State,
    /// `.dx`: `derived name = …`.
    Derived,
    /// `.dx`: `const context Name = …`.
    Context,
    /// `.dx`: an `effect` or `mount` block (named by its keyword).
    Effect,
    /// A top-level `let`/`const`, or a class field.
    Variable,
    /// An interface, type alias or enum.
    Type,
}

/// A named item in a file's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The whole item, from its first to its last byte.
    pub range: TextRange,
    /// The name (for a test: its title argument), where the cursor goes.
    pub name_range: TextRange,
    /// Set for tests only.
    pub modifiers: TestModifiers,
    pub children: Vec<Symbol>,
}

/// `describe`, `test`/`it`, or `bench`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKind {
    Describe,
    Test,
    Bench,
}

/// The chained modifiers of a test call: `test.skip.each(table)(…)`, `xit(…)`, `fdescribe(…)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TestModifiers {
    /// `.each(table)`: one declaration, one run per row; the name is a format string.
    pub each: bool,
    pub skip: bool,
    pub only: bool,
    pub todo: bool,
}

/// A describe/test/bench found statically, with its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestItem {
    pub kind: TestKind,
    /// The title as written (a template literal with substitutions keeps its source text).
    pub name: String,
    pub modifiers: TestModifiers,
    pub range: TextRange,
    pub name_range: TextRange,
    pub children: Vec<TestItem>,
}

/// Why a region folds; editors use it for "fold all comments" and "fold imports".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Comment,
    Imports,
}

/// A region spanning more than one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldRange {
    pub range: TextRange,
    pub kind: FoldKind,
}

/// How a module is named in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// `import … from "x"` and `export … from "x"`.
    Static,
    /// `import("x")` with a string literal.
    Dynamic,
    /// `require("x")`.
    Require,
}

/// A module specifier, unresolved: resolution needs the disk, so the server layer does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub specifier: String,
    /// The string literal, quotes included.
    pub range: TextRange,
    pub kind: ImportKind,
    /// `import type …`: erased at compile time, so only the type checker cares if it resolves.
    pub type_only: bool,
}

pub(super) fn summarise(text: &str, source_type: SourceType) -> FileSummary {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, source_type).parse();
    let errors = parsed
        .diagnostics
        .errors()
        .map(|error| {
            let label = error.labels.iter().next();
            let range = label.map_or(TextRange::new(0, 0), |label| {
                TextRange::new(label.offset(), label.offset() + label.span().size())
            });
            SyntaxError {
                range,
                message: error.message.to_string(),
            }
        })
        .collect();
    let mut walker = Walker {
        text,
        stack: vec![Vec::new()],
        functions: Vec::new(),
        folding: Vec::new(),
        imports: Vec::new(),
    };
    walker.visit_program(&parsed.program);
    for comment in parsed.program.comments.iter() {
        if comment.is_block() {
            walker.fold(comment.span, FoldKind::Comment);
        }
    }
    walker.fold_import_group(&parsed.program);
    let Walker {
        mut stack,
        mut folding,
        imports,
        ..
    } = walker;
    folding.sort_by_key(|fold| (fold.range.start, fold.range.end));
    let react = parsed
        .program
        .directives
        .iter()
        .any(|directive| matches!(directive.directive.as_str(), "use client" | "use server"))
        || imports
            .iter()
            .any(|import| is_react_module(&import.specifier));
    FileSummary {
        errors,
        outline: stack.pop().unwrap_or_default(),
        folding,
        imports,
        react,
    }
}

/// Modules whose import makes a file React code that `dx migrate` may rewrite.
fn is_react_module(specifier: &str) -> bool {
    ["react", "react-dom", "next"].iter().any(|module| {
        specifier
            .strip_prefix(module)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Projects the test tree out of the outline: tests nested in plain functions (a helper that
/// declares tests) are lifted to the nearest enclosing test or the top level.
pub(super) fn tests_of(symbols: &[Symbol]) -> Vec<TestItem> {
    let mut out = Vec::new();
    collect_tests(symbols, &mut out);
    out
}

fn collect_tests(symbols: &[Symbol], out: &mut Vec<TestItem>) {
    for symbol in symbols {
        match symbol.kind {
            SymbolKind::Test(kind) => {
                let mut children = Vec::new();
                collect_tests(&symbol.children, &mut children);
                out.push(TestItem {
                    kind,
                    name: symbol.name.clone(),
                    modifiers: symbol.modifiers,
                    range: symbol.range,
                    name_range: symbol.name_range,
                    children,
                });
            }
            _ => collect_tests(&symbol.children, out),
        }
    }
}

struct Walker<'t> {
    text: &'t str,
    /// Open outline levels: the last is where finished symbols go.
    stack: Vec<Vec<Symbol>>,
    /// One entry per function being walked: does it return JSX?
    functions: Vec<bool>,
    folding: Vec<FoldRange>,
    imports: Vec<Import>,
}

impl Walker<'_> {
    fn fold(&mut self, span: Span, kind: FoldKind) {
        let Some(slice) = self.text.get(span.start as usize..span.end as usize) else {
            return;
        };
        if slice.contains(['\n', '\r']) {
            self.folding.push(FoldRange {
                range: span.into(),
                kind,
            });
        }
    }

    fn fold_import_group(&mut self, program: &oxc::ast::ast::Program) {
        let mut group: Option<Span> = None;
        for statement in &program.body {
            if let oxc::ast::ast::Statement::ImportDeclaration(import) = statement {
                group = Some(group.map_or(import.span, |span| span.merge(import.span)));
            } else if let Some(span) = group.take() {
                self.fold(span, FoldKind::Imports);
            }
        }
        if let Some(span) = group {
            self.fold(span, FoldKind::Imports);
        }
    }

    /// Walks `inner` as the children of a symbol, then records the symbol; `kind` learns what
    /// the walk found (whether a function returned JSX).
    fn symbol<R>(
        &mut self,
        name: String,
        (range, name_range): (Span, Span),
        modifiers: TestModifiers,
        inner: impl FnOnce(&mut Self) -> R,
        kind: impl FnOnce(R) -> SymbolKind,
    ) {
        self.stack.push(Vec::new());
        let found = inner(self);
        let children = self.stack.pop().unwrap_or_default();
        if let Some(level) = self.stack.last_mut() {
            level.push(Symbol {
                name,
                kind: kind(found),
                range: range.into(),
                name_range: name_range.into(),
                modifiers,
                children,
            });
        }
    }

    /// Walks an arrow function in its own frame; an expression body that is JSX counts as a
    /// JSX return.
    fn arrow_frame<'a>(&mut self, it: &ArrowFunctionExpression<'a>) -> bool {
        self.function_frame(|this| {
            if let Some(expression) = it.get_expression()
                && yields_jsx(expression)
                && let Some(frame) = this.functions.last_mut()
            {
                *frame = true;
            }
            walk::walk_arrow_function_expression(this, it);
        })
    }

    /// Walks a function's body in its own JSX-return frame and reports whether it returns JSX.
    fn function_frame(&mut self, walk_body: impl FnOnce(&mut Self)) -> bool {
        self.functions.push(false);
        walk_body(self);
        self.functions.pop().unwrap_or(false)
    }

    fn source(&self, span: Span) -> String {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
            .to_owned()
    }

    fn record_import(
        &mut self,
        source: &oxc::ast::ast::StringLiteral,
        kind: ImportKind,
        type_only: bool,
    ) {
        self.imports.push(Import {
            specifier: source.value.to_string(),
            range: source.span.into(),
            kind,
            type_only,
        });
    }
}

/// Does this expression evaluate to JSX on some path (`cond ? <A/> : null`, `x && <A/>`)?
fn yields_jsx(expression: &Expression) -> bool {
    match expression.without_parentheses() {
        Expression::JSXElement(_) | Expression::JSXFragment(_) => true,
        Expression::ConditionalExpression(it) => {
            yields_jsx(&it.consequent) || yields_jsx(&it.alternate)
        }
        Expression::LogicalExpression(it) => yields_jsx(&it.left) || yields_jsx(&it.right),
        _ => false,
    }
}

/// Recognises a test API callee and its modifiers: `test`, `it.only`, `describe.skip.each(t)`,
/// `test.each\`table\``, `xit`, `fdescribe`.
fn test_callee(callee: &Expression) -> Option<(TestKind, TestModifiers)> {
    let mut modifiers = TestModifiers::default();
    let mut current = callee.without_parentheses();
    if matches!(current, Expression::StaticMemberExpression(member) if member.property.name == "each")
    {
        // `test.each(table)` only builds the test; the call on its result declares it.
        return None;
    }
    loop {
        match current {
            Expression::Identifier(id) => {
                let kind = match id.name.as_str() {
                    "describe" | "suite" => TestKind::Describe,
                    "fdescribe" => {
                        modifiers.only = true;
                        TestKind::Describe
                    }
                    "xdescribe" => {
                        modifiers.skip = true;
                        TestKind::Describe
                    }
                    "test" | "it" => TestKind::Test,
                    "fit" => {
                        modifiers.only = true;
                        TestKind::Test
                    }
                    "xit" | "xtest" => {
                        modifiers.skip = true;
                        TestKind::Test
                    }
                    "bench" => TestKind::Bench,
                    _ => return None,
                };
                return Some((kind, modifiers));
            }
            Expression::StaticMemberExpression(member) => {
                match member.property.name.as_str() {
                    "each" => modifiers.each = true,
                    "skip" => modifiers.skip = true,
                    "only" => modifiers.only = true,
                    "todo" => modifiers.todo = true,
                    "concurrent" | "sequential" | "fails" | "failing" | "shuffle" => {}
                    _ => return None,
                }
                current = member.object.without_parentheses();
            }
            // `test.each(table)` returns the function that is then called with the title.
            Expression::CallExpression(call) => {
                if !matches!(call.callee.without_parentheses(), Expression::StaticMemberExpression(m) if m.property.name == "each")
                {
                    return None;
                }
                current = call.callee.without_parentheses();
            }
            Expression::TaggedTemplateExpression(tagged) => {
                current = tagged.tag.without_parentheses();
            }
            _ => return None,
        }
    }
}

impl<'a> Visit<'a> for Walker<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Some(name) = it
            .callee
            .get_identifier_reference()
            .map(|id| id.name.as_str())
            && name == "require"
            && let [Argument::StringLiteral(source)] = it.arguments.as_slice()
        {
            self.record_import(source, ImportKind::Require, false);
        }
        let test = test_callee(&it.callee).and_then(|found| {
            let title = it.arguments.first()?.as_expression()?;
            Some((found, title))
        });
        let Some(((kind, modifiers), title)) = test else {
            walk::walk_call_expression(self, it);
            return;
        };
        let name = match title.without_parentheses() {
            Expression::StringLiteral(literal) => literal.value.to_string(),
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => template
                .quasis
                .first()
                .and_then(|quasi| quasi.value.cooked.as_ref())
                .map(|cooked| cooked.to_string())
                .unwrap_or_default(),
            other => self.source(other.span()),
        };
        self.symbol(
            name,
            (it.span, title.span()),
            modifiers,
            |this| walk::walk_call_expression(this, it),
            |()| SymbolKind::Test(kind),
        );
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        let Some(id) = &it.id else {
            self.function_frame(|this| walk::walk_function(this, it, flags));
            return;
        };
        self.symbol(
            id.name.to_string(),
            (it.span, id.span),
            TestModifiers::default(),
            |this| this.function_frame(|this| walk::walk_function(this, it, flags)),
            component_or_function,
        );
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.arrow_frame(it);
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if let Some(argument) = &it.argument
            && yields_jsx(argument)
            && let Some(frame) = self.functions.last_mut()
        {
            *frame = true;
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        let function_init = it
            .init
            .as_ref()
            .map(|init| init.without_parentheses())
            .filter(|init| {
                matches!(
                    init,
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                )
            });
        let (Some(id), Some(init)) = (it.id.get_binding_identifier(), function_init) else {
            walk::walk_variable_declarator(self, it);
            return;
        };
        self.symbol(
            id.name.to_string(),
            (it.span, id.span),
            TestModifiers::default(),
            |this| match init {
                Expression::ArrowFunctionExpression(arrow) => this.arrow_frame(arrow),
                Expression::FunctionExpression(function) => this.function_frame(|this| {
                    walk::walk_function(this, function, ScopeFlags::Function)
                }),
                _ => false,
            },
            component_or_function,
        );
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        self.fold(it.body.span, FoldKind::Region);
        let Some(id) = &it.id else {
            walk::walk_class(self, it);
            return;
        };
        self.symbol(
            id.name.to_string(),
            (it.span, id.span),
            TestModifiers::default(),
            |this| walk::walk_class(this, it),
            |()| SymbolKind::Class,
        );
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        let Some(name) = it.key.static_name() else {
            walk::walk_method_definition(self, it);
            return;
        };
        self.symbol(
            name.into_owned(),
            (it.span, it.key.span()),
            TestModifiers::default(),
            |this| walk::walk_method_definition(this, it),
            |()| SymbolKind::Method,
        );
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        self.record_import(&it.source, ImportKind::Static, it.import_kind.is_type());
        walk::walk_import_declaration(self, it);
    }

    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        self.record_import(&it.source, ImportKind::Static, it.export_kind.is_type());
        walk::walk_export_all_declaration(self, it);
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        self.record_import(&it.source, ImportKind::Static, it.export_kind.is_type());
        walk::walk_export_from_declaration(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        if let Expression::StringLiteral(source) = &it.source {
            self.record_import(source, ImportKind::Dynamic, false);
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_function_body(&mut self, it: &oxc::ast::ast::FunctionBody<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_function_body(self, it);
    }

    fn visit_block_statement(&mut self, it: &oxc::ast::ast::BlockStatement<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_block_statement(self, it);
    }

    fn visit_object_expression(&mut self, it: &oxc::ast::ast::ObjectExpression<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_object_expression(self, it);
    }

    fn visit_array_expression(&mut self, it: &oxc::ast::ast::ArrayExpression<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_array_expression(self, it);
    }

    fn visit_switch_statement(&mut self, it: &oxc::ast::ast::SwitchStatement<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_switch_statement(self, it);
    }

    fn visit_jsx_element(&mut self, it: &oxc::ast::ast::JSXElement<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_jsx_element(self, it);
    }

    fn visit_jsx_fragment(&mut self, it: &oxc::ast::ast::JSXFragment<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_jsx_fragment(self, it);
    }

    fn visit_ts_interface_body(&mut self, it: &oxc::ast::ast::TSInterfaceBody<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_ts_interface_body(self, it);
    }

    fn visit_ts_type_literal(&mut self, it: &oxc::ast::ast::TSTypeLiteral<'a>) {
        self.fold(it.span, FoldKind::Region);
        walk::walk_ts_type_literal(self, it);
    }
}

fn component_or_function(returns_jsx: bool) -> SymbolKind {
    if returns_jsx {
        SymbolKind::Component
    } else {
        SymbolKind::Function
    }
}
