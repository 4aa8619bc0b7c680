//! One file: find every React/Next.js construct on oxc's AST and turn each into text edits.
//!
//! Analysis records, per construct, the edits that migrate it, the constructs it needs (a hook
//! needs its function to become a `component`) and the import references it makes unused. A
//! whole-file migration applies every construct; a quick-fix applies one and what it needs. Both
//! then drop the imports nothing uses any more and check that the result parses as `.dx`.

use std::{
    collections::{BTreeSet, HashMap, HashSet},
    path::{Path, PathBuf},
};

use oxc::{
    allocator::Allocator,
    ast::ast::*,
    ast_visit::{Visit, walk},
    parser::Parser,
    semantic::{AstNodes, Scoping, SemanticBuilder},
    span::{GetSpan, SourceType, Span},
};

use crate::{
    ConstructKind, ConstructReport, FileMigration, MigrateOptions, Outcome, Safety,
    edit::{TextEdit, TextRange, apply_edits},
    syntax::dx_as_tsx,
};

/// Migrates a whole file. Files that are not JavaScript/TypeScript/`.dx` get an empty answer.
pub fn migrate_file(path: &Path, source: &str, options: &MigrateOptions) -> FileMigration {
    let Some(analysis) = analyze(path, source) else {
        return FileMigration::default();
    };
    let all: Vec<usize> = (0..analysis.found.len()).collect();
    analysis.finish(path, source, &all, true, options)
}

/// The migration of the one construct at `offset` (a hook, directive, import, JSX element or
/// component) plus what it needs, for a quick-fix such as "Migrate useState to dx state".
/// `None` when nothing migratable is there.
pub fn migration_at(
    path: &Path,
    source: &str,
    offset: u32,
    options: &MigrateOptions,
) -> Option<FileMigration> {
    let analysis = analyze(path, source)?;
    if !analysis.blocking.is_empty() {
        return None;
    }
    let at_construct = analysis
        .found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.range.contains_offset(offset) && f.outcome.is_migrated())
        .filter(|(_, f)| !f.edits.is_empty() || f.kind == ConstructKind::Component)
        .min_by_key(|(_, f)| f.range.len())
        .map(|(i, _)| vec![i]);
    // On an import specifier (`useState` in `import { useState } from "react"`): every construct
    // that removes one of its uses, so the import goes too.
    let chosen = at_construct.or_else(|| {
        let spec = analysis
            .specs
            .iter()
            .find(|s| s.removable && s.range.contains_offset(offset))?;
        let users: Vec<usize> = analysis
            .found
            .iter()
            .enumerate()
            .filter(|(_, f)| f.consumed.iter().any(|c| spec.refs.contains(c)))
            .map(|(i, _)| i)
            .collect();
        (!users.is_empty()).then_some(users)
    })?;
    let migration = analysis.finish(path, source, &chosen, false, options);
    migration
        .report
        .iter()
        .all(|r| r.outcome.is_migrated())
        .then_some(migration)
}

/// A construct found in the file, with everything needed to apply it alone.
#[derive(Debug)]
struct Found {
    kind: ConstructKind,
    range: TextRange,
    outcome: Outcome,
    safety: Safety,
    edits: Vec<TextEdit>,
    /// Start offsets of import-binding references this construct removes.
    consumed: Vec<u32>,
    /// Indices of constructs that must be applied with this one.
    requires: Vec<usize>,
    /// Needs `import { router } from "dx/router"`.
    router: bool,
    /// Applying it makes the file `.dx`.
    makes_dx: bool,
}

/// An import specifier the migrator may drop once nothing references it.
#[derive(Debug)]
struct ImportSpec {
    decl: usize,
    range: TextRange,
    text: String,
    named: bool,
    refs: Vec<u32>,
    removable: bool,
}

#[derive(Debug)]
struct ImportDecl {
    range: TextRange,
    /// The statement plus its line break, what deleting it removes.
    full: TextRange,
    source: String,
    specs: Vec<usize>,
    named_braces: Option<TextRange>,
}

struct Analysis {
    found: Vec<Found>,
    blocking: Vec<(ConstructKind, TextRange, String)>,
    imports: Vec<ImportDecl>,
    specs: Vec<ImportSpec>,
    has_router_import: bool,
    semicolons: bool,
    is_dx: bool,
}

fn analyze(path: &Path, source: &str) -> Option<Analysis> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let is_dx = ext == "dx";
    let source_type = match ext {
        "dx" | "tsx" => SourceType::tsx(),
        "ts" | "mts" | "cts" => SourceType::ts(),
        "js" | "jsx" | "mjs" | "cjs" => SourceType::jsx(),
        _ => return None,
    };
    let text = if is_dx {
        dx_as_tsx(source)
    } else {
        source.to_string()
    };
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, &text, source_type).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        let message = parsed.diagnostics.errors().next().map_or_else(
            || "it does not parse".to_string(),
            |e| format!("it does not parse: {}", e.message),
        );
        return Some(Analysis {
            found: Vec::new(),
            blocking: vec![(ConstructKind::File, TextRange::new(0, 0), message)],
            imports: Vec::new(),
            specs: Vec::new(),
            has_router_import: false,
            semicolons: true,
            is_dx,
        });
    }
    let program = allocator.alloc(parsed.program);
    let semantic = SemanticBuilder::new()
        .with_build_nodes(true)
        .build(program)
        .semantic;
    let mut cx = Cx {
        source,
        path,
        scoping: semantic.scoping(),
        nodes: semantic.nodes(),
        imported: HashMap::new(),
        found: Vec::new(),
        blocking: Vec::new(),
        imports: Vec::new(),
        specs: Vec::new(),
        templates: Vec::new(),
        has_router_import: false,
        line_starts: line_starts(source),
    };
    let mut templates = TemplateSpans::default();
    templates.visit_program(program);
    cx.templates = templates.spans;
    cx.collect_imports(program);
    cx.directives(program);
    for stmt in &program.body {
        cx.top_level(stmt);
    }
    cx.jsx(program);
    let semicolons = program
        .body
        .iter()
        .find_map(|s| match s {
            Statement::ImportDeclaration(d) => Some(source[..d.span.end as usize].ends_with(';')),
            _ => None,
        })
        .unwrap_or(true);
    Some(Analysis {
        found: cx.found,
        blocking: cx.blocking,
        imports: cx.imports,
        specs: cx.specs,
        has_router_import: cx.has_router_import,
        semicolons,
        is_dx,
    })
}

impl Analysis {
    /// Applies `chosen` constructs (and what they require), drops imports made unused, checks
    /// the result and reports.
    fn finish(
        &self,
        path: &Path,
        source: &str,
        chosen: &[usize],
        whole_file: bool,
        options: &MigrateOptions,
    ) -> FileMigration {
        if let Some((kind, range, reason)) = self.blocking.first() {
            return self.left_file(source, *kind, *range, reason);
        }
        // Drop unsafe constructs unless allowed, then close over what the rest require.
        let allowed = |i: &usize| {
            let f = &self.found[*i];
            (f.outcome.is_migrated() || !f.edits.is_empty())
                && (options.include_unsafe || f.safety == Safety::Safe)
                && f.requires
                    .iter()
                    .all(|r| self.found[*r].outcome.is_migrated())
        };
        let mut applied = BTreeSet::new();
        let mut stack: Vec<usize> = chosen.iter().copied().filter(allowed).collect();
        while let Some(i) = stack.pop() {
            if applied.insert(i) {
                stack.extend(self.found[i].requires.iter().copied());
            }
        }
        let makes_dx = self.is_dx || applied.iter().any(|i| self.found[*i].makes_dx);
        if !makes_dx {
            // Rewrites only mean something in a `.dx` file: a file that stays TSX is untouched.
            let report = self
                .found
                .iter()
                .enumerate()
                .filter(|(i, _)| whole_file || chosen.contains(i))
                .map(|(_, f)| {
                    let outcome = if f.outcome.is_migrated() && !f.edits.is_empty() {
                        Outcome::Left(
                            "the file has no component to migrate, so it stays TSX".into(),
                        )
                    } else {
                        f.outcome.clone()
                    };
                    self.report(source, f, outcome)
                })
                .collect();
            return FileMigration {
                edits: Vec::new(),
                new_path: None,
                report,
            };
        }
        let mut edits: Vec<TextEdit> = applied
            .iter()
            .flat_map(|i| self.found[*i].edits.iter().cloned())
            .collect();
        let consumed: HashSet<u32> = applied
            .iter()
            .flat_map(|i| self.found[*i].consumed.iter().copied())
            .collect();
        let router = applied.iter().any(|i| self.found[*i].router);
        edits.extend(self.import_edits(source, &consumed, router));
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        if let Some(blank) = leading_blank_line(source, &edits) {
            edits.insert(0, blank);
            edits.sort_by_key(|e| (e.range.start, e.range.end));
        }
        let report_for = |i: usize, f: &Found| {
            let outcome = if applied.contains(&i) || !f.outcome.is_migrated() {
                f.outcome.clone()
            } else if f.safety == Safety::Unsafe && !options.include_unsafe {
                Outcome::Left("may change behaviour, so it is not applied unattended".into())
            } else {
                Outcome::Left("not part of this fix".into())
            };
            self.report(source, f, outcome)
        };
        let mut report: Vec<ConstructReport> = self
            .found
            .iter()
            .enumerate()
            .filter(|(i, _)| whole_file || applied.contains(i))
            .map(|(i, f)| report_for(i, f))
            .collect();
        report.sort_by_key(|r| (r.range.start, r.range.end));
        if let Some(pair) = edits.windows(2).find(|w| w[1].range.start < w[0].range.end) {
            let reason = format!(
                "two rewrites overlap at byte {} (a migrator limitation), so it stays TSX",
                pair[1].range.start
            );
            return self.left_file(source, ConstructKind::File, pair[1].range, &reason);
        }
        let output = apply_edits(source, &edits);
        let problems = options.syntax.errors(&output);
        if let Some(problem) = problems.first() {
            let line = output[..(problem.offset as usize).min(output.len())]
                .matches('\n')
                .count()
                + 1;
            let reason = format!(
                "the produced .dx would not parse ({} at line {line}), so it stays TSX",
                problem.message
            );
            return self.left_file(source, ConstructKind::File, TextRange::new(0, 0), &reason);
        }
        let new_path: Option<PathBuf> = (!self.is_dx).then(|| path.with_extension("dx"));
        FileMigration {
            edits,
            new_path,
            report,
        }
    }

    fn report(&self, source: &str, f: &Found, outcome: Outcome) -> ConstructReport {
        ConstructReport {
            kind: f.kind,
            range: f.range,
            line: line_of(source, f.range.start),
            outcome,
            safety: f.safety,
        }
    }

