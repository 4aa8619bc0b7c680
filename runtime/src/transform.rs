//! Source → runnable JavaScript: TypeScript and JSX stripped by oxc, plus the facts the module
//! loader needs about a file (is it ESM or CommonJS, which names a CommonJS file exports).
//!
//! Everything here is a pure function of (path, source, options), which is what lets
//! [`crate::cache`] key results by content hash and skip this work entirely on a warm run.

use std::path::Path;

use oxc::{
    allocator::Allocator,
    ast::ast::{
        Argument, AssignmentTarget, CallExpression, Expression, ObjectPropertyKind, PropertyKey,
    },
    ast_visit::{Visit, walk},
    codegen::{Codegen, CodegenOptions},
    diagnostics::OxcDiagnostic,
    parser::Parser,
    semantic::SemanticBuilder,
    span::SourceType,
    transformer::{JsxRuntime, TransformOptions, Transformer},
};
use serde::{Deserialize, Serialize};

use crate::coverage::{self, CoverageMap};

/// How a file's code must be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModuleFormat {
    /// ECMAScript module: evaluated by the engine's module loader.
    Esm,
    /// CommonJS: wrapped in `function (exports, require, module, __filename, __dirname)`.
    CommonJs,
}

/// The JSX flavour for `.jsx`/`.tsx` files when no pragma in the file says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JsxMode {
    /// `react/jsx-runtime` (or `<import_source>/jsx-runtime`), React 17+'s default.
    Automatic { import_source: String },
    /// `React.createElement` calls, or the given factory and fragment.
    Classic { factory: String, fragment: String },
}

impl Default for JsxMode {
    fn default() -> Self {
        JsxMode::Automatic {
            import_source: "react".to_owned(),
        }
    }
}

/// What the transform may depend on besides the source text. Part of the cache key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TransformConfig {
    pub jsx: JsxMode,
    /// The module format a `.js`/`.ts` file without module syntax has: `"type"` of the nearest
    /// package.json decides for Node; files with `import`/`export` are ESM either way.
    pub package_type_module: bool,
    /// Insert coverage counters (`dx test --coverage`): a separate cache entry, so
    /// instrumented code never replaces the plain one.
    pub coverage: bool,
}

/// A file ready for the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transformed {
    /// Code to evaluate; `None` when the source runs unchanged (plain JavaScript).
    pub code: Option<String>,
    /// Source map (JSON) from `code` back to the original file.
    pub source_map: Option<String>,
    pub format: ModuleFormat,
    /// For CommonJS: the export names found statically, the way Node's cjs-module-lexer does,
    /// so that `import { x } from "./file.cjs"` links before the file runs.
    pub cjs_exports: Vec<String>,
    /// For CommonJS: specifiers whose exports this file re-exports (`module.exports = require(x)`).
    pub cjs_reexports: Vec<String>,
    /// CommonJS free variables (`require`, `__filename`, `__dirname`) that an ESM TypeScript or
    /// JSX file uses without declaring: the loader provides them, as bun does, so TypeScript
    /// written for ts-jest keeps working.
    pub commonjs_globals: Vec<String>,
    /// What the coverage counters in `code` count, when the file was instrumented.
    pub coverage: Option<CoverageMap>,
}

/// A file that does not parse: the first problem and where it is, and every oxc diagnostic
/// rendered with its code frame.
#[derive(Debug, thiserror::Error)]
#[error("{message} ({file}:{line}:{column})")]
pub struct SyntaxError {
    pub message: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub rendered: String,
}

/// Languages the runtime knows, by extension.
pub fn is_transformable(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx")
    )
}

