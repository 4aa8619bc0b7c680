//! The coverage pass: inserts counter increments into a parsed file and describes them.
//!
//! It runs on the ORIGINAL AST, before TypeScript and JSX are stripped: every counted node
//! still has its span in the source the user wrote, so locations need no source-map round
//! trip, and the transform that follows (and its source map) treats the increments like any
//! other code. Increments are `__dx_cov_<hash>[n]++`, on the global the loader creates.
//!
//! What counts, following istanbul's model so the figures read the same:
//! - statements: every executable statement (not function declarations, imports, type-only
//!   declarations or blocks); a statement in a position that is not a list (`if (a) b();`,
//!   loop bodies) is wrapped in a block so it can be counted.
//! - functions: entry of every function with a body, including arrows, methods, accessors
//!   and constructors.
//! - branches: `if` (two arms, `else` created when missing), `?:`, each operand of an
//!   `&&`/`||`/`??` chain, `switch` cases, and default values of parameters and
//!   destructuring.

use oxc::{
    allocator::{Allocator, TakeIn, Vec as ArenaVec},
    ast::{
        ast::{
            ArrowFunctionBody, AssignmentPattern, Class, ConditionalExpression, Declaration,
            DoWhileStatement, ExportDefaultDeclarationKind, Expression, ForInStatement,
            ForOfStatement, ForStatement, FormalParameter, Function, IfStatement, MethodDefinition,
            NumberBase, ObjectProperty, Program, PropertyDefinition, SimpleAssignmentTarget,
            Statement, SwitchStatement, TSEnumDeclaration, TSExternalModuleDeclaration,
            TSGlobalDeclaration, TSNamespaceDeclaration, UpdateOperator, VariableDeclarator,
            WhileStatement,
        },
        builder::AstBuilder,
    },
    ast_visit::{VisitMut, walk_mut},
    span::{GetSpan, SPAN, Span},
    syntax::scope::ScopeFlags,
};

use super::{
    BranchKind, CountedBranch, CountedFunction, CountedStatement, CoverageMap, Position, Range,
};

/// Instruments `program` (parsed from `source`) in place; counters go to the global `global`.
pub fn instrument<'a>(
    program: &mut Program<'a>,
    allocator: &'a Allocator,
    source: &str,
    global: &str,
) -> CoverageMap {
    let mut pass = Instrumenter {
        builder: AstBuilder::new(allocator),
        global: allocator.alloc_str(global),
        lines: LineIndex::new(source),
        map: CoverageMap {
            global: global.to_owned(),
            ..CoverageMap::default()
        },
        name_hint: None,
    };
    pass.visit_program(program);
    let mut map = pass.map;
    map.statements.sort_by_key(|s| s.range);
    map.functions.sort_by_key(|f| f.range);
    map.branches.sort_by_key(|b| b.range);
    map
}

/// Byte offsets → line and UTF-16 column.
struct LineIndex<'s> {
    source: &'s str,
    starts: Vec<u32>,
}

impl<'s> LineIndex<'s> {
    fn new(source: &'s str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(at, _)| at as u32 + 1))
            .collect();
        LineIndex { source, starts }
    }

    fn position(&self, offset: u32) -> Position {
        let line = self.starts.partition_point(|start| *start <= offset) - 1;
        let start = self.starts[line] as usize;
        let end = (offset as usize).min(self.source.len());
        let column = self
            .source
            .get(start..end)
            .map_or(0, |text| text.encode_utf16().count());
        Position {
            line: line as u32 + 1,
            column: column as u32,
        }
    }
}

struct Instrumenter<'a, 's> {
    builder: AstBuilder<'a>,
    global: &'a str,
    lines: LineIndex<'s>,
    map: CoverageMap,
    /// The name the next function takes when it has none of its own (`const f = () => {}`,
    /// methods, object and class properties), with the name's span.
    name_hint: Option<(String, Span)>,
}