    fn left_file(
        &self,
        source: &str,
        kind: ConstructKind,
        range: TextRange,
        reason: &str,
    ) -> FileMigration {
        let mut report = vec![ConstructReport {
            kind,
            range,
            line: line_of(source, range.start),
            outcome: Outcome::Left(reason.to_string()),
            safety: Safety::Safe,
        }];
        for (kind, range, reason) in self.blocking.iter().skip(1) {
            report.push(ConstructReport {
                kind: *kind,
                range: *range,
                line: line_of(source, range.start),
                outcome: Outcome::Left(reason.clone()),
                safety: Safety::Safe,
            });
        }
        for f in &self.found {
            let outcome = if f.outcome.is_migrated() {
                Outcome::Left("the file stays TSX".into())
            } else {
                f.outcome.clone()
            };
            report.push(self.report(source, f, outcome));
        }
        FileMigration {
            edits: Vec::new(),
            new_path: None,
            report,
        }
    }

    /// Removes import specifiers whose every reference was migrated away, and adds the
    /// `dx/router` import when a migrated construct uses it.
    fn import_edits(&self, source: &str, consumed: &HashSet<u32>, router: bool) -> Vec<TextEdit> {
        let mut edits = Vec::new();
        let gone = |s: &ImportSpec| {
            s.removable && !s.refs.is_empty() && s.refs.iter().all(|r| consumed.contains(r))
        };
        let mut router_inserted = false;
        let semi = if self.semicolons { ";" } else { "" };
        let router_import = format!("import {{ router }} from \"dx/router\"{semi}");
        for decl in &self.imports {
            let specs: Vec<&ImportSpec> = decl.specs.iter().map(|i| &self.specs[*i]).collect();
            let removed: Vec<bool> = specs.iter().map(|s| gone(s)).collect();
            if !removed.iter().any(|r| *r) {
                continue;
            }
            if removed.iter().all(|r| *r) {
                let replace_with_router = router
                    && !router_inserted
                    && !self.has_router_import
                    && decl.source.starts_with("next/");
                if replace_with_router {
                    router_inserted = true;
                    edits.push(TextEdit::replace(
                        decl.range.start,
                        decl.range.end,
                        &router_import,
                    ));
                } else {
                    edits.push(TextEdit::delete(decl.full.start, decl.full.end));
                }
                continue;
            }
            let kept_named: Vec<&str> = specs
                .iter()
                .zip(&removed)
                .filter(|(s, r)| s.named && !**r)
                .map(|(s, _)| s.text.as_str())
                .collect();
            let any_named_removed = specs.iter().zip(&removed).any(|(s, r)| s.named && *r);
            if let Some(braces) = decl.named_braces
                && any_named_removed
            {
                if kept_named.is_empty() {
                    // `import React, { useState } from "react"` → `import React from "react"`.
                    let default_end = specs
                        .iter()
                        .filter(|s| !s.named)
                        .map(|s| s.range.end)
                        .max()
                        .unwrap_or(braces.start);
                    edits.push(TextEdit::delete(default_end, braces.end));
                } else {
                    let inner = TextRange::new(braces.start + 1, braces.end - 1);
                    let old = &source[inner.start as usize..inner.end as usize];
                    let text = if old.contains('\n') {
                        // One specifier per line, as the import was written.
                        let indent: String = old
                            .trim_start_matches(['\n', '\r'])
                            .chars()
                            .take_while(|c| *c == ' ' || *c == '\t')
                            .collect();
                        let close_indent = old.rsplit('\n').next().unwrap_or("");
                        let lines: String = kept_named
                            .iter()
                            .map(|k| format!("\n{indent}{k},"))
                            .collect();
                        format!("{lines}\n{close_indent}")
                    } else {
                        let pad = if old.starts_with(' ') { " " } else { "" };
                        format!("{pad}{}{pad}", kept_named.join(", "))
                    };
                    edits.push(TextEdit::replace(inner.start, inner.end, text));
                }
            }
        }
        if router && !router_inserted && !self.has_router_import {
            let at = self.imports.last().map_or(0, |d| d.full.end);
            let newline = if at == 0 || source[..at as usize].ends_with('\n') {
                ""
            } else {
                "\n"
            };
            edits.push(TextEdit::insert(at, format!("{newline}{router_import}\n")));
        }
        edits
    }
}

/// React hooks with a dx form, and the modules the migrator rewrites imports of.
const REACT: &str = "react";
const MIGRATED_HOOKS: &[&str] = &[
    "useState",
    "useEffect",
    "useLayoutEffect",
    "useMemo",
    "useCallback",
    "useRef",
    "useContext",
    "useReducer",
];
const OTHER_REACT_HOOKS: &[&str] = &[
    "useId",
    "useTransition",
    "useDeferredValue",
    "useImperativeHandle",
    "useSyncExternalStore",
    "useInsertionEffect",
    "useOptimistic",
    "useActionState",
    "useDebugValue",
    "use",
];
const DATA_FETCHING: &[&str] = &[
    "getServerSideProps",
    "getStaticProps",
    "getStaticPaths",
    "getInitialProps",
];

/// Which hook a call is, by where its callee was imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hook<'s> {
    React(&'s str),
    Navigation(&'s str),
    Custom,
}

struct Cx<'s, 'a> {
    source: &'s str,
    path: &'s Path,
    scoping: &'s Scoping,
    nodes: &'s AstNodes<'a>,
    /// local name → (module, imported name)
    imported: HashMap<String, (String, String)>,
    found: Vec<Found>,
    blocking: Vec<(ConstructKind, TextRange, String)>,
    imports: Vec<ImportDecl>,
    specs: Vec<ImportSpec>,
    templates: Vec<Span>,
    has_router_import: bool,
    line_starts: Vec<u32>,
}

fn line_starts(source: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i as u32 + 1))
        .collect()
}

fn line_of(source: &str, offset: u32) -> u32 {
    source[..(offset as usize).min(source.len())]
        .matches('\n')
        .count() as u32
        + 1
}

fn found(kind: ConstructKind, span: Span, outcome: Outcome, safety: Safety) -> Found {
    Found {
        kind,
        range: span.into(),
        outcome,
        safety,
        edits: Vec::new(),
        consumed: Vec::new(),
        requires: Vec::new(),
        router: false,
        makes_dx: false,
    }
}

fn left(kind: ConstructKind, span: Span, reason: impl Into<String>) -> Found {
    found(kind, span, Outcome::Left(reason.into()), Safety::Safe)
}

/// What a component's body is: a function or an arrow (block or expression body).
#[derive(Clone, Copy)]
enum FnLike<'r, 'a> {
    Function(&'r Function<'a>),
    Arrow(&'r ArrowFunctionExpression<'a>),
}

impl<'r, 'a> FnLike<'r, 'a> {
    fn span(self) -> Span {
        match self {
            FnLike::Function(f) => f.span,
            FnLike::Arrow(a) => a.span,
        }
    }
    fn params(self) -> &'r FormalParameters<'a> {
        match self {
            FnLike::Function(f) => &f.params,
            FnLike::Arrow(a) => &a.params,
        }
    }
    fn is_async(self) -> bool {
        match self {
            FnLike::Function(f) => f.r#async,
            FnLike::Arrow(a) => a.r#async,
        }
    }
    fn statements(self) -> Option<&'r [Statement<'a>]> {
        match self {
            FnLike::Function(f) => f.body.as_ref().map(|b| b.statements.as_slice()),
            FnLike::Arrow(a) => match &a.body {
                ArrowFunctionBody::FunctionBody(b) => Some(b.statements.as_slice()),
                _ => None,
            },
        }
    }
    fn body_span(self) -> Option<Span> {
        match self {
            FnLike::Function(f) => f.body.as_ref().map(|b| b.span),
            FnLike::Arrow(a) => Some(a.body.span()),
        }
    }
    /// The single expression an arrow returns (`() => expr`).
    fn expression_body(self) -> Option<&'r Expression<'a>> {
        match self {
            FnLike::Arrow(a) => a.body.as_expression(),
            FnLike::Function(_) => None,
        }
    }
    fn from_expression(expr: &'r Expression<'a>) -> Option<Self> {
        match expr.without_parentheses() {
            Expression::ArrowFunctionExpression(a) => Some(FnLike::Arrow(a)),
            Expression::FunctionExpression(f) => Some(FnLike::Function(f)),
            _ => None,
        }
    }
}

/// A component name: PascalCase, and not a route handler (`export async function GET`).
fn is_pascal(name: &str) -> bool {
    const HANDLERS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !HANDLERS.contains(&name)
}