/// Parses `source`, strips types and JSX when the language needs it, and describes the module.
pub fn transform(
    path: &Path,
    source: &str,
    config: &TransformConfig,
) -> Result<Transformed, SyntaxError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("js");
    let forced = match ext {
        "mjs" | "mts" => Some(ModuleFormat::Esm),
        "cjs" | "cts" => Some(ModuleFormat::CommonJs),
        _ => None,
    };
    let source_type = SourceType::from_path(path)
        .unwrap_or_default()
        .with_unambiguous(forced.is_none())
        .with_module(forced == Some(ModuleFormat::Esm))
        .with_commonjs(forced == Some(ModuleFormat::CommonJs));
    let needs_transform = source_type.is_typescript() || source_type.is_jsx();

    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        return Err(render_diagnostics(path, source, parsed.diagnostics));
    }
    let has_module_syntax = parsed.module_record.has_module_syntax;
    let format = forced.unwrap_or(if has_module_syntax || config.package_type_module {
        ModuleFormat::Esm
    } else {
        ModuleFormat::CommonJs
    });
    let mut program = parsed.program;

    let (cjs_exports, cjs_reexports) = if format == ModuleFormat::CommonJs {
        let mut lexer = CjsExportLexer::default();
        lexer.visit_program(&program);
        lexer.exports.sort();
        lexer.exports.dedup();
        (lexer.exports, lexer.reexports)
    } else {
        (Vec::new(), Vec::new())
    };

    // Counters go in before TypeScript is stripped, so their locations are the source's.
    let coverage = config.coverage.then(|| {
        coverage::instrument::instrument(
            &mut program,
            &allocator,
            source,
            &coverage::counters_global(path),
        )
    });

    // Plain JavaScript runs as it is: no scopes to build, nothing to strip.
    if !needs_transform {
        let (code, source_map) = match coverage {
            Some(_) => {
                let (code, map) = generate(path, &program);
                (Some(code), map)
            }
            None => (None, None),
        };
        return Ok(Transformed {
            code,
            source_map,
            format,
            cjs_exports,
            cjs_reexports,
            commonjs_globals: Vec::new(),
            coverage,
        });
    }

    let semantic = SemanticBuilder::new().with_enum_eval(true).build(&program);
    let scoping = semantic.semantic.into_scoping();
    let commonjs_globals = if format == ModuleFormat::Esm {
        ["require", "__filename", "__dirname"]
            .into_iter()
            .filter(|name| scoping.root_unresolved_references().contains_key(*name))
            .map(str::to_owned)
            .collect()
    } else {
        Vec::new()
    };

    let mut options = TransformOptions::default();
    let jsx = if source_type.is_jsx() {
        jsx_pragmas(&program, source, &config.jsx)
    } else {
        config.jsx.clone()
    };
    match &jsx {
        JsxMode::Automatic { import_source } => {
            options.jsx.runtime = JsxRuntime::Automatic;
            options.jsx.import_source = Some(import_source.clone());
        }
        JsxMode::Classic { factory, fragment } => {
            options.jsx.runtime = JsxRuntime::Classic;
            options.jsx.pragma = Some(factory.clone());
            options.jsx.pragma_frag = Some(fragment.clone());
        }
    }
    // Keep `declare`-less class fields as TypeScript's `useDefineForClassFields` does for ES2022.
    options.typescript.allow_declare_fields = true;
    let transformed =
        Transformer::new(&allocator, path, &options).build_with_scoping(scoping, &mut program);
    if !transformed.diagnostics.is_empty() {
        return Err(render_diagnostics(path, source, transformed.diagnostics));
    }
    let (code, source_map) = generate(path, &program);
    Ok(Transformed {
        code: Some(code),
        source_map,
        format,
        cjs_exports,
        cjs_reexports,
        commonjs_globals,
        coverage,
    })
}

/// JavaScript for `program` and its source map (JSON) back to the file's original text.
fn generate(path: &Path, program: &oxc::ast::ast::Program) -> (String, Option<String>) {
    let output = Codegen::new()
        .with_options(CodegenOptions {
            source_map_path: Some(path.to_path_buf()),
            ..CodegenOptions::default()
        })
        .build(program);
    (output.code, output.map.map(|map| map.to_json_string()))
}