impl<'a> Instrumenter<'a, '_> {
    fn range(&self, span: Span) -> Range {
        Range {
            start: self.lines.position(span.start),
            end: self.lines.position(span.end),
        }
    }

    fn next_counter(&mut self) -> u32 {
        let counter = self.map.counters;
        self.map.counters += 1;
        counter
    }

    /// `__dx_cov_<hash>[counter]++`
    fn bump(&self, counter: u32) -> Expression<'a> {
        let b = &self.builder;
        let counters = Expression::new_identifier(SPAN, self.global, b);
        let index =
            Expression::new_numeric_literal(SPAN, f64::from(counter), None, NumberBase::Decimal, b);
        let target =
            SimpleAssignmentTarget::new_computed_member_expression(SPAN, counters, index, false, b);
        Expression::new_update_expression(SPAN, UpdateOperator::Increment, false, target, b)
    }

    fn bump_statement(&self, counter: u32) -> Statement<'a> {
        Statement::new_expression_statement(SPAN, self.bump(counter), &self.builder)
    }

    /// `expr` → `(bump, expr)`: the value is unchanged and the counter runs exactly when
    /// `expr` is evaluated.
    fn wrap(&self, expr: &mut Expression<'a>, counter: u32) {
        let inner = expr.take_in(&self.builder);
        let parts = ArenaVec::from_array_in([self.bump(counter), inner], &self.builder);
        *expr = Expression::new_sequence_expression(SPAN, parts, &self.builder);
    }

    /// Makes `statement` a block (keeping its span), so statements can be inserted into it.
    fn ensure_block(&self, statement: &mut Statement<'a>) {
        if matches!(statement, Statement::BlockStatement(_)) {
            return;
        }
        let span = statement.span();
        let inner = statement.take_in(&self.builder);
        let body = ArenaVec::from_array_in([inner], &self.builder);
        *statement = Statement::new_block_statement(span, body, &self.builder);
    }

    fn prepend(&self, statement: &mut Statement<'a>, counter: u32) {
        if let Statement::BlockStatement(block) = statement {
            block.body.insert(0, self.bump_statement(counter));
        }
    }

    /// Registers a branch with one arm per span; returns the arms' counters.
    fn branch(&mut self, kind: BranchKind, span: Span, arms: &[Span]) -> Vec<u32> {
        let arms: Vec<CountedStatement> = arms
            .iter()
            .map(|arm| CountedStatement {
                range: self.range(*arm),
                counter: self.next_counter(),
            })
            .collect();
        let counters = arms.iter().map(|arm| arm.counter).collect();
        let range = self.range(span);
        self.map.branches.push(CountedBranch { kind, range, arms });
        counters
    }

    fn function(&mut self, name: Option<(String, Span)>, span: Span) -> u32 {
        let counter = self.next_counter();
        let (name, declaration) = match name {
            Some((name, at)) => (name, at),
            None => (
                format!("(anonymous_{})", self.map.functions.len()),
                Span::new(span.start, span.start),
            ),
        };
        let function = CountedFunction {
            name,
            declaration: self.range(declaration),
            range: self.range(span),
            counter,
        };
        self.map.functions.push(function);
        counter
    }

    /// Sets the name the function `value` takes if it is one.
    fn hint_name(&mut self, value: &Expression<'a>, name: Option<String>, span: Span) {
        let is_function = matches!(
            value,
            Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_)
        );
        self.name_hint = name.filter(|_| is_function).map(|name| (name, span));
    }

    fn instrument_logical(&mut self, expr: &mut Expression<'a>) {
        let mut leaves = Vec::new();
        logical_leaves(expr, &mut leaves);
        let counters = self.branch(BranchKind::Logical, expr.span(), &leaves);
        self.wrap_leaves(expr, &mut counters.into_iter());
    }

    fn wrap_leaves(&mut self, expr: &mut Expression<'a>, counters: &mut impl Iterator<Item = u32>) {
        match expr {
            Expression::LogicalExpression(logical) => {
                self.wrap_leaves(&mut logical.left, counters);
                self.wrap_leaves(&mut logical.right, counters);
            }
            Expression::ParenthesizedExpression(paren) if is_logical(&paren.expression) => {
                self.wrap_leaves(&mut paren.expression, counters);
            }
            leaf => {
                self.visit_expression(leaf);
                if let Some(counter) = counters.next() {
                    self.wrap(leaf, counter);
                }
            }
        }
    }
}

fn is_logical(expr: &Expression<'_>) -> bool {
    match expr {
        Expression::LogicalExpression(_) => true,
        Expression::ParenthesizedExpression(paren) => is_logical(&paren.expression),
        _ => false,
    }
}

/// The operands of a chain of logical operators, left to right, looking through parentheses.
fn logical_leaves(expr: &Expression<'_>, out: &mut Vec<Span>) {
    match expr {
        Expression::LogicalExpression(logical) => {
            logical_leaves(&logical.left, out);
            logical_leaves(&logical.right, out);
        }
        Expression::ParenthesizedExpression(paren) if is_logical(&paren.expression) => {
            logical_leaves(&paren.expression, out);
        }
        leaf => out.push(leaf.span()),
    }
}