fn is_hook_name(name: &str) -> bool {
    name == "use"
        || name
            .strip_prefix("use")
            .is_some_and(|rest| rest.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

fn is_nullish(expr: Option<&Expression>) -> bool {
    match expr.map(Expression::without_parentheses) {
        None | Some(Expression::NullLiteral(_)) => true,
        Some(Expression::BooleanLiteral(b)) => !b.value,
        Some(Expression::Identifier(id)) => id.name == "undefined",
        _ => false,
    }
}

fn is_jsx(expr: &Expression) -> bool {
    matches!(
        expr.without_parentheses(),
        Expression::JSXElement(_) | Expression::JSXFragment(_)
    )
}

/// Whether an expression needs parentheses as the test of `?:` or operand of `!`/`&&`.
fn needs_parens(expr: &Expression) -> bool {
    matches!(
        expr,
        Expression::ConditionalExpression(_)
            | Expression::SequenceExpression(_)
            | Expression::AssignmentExpression(_)
            | Expression::ArrowFunctionExpression(_)
            | Expression::YieldExpression(_)
            | Expression::LogicalExpression(_)
            | Expression::BinaryExpression(_)
    )
}

impl<'s, 'a> Cx<'s, 'a> {
    fn text(&self, span: Span) -> &'s str {
        &self.source[span.start as usize..span.end as usize]
    }

    fn push(&mut self, f: Found) -> usize {
        self.found.push(f);
        self.found.len() - 1
    }

    /// The indentation of the line holding `offset`.
    fn indent_at(&self, offset: u32) -> &'s str {
        let line = self.line_starts.partition_point(|s| *s <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let rest = &self.source[start..];
        &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
    }

    /// `span` widened to its whole line (with the line break) when nothing else is on it.
    fn whole_line(&self, span: Span) -> TextRange {
        let bytes = self.source.as_bytes();
        let mut start = span.start as usize;
        while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
            start -= 1;
        }
        let mut end = span.end as usize;
        while end < bytes.len() && matches!(bytes[end], b' ' | b'\t' | b'\r') {
            end += 1;
        }
        let at_line_start = start == 0 || bytes[start - 1] == b'\n';
        if at_line_start && end < bytes.len() && bytes[end] == b'\n' {
            TextRange::new(start as u32, end as u32 + 1)
        } else if at_line_start && end == bytes.len() {
            TextRange::new(start as u32, end as u32)
        } else {
            span.into()
        }
    }

    /// The end of a statement without its `;`, and whether it had one.
    fn without_semicolon(&self, stmt: Span) -> (u32, bool) {
        let text = self.text(stmt);
        if text.ends_with(';') {
            (stmt.end - 1, true)
        } else {
            (stmt.end, false)
        }
    }

    /// References to a binding: (node id, span) of each use.
    fn references(&self, id: &BindingIdentifier) -> Vec<(oxc::semantic::NodeId, Span)> {
        let Some(symbol) = id.symbol_id.get() else {
            return Vec::new();
        };
        self.scoping
            .get_resolved_reference_ids(symbol)
            .iter()
            .map(|r| {
                let node = self.scoping.get_reference(*r).node_id();
                (node, self.nodes.kind(node).span())
            })
            .collect()
    }

    fn collect_imports(&mut self, program: &Program<'a>) {
        for stmt in &program.body {
            let Statement::ImportDeclaration(decl) = stmt else {
                continue;
            };
            let module = decl.source.value.as_str();
            if module == "dx/router" {
                self.has_router_import = true;
            }
            let rewritable = matches!(
                module,
                REACT | "next/link" | "next/image" | "next/navigation" | "next/router"
            );
            let decl_index = self.imports.len();
            let mut spec_ids = Vec::new();
            let mut named_first: Option<u32> = None;
            let mut named_last: Option<u32> = None;
            for spec in decl.specifiers.iter().flatten() {
                let (local, imported, named, span) = match spec {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => {
                        named_first.get_or_insert(s.span.start);
                        named_last = Some(s.span.end);
                        (&s.local, s.imported.name().to_string(), true, s.span)
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                        (&s.local, "default".to_string(), false, s.span)
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                        (&s.local, "*".to_string(), false, s.span)
                    }
                };
                self.imported.insert(
                    local.name.to_string(),
                    (module.to_string(), imported.clone()),
                );
                let removable = rewritable
                    && decl.import_kind.is_value()
                    && match module {
                        REACT => MIGRATED_HOOKS.contains(&imported.as_str()),
                        "next/link" | "next/image" => imported == "default",
                        _ => matches!(
                            imported.as_str(),
                            "useRouter" | "usePathname" | "useSearchParams"
                        ),
                    };
                let refs = self
                    .references(local)
                    .iter()
                    .map(|(_, s)| s.start)
                    .collect();
                self.specs.push(ImportSpec {
                    decl: decl_index,
                    range: span.into(),
                    text: self.text(span).to_string(),
                    named,
                    refs,
                    removable,
                });
                spec_ids.push(self.specs.len() - 1);
            }
            let named_braces = named_first.zip(named_last).and_then(|(first, last)| {
                let open = self.source[..first as usize].rfind('{')? as u32;
                let close = self.source[last as usize..].find('}')? as u32 + last;
                Some(TextRange::new(open, close + 1))
            });
            debug_assert!(
                self.specs.iter().filter(|s| s.decl == decl_index).count() == spec_ids.len()
            );
            self.imports.push(ImportDecl {
                range: decl.span.into(),
                full: self.whole_line(decl.span),
                source: module.to_string(),
                specs: spec_ids,
                named_braces,
            });
        }
    }

    fn directives(&mut self, program: &Program<'a>) {
        for directive in &program.directives {
            match directive.directive.as_str() {
                "use client" => {
                    let mut f = found(
                        ConstructKind::UseClient,
                        directive.span,
                        Outcome::Migrated,
                        Safety::Safe,
                    );
                    let line = self.whole_line(directive.span);
                    f.edits.push(TextEdit::delete(line.start, line.end));
                    self.push(f);
                }
                "use server" => {
                    let line = self.whole_line(directive.span);
                    let mut f = found(
                        ConstructKind::ServerFunction,
                        directive.span,
                        Outcome::Migrated,
                        Safety::Safe,
                    );
                    f.edits.push(TextEdit::delete(line.start, line.end));
                    let directive_index = self.push(f);
                    self.server_file(program, directive_index);
                }
                _ => {}
            }
        }
    }

    /// In a `"use server"` file every exported async function becomes a `server function`.
    fn server_file(&mut self, program: &Program<'a>, directive_index: usize) {
        for stmt in &program.body {
            let Statement::ExportDeclaration(export) = stmt else {
                continue;
            };
            match &export.declaration {
                Declaration::FunctionDeclaration(func) if func.r#async => {
                    let mut f = found(
                        ConstructKind::ServerFunction,
                        func.span,
                        Outcome::Migrated,
                        Safety::Safe,
                    );
                    f.edits.push(TextEdit::insert(func.span.start, "server "));
                    f.makes_dx = true;
                    f.requires.push(directive_index);
                    let index = self.push(f);
                    self.found[directive_index].requires.push(index);
                }
                Declaration::VariableDeclaration(decl) => {
                    let reason = "a server action declared with `const` stays as is: dx's `server function` is a function declaration";
                    self.push(left(ConstructKind::ServerFunction, decl.span, reason));
                }
                _ => {}
            }
        }
    }

    /// A function with its own `"use server"` directive becomes a `server function`.
    fn server_function(&mut self, func: &Function<'a>) -> bool {
        let Some(body) = &func.body else { return false };
        let Some(directive) = body.directives.iter().find(|d| d.directive == "use server") else {
            return false;
        };
        if !func.r#async {
            self.push(left(
                ConstructKind::ServerFunction,
                func.span,
                "a server action must be async",
            ));
            return true;
        }
        let mut f = found(
            ConstructKind::ServerFunction,
            func.span,
            Outcome::Migrated,
            Safety::Safe,
        );
        f.edits.push(TextEdit::insert(func.span.start, "server "));
        let line = self.whole_line(directive.span);
        f.edits.push(TextEdit::delete(line.start, line.end));
        f.makes_dx = true;
        self.push(f);
        true
    }

    fn top_level(&mut self, stmt: &Statement<'a>) {
        match stmt {
            Statement::FunctionDeclaration(func) => self.function(func, None),
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::FunctionDeclaration(func) => {
                    let name = func.id.as_ref().map(|id| id.name.as_str()).unwrap_or("");
                    if name == "generateMetadata" {
                        let kept = Outcome::MigratedWithNote("kept as is".into());
                        self.push(found(
                            ConstructKind::Metadata,
                            func.span,
                            kept,
                            Safety::Safe,
                        ));
                    } else if DATA_FETCHING.contains(&name) {
                        self.blocking.push((
                            ConstructKind::DataFetching,
                            func.span.into(),
                            format!("`{name}` (pages router data loading) has no dx form yet, so the page stays TSX"),
                        ));
                    } else {
                        self.function(func, None);
                    }
                }
                Declaration::VariableDeclaration(decl) => self.variable(decl),
                Declaration::ClassDeclaration(class) => self.class(class),
                _ => {}
            },
            Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(func) => {
                    let fallback = default_name(self.path);
                    self.function(func, Some(fallback));
                }
                ExportDefaultDeclarationKind::ClassDeclaration(class) => self.class(class),
                _ => {}
            },
            Statement::VariableDeclaration(decl) => self.variable(decl),
            Statement::ClassDeclaration(class) => self.class(class),
            _ => {}
        }
    }

    fn class(&mut self, class: &Class<'a>) {
        let extends_component = class.heritage.as_ref().is_some_and(|s| {
            let text = self.text(s.expression.span());
            text.ends_with("Component") || text.ends_with("PureComponent")
        });
        if extends_component {
            self.blocking.push((
                ConstructKind::ClassComponent,
                class.span.into(),
                "class components have no dx form, so the file stays TSX".into(),
            ));
        }
    }

    fn variable(&mut self, decl: &VariableDeclaration<'a>) {
        let [declarator] = decl.declarations.as_slice() else {
            return;
        };
        let BindingPattern::BindingIdentifier(id) = &declarator.id else {
            return;
        };
        let name = id.name.as_str();
        if name == "metadata" || name == "viewport" {
            let kept = Outcome::MigratedWithNote("kept as is".into());
            self.push(found(
                ConstructKind::Metadata,
                decl.span,
                kept,
                Safety::Safe,
            ));
            return;
        }
        let Some(init) = &declarator.init else { return };
        if DATA_FETCHING.contains(&name) {
            self.blocking.push((
                ConstructKind::DataFetching,
                decl.span.into(),
                format!(
                    "`{name}` (pages router data loading) has no dx form yet, so the page stays TSX"
                ),
            ));
            return;
        }
        if !is_pascal(name) {
            if is_hook_name(name) && FnLike::from_expression(init).is_some() {
                self.push(left(
                    ConstructKind::CustomHook,
                    decl.span,
                    custom_hook_definition(name),
                ));
            }
            return;
        }
        if let Some(fn_like) = FnLike::from_expression(init) {
            if self.looks_like_component(fn_like) {
                self.component(
                    name,
                    fn_like,
                    decl.span,
                    declarator.type_annotation.is_some(),
                    None,
                );
            }
        } else if let Expression::CallExpression(call) = init.without_parentheses() {
            let callee = self.text(call.callee.span());
            let wraps_component = call
                .arguments
                .first()
                .and_then(Argument::as_expression)
                .and_then(FnLike::from_expression)
                .is_some_and(|f| self.looks_like_component(f));
            if wraps_component && (callee.ends_with("memo") || callee.ends_with("forwardRef")) {
                let reason =
                    format!("`{callee}(…)` component stays a function: dx has no `{callee}` form");
                self.push(left(ConstructKind::Component, decl.span, reason));
            }
        }
    }

    fn function(&mut self, func: &Function<'a>, fallback_name: Option<String>) {
        if self.server_function(func) {
            return;
        }
        let name = match (&func.id, &fallback_name) {
            (Some(id), _) => id.name.to_string(),
            (None, Some(fallback)) => fallback.clone(),
            (None, None) => return,
        };
        if is_hook_name(&name) {
            self.push(left(
                ConstructKind::CustomHook,
                func.span,
                custom_hook_definition(&name),
            ));
            return;
        }
        let fn_like = FnLike::Function(func);
        if !is_pascal(&name) || func.generator || !self.looks_like_component(fn_like) {
            return;
        }
        let anonymous = func.id.is_none().then_some(name.as_str());
        self.component(&name, fn_like, func.span, false, anonymous);
    }

    /// A PascalCase function is a component when it returns JSX or calls hooks.
    fn looks_like_component(&self, fn_like: FnLike<'_, 'a>) -> bool {
        let mut probe = ComponentProbe::default();
        match fn_like {
            FnLike::Function(f) => probe.visit_function_body_only(f),
            FnLike::Arrow(a) => probe.visit_arrow_body_only(a),
        }
        probe.jsx || probe.hooks
    }

    /// Turns a function into `component Name(params) { … markup }` and migrates its hooks.
    fn component(
        &mut self,
        name: &str,
        fn_like: FnLike<'_, 'a>,
        decl_span: Span,
        typed_declarator: bool,
        anonymous: Option<&str>,
    ) {
        let span = fn_like.span();
        let mut f = found(
            ConstructKind::Component,
            decl_span,
            Outcome::Migrated,
            Safety::Safe,
        );
        f.makes_dx = true;
        let already = match fn_like {
            FnLike::Function(func) => self.function_head(func, anonymous, &mut f),
            FnLike::Arrow(arrow) => {
                self.arrow_head(name, arrow, decl_span, &mut f);
                false
            }
        };
        if let Some(problem) = match fn_like {
            FnLike::Function(func) if func.type_parameters.is_some() => Some("generic"),
            FnLike::Arrow(arrow) if arrow.type_parameters.is_some() => Some("generic"),
            _ => None,
        } {
            let reason = format!(
                "{problem} component `{name}` stays a function: the `component` form takes no type parameters"
            );
            self.push(left(ConstructKind::Component, decl_span, reason));
            return;
        }
        if !already {
            if let Some(statements) = fn_like.statements() {
                if let Err(reason) = self.markup(statements, &mut f) {
                    self.blocking
                        .push((ConstructKind::EarlyReturn, span.into(), reason));
                    return;
                }
            } else if let Some(expr) = fn_like.expression_body() {
                self.expression_markup(expr, &mut f);
            }
        }
        if typed_declarator {
            f.outcome = Outcome::MigratedWithNote(
                "the declarator's type annotation (React.FC…) was dropped; props keep their own types".into(),
            );
        }
        let component_index = self.push(f);
        if let Some(statements) = fn_like.statements() {
            for stmt in statements {
                self.hook_statement(stmt, span, component_index);
            }
        }
    }

    /// `function X(` → `component X(`; drops a return type. Returns whether it already was one.
    fn function_head(&self, func: &Function<'a>, anonymous: Option<&str>, f: &mut Found) -> bool {
        let head_end = func
            .id
            .as_ref()
            .map_or(func.params.span.start, |id| id.span.start);
        let head = self.text(Span::new(func.span.start, head_end));
        if head.contains("component") {
            return true;
        }
        let Some(at) = head.find("function") else {
            return true;
        };
        let keyword_start = func.span.start + at as u32;
        match anonymous {
            Some(name) => f.edits.push(TextEdit::replace(
                keyword_start,
                func.params.span.start,
                format!("component {name}"),
            )),
            None => f.edits.push(TextEdit::replace(
                keyword_start,
                keyword_start + 8,
                "component",
            )),
        }
        if let Some(rt) = &func.return_type {
            f.edits
                .push(TextEdit::delete(func.params.span.end, rt.span.end));
        }
        false
    }

    /// `const X = (props) => …` → `component X(props) …`.
    fn arrow_head(
        &self,
        name: &str,
        arrow: &ArrowFunctionExpression<'a>,
        decl_span: Span,
        f: &mut Found,
    ) {
        let params_text = self.text(arrow.params.span);
        let params = if params_text.starts_with('(') {
            params_text.to_string()
        } else {
            format!("({params_text})")
        };
        let asyncness = if arrow.r#async { "async " } else { "" };
        let body_start = arrow.body.span().start;
        f.edits.push(TextEdit::replace(
            decl_span.start,
            body_start,
            format!("{asyncness}component {name}{params} "),
        ));
        let (end, _) = self.without_semicolon(decl_span);
        if end < decl_span.end {
            f.edits.push(TextEdit::delete(end, decl_span.end));
        }
    }

    /// `() => (<jsx/>)` → `{ <jsx/> }`.
    fn expression_markup(&self, expr: &Expression<'a>, f: &mut Found) {
        let span = expr.span();
        match expr {
            Expression::ParenthesizedExpression(paren) if is_jsx(&paren.expression) => {
                f.edits
                    .push(TextEdit::replace(span.start, span.start + 1, "{"));
                f.edits.push(TextEdit::replace(span.end - 1, span.end, "}"));
            }
            _ if is_jsx(expr) => {
                f.edits.push(TextEdit::insert(span.start, "{ "));
                f.edits.push(TextEdit::insert(span.end, " }"));
            }
            _ => {
                f.edits.push(TextEdit::insert(span.start, "{ <>{"));
                f.edits.push(TextEdit::insert(span.end, "}</> }"));
            }
        }
    }

    /// The component's final `return` (and the simple early returns right before it) become
    /// its markup. Any other `return` makes the file stay TSX.
    fn markup(&self, statements: &[Statement<'a>], f: &mut Found) -> Result<(), String> {
        let Some(last) = statements.last() else {
            return Err("the component has an empty body".into());
        };
        let mut branches: Vec<(&Expression<'a>, Option<&Expression<'a>>)> = Vec::new();
        let final_value: Option<&Expression<'a>>;
        let mut first_index = statements.len() - 1;
        let mut used_returns: Vec<Span> = Vec::new();
        match last {
            Statement::ReturnStatement(ret) => {
                final_value = ret.argument.as_ref();
                used_returns.push(ret.span);
                while first_index > 0 {
                    let Statement::IfStatement(stmt) = &statements[first_index - 1] else {
                        break;
                    };
                    if stmt.alternate.is_some() {
                        break;
                    }
                    let Some(ret) = single_return(&stmt.consequent) else {
                        break;
                    };
                    used_returns.push(ret.span);
                    branches.insert(0, (&stmt.test, ret.argument.as_ref()));
                    first_index -= 1;
                }
            }
            Statement::IfStatement(stmt) => {
                let mut current = stmt;
                loop {
                    let Some(ret) = single_return(&current.consequent) else {
                        return Err(self.early_return_reason(current.span));
                    };
                    used_returns.push(ret.span);
                    branches.push((&current.test, ret.argument.as_ref()));
                    match &current.alternate {
                        Some(Statement::IfStatement(next)) => current = next,
                        Some(other) => {
                            let Some(ret) = single_return(other) else {
                                return Err(self.early_return_reason(other.span()));
                            };
                            used_returns.push(ret.span);
                            final_value = ret.argument.as_ref();
                            break;
                        }
                        None => return Err(self.early_return_reason(current.span)),
                    }
                }
            }
            _ => {
                return Err("the component does not end with `return`, so it stays TSX".into());
            }
        }
        // Every other `return` in the body (outside nested functions) is a complex early return.
        let mut returns = ReturnFinder::default();
        for stmt in statements {
            returns.visit_statement(stmt);
        }
        if let Some(other) = returns.spans.iter().find(|s| !used_returns.contains(s)) {
            return Err(self.early_return_reason(*other));
        }
        let start = statements[first_index].span().start;
        let end = last.span().end;
        // A statement that ends in an expression (`const x = {…}`, `f()`) without `;` would
        // swallow a markup line starting with `<`; block statements cannot.
        let asi = first_index > 0 && {
            let prev = &statements[first_index - 1];
            let ends_in_expression = !matches!(
                prev,
                Statement::FunctionDeclaration(_)
                    | Statement::ClassDeclaration(_)
                    | Statement::BlockStatement(_)
                    | Statement::IfStatement(_)
                    | Statement::ForStatement(_)
                    | Statement::ForInStatement(_)
                    | Statement::ForOfStatement(_)
                    | Statement::WhileStatement(_)
                    | Statement::SwitchStatement(_)
                    | Statement::TryStatement(_)
                    | Statement::EmptyStatement(_)
                    | Statement::TSInterfaceDeclaration(_)
                    | Statement::TSEnumDeclaration(_)
            );
            ends_in_expression && !self.text(prev.span()).trim_end().ends_with(';')
        };
        let lead = if asi { ";" } else { "" };
        if branches.is_empty() {
            let Statement::ReturnStatement(ret) = last else {
                unreachable!("checked above")
            };
            self.final_return(ret, lead, f);
            return Ok(());
        }
        // `if (a) return A; if (b) return B; return C` → `<>{a ? A : b ? B : C}</>`.
        let value_span = |v: Option<&Expression<'a>>| v.map(GetSpan::span);
        if let [(test, value)] = branches.as_slice()
            && is_nullish(*value)
            && let Some(fin) = final_value
        {
            // `if (c) return null; return X` → `<>{!(c) && X}</>`.
            f.edits.push(TextEdit::replace(
                start,
                test.span().start,
                format!("{lead}<>{{!("),
            ));
            f.edits.push(TextEdit::replace(
                test.span().end,
                fin.span().start,
                ") && ",
            ));
            f.edits.push(TextEdit::replace(fin.span().end, end, "}</>"));
        } else {
            let mut cursor = start;
            let mut prefix = format!("{lead}<>{{");
            for (test, value) in &branches {
                let (open, close) = if needs_parens(test) {
                    ("(", ")")
                } else {
                    ("", "")
                };
                f.edits.push(TextEdit::replace(
                    cursor,
                    test.span().start,
                    format!("{prefix}{open}"),
                ));
                match value_span(*value) {
                    Some(v) => {
                        f.edits.push(TextEdit::replace(
                            test.span().end,
                            v.start,
                            format!("{close} ? "),
                        ));
                        cursor = v.end;
                        prefix = " : ".into();
                    }
                    None => {
                        cursor = test.span().end;
                        prefix = format!("{close} ? null : ");
                    }
                }
            }
            match value_span(final_value) {
                Some(v) => {
                    f.edits.push(TextEdit::replace(cursor, v.start, prefix));
                    f.edits.push(TextEdit::replace(v.end, end, "}</>"));
                }
                None => f
                    .edits
                    .push(TextEdit::replace(cursor, end, format!("{prefix}null}}</>"))),
            }
        }
        // Reported on the component: the conditional is part of its markup edits.
        f.outcome = Outcome::MigratedWithNote(if branches.len() == 1 {
            "an early return became a conditional in the markup".to_string()
        } else {
            format!(
                "{} early returns became a conditional in the markup",
                branches.len()
            )
        });
        Ok(())
    }

    fn early_return_reason(&self, span: Span) -> String {
        format!(
            "the early return at line {} is not a simple `if (…) return …` before the markup, so the file stays TSX",
            line_of(self.source, span.start)
        )
    }

    /// `return (<jsx/>);` → `<jsx/>`, dedented to the statement's column.
    fn final_return(&self, ret: &ReturnStatement<'a>, lead: &str, f: &mut Found) {
        let stmt_end = ret.span.end;
        match ret.argument.as_ref() {
            Some(arg) if is_jsx(arg) => {
                let jsx = arg.without_parentheses().span();
                f.edits
                    .push(TextEdit::replace(ret.span.start, jsx.start, lead));
                f.edits.push(TextEdit::delete(jsx.end, stmt_end));
                self.dedent(ret.span.start, jsx, f);
            }
            Some(arg) => {
                let span = arg.span();
                f.edits.push(TextEdit::replace(
                    ret.span.start,
                    span.start,
                    format!("{lead}<>{{"),
                ));
                f.edits.push(TextEdit::replace(span.end, stmt_end, "}</>"));
            }
            None => f.edits.push(TextEdit::replace(
                ret.span.start,
                stmt_end,
                format!("{lead}<></>"),
            )),
        }
    }

    /// Moves the lines of `jsx` left so it sits at the column of the statement at `anchor`.
    fn dedent(&self, anchor: u32, jsx: Span, f: &mut Found) {
        let line_of_anchor = self.line_starts.partition_point(|s| *s <= anchor);
        let line_of_jsx = self.line_starts.partition_point(|s| *s <= jsx.start);
        if line_of_anchor == line_of_jsx {
            return;
        }
        let delta = self
            .indent_at(jsx.start)
            .len()
            .saturating_sub(self.indent_at(anchor).len());
        if delta == 0 {
            return;
        }
        let starts: Vec<u32> = self
            .line_starts
            .iter()
            .copied()
            .filter(|s| *s > jsx.start && *s < jsx.end)
            .collect();
        for start in starts {
            if self
                .templates
                .iter()
                .any(|t| t.start < start && start < t.end)
            {
                continue;
            }
            let indent = self.indent_at(start).len();
            let line_is_blank = self.source[start as usize + indent..].starts_with('\n');
            if indent >= delta {
                f.edits.push(TextEdit::delete(start, start + delta as u32));
            } else if line_is_blank && indent > 0 {
                f.edits.push(TextEdit::delete(start, start + indent as u32));
            }
        }
    }

    /// The hook a call expression calls, if any.
    fn hook_of(&self, call: &CallExpression<'a>) -> Option<(Hook<'s>, Option<u32>)> {
        match call.callee.without_parentheses() {
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                if !is_hook_name(name) {
                    return None;
                }
                match self.imported.get(name) {
                    Some((module, imported)) if module == REACT => {
                        let hook =
                            static_str(imported, MIGRATED_HOOKS.iter().chain(OTHER_REACT_HOOKS))?;
                        Some((Hook::React(hook), Some(id.span.start)))
                    }
                    Some((module, imported))
                        if module == "next/navigation" || module == "next/router" =>
                    {
                        let hook = static_str(
                            imported,
                            ["useRouter", "usePathname", "useSearchParams", "useParams"].iter(),
                        )?;
                        Some((Hook::Navigation(hook), Some(id.span.start)))
                    }
                    _ => Some((Hook::Custom, None)),
                }
            }
            Expression::StaticMemberExpression(member) => {
                let Expression::Identifier(object) = &member.object else {
                    return None;
                };
                let (module, _) = self.imported.get(object.name.as_str())?;
                if module != REACT {
                    return None;
                }
                let hook = static_str(
                    member.property.name.as_str(),
                    MIGRATED_HOOKS.iter().chain(OTHER_REACT_HOOKS),
                )?;
                Some((Hook::React(hook), None))
            }
            _ => None,
        }
    }

    /// One top-level statement of a component body: `const … = useX(…)` or `useEffect(…)`.
    fn hook_statement(&mut self, stmt: &Statement<'a>, body: Span, component: usize) {
        match stmt {
            Statement::VariableDeclaration(decl) => {
                let [declarator] = decl.declarations.as_slice() else {
                    return;
                };
                let Some(Expression::CallExpression(call)) = declarator
                    .init
                    .as_ref()
                    .map(Expression::without_parentheses)
                else {
                    return;
                };
                let Some((hook, consumed)) = self.hook_of(call) else {
                    return;
                };
                let mut f = match hook {
                    Hook::React("useState") => self.use_state(decl, declarator, call),
                    Hook::React("useMemo") => self.use_memo(decl, declarator, call),
                    Hook::React("useCallback") => self.use_callback(decl, declarator, call),
                    Hook::React("useRef") => self.use_ref(decl, declarator, call),
                    Hook::React("useContext") => self.use_context(decl, declarator, call),
                    Hook::React("useReducer") => self.use_reducer(decl, declarator, call),
                    Hook::React(other) => left(
                        ConstructKind::ReactHook,
                        decl.span,
                        format!(
                            "`{other}` has no dx form; it keeps working through dx's React compatibility layer"
                        ),
                    ),
                    Hook::Navigation(name) => self.navigation(decl, declarator, name),
                    Hook::Custom => left(
                        ConstructKind::CustomHook,
                        decl.span,
                        custom_hook_call(self.text(call.callee.span())),
                    ),
                };
                if f.outcome.is_migrated() {
                    f.consumed.extend(consumed);
                    f.requires.push(component);
                }
                self.push(f);
            }
            Statement::ExpressionStatement(expr) => {
                let Expression::CallExpression(call) = expr.expression.without_parentheses() else {
                    return;
                };
                let Some((hook, consumed)) = self.hook_of(call) else {
                    return;
                };
                let mut f = match hook {
                    Hook::React(name @ ("useEffect" | "useLayoutEffect")) => {
                        self.use_effect(stmt.span(), call, name, body)
                    }
                    Hook::React(other) => left(
                        ConstructKind::ReactHook,
                        stmt.span(),
                        format!(
                            "`{other}` has no dx form; it keeps working through dx's React compatibility layer"
                        ),
                    ),
                    Hook::Navigation(_) | Hook::Custom => left(
                        ConstructKind::CustomHook,
                        stmt.span(),
                        custom_hook_call(self.text(call.callee.span())),
                    ),
                };
                if f.outcome.is_migrated() {
                    f.consumed.extend(consumed);
                    f.requires.push(component);
                }
                self.push(f);
            }
            Statement::FunctionDeclaration(func) => {
                self.server_function(func);
            }
            _ => {}
        }
    }

    /// `const [v, setV] = useState(init)` → `state v = init`, setter calls → assignments.
    fn use_state(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        call: &CallExpression<'a>,
    ) -> Found {
        let kind = ConstructKind::UseState;
        let Some((value, setter)) = array_pair(&declarator.id) else {
            return left(
                kind,
                decl.span,
                "only `const [value, setValue] = useState(…)` is migrated",
            );
        };
        let name = value.name.as_str();
        let ty = type_argument(self, call)
            .map(|t| format!(": {t}"))
            .unwrap_or_default();
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        let (_, semi) = self.without_semicolon(decl.span);
        let semi = if semi { ";" } else { "" };
        let mut suffix = String::new();
        if let Some(setter) = setter {
            let escapes = self.setter_calls(setter, name, &mut f);
            if escapes {
                let indent = self.indent_at(decl.span.start);
                suffix = format!(
                    "\n{indent}function {}(next: typeof {name}) {{ {name} = next }}",
                    setter.name
                );
                f.outcome = Outcome::MigratedWithNote(format!(
                    "`{}` is passed on or stored, so a small `function {}(next)` is kept; callers that pass an updater function must pass a value instead",
                    setter.name, setter.name
                ));
                f.safety = Safety::Unsafe;
            }
        }
        match call.arguments.first().and_then(Argument::as_expression) {
            None => {
                let ty = if ty.is_empty() {
                    ty
                } else {
                    format!("{ty} | undefined")
                };
                f.edits.push(TextEdit::replace(
                    decl.span.start,
                    decl.span.end,
                    format!("state {name}{ty} = undefined{semi}{suffix}"),
                ));
            }
            Some(init) => {
                // A lazy initializer `useState(() => e)` runs once, as the body does: `state v = e`.
                let kept = match FnLike::from_expression(init) {
                    Some(FnLike::Arrow(arrow)) if arrow.params.items.is_empty() => arrow
                        .body
                        .as_expression()
                        .map(GetSpan::span)
                        .unwrap_or(init.span()),
                    _ => init.span(),
                };
                let lazy_block = matches!(FnLike::from_expression(init), Some(FnLike::Arrow(a)) if a.body.as_expression().is_none())
                    || matches!(FnLike::from_expression(init), Some(FnLike::Function(_)));
                let (open, close) = if lazy_block { ("(", ")()") } else { ("", "") };
                f.edits.push(TextEdit::replace(
                    decl.span.start,
                    kept.start,
                    format!("state {name}{ty} = {open}"),
                ));
                f.edits.push(TextEdit::replace(
                    kept.end,
                    decl.span.end,
                    format!("{close}{semi}{suffix}"),
                ));
            }
        }
        f
    }

    /// Rewrites `setV(x)` → `v = x` and `setV(p => f(p))` → `v = f(v)`. Returns whether the
    /// setter is also used other than by calling it.
    fn setter_calls(&self, setter: &BindingIdentifier<'a>, name: &str, f: &mut Found) -> bool {
        let mut escapes = false;
        for (node, span) in self.references(setter) {
            let call_id = self.nodes.parent_id(node);
            let oxc::ast::AstKind::CallExpression(call) = self.nodes.kind(call_id) else {
                escapes = true;
                continue;
            };
            if call.callee.span() != span {
                escapes = true;
                continue;
            }
            let wrap = !matches!(
                self.nodes.parent_kind(call_id),
                oxc::ast::AstKind::ExpressionStatement(_)
                    | oxc::ast::AstKind::ArrowFunctionExpression(_)
                    | oxc::ast::AstKind::ParenthesizedExpression(_)
                    | oxc::ast::AstKind::SequenceExpression(_)
                    | oxc::ast::AstKind::JSXExpressionContainer(_)
            );
            let (open, close) = if wrap { ("(", ")") } else { ("", "") };
            let arg = call.arguments.first().and_then(Argument::as_expression);
            match arg {
                None => f.edits.push(TextEdit::replace(
                    call.span.start,
                    call.span.end,
                    format!("{open}{name} = undefined{close}"),
                )),
                Some(arg) => match FnLike::from_expression(arg) {
                    Some(FnLike::Arrow(arrow))
                        if arrow.body.as_expression().is_some()
                            && simple_param(&arrow.params).is_some() =>
                    {
                        let param = simple_param(&arrow.params).expect("checked");
                        let body = arrow.body.as_expression().expect("checked").span();
                        f.edits.push(TextEdit::replace(
                            call.span.start,
                            body.start,
                            format!("{open}{name} = "),
                        ));
                        for (_, use_span) in self.references(param) {
                            if param.name != name {
                                f.edits
                                    .push(TextEdit::replace(use_span.start, use_span.end, name));
                            }
                        }
                        f.edits
                            .push(TextEdit::replace(body.end, call.span.end, close));
                    }
                    Some(_) => {
                        let s = arg.span();
                        f.edits.push(TextEdit::replace(
                            call.span.start,
                            s.start,
                            format!("{open}{name} = ("),
                        ));
                        f.edits.push(TextEdit::replace(
                            s.end,
                            call.span.end,
                            format!(")({name}){close}"),
                        ));
                    }
                    None => {
                        let s = arg.span();
                        f.edits.push(TextEdit::replace(
                            call.span.start,
                            s.start,
                            format!("{open}{name} = "),
                        ));
                        f.edits.push(TextEdit::replace(s.end, call.span.end, close));
                    }
                },
            }
        }
        escapes
    }

    /// `useEffect(fn, [])` → `mount { … }`; with deps or none → `effect { … }`.
    fn use_effect(
        &self,
        stmt: Span,
        call: &CallExpression<'a>,
        hook: &str,
        component_body: Span,
    ) -> Found {
        let kind = ConstructKind::UseEffect;
        let Some(fn_like) = call
            .arguments
            .first()
            .and_then(Argument::as_expression)
            .and_then(FnLike::from_expression)
        else {
            return left(kind, stmt, "the effect is not an inline function");
        };
        if fn_like.is_async() {
            return left(kind, stmt, "an async effect function has no dx form");
        }
        let deps = call.arguments.get(1).and_then(Argument::as_expression);
        let form = match deps {
            Some(Expression::ArrayExpression(array)) if array.elements.is_empty() => "mount",
            Some(Expression::ArrayExpression(array)) => {
                let missing = self.missing_deps(fn_like, array, component_body);
                if !missing.is_empty() {
                    let note = format!(
                        "// dx-migrate: this effect reads {} but its deps array leaves {} out; dx re-runs an `effect` when anything it reads changes, so it is kept as `{hook}`",
                        missing.join(", "),
                        if missing.len() == 1 { "it" } else { "them" }
                    );
                    let mut f = left(
                        kind,
                        stmt,
                        format!(
                            "reads {} that its deps array omits on purpose; kept with a `// dx-migrate:` note",
                            missing.join(", ")
                        ),
                    );
                    let line_start = self.line_starts
                        [self.line_starts.partition_point(|s| *s <= stmt.start) - 1];
                    let previous_line = &self.source[..line_start as usize];
                    let noted = previous_line
                        .trim_end()
                        .rsplit('\n')
                        .next()
                        .is_some_and(|l| l.trim_start().starts_with("// dx-migrate:"));
                    if !noted {
                        let indent = self.indent_at(stmt.start);
                        f.edits
                            .push(TextEdit::insert(line_start, format!("{indent}{note}\n")));
                    }
                    return f;
                }
                "effect"
            }
            None => "effect",
            Some(_) => return left(kind, stmt, "the deps argument is not an array literal"),
        };
        let mut f = found(kind, stmt, Outcome::Migrated, Safety::Safe);
        if deps.is_none() {
            f.outcome = Outcome::MigratedWithNote("React re-ran this effect after every render; dx re-runs it when what it reads changes".into());
            f.safety = Safety::Unsafe;
        }
        if hook == "useLayoutEffect" {
            f.outcome = Outcome::MigratedWithNote(
                "useLayoutEffect ran before paint; dx runs it after render".into(),
            );
            f.safety = Safety::Unsafe;
        }
        match fn_like.expression_body() {
            Some(expr) => {
                let s = expr.span();
                let ret = if self.is_setter_call(expr) {
                    ""
                } else {
                    "return "
                };
                f.edits.push(TextEdit::replace(
                    stmt.start,
                    s.start,
                    format!("{form} {{ {ret}"),
                ));
                f.edits.push(TextEdit::replace(s.end, stmt.end, " }"));
            }
            None => {
                let body = fn_like.body_span().unwrap_or(stmt);
                f.edits.push(TextEdit::replace(
                    stmt.start,
                    body.start,
                    format!("{form} "),
                ));
                f.edits.push(TextEdit::delete(body.end, stmt.end));
            }
        }
        f
    }

    /// Names the effect reads from its component that its deps array leaves out (state
    /// setters, refs and dispatch functions are stable in React and never listed).
    fn missing_deps(
        &self,
        fn_like: FnLike<'_, 'a>,
        deps: &ArrayExpression<'a>,
        component: Span,
    ) -> Vec<String> {
        let listed: HashSet<String> = deps
            .elements
            .iter()
            .filter_map(|e| e.as_expression())
            .map(|e| root_name(self.text(e.span())))
            .collect();
        let mut reads = IdentifierReads::default();
        match fn_like {
            FnLike::Function(f) => reads.visit_function_body_only(f),
            FnLike::Arrow(a) => reads.visit_arrow_body_only(a),
        }
        let inner = fn_like.span();
        let mut missing = Vec::new();
        for reference in reads.references {
            let Some(symbol) = self.scoping.get_reference(reference).symbol_id() else {
                continue;
            };
            let declared = self.scoping.symbol_span(symbol);
            if !component.contains_inclusive(declared) || inner.contains_inclusive(declared) {
                continue;
            }
            let name = self.scoping.symbol_name(symbol).to_string();
            if listed.contains(&name) || missing.contains(&name) || self.is_stable(symbol) {
                continue;
            }
            missing.push(name);
        }
        missing
    }

    /// `setV(…)` of a `useState` (or `dispatch(…)`): it becomes an assignment, whose value a
    /// callback or effect should not return.
    fn is_setter_call(&self, expr: &Expression<'a>) -> bool {
        let Expression::CallExpression(call) = expr.without_parentheses() else {
            return false;
        };
        let Expression::Identifier(callee) = &call.callee else {
            return false;
        };
        callee
            .reference_id
            .get()
            .and_then(|r| self.scoping.get_reference(r).symbol_id())
            .is_some_and(|symbol| self.is_stable(symbol))
    }

    /// A `useState` setter, `useReducer` dispatch or `useRef` object: React keeps them stable.
    fn is_stable(&self, symbol: oxc::semantic::SymbolId) -> bool {
        let decl = self.scoping.symbol_declaration(symbol);
        let itself = std::iter::once(self.nodes.get_node(decl));
        let Some(declarator) =
            itself
                .chain(self.nodes.ancestors(decl))
                .find_map(|n| match n.kind() {
                    oxc::ast::AstKind::VariableDeclarator(d) => Some(d),
                    _ => None,
                })
        else {
            return false;
        };
        let Some(Expression::CallExpression(call)) = declarator
            .init
            .as_ref()
            .map(Expression::without_parentheses)
        else {
            return false;
        };
        match self.hook_of(call) {
            Some((Hook::React("useRef"), _)) => true,
            Some((Hook::React("useState" | "useReducer"), _)) => {
                // The second element of the pair is the stable one.
                array_pair(&declarator.id)
                    .and_then(|(_, second)| second)
                    .and_then(|b| b.symbol_id.get())
                    == Some(symbol)
            }
            _ => false,
        }
    }

    /// `const v = useMemo(() => e, deps)` → `derived v = e`.
    fn use_memo(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        call: &CallExpression<'a>,
    ) -> Found {
        let kind = ConstructKind::UseMemo;
        let BindingPattern::BindingIdentifier(id) = &declarator.id else {
            return left(
                kind,
                decl.span,
                "a destructured useMemo result is kept: `derived` binds one name",
            );
        };
        let Some(fn_like) = call
            .arguments
            .first()
            .and_then(Argument::as_expression)
            .and_then(FnLike::from_expression)
        else {
            return left(kind, decl.span, "the memo function is not inline");
        };
        let ty = declarator
            .type_annotation
            .as_ref()
            .map(|t| self.text(t.span).to_string())
            .or_else(|| type_argument(self, call).map(|t| format!(": {t}")))
            .unwrap_or_default();
        let (_, semi) = self.without_semicolon(decl.span);
        let semi = if semi { ";" } else { "" };
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        match fn_like.expression_body() {
            Some(expr) => {
                let s = expr.span();
                f.edits.push(TextEdit::replace(
                    decl.span.start,
                    s.start,
                    format!("derived {}{ty} = ", id.name),
                ));
                f.edits.push(TextEdit::replace(s.end, decl.span.end, semi));
            }
            None => {
                let s = fn_like.span();
                f.edits.push(TextEdit::replace(
                    decl.span.start,
                    s.start,
                    format!("derived {}{ty} = (", id.name),
                ));
                f.edits.push(TextEdit::replace(
                    s.end,
                    decl.span.end,
                    format!(")(){semi}"),
                ));
            }
        }
        f
    }

    /// `const f = useCallback((a) => …, deps)` → `function f(a) …`.
    fn use_callback(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        call: &CallExpression<'a>,
    ) -> Found {
        let kind = ConstructKind::UseCallback;
        let BindingPattern::BindingIdentifier(id) = &declarator.id else {
            return left(kind, decl.span, "a destructured useCallback result is kept");
        };
        let Some(fn_like) = call
            .arguments
            .first()
            .and_then(Argument::as_expression)
            .and_then(FnLike::from_expression)
        else {
            return left(kind, decl.span, "the callback is not inline");
        };
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        let asyncness = if fn_like.is_async() { "async " } else { "" };
        let params = fn_like.params();
        let params_text = self.text(params.span);
        let needs_parens = !params_text.starts_with('(');
        let (open, close) = if needs_parens { ("(", ")") } else { ("", "") };
        let generator = matches!(fn_like, FnLike::Function(func) if func.generator);
        let star = if generator { "*" } else { "" };
        let type_params = match fn_like {
            FnLike::Function(func) => func.type_parameters.as_ref().map(|t| self.text(t.span)),
            FnLike::Arrow(arrow) => arrow.type_parameters.as_ref().map(|t| self.text(t.span)),
        }
        .unwrap_or("");
        // Keep everything from the parameters to the body in place; rewrite what surrounds it.
        f.edits.push(TextEdit::replace(
            decl.span.start,
            params.span.start,
            format!("{asyncness}function{star} {}{type_params}{open}", id.name),
        ));
        let return_type_end = match fn_like {
            FnLike::Function(func) => func.return_type.as_ref().map(|t| t.span.end),
            FnLike::Arrow(arrow) => arrow.return_type.as_ref().map(|t| t.span.end),
        };
        let head_end = return_type_end.unwrap_or(params.span.end);
        if needs_parens {
            f.edits.push(TextEdit::insert(params.span.end, close));
        }
        match fn_like.expression_body() {
            Some(expr) => {
                let s = expr.span();
                let ret = if self.is_setter_call(expr) {
                    ""
                } else {
                    "return "
                };
                f.edits
                    .push(TextEdit::replace(head_end, s.start, format!(" {{ {ret}")));
                f.edits.push(TextEdit::replace(s.end, decl.span.end, " }"));
            }
            None => {
                let body = fn_like.body_span().unwrap_or(decl.span);
                f.edits.push(TextEdit::replace(head_end, body.start, " "));
                f.edits.push(TextEdit::delete(body.end, decl.span.end));
            }
        }
        f
    }

    /// `const r = useRef(init)` → `let r = init`, `r.current` → `r`; an escaping ref keeps a
    /// `{ current }` object.
    fn use_ref(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        call: &CallExpression<'a>,
    ) -> Found {
        let kind = ConstructKind::UseRef;
        let BindingPattern::BindingIdentifier(id) = &declarator.id else {
            return left(kind, decl.span, "a destructured ref is kept");
        };
        let name = id.name.as_str();
        let init = call.arguments.first().and_then(Argument::as_expression);
        let mut current_edits = Vec::new();
        let mut escapes = false;
        let mut element_ref = false;
        for (node, span) in self.references(id) {
            match self.nodes.parent_kind(node) {
                oxc::ast::AstKind::StaticMemberExpression(member)
                    if member.object.span() == span && member.property.name == "current" =>
                {
                    current_edits.push(TextEdit::replace(member.span.start, member.span.end, name));
                }
                oxc::ast::AstKind::JSXExpressionContainer(_) => {
                    let container = self.nodes.parent_id(node);
                    match self.nodes.parent_kind(container) {
                        oxc::ast::AstKind::JSXAttribute(attr)
                            if attr.is_identifier("ref") && self.on_intrinsic(container) =>
                        {
                            element_ref = true
                        }
                        _ => escapes = true,
                    }
                }
                _ => escapes = true,
            }
        }
        let (_, semi) = self.without_semicolon(decl.span);
        let semi = if semi { ";" } else { "" };
        let ty = type_argument(self, call);
        let init_text = init.map(|e| e.span());
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        if escapes && element_ref {
            return left(
                kind,
                decl.span,
                "the ref is both attached to an element and passed elsewhere; kept as `useRef`",
            );
        }
        if escapes {
            let ty = ty
                .map(|t| format!(": {{ current: {t} }}"))
                .unwrap_or_default();
            match init_text {
                Some(s) => {
                    f.edits.push(TextEdit::replace(
                        decl.span.start,
                        s.start,
                        format!("const {name}{ty} = {{ current: "),
                    ));
                    f.edits.push(TextEdit::replace(
                        s.end,
                        decl.span.end,
                        format!(" }}{semi}"),
                    ));
                }
                None => f.edits.push(TextEdit::replace(
                    decl.span.start,
                    decl.span.end,
                    format!("const {name}{ty} = {{ current: undefined }}{semi}"),
                )),
            }
            f.outcome = Outcome::MigratedWithNote(
                "the ref is passed elsewhere, so it stays a `{ current }` object".into(),
            );
            return f;
        }
        let is_null =
            init.is_some_and(|e| matches!(e.without_parentheses(), Expression::NullLiteral(_)));
        let ty = match ty {
            Some(t) if is_null && !t.contains("null") => format!(": {t} | null"),
            Some(t) => format!(": {t}"),
            None => String::new(),
        };
        match init_text {
            Some(s) => {
                f.edits.push(TextEdit::replace(
                    decl.span.start,
                    s.start,
                    format!("let {name}{ty} = "),
                ));
                f.edits.push(TextEdit::replace(s.end, decl.span.end, semi));
            }
            None => f.edits.push(TextEdit::replace(
                decl.span.start,
                decl.span.end,
                format!("let {name}{ty} = undefined{semi}"),
            )),
        }
        f.edits.extend(current_edits);
        f
    }

    /// Whether the JSX attribute holding `container` sits on a lowercase (DOM) element.
    fn on_intrinsic(&self, container: oxc::semantic::NodeId) -> bool {
        self.nodes
            .ancestors(container)
            .find_map(|n| match n.kind() {
                oxc::ast::AstKind::JSXOpeningElement(el) => {
                    Some(matches!(el.name, JSXElementName::Identifier(_)))
                }
                _ => None,
            })
            == Some(true)
    }

    /// `const t = useContext(C)` → `const context t = C`.
    fn use_context(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        call: &CallExpression<'a>,
    ) -> Found {
        let kind = ConstructKind::UseContext;
        let Some(arg) = call.arguments.first().and_then(Argument::as_expression) else {
            return left(kind, decl.span, "useContext without a context");
        };
        let (_, semi) = self.without_semicolon(decl.span);
        let semi = if semi { ";" } else { "" };
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        match &declarator.id {
            BindingPattern::BindingIdentifier(id) => {
                f.edits.push(TextEdit::replace(
                    decl.span.start,
                    arg.span().start,
                    format!("const context {} = ", id.name),
                ));
                f.edits
                    .push(TextEdit::replace(arg.span().end, decl.span.end, semi));
            }
            BindingPattern::ObjectPattern(object) => {
                // `const { a, b: c } = useContext(C)` → one `const context` and a `derived` per
                // name, so each stays current as the provided value changes.
                let Some(fields) = self.plain_fields(object) else {
                    return left(
                        kind,
                        decl.span,
                        "a destructured context with defaults, nesting or a rest element is kept",
                    );
                };
                let context_text = self.text(arg.span());
                if !matches!(
                    arg.without_parentheses(),
                    Expression::Identifier(_) | Expression::StaticMemberExpression(_)
                ) {
                    return left(
                        kind,
                        decl.span,
                        "a destructured context of a computed expression is kept",
                    );
                }
                let name = self.fresh_name(&lower_camel(
                    context_text.rsplit('.').next().unwrap_or("context"),
                ));
                let indent = self.indent_at(decl.span.start);
                let mut text = format!("const context {name} = {context_text}{semi}");
                for (key, local) in fields {
                    text.push_str(&format!("\n{indent}derived {local} = {name}.{key}{semi}"));
                }
                f.edits
                    .push(TextEdit::replace(decl.span.start, decl.span.end, text));
                f.outcome = Outcome::MigratedWithNote(format!(
                    "the destructured names became `derived` reads of `{name}`"
                ));
            }
            _ => return left(kind, decl.span, "an array-destructured context is kept"),
        }
        f
    }

    /// `{ a, b: c }` as (key, local) pairs; `None` for defaults, nesting, computed keys, rest.
    fn plain_fields(&self, object: &ObjectPattern<'a>) -> Option<Vec<(String, String)>> {
        if object.rest.is_some() {
            return None;
        }
        object
            .properties
            .iter()
            .map(|p| {
                let BindingPattern::BindingIdentifier(local) = &p.value else {
                    return None;
                };
                let key = p.key.static_name().filter(|_| !p.computed)?;
                Some((key.to_string(), local.name.to_string()))
            })
            .collect()
    }

    /// `base`, or `base2`, `base3`… when the file already uses the name.
    fn fresh_name(&self, base: &str) -> String {
        let taken = |name: &str| self.scoping.symbol_names().any(|n| n == name);
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|i| format!("{base}{i}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    }

    /// `const [s, dispatch] = useReducer(r, init)` → `state s = init` + `function dispatch`.
    fn use_reducer(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        call: &CallExpression<'a>,
    ) -> Found {
        let kind = ConstructKind::UseReducer;
        let Some((state, dispatch)) = array_pair(&declarator.id) else {
            return left(
                kind,
                decl.span,
                "only `const [state, dispatch] = useReducer(…)` is migrated",
            );
        };
        let args: Vec<&Expression<'a>> = call
            .arguments
            .iter()
            .filter_map(Argument::as_expression)
            .collect();
        let named = |e: &Expression| {
            matches!(
                e.without_parentheses(),
                Expression::Identifier(_) | Expression::StaticMemberExpression(_)
            )
        };
        let (reducer, init) = match args.as_slice() {
            [reducer, init] | [reducer, init, _] if named(reducer) => (*reducer, *init),
            _ => return left(kind, decl.span, "the reducer is not a named function"),
        };
        let init_fn = match args.get(2) {
            Some(e) if named(e) => Some(self.text(e.span())),
            Some(_) => return left(kind, decl.span, "the init function is not a named function"),
            None => None,
        };
        let name = state.name.as_str();
        let reducer_text = self.text(reducer.span());
        let (_, semi) = self.without_semicolon(decl.span);
        let semi = if semi { ";" } else { "" };
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        let (open, close) = init_fn.map_or((String::new(), ""), |i| (format!("{i}("), ")"));
        f.edits.push(TextEdit::replace(
            decl.span.start,
            init.span().start,
            format!("state {name} = {open}"),
        ));
        let dispatch_fn = dispatch.map(|d| {
            let indent = self.indent_at(decl.span.start);
            format!(
                "\n{indent}function {}(action: Parameters<typeof {reducer_text}>[1]) {{ {name} = {reducer_text}({name}, action) }}",
                d.name
            )
        });
        f.edits.push(TextEdit::replace(
            init.span().end,
            decl.span.end,
            format!("{close}{semi}{}", dispatch_fn.unwrap_or_default()),
        ));
        f
    }

    /// `useRouter()`, `usePathname()`, `useSearchParams()` → dx's `router`.
    fn navigation(
        &self,
        decl: &VariableDeclaration<'a>,
        declarator: &VariableDeclarator<'a>,
        hook: &str,
    ) -> Found {
        let kind = ConstructKind::NextNavigation;
        let BindingPattern::BindingIdentifier(id) = &declarator.id else {
            return left(
                kind,
                decl.span,
                format!("a destructured `{hook}()` is kept"),
            );
        };
        let name = id.name.as_str();
        let (_, semi) = self.without_semicolon(decl.span);
        let semi = if semi { ";" } else { "" };
        let mut f = found(kind, decl.span, Outcome::Migrated, Safety::Safe);
        f.router = true;
        let replacement = match hook {
            "useRouter" if name == "router" => {
                let line = self.whole_line(decl.span);
                f.edits.push(TextEdit::delete(line.start, line.end));
                return f;
            }
            "useRouter" => format!("const {name} = router{semi}"),
            "usePathname" => format!("derived {name} = router.path{semi}"),
            "useSearchParams" => {
                f.outcome = Outcome::MigratedWithNote(
                    "`router.query` replaces `useSearchParams()`: check how its values are read"
                        .into(),
                );
                f.safety = Safety::Unsafe;
                format!("derived {name} = router.query{semi}")
            }
            other => {
                return left(
                    kind,
                    decl.span,
                    format!("`{other}()` has no dx router form yet"),
                );
            }
        };
        f.edits.push(TextEdit::replace(
            decl.span.start,
            decl.span.end,
            replacement,
        ));
        f
    }

    /// JSX-level rewrites anywhere in the file: `className`/`htmlFor` on DOM elements, `<Link>`
    /// and `<Image>` from Next.js.
    fn jsx(&mut self, program: &Program<'a>) {
        let mut collector = JsxCollector::default();
        collector.visit_program(program);
        for element in collector.elements {
            match element.tag.as_str() {
                _ if element.intrinsic => {
                    for attr in &element.attrs {
                        if let Some(new) = dom_attribute(&attr.name) {
                            let mut f = found(
                                ConstructKind::JsxAttribute,
                                attr.name_span,
                                Outcome::Migrated,
                                Safety::Safe,
                            );
                            f.edits.push(TextEdit::replace(
                                attr.name_span.start,
                                attr.name_span.end,
                                new,
                            ));
                            self.push(f);
                        }
                    }
                }
                tag if self
                    .imported
                    .get(tag)
                    .is_some_and(|(m, i)| m == "next/link" && i == "default") =>
                {
                    self.link(&element)
                }
                tag if self
                    .imported
                    .get(tag)
                    .is_some_and(|(m, i)| m == "next/image" && i == "default") =>
                {
                    self.image(&element)
                }
                _ => {}
            }
        }
    }

    fn rename_element(&self, element: &JsxElementInfo, tag: &str, f: &mut Found) {
        f.edits.push(TextEdit::replace(
            element.name_span.start,
            element.name_span.end,
            tag,
        ));
        f.consumed.push(element.name_span.start);
        if let Some(close) = element.closing_name_span {
            f.edits.push(TextEdit::replace(close.start, close.end, tag));
            f.consumed.push(close.start);
        }
        for attr in &element.attrs {
            if let Some(new) = dom_attribute(&attr.name) {
                f.edits.push(TextEdit::replace(
                    attr.name_span.start,
                    attr.name_span.end,
                    new,
                ));
            }
        }
    }

    fn link(&mut self, element: &JsxElementInfo) {
        let kind = ConstructKind::NextLink;
        let next_only = [
            "prefetch",
            "replace",
            "scroll",
            "shallow",
            "locale",
            "legacyBehavior",
            "passHref",
            "as",
        ];
        if let Some(attr) = element
            .attrs
            .iter()
            .find(|a| next_only.contains(&a.name.as_str()))
        {
            let reason = format!(
                "`<Link {}>` has no `<a>` equivalent, so the element stays a `Link`",
                attr.name
            );
            self.push(left(kind, element.span, reason));
            return;
        }
        if element.spread {
            self.push(left(
                kind,
                element.span,
                "`<Link {...props}>` may carry Link-only props, so it stays",
            ));
            return;
        }
        let mut f = found(kind, element.span, Outcome::Migrated, Safety::Safe);
        self.rename_element(element, "a", &mut f);
        self.push(f);
    }

    fn image(&mut self, element: &JsxElementInfo) {
        let kind = ConstructKind::NextImage;
        if let Some(attr) = element
            .attrs
            .iter()
            .find(|a| matches!(a.name.as_str(), "fill" | "loader"))
        {
            let reason = format!(
                "`<Image {}>` needs Next.js' image component, so it is kept",
                attr.name
            );
            self.push(left(kind, element.span, reason));
            return;
        }
        let has = |name: &str| element.attrs.iter().any(|a| a.name == name);
        if element.spread || !has("width") || !has("height") {
            self.push(left(kind, element.span, "`<Image>` without explicit `width` and `height` is kept (a static import gives them to Next.js only)"));
            return;
        }
        let mut f = found(kind, element.span, Outcome::Migrated, Safety::Safe);
        self.rename_element(element, "img", &mut f);
        let mut dropped = Vec::new();
        for attr in &element.attrs {
            match attr.name.as_str() {
                "priority" => f.edits.push(TextEdit::replace(
                    attr.span.start,
                    attr.span.end,
                    "loading=\"eager\"",
                )),
                "quality" | "placeholder" | "blurDataURL" | "unoptimized" | "overrideSrc" => {
                    let start = self.source[..attr.span.start as usize]
                        .trim_end_matches([' ', '\t', '\n'])
                        .len() as u32;
                    f.edits.push(TextEdit::delete(start, attr.span.end));
                    dropped.push(attr.name.clone());
                }
                _ => {}
            }
        }
        let mut added = String::new();
        if !has("loading") && !has("priority") {
            added.push_str(" loading=\"lazy\"");
        }
        if !has("decoding") {
            added.push_str(" decoding=\"async\"");
        }
        if !added.is_empty() {
            f.edits.push(TextEdit::insert(element.attrs_end, added));
        }
        if !dropped.is_empty() {
            f.outcome = Outcome::MigratedWithNote(format!(
                "dropped Next.js-only props: {}",
                dropped.join(", ")
            ));
            f.safety = Safety::Unsafe;
        }
        self.push(f);
    }
}

/// When the edits delete everything before a blank line (the `"use client"` line and the
/// React imports), that blank line would open the file: delete it too.
fn leading_blank_line(source: &str, edits: &[TextEdit]) -> Option<TextEdit> {
    let mut at = 0u32;
    let mut deleted_any = false;
    for edit in edits {
        if edit.range.start == at && edit.new_text.is_empty() && !edit.range.is_empty() {
            at = edit.range.end;
            deleted_any = true;
        } else if edit.range.start <= at {
            return None;
        } else {
            break;
        }
    }
    let rest = &source[at as usize..];
    let blank_len = if rest.starts_with("\r\n") {
        2
    } else {
        u32::from(rest.starts_with('\n'))
    };
    let touched = edits
        .iter()
        .any(|e| e.range.start <= at + blank_len && e.range.end > at);
    (deleted_any && blank_len > 0 && !touched).then(|| TextEdit::delete(at, at + blank_len))
}

fn static_str<'x>(
    name: &str,
    mut list: impl Iterator<Item = &'x &'static str>,
) -> Option<&'static str> {
    list.find(|h| **h == name).copied()
}