/// Babel's and TypeScript's JSX pragma comments (`@jsxRuntime classic`, `@jsx h`,
/// `@jsxFrag Fragment`, `@jsxImportSource preact`) override the project's JSX settings.
fn jsx_pragmas(program: &oxc::ast::ast::Program, source: &str, project: &JsxMode) -> JsxMode {
    let mut runtime = None;
    let (mut factory, mut fragment, mut import_source) = (None, None, None);
    for comment in &program.comments {
        let text = comment.span.source_text(source);
        let mut words = text
            .split(|c: char| c.is_whitespace() || c == '*')
            .filter(|w| !w.is_empty());
        while let Some(word) = words.next() {
            let value = || words.clone().next().map(str::to_owned);
            match word {
                "@jsxRuntime" => runtime = value(),
                "@jsx" => factory = value(),
                "@jsxFrag" => fragment = value(),
                "@jsxImportSource" => import_source = value(),
                _ => {}
            }
        }
    }
    let classic = match runtime.as_deref() {
        Some("classic") => true,
        Some("automatic") => false,
        _ => factory.is_some() || matches!(project, JsxMode::Classic { .. }),
    };
    match (classic, project) {
        (
            true,
            JsxMode::Classic {
                factory: f,
                fragment: g,
            },
        ) => JsxMode::Classic {
            factory: factory.unwrap_or_else(|| f.clone()),
            fragment: fragment.unwrap_or_else(|| g.clone()),
        },
        (true, JsxMode::Automatic { .. }) => JsxMode::Classic {
            factory: factory.unwrap_or_else(|| "React.createElement".into()),
            fragment: fragment.unwrap_or_else(|| "React.Fragment".into()),
        },
        (
            false,
            JsxMode::Automatic {
                import_source: source,
            },
        ) => JsxMode::Automatic {
            import_source: import_source.unwrap_or_else(|| source.clone()),
        },
        (false, JsxMode::Classic { .. }) => JsxMode::Automatic {
            import_source: import_source.unwrap_or_else(|| "react".into()),
        },
    }
}

/// The top-level `jest.mock(...)` / `vi.mock(...)` (and `unmock`) statements of a test file's
/// code, as one script. The test runner evaluates it before the file's imports, which is what
/// babel-jest and vitest achieve by hoisting the calls above the imports: a module is mocked
/// for every import of it, including the test file's own.
pub fn hoisted_mock_calls(code: &str) -> String {
    // Most test files mock nothing: without the word, there is nothing to parse for.
    if !code.contains("mock") {
        return String::new();
    }
    let allocator = Allocator::default();
    let source_type = SourceType::mjs().with_unambiguous(true);
    let parsed = Parser::new(&allocator, code, source_type).parse();
    if parsed.panicked {
        return String::new();
    }
    let mut script = String::new();
    for statement in &parsed.program.body {
        let oxc::ast::ast::Statement::ExpressionStatement(statement) = statement else {
            continue;
        };
        let Expression::CallExpression(call) = &statement.expression else {
            continue;
        };
        let Expression::StaticMemberExpression(member) = &call.callee else {
            continue;
        };
        let Expression::Identifier(object) = &member.object else {
            continue;
        };
        if matches!(object.name.as_str(), "jest" | "vi" | "vitest")
            && matches!(member.property.name.as_str(), "mock" | "unmock")
        {
            script.push_str(&code[statement.span.start as usize..statement.span.end as usize]);
            script.push_str(";\n");
        }
    }
    script
}