/// Whether a statement does something when it runs (and so gets a counter).
fn executes(statement: &Statement<'_>) -> bool {
    match statement {
        Statement::BlockStatement(_)
        | Statement::EmptyStatement(_)
        | Statement::ImportDeclaration(_)
        | Statement::ExportAllDeclaration(_)
        | Statement::ExportNamedDeclaration(_)
        | Statement::ExportFromDeclaration(_)
        | Statement::TSNamespaceExportDeclaration(_) => false,
        Statement::ExportDeclaration(export) => declaration_executes(&export.declaration),
        Statement::ExportDefaultDeclaration(export) => !matches!(
            export.declaration,
            ExportDefaultDeclarationKind::FunctionDeclaration(_)
                | ExportDefaultDeclarationKind::TSInterfaceDeclaration(_)
        ),
        other => other.as_declaration().is_none_or(declaration_executes),
    }
}

fn declaration_executes(declaration: &Declaration<'_>) -> bool {
    match declaration {
        Declaration::VariableDeclaration(variables) => !variables.declare,
        Declaration::ClassDeclaration(class) => !class.declare,
        Declaration::TSEnumDeclaration(enumeration) => !enumeration.declare,
        Declaration::TSNamespaceDeclaration(namespace) => !namespace.declare,
        Declaration::TSImportEqualsDeclaration(import) => import.import_kind.is_value(),
        Declaration::FunctionDeclaration(_)
        | Declaration::TSTypeAliasDeclaration(_)
        | Declaration::TSInterfaceDeclaration(_)
        | Declaration::TSExternalModuleDeclaration(_)
        | Declaration::TSGlobalDeclaration(_) => false,
    }
}

impl<'a> VisitMut<'a> for Instrumenter<'a, '_> {
    fn visit_statements(&mut self, statements: &mut ArenaVec<'a, Statement<'a>>) {
        for statement in statements.iter_mut() {
            self.visit_statement(statement);
        }
        let original = std::mem::replace(
            statements,
            ArenaVec::with_capacity_in(statements.len() * 2, &self.builder),
        );
        for statement in original {
            if executes(&statement) {
                let counter = self.next_counter();
                let range = self.range(statement.span());
                self.map
                    .statements
                    .push(CountedStatement { range, counter });
                statements.push(self.bump_statement(counter));
            }
            statements.push(statement);
        }
    }

    fn visit_expression(&mut self, expr: &mut Expression<'a>) {
        if matches!(expr, Expression::LogicalExpression(_)) {
            self.instrument_logical(expr);
        } else {
            walk_mut::walk_expression(self, expr);
        }
    }

    fn visit_if_statement(&mut self, it: &mut IfStatement<'a>) {
        self.visit_expression(&mut it.test);
        self.ensure_block(&mut it.consequent);
        self.visit_statement(&mut it.consequent);
        let else_span = match &mut it.alternate {
            Some(alternate) => {
                self.ensure_block(alternate);
                self.visit_statement(alternate);
                alternate.span()
            }
            None => it.span,
        };
        let counters = self.branch(BranchKind::If, it.span, &[it.consequent.span(), else_span]);
        self.prepend(&mut it.consequent, counters[0]);
        let alternate = it.alternate.get_or_insert_with(|| {
            Statement::new_block_statement(SPAN, ArenaVec::new_in(&self.builder), &self.builder)
        });
        self.prepend(alternate, counters[1]);
    }

    fn visit_conditional_expression(&mut self, it: &mut ConditionalExpression<'a>) {
        walk_mut::walk_conditional_expression(self, it);
        let arms = [it.consequent.span(), it.alternate.span()];
        let counters = self.branch(BranchKind::Conditional, it.span, &arms);
        self.wrap(&mut it.consequent, counters[0]);
        self.wrap(&mut it.alternate, counters[1]);
    }

    fn visit_switch_statement(&mut self, it: &mut SwitchStatement<'a>) {
        walk_mut::walk_switch_statement(self, it);
        let arms: Vec<Span> = it.cases.iter().map(|case| case.span).collect();
        let counters = self.branch(BranchKind::Switch, it.span, &arms);
        for (case, counter) in it.cases.iter_mut().zip(counters) {
            case.consequent.insert(0, self.bump_statement(counter));
        }
    }

    fn visit_formal_parameter(&mut self, it: &mut FormalParameter<'a>) {
        walk_mut::walk_formal_parameter(self, it);
        if let Some(initializer) = &mut it.initializer {
            let span = initializer.span();
            let counters = self.branch(BranchKind::DefaultArg, span, &[span]);
            self.wrap(initializer, counters[0]);
        }
    }

    fn visit_assignment_pattern(&mut self, it: &mut AssignmentPattern<'a>) {
        walk_mut::walk_assignment_pattern(self, it);
        let span = it.right.span();
        let counters = self.branch(BranchKind::DefaultArg, span, &[span]);
        self.wrap(&mut it.right, counters[0]);
    }