fn custom_hook_definition(name: &str) -> String {
    format!(
        "custom hook `{name}` is left as is: its callers keep working through dx's React compatibility layer"
    )
}

fn custom_hook_call(callee: &str) -> String {
    format!(
        "custom hook `{callee}()` is left as is and works through dx's React compatibility layer"
    )
}

fn dom_attribute(name: &str) -> Option<&'static str> {
    match name {
        "className" => Some("class"),
        "htmlFor" => Some("for"),
        _ => None,
    }
}

/// The component name for `export default function () {}`: from the file (`page.tsx` → `Page`).
fn default_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("component");
    let mut name: String = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        name.insert_str(0, "Component");
    }
    name
}

/// The one `return` a branch is: `return x;` or `{ return x; }`.
fn single_return<'r, 'a>(stmt: &'r Statement<'a>) -> Option<&'r ReturnStatement<'a>> {
    match stmt {
        Statement::ReturnStatement(ret) => Some(ret),
        Statement::BlockStatement(block) => match block.body.as_slice() {
            [Statement::ReturnStatement(ret)] => Some(ret),
            _ => None,
        },
        _ => None,
    }
}

/// `[a, b]` of identifiers (the second optional).
fn array_pair<'r, 'a>(
    pattern: &'r BindingPattern<'a>,
) -> Option<(&'r BindingIdentifier<'a>, Option<&'r BindingIdentifier<'a>>)> {
    let BindingPattern::ArrayPattern(array) = pattern else {
        return None;
    };
    if array.rest.is_some() || array.elements.len() > 2 {
        return None;
    }
    let first = match array.elements.first()? {
        Some(BindingPattern::BindingIdentifier(id)) => id,
        _ => return None,
    };
    let second = match array.elements.get(1) {
        None | Some(None) => None,
        Some(Some(BindingPattern::BindingIdentifier(id))) => Some(&**id),
        Some(Some(_)) => return None,
    };
    Some((first, second))
}