fn render_diagnostics(
    path: &Path,
    source: &str,
    diagnostics: impl IntoIterator<Item = OxcDiagnostic>,
) -> SyntaxError {
    let diagnostics: Vec<OxcDiagnostic> = diagnostics.into_iter().collect();
    let first = diagnostics.first();
    let message = first.map_or_else(|| "invalid syntax".to_owned(), |d| d.message.to_string());
    let offset = first
        .and_then(|d| d.labels.first())
        .map_or(0, |label| label.offset() as usize);
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    let named = oxc::diagnostics::NamedSource::new(path.display().to_string(), source.to_owned());
    let rendered = diagnostics
        .into_iter()
        .map(|diagnostic| {
            let report = diagnostic.with_source_code(named.clone());
            let mut out = String::new();
            let handler = oxc::diagnostics::GraphicalReportHandler::new_themed(
                oxc::diagnostics::GraphicalTheme::unicode_nocolor(),
            );
            match handler.render_report(&mut out, report.as_ref()) {
                Ok(()) => out,
                Err(_) => report.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    SyntaxError {
        message,
        file: path.display().to_string(),
        line,
        column,
        rendered,
    }
}

/// Finds CommonJS export names the way Node's cjs-module-lexer does, on the AST instead of tokens:
/// `exports.x =`, `module.exports.x =`, `Object.defineProperty(exports, "x", …)`,
/// `module.exports = { a, b: …, c() {} }` (also esbuild's `0 && (module.exports = {…})`
/// annotation), and re-exports through `module.exports = require("x")`, TypeScript's
/// `__exportStar(require("x"), exports)` or Babel's
/// `var _x = require("x"); Object.keys(_x).forEach(function (key) { … exports[key] … })`.
#[derive(Default)]
struct CjsExportLexer {
    exports: Vec<String>,
    reexports: Vec<String>,
    /// `var _x = require("x")` (or an interop helper around it): binding → specifier.
    required: Vec<(String, String)>,
    /// Inside `Object.keys(_x).forEach(callback)`: the specifier `_x` was required from.
    copying_from: Option<String>,
}

/// `require("x")`, or a helper wrapped around it (`_interopRequireWildcard(require("x"))`).
fn required_specifier<'a>(expr: &'a Expression<'a>) -> Option<&'a str> {
    require_specifier(expr).or_else(|| match expr.without_parentheses() {
        Expression::CallExpression(call) if call.arguments.len() == 1 => call.arguments[0]
            .as_expression()
            .and_then(require_specifier),
        _ => None,
    })
}

/// The binding `Object.keys(binding).forEach(…)` walks, when `call` is that.
fn object_keys_for_each<'a>(call: &'a CallExpression<'a>) -> Option<&'a str> {
    let Expression::StaticMemberExpression(for_each) = &call.callee else {
        return None;
    };
    if for_each.property.name != "forEach" {
        return None;
    }
    let Expression::CallExpression(keys) = &for_each.object else {
        return None;
    };
    let Expression::StaticMemberExpression(keys_callee) = &keys.callee else {
        return None;
    };
    if keys_callee.property.name != "keys"
        || !matches!(&keys_callee.object, Expression::Identifier(id) if id.name == "Object")
    {
        return None;
    }
    match keys.arguments.first()?.as_expression()? {
        Expression::Identifier(id) => Some(id.name.as_str()),
        _ => None,
    }
}

fn is_exports_object(expr: &Expression) -> bool {
    match expr {
        Expression::Identifier(id) => id.name == "exports",
        Expression::StaticMemberExpression(member) => {
            member.property.name == "exports"
                && matches!(&member.object, Expression::Identifier(id) if id.name == "module")
        }
        _ => false,
    }
}

fn is_module_exports_target(target: &AssignmentTarget) -> bool {
    matches!(target, AssignmentTarget::StaticMemberExpression(member)
        if member.property.name == "exports"
            && matches!(&member.object, Expression::Identifier(id) if id.name == "module"))
}

fn require_specifier<'a>(expr: &'a Expression<'a>) -> Option<&'a str> {
    let Expression::CallExpression(call) = expr.without_parentheses() else {
        return None;
    };
    let Expression::Identifier(callee) = &call.callee else {
        return None;
    };
    if callee.name != "require" || call.arguments.len() != 1 {
        return None;
    }
    match &call.arguments[0] {
        Argument::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

impl<'a> Visit<'a> for CjsExportLexer {
    fn visit_assignment_expression(&mut self, it: &oxc::ast::ast::AssignmentExpression<'a>) {
        match &it.left {
            AssignmentTarget::StaticMemberExpression(member)
                if is_exports_object(&member.object) =>
            {
                self.exports.push(member.property.name.to_string());
            }
            AssignmentTarget::ComputedMemberExpression(member)
                if is_exports_object(&member.object) =>
            {
                match &member.expression {
                    Expression::StringLiteral(key) => self.exports.push(key.value.to_string()),
                    Expression::Identifier(_) => self.copied_key(),
                    _ => {}
                }
            }
            target if is_module_exports_target(target) => match it.right.without_parentheses() {
                Expression::ObjectExpression(object) => {
                    for property in &object.properties {
                        match property {
                            ObjectPropertyKind::ObjectProperty(p) => {
                                if let Some(name) = static_key(&p.key) {
                                    self.exports.push(name);
                                }
                            }
                            ObjectPropertyKind::SpreadProperty(spread) => {
                                if let Some(spec) = require_specifier(&spread.argument) {
                                    self.reexports.push(spec.to_owned());
                                }
                            }
                        }
                    }
                }
                right => {
                    if let Some(spec) = require_specifier(right) {
                        self.reexports.push(spec.to_owned());
                    }
                }
            },
            _ => {}
        }
        walk::walk_assignment_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &oxc::ast::ast::VariableDeclarator<'a>) {
        if let (Some(id), Some(init)) = (it.id.get_binding_identifier(), &it.init)
            && let Some(spec) = required_specifier(init)
        {
            self.required.push((id.name.to_string(), spec.to_owned()));
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let callee_name = match &it.callee {
            Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
            Expression::Identifier(id) => Some(id.name.as_str()),
            _ => None,
        };
        match callee_name {
            Some("defineProperty") if it.arguments.len() >= 2 => {
                if let Some(target) = it.arguments[0].as_expression()
                    && is_exports_object(target)
                {
                    match &it.arguments[1] {
                        Argument::StringLiteral(key) => self.exports.push(key.value.to_string()),
                        Argument::Identifier(_) => self.copied_key(),
                        _ => {}
                    }
                }
            }
            Some("forEach") => {
                if let Some(binding) = object_keys_for_each(it)
                    && let Some((_, spec)) = self.required.iter().find(|(b, _)| b == binding)
                {
                    let outer = self.copying_from.replace(spec.clone());
                    walk::walk_call_expression(self, it);
                    self.copying_from = outer;
                    return;
                }
            }
            Some("__exportStar" | "__export") => {
                if let Some(spec) = it
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .and_then(require_specifier)
                {
                    self.reexports.push(spec.to_owned());
                }
            }
            _ => {}
        }
        walk::walk_call_expression(self, it);
    }
}

impl CjsExportLexer {
    /// `exports[key] = …` or `Object.defineProperty(exports, key, …)` with a variable key:
    /// inside Babel's `Object.keys(_x).forEach` copy loop, that re-exports `_x`'s module.
    fn copied_key(&mut self) {
        if let Some(spec) = &self.copying_from
            && !self.reexports.contains(spec)
        {
            self.reexports.push(spec.clone());
        }
    }
}

fn static_key(key: &PropertyKey) -> Option<String> {
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.to_string()),
        PropertyKey::StringLiteral(s) => Some(s.value.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mock_calls_are_hoisted_from_the_top_level_only() {
        let code = "import { f } from './f';\njest.mock('./f', () => ({ f: () => 1 }));\ntest('x', () => { jest.mock('./g'); });\nvi.unmock('./h')\n";
        assert_eq!(
            hoisted_mock_calls(code),
            "jest.mock('./f', () => ({ f: () => 1 }));;\nvi.unmock('./h');\n"
        );
    }

    fn run(path: &str, source: &str) -> Transformed {
        transform(Path::new(path), source, &TransformConfig::default()).unwrap()
    }

    #[test]
    fn typescript_is_stripped_with_a_source_map() {
        let out = run(
            "/a/b.ts",
            "const x: number = 1;\nexport function f(a: string): void {}\n",
        );
        let code = out.code.unwrap();
        assert!(code.contains("const x = 1;"), "{code}");
        assert!(!code.contains("number"));
        assert_eq!(out.format, ModuleFormat::Esm);
        assert!(out.source_map.unwrap().contains("\"mappings\""));
    }

    #[test]
    fn plain_javascript_runs_unchanged_and_format_follows_syntax() {
        let esm = run("/a/b.js", "import x from 'y'; console.log(x)");
        assert_eq!((esm.code, esm.format), (None, ModuleFormat::Esm));
        let cjs = run("/a/b.js", "module.exports = 1");
        assert_eq!(cjs.format, ModuleFormat::CommonJs);
        let forced = run("/a/b.mjs", "console.log(1)");
        assert_eq!(forced.format, ModuleFormat::Esm);
    }

    #[test]
    fn cjs_exports_are_found_statically() {
        let out = run(
            "/a/lib.cjs",
            r#"exports.a = 1; module.exports.b = 2; exports["c-d"] = 3;
            Object.defineProperty(exports, "e", { get() { return 4 } });
            0 && (module.exports = { f, g: 1, h() {}, ...require("./more") });
            __exportStar(require("./star"), exports);
            var _pure = require("./pure"), _other = _interop(require("./other")), _unused = require("./unused");
            Object.keys(_pure).forEach(function (key) {
              if (key === "default") return;
              Object.defineProperty(exports, key, { enumerable: true, get: function () { return _pure[key]; } });
            });
            Object.keys(_other).forEach(function (k) { exports[k] = _other[k]; });
            Object.keys(_unused).forEach(function (k) { console.log(k); });"#,
        );
        assert_eq!(out.cjs_exports, ["a", "b", "c-d", "e", "f", "g", "h"]);
        assert_eq!(out.cjs_reexports, ["./more", "./star", "./pure", "./other"]);
    }

    #[test]
    fn jsx_uses_the_automatic_runtime_by_default() {
        let out = run(
            "/a/c.tsx",
            "export const C = () => <div className='x'>hi</div>;",
        );
        assert!(out.code.unwrap().contains("react/jsx-runtime"));
    }

    #[test]
    fn jsx_pragmas_override_the_project() {
        let classic = run(
            "/a/c.jsx",
            "/** @jsx h */\nexport const c = <div id='a'>x</div>;",
        );
        assert!(classic.code.unwrap().contains("h(\"div\""));
        let frag = run(
            "/a/c.jsx",
            "/** @jsx h\n * @jsxFrag F */\nexport const c = <>x</>;",
        );
        assert!(frag.code.unwrap().contains("h(F"));
        let preact = run(
            "/a/c.tsx",
            "/** @jsxImportSource preact */\nexport const c = <b />;",
        );
        assert!(preact.code.unwrap().contains("preact/jsx-runtime"));
    }

    #[test]
    fn esm_typescript_that_uses_require_is_flagged() {
        let out = run(
            "/a/t.ts",
            "import a from 'a'; const b = require('b'); const __dirname = 1;",
        );
        assert_eq!(out.commonjs_globals, ["require"]);
        assert!(
            run("/a/t.ts", "import a from 'a'; a();")
                .commonjs_globals
                .is_empty()
        );
    }

    #[test]
    fn syntax_errors_render_a_code_frame() {
        let err = transform(
            Path::new("/a/bad.ts"),
            "let x = ;\n",
            &TransformConfig::default(),
        )
        .unwrap_err();
        assert!(err.rendered.contains("bad.ts"), "{}", err.rendered);
        assert!(err.rendered.contains("let x = ;"), "{}", err.rendered);
        assert_eq!(err.to_string(), "Unexpected token (/a/bad.ts:1:9)");
    }
}