    fn visit_function(&mut self, it: &mut Function<'a>, flags: ScopeFlags) {
        let hint = self.name_hint.take();
        if it.body.is_none() {
            // `declare function`, overload signatures: nothing runs.
            return;
        }
        walk_mut::walk_function(self, it, flags);
        let name = it
            .id
            .as_ref()
            .map(|id| (id.name.to_string(), id.span))
            .or(hint);
        let counter = self.function(name, it.span);
        if let Some(body) = &mut it.body {
            body.statements.insert(0, self.bump_statement(counter));
        }
    }

    fn visit_arrow_function_expression(
        &mut self,
        it: &mut oxc::ast::ast::ArrowFunctionExpression<'a>,
    ) {
        let hint = self.name_hint.take();
        walk_mut::walk_arrow_function_expression(self, it);
        let counter = self.function(hint, it.span);
        match &mut it.body {
            ArrowFunctionBody::FunctionBody(body) => {
                body.statements.insert(0, self.bump_statement(counter));
            }
            expression => self.wrap(expression.to_expression_mut(), counter),
        }
    }

    fn visit_variable_declarator(&mut self, it: &mut VariableDeclarator<'a>) {
        self.visit_binding_pattern(&mut it.id);
        if let Some(init) = &mut it.init {
            let name = it.id.get_identifier_name().map(|n| n.to_string());
            self.hint_name(init, name, it.id.span());
            self.visit_expression(init);
            self.name_hint = None;
        }
    }

    fn visit_method_definition(&mut self, it: &mut MethodDefinition<'a>) {
        self.visit_decorators(&mut it.decorators);
        self.visit_property_key(&mut it.key);
        let name = it.key.static_name().map(|n| n.into_owned());
        self.name_hint = name.map(|name| (name, it.key.span()));
        self.visit_function(&mut it.value, ScopeFlags::Function);
        self.name_hint = None;
    }

    fn visit_object_property(&mut self, it: &mut ObjectProperty<'a>) {
        self.visit_property_key(&mut it.key);
        let name = it.key.static_name().map(|n| n.into_owned());
        self.hint_name(&it.value, name, it.key.span());
        self.visit_expression(&mut it.value);
        self.name_hint = None;
    }

    fn visit_property_definition(&mut self, it: &mut PropertyDefinition<'a>) {
        self.visit_decorators(&mut it.decorators);
        self.visit_property_key(&mut it.key);
        if let Some(value) = &mut it.value {
            let name = it.key.static_name().map(|n| n.into_owned());
            self.hint_name(value, name, it.key.span());
            self.visit_expression(value);
            self.name_hint = None;
        }
    }

    fn visit_for_statement(&mut self, it: &mut ForStatement<'a>) {
        self.ensure_block(&mut it.body);
        walk_mut::walk_for_statement(self, it);
    }

    fn visit_for_in_statement(&mut self, it: &mut ForInStatement<'a>) {
        self.ensure_block(&mut it.body);
        walk_mut::walk_for_in_statement(self, it);
    }

    fn visit_for_of_statement(&mut self, it: &mut ForOfStatement<'a>) {
        self.ensure_block(&mut it.body);
        walk_mut::walk_for_of_statement(self, it);
    }

    fn visit_while_statement(&mut self, it: &mut WhileStatement<'a>) {
        self.ensure_block(&mut it.body);
        walk_mut::walk_while_statement(self, it);
    }

    fn visit_do_while_statement(&mut self, it: &mut DoWhileStatement<'a>) {
        self.ensure_block(&mut it.body);
        walk_mut::walk_do_while_statement(self, it);
    }

    // Declarations with no runtime code: counters inside them would never run.
    fn visit_class(&mut self, it: &mut Class<'a>) {
        if !it.declare {
            walk_mut::walk_class(self, it);
        }
    }

    fn visit_ts_namespace_declaration(&mut self, it: &mut TSNamespaceDeclaration<'a>) {
        if !it.declare {
            walk_mut::walk_ts_namespace_declaration(self, it);
        }
    }