fn simple_param<'r, 'a>(params: &'r FormalParameters<'a>) -> Option<&'r BindingIdentifier<'a>> {
    match params.items.as_slice() {
        [param] if params.rest.is_none() && param.initializer.is_none() => match &param.pattern {
            BindingPattern::BindingIdentifier(id) => Some(id),
            _ => None,
        },
        _ => None,
    }
}

fn type_argument<'s>(cx: &Cx<'s, '_>, call: &CallExpression) -> Option<&'s str> {
    let args = call.type_arguments.as_ref()?;
    let first = args.params.first()?;
    Some(cx.text(first.span()))
}

/// `ChatbotUIContext` → `chatbotUIContext`.
fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `a.b?.c` → `a`: the name a deps entry is about.
fn root_name(text: &str) -> String {
    text.split(['.', '?', '[', '!'])
        .next()
        .unwrap_or(text)
        .trim()
        .to_string()
}

/// Spans of template literals, whose lines dedenting must not touch.
#[derive(Default)]
struct TemplateSpans {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for TemplateSpans {
    fn visit_template_literal(&mut self, it: &TemplateLiteral<'a>) {
        self.spans.push(it.span);
        walk::walk_template_literal(self, it);
    }
}

/// Visits a function's body alone: not its name, parameters or type annotations.
trait VisitBodyOnly<'a>: Visit<'a> {
    fn visit_function_body_only(&mut self, f: &Function<'a>) {
        if let Some(body) = &f.body {
            self.visit_function_body(body);
        }
    }

    fn visit_arrow_body_only(&mut self, a: &ArrowFunctionExpression<'a>) {
        match &a.body {
            ArrowFunctionBody::FunctionBody(body) => self.visit_function_body(body),
            other => {
                if let Some(expr) = other.as_expression() {
                    self.visit_expression(expr);
                }
            }
        }
    }
}

impl<'a, V: Visit<'a>> VisitBodyOnly<'a> for V {}

/// Whether a function body has JSX or calls hooks (nested functions included for JSX).
#[derive(Default)]
struct ComponentProbe {
    jsx: bool,
    hooks: bool,
}

impl<'a> Visit<'a> for ComponentProbe {
    fn visit_jsx_element(&mut self, _: &JSXElement<'a>) {
        self.jsx = true;
    }
    fn visit_jsx_fragment(&mut self, _: &JSXFragment<'a>) {
        self.jsx = true;
    }
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let name = match it.callee.without_parentheses() {
            Expression::Identifier(id) => Some(id.name.as_str()),
            Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
            _ => None,
        };
        if name.is_some_and(is_hook_name) {
            self.hooks = true;
        }
        walk::walk_call_expression(self, it);
    }
}

/// `return` statements of a body, not those of nested functions.
#[derive(Default)]
struct ReturnFinder {
    spans: Vec<Span>,
}