    fn visit_ts_external_module_declaration(&mut self, _: &mut TSExternalModuleDeclaration<'a>) {}

    fn visit_ts_global_declaration(&mut self, _: &mut TSGlobalDeclaration<'a>) {}

    // Enum members must stay constant expressions for the TypeScript transform to fold them.
    fn visit_ts_enum_declaration(&mut self, _: &mut TSEnumDeclaration<'a>) {}
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::{
        coverage::{BranchKind, CoverageMap, Position},
        transform::{TransformConfig, transform},
    };

    fn instrumented(file: &str, source: &str) -> (String, CoverageMap) {
        let config = TransformConfig {
            coverage: true,
            ..TransformConfig::default()
        };
        let out = transform(Path::new(file), source, &config).unwrap();
        (out.code.unwrap(), out.coverage.unwrap())
    }

    fn at(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn statements_functions_and_if_branches_keep_typescript_locations() {
        let source = "type T = number;\nexport function sign(n: T): string {\n  if (n < 0) return \"-\";\n  return \"+\";\n}\nconst f = (x: number) => x * 2;\n";
        let (code, map) = instrumented("/p/a.ts", source);
        let starts: Vec<Position> = map.statements.iter().map(|s| s.range.start).collect();
        // The type alias and the function declaration are not statements; the `return` in
        // the if's consequent is, and so is the arrow's declaration.
        assert_eq!(starts, [at(3, 2), at(3, 13), at(4, 2), at(6, 0)]);
        let names: Vec<(&str, Position)> = map
            .functions
            .iter()
            .map(|f| (f.name.as_str(), f.declaration.start))
            .collect();
        assert_eq!(names, [("sign", at(2, 16)), ("f", at(6, 6))]);
        assert_eq!(map.branches.len(), 1);
        let branch = &map.branches[0];
        assert_eq!(branch.kind, BranchKind::If);
        assert_eq!(branch.range.start, at(3, 2));
        assert_eq!(branch.arms[0].range.start, at(3, 13));
        assert_eq!(map.counters, 4 + 2 + 2);
        // The code runs the counters on the global named after the path, types are gone.
        assert!(code.contains(&format!("{}[", map.global)), "{code}");
        assert!(!code.contains(": number"), "{code}");
    }

    #[test]
    fn logical_conditional_switch_and_default_values_are_branches() {
        let source = "function g(a = 1, { b = 2 } = {}) {\n  const v = a && b || null;\n  switch (v) {\n    case 1: return a ? 'x' : 'y';\n    default: return v ?? 0;\n  }\n}\n";
        let (_, map) = instrumented("/p/b.js", source);
        let shape: Vec<(BranchKind, usize, Position)> = map
            .branches
            .iter()
            .map(|b| (b.kind, b.arms.len(), b.range.start))
            .collect();
        assert_eq!(
            shape,
            [
                (BranchKind::DefaultArg, 1, at(1, 15)),
                (BranchKind::DefaultArg, 1, at(1, 24)),
                (BranchKind::DefaultArg, 1, at(1, 30)),
                (BranchKind::Logical, 3, at(2, 12)),
                (BranchKind::Switch, 2, at(3, 2)),
                (BranchKind::Conditional, 2, at(4, 19)),
                (BranchKind::Logical, 2, at(5, 20)),
            ]
        );
        let logical = &map.branches[3];
        let arms: Vec<Position> = logical.arms.iter().map(|a| a.range.start).collect();
        assert_eq!(arms, [at(2, 12), at(2, 17), at(2, 22)]);
    }

    #[test]
    fn methods_accessors_and_anonymous_functions_are_named() {
        let source = "class A {\n  get size() { return 1; }\n  run() {}\n}\nconst o = { go: function () {}, [Symbol.iterator]() {} };\n[1].map(function () {});\n";
        let (_, map) = instrumented("/p/c.js", source);
        let names: Vec<&str> = map.functions.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["size", "run", "go", "(anonymous_3)", "(anonymous_4)"]
        );
    }

    #[test]
    fn type_only_code_gets_no_counters() {
        let source = "declare function d(): void;\ndeclare namespace N { const x: number; }\ninterface I { f(): void }\nexport type { I };\nfunction o(a: string): void;\nfunction o(a: unknown) {}\nenum E { A = 1 << 1 }\n";
        let (_, map) = instrumented("/p/d.ts", source);
        assert_eq!(map.functions.len(), 1, "{map:?}");
        let starts: Vec<Position> = map.statements.iter().map(|s| s.range.start).collect();
        assert_eq!(starts, [at(7, 0)]);
    }

    #[test]
    fn plain_javascript_is_instrumented_with_a_source_map() {
        let config = TransformConfig {
            coverage: true,
            ..TransformConfig::default()
        };
        let out = transform(Path::new("/p/e.js"), "let a = 1;\n", &config).unwrap();
        assert!(out.code.is_some() && out.source_map.is_some());
        let plain = transform(
            Path::new("/p/e.js"),
            "let a = 1;\n",
            &TransformConfig::default(),
        );
        assert_eq!(plain.unwrap().code, None);
    }
}