impl<'a> Visit<'a> for ReturnFinder {
    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        self.spans.push(it.span);
    }
    fn visit_function(&mut self, _: &Function<'a>, _: oxc::semantic::ScopeFlags) {}
    fn visit_arrow_function_expression(&mut self, _: &ArrowFunctionExpression<'a>) {}
    fn visit_class(&mut self, _: &Class<'a>) {}
}

/// Every identifier reference inside a function.
#[derive(Default)]
struct IdentifierReads {
    references: Vec<oxc::semantic::ReferenceId>,
}

impl<'a> Visit<'a> for IdentifierReads {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if let Some(id) = it.reference_id.get() {
            self.references.push(id);
        }
    }
}

/// What the JSX rewrites need to know about one element, owned (visitors hand out short borrows).
struct JsxElementInfo {
    span: Span,
    tag: String,
    intrinsic: bool,
    name_span: Span,
    closing_name_span: Option<Span>,
    attrs: Vec<JsxAttrInfo>,
    attrs_end: u32,
    spread: bool,
}

struct JsxAttrInfo {
    name: String,
    name_span: Span,
    span: Span,
}

#[derive(Default)]
struct JsxCollector {
    elements: Vec<JsxElementInfo>,
}

impl<'a> Visit<'a> for JsxCollector {
    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        let opening = &it.opening_element;
        let (tag, intrinsic) = match &opening.name {
            JSXElementName::Identifier(id) => (id.name.to_string(), true),
            JSXElementName::IdentifierReference(id) => (id.name.to_string(), false),
            _ => (String::new(), false),
        };
        let mut attrs = Vec::new();
        let mut spread = false;
        for item in &opening.attributes {
            match item {
                JSXAttributeItem::Attribute(attr) => {
                    if let JSXAttributeName::Identifier(name) = &attr.name {
                        attrs.push(JsxAttrInfo {
                            name: name.name.to_string(),
                            name_span: name.span,
                            span: attr.span,
                        });
                    }
                }
                JSXAttributeItem::SpreadAttribute(_) => spread = true,
            }
        }
        let name_span = opening.name.span();
        let attrs_end = opening
            .attributes
            .last()
            .map_or(name_span.end, |a| a.span().end);
        self.elements.push(JsxElementInfo {
            span: it.span,
            tag,
            intrinsic,
            name_span,
            closing_name_span: it.closing_element.as_ref().map(|c| c.name.span()),
            attrs,
            attrs_end,
            spread,
        });
        walk::walk_jsx_element(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_come_from_the_file() {
        assert_eq!(default_name(Path::new("app/page.tsx")), "Page");
        assert_eq!(default_name(Path::new("not-found.tsx")), "NotFound");
        assert_eq!(default_name(Path::new("404.tsx")), "Component404");
    }

    #[test]
    fn deps_are_named_by_their_root() {
        assert_eq!(root_name("user.id"), "user");
        assert_eq!(root_name("items?.length"), "items");
    }
}
