//! Module resolution and loading for both module systems.
//!
//! - ES modules go through QuickJS's loader ([`ModuleResolver`], [`ModuleLoader`]): specifiers
//!   resolve with oxc_resolver under Node's `import` conditions; files are transformed (through
//!   the cache) and compiled with `import.meta` filled in.
//! - CommonJS is driven from JavaScript (`js/internal/modules.js`, Node's `Module` semantics);
//!   it calls [`ModuleSystem::resolve`] and [`ModuleSystem::compile_commonjs`] through ops.
//! - The two meet in facades: importing a CommonJS file or a builtin gives a small generated
//!   ES module that `require`s it and re-exports its names, found statically the way Node does,
//!   so evaluation order stays Node's.

use std::{
    cell::{Cell, RefCell},
    collections::{BTreeSet, HashMap},
    fmt::Write as _,
    path::{Path, PathBuf},
    rc::Rc,
    sync::Arc,
};

use oxc_resolver::{ModuleType, ResolveError, ResolveOptions, Resolver};
use rquickjs::{
    Ctx, Function, Module, Object, Value,
    loader::{ImportAttributes, Loader, Resolver as JsResolver},
    module::Declared,
    qjs,
};

use crate::{
    builtins,
    cache::TransformCache,
    code_cache::{self, CodeKind, Origin},
    coverage::{CoverageMap, collect::install_counters, scope::CoverageScope},
    engine::Host,
    transform::{JsxMode, ModuleFormat, SyntaxError, TransformConfig, Transformed},
};

/// The hidden global key under which the bootstrap keeps its internals for generated facades.
pub const INTERNALS_KEY: &str = "dx.internals";

/// Which `package.json` conditions apply: Node uses different ones for `import` and `require`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolveKind {
    Import,
    Require,
}

/// A file that cannot be loaded.
#[derive(Debug)]
pub enum LoadError {
    Read(String),
    Syntax(SyntaxError),
}

impl LoadError {
    /// Throws it as JavaScript sees it: an `Error` with code `ERR_DX_LOAD`, or a `SyntaxError`
    /// whose hidden `codeFrame` holds oxc's rendered diagnostics (the fatal-error printer shows
    /// those instead of a stack, which for a syntax error would only show dx's loader).
    pub fn throw(&self, ctx: &Ctx<'_>) -> rquickjs::Error {
        match self {
            LoadError::Read(message) => throw_code(ctx, message, "ERR_DX_LOAD"),
            LoadError::Syntax(error) => {
                let thrown = (|| -> rquickjs::Result<rquickjs::Error> {
                    let constructor: rquickjs::function::Constructor =
                        ctx.globals().get("SyntaxError")?;
                    let object: Object = constructor.construct((error.to_string(),))?;
                    let define: Function =
                        ctx.eval("(o, v) => Object.defineProperty(o, 'codeFrame', { value: v })")?;
                    define.call::<_, ()>((object.clone(), error.rendered.clone()))?;
                    Ok(ctx.throw(object.into_value()))
                })();
                thrown.unwrap_or_else(|e| e)
            }
        }
    }
}

/// Where a specifier is resolved from.
#[derive(Debug, Clone, Copy)]
pub enum ResolveFrom<'a> {
    File(&'a Path),
    Dir(&'a Path),
}

/// A specifier that does not resolve: the one-line message and Node's error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveFailure {
    pub message: String,
    pub code: &'static str,
}

/// What a specifier resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A Node builtin or dx module, by its bare name (`fs`, `fs/promises`, `dx:test`).
    Builtin(String),
    File(PathBuf),
}

pub struct ModuleSystem {
    cwd: PathBuf,
    import_resolver: Resolver,
    require_resolver: Resolver,
    cache: TransformCache,
    /// Transform results of files loaded in this runtime, by path.
    transformed: RefCell<HashMap<PathBuf, Rc<Transformed>>>,
    /// Every file resolved or loaded in this runtime (JSON and native modules included): what
    /// a test file depends on, for `dx test --watch`.
    files_seen: RefCell<BTreeSet<PathBuf>>,
    /// Set by the test runner: `vitest` and friends resolve to the session's globals, and
    /// ES imports consult the session's module mocks.
    test_run: Cell<bool>,
    /// How many times the module registry was reset (`vi.resetModules()`); see
    /// [`GENERATION_MARK`].
    generation: Cell<u32>,
    /// Set by `dx test --coverage`: files in scope are loaded instrumented.
    coverage: RefCell<Option<Arc<CoverageScope>>>,
    /// Texts that stand in for files on disk (see [`Sources`]).
    sources: RefCell<Sources>,
}

/// Marks an ES module's name after a module-registry reset (`vi.resetModules()`,
/// `jest.resetModules()`). QuickJS keeps every module it loaded under its name for the life of
/// the context and cannot unload one, so a reset gives project files new names
/// (`/p/a.ts?dx-generation=1`): the next import loads and evaluates them again, as under
/// Vitest. Files under `node_modules` keep their names, as Vitest keeps externalized
/// dependencies loaded. The mark never reaches a user: paths, `import.meta` and stack traces
/// use the file ([`module_file`]).
const GENERATION_MARK: &str = "?dx-generation=";

/// The file an ES module name stands for: the name without its [`GENERATION_MARK`].
pub fn module_file(name: &str) -> &str {
    match name.rfind(GENERATION_MARK) {
        Some(at)
            if name[at + GENERATION_MARK.len()..]
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            &name[..at]
        }
        _ => name,
    }
}

/// Source texts by path that replace what is on disk: an editor's unsaved buffers, so that the
/// language server's "Run" executes the code the user sees, not the last save. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Sources(Arc<HashMap<PathBuf, Arc<str>>>);

impl Sources {
    pub fn new(texts: HashMap<PathBuf, Arc<str>>) -> Self {
        Sources(Arc::new(texts))
    }

    /// Whether `path` is replaced (its disk text is not what runs).
    pub fn contains(&self, path: &Path) -> bool {
        self.0.contains_key(path)
    }

    /// The replacement text of `path`, if it has one.
    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.0.get(path)
    }

    /// A file's text: the replacement when there is one, else the disk's.
    pub fn read(&self, path: &Path) -> std::io::Result<String> {
        match self.get(path) {
            Some(text) => Ok(text.to_string()),
            None => std::fs::read_to_string(path),
        }
    }
}

/// Whether `path` lies inside a `node_modules` folder: an installed package, which changes only
/// when packages are installed.
pub fn in_node_modules(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "node_modules")
}

/// Modules a test file imports its API from; in a test run they are the session's globals.
pub const TEST_MODULES: &[&str] = &["vitest", "@jest/globals", "bun:test", "dx:test"];

/// Module-name prefix of a mocked module (`jest.mock` / `vi.mock`): its facade re-exports the
/// mock factory's result, and the real module keeps its own name for `requireActual`.
const MOCK_PREFIX: &str = "dx-mock:";

fn resolve_options(conditions: &[&str]) -> ResolveOptions {
    ResolveOptions {
        condition_names: conditions.iter().map(|c| (*c).to_owned()).collect(),
        // TypeScript projects import without extensions and with `.js` meaning `.ts`.
        extensions: [
            ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json", ".node",
        ]
        .iter()
        .map(|e| (*e).to_owned())
        .collect(),
        extension_alias: vec![
            (
                ".js".into(),
                vec![".ts".into(), ".tsx".into(), ".js".into(), ".jsx".into()],
            ),
            (".mjs".into(), vec![".mts".into(), ".mjs".into()]),
            (".cjs".into(), vec![".cts".into(), ".cjs".into()]),
        ],
        main_fields: vec!["main".into()],
        tsconfig: Some(oxc_resolver::TsconfigDiscovery::Auto),
        module_type: true,
        builtin_modules: false,
        ..ResolveOptions::default()
    }
}

impl ModuleSystem {
    pub fn new(cwd: &Path, cache: TransformCache) -> Self {
        let import_resolver = Resolver::new(resolve_options(&["node", "import", "default"]));
        let require_resolver =
            import_resolver.clone_with_options(resolve_options(&["node", "require", "default"]));
        ModuleSystem {
            cwd: cwd.to_path_buf(),
            import_resolver,
            require_resolver,
            cache,
            transformed: RefCell::default(),
            files_seen: RefCell::default(),
            test_run: Cell::new(false),
            generation: Cell::new(0),
            coverage: RefCell::default(),
            sources: RefCell::default(),
        }
    }

    /// Forgets the ES modules loaded so far: later imports of project files evaluate afresh.
    pub fn reset_modules(&self) {
        self.generation.set(self.generation.get() + 1);
    }

    /// The name QuickJS registers the ES module of `path` under in the current generation.
    fn module_name(&self, path: &Path) -> String {
        let name = path.to_string_lossy().into_owned();
        let generation = self.generation.get();
        if generation == 0 || in_node_modules(path) {
            return name;
        }
        format!("{name}{GENERATION_MARK}{generation}")
    }

    /// Loads the files `scope` selects with coverage counters from now on.
    pub fn collect_coverage(&self, scope: Arc<CoverageScope>) {
        *self.coverage.borrow_mut() = Some(scope);
    }

    /// The coverage maps of the instrumented files this runtime loaded.
    pub fn instrumented(&self) -> Vec<(PathBuf, CoverageMap)> {
        let mut files: Vec<_> = self
            .transformed
            .borrow()
            .iter()
            .filter_map(|(path, t)| Some((path.clone(), t.coverage.clone()?)))
            .collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// Makes `sources` win over the disk for every file this runtime loads from now on.
    pub fn set_sources(&self, sources: Sources) {
        *self.sources.borrow_mut() = sources;
    }

    /// A file's text, from the [`Sources`] when it is there, else from disk.
    pub fn read_source(&self, path: &Path) -> std::io::Result<String> {
        self.sources.borrow().read(path)
    }

    /// Turns on test-run resolution (see [`TEST_MODULES`] and [`MOCK_PREFIX`]).
    pub fn start_test_run(&self) {
        self.test_run.set(true);
    }

    /// Every file this runtime resolved or loaded so far, sorted.
    pub fn files_seen(&self) -> Vec<PathBuf> {
        self.files_seen.borrow().iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.transformed.borrow_mut().clear();
    }

    /// Resolves `specifier` as Node would from the importing file (or, for code that is not
    /// in a file, a directory), under `import` or `require` conditions. Resolving from the file
    /// lets oxc_resolver find the tsconfig.json whose `paths` apply to it.
    pub fn resolve(
        &self,
        specifier: &str,
        from: ResolveFrom<'_>,
        kind: ResolveKind,
    ) -> Result<Resolved, ResolveFailure> {
        if self.test_run.get() && TEST_MODULES.contains(&specifier) {
            return Ok(Resolved::Builtin(specifier.to_owned()));
        }
        let builtin = builtins::builtin_name(specifier).map_err(|message| ResolveFailure {
            message,
            code: "ERR_UNKNOWN_BUILTIN_MODULE",
        })?;
        if let Some(name) = builtin {
            return Ok(Resolved::Builtin(name));
        }
        let specifier = match specifier.strip_prefix("file://") {
            Some(path) => percent_decode(path),
            None => specifier.to_owned(),
        };
        let resolver = match kind {
            ResolveKind::Import => &self.import_resolver,
            ResolveKind::Require => &self.require_resolver,
        };
        let (result, from_dir) = match from {
            ResolveFrom::File(file) => (
                resolver.resolve_file(file, &specifier),
                file.parent().unwrap_or(Path::new("/")),
            ),
            ResolveFrom::Dir(dir) => (resolver.resolve(dir, &specifier), dir),
        };
        match result {
            Ok(resolution) => {
                let path = resolution.into_path_buf();
                self.files_seen.borrow_mut().insert(path.clone());
                Ok(Resolved::File(path))
            }
            Err(error) => Err(ResolveFailure {
                message: describe_resolve_error(&specifier, from_dir, &error),
                code: match (&error, kind) {
                    (ResolveError::PackagePathNotExported { .. }, _) => {
                        "ERR_PACKAGE_PATH_NOT_EXPORTED"
                    }
                    (_, ResolveKind::Import) => "ERR_MODULE_NOT_FOUND",
                    (_, ResolveKind::Require) => "MODULE_NOT_FOUND",
                },
            }),
        }
    }

    /// Where a module's imports resolve from: its file, or the cwd for code not in a file.
    pub fn importer<'a>(&'a self, module_name: &'a str) -> ResolveFrom<'a> {
        let path = Path::new(module_file(module_name));
        if path.is_absolute() {
            ResolveFrom::File(path)
        } else {
            ResolveFrom::Dir(&self.cwd)
        }
    }

    /// Reads and transforms a file once per runtime (and once per content, via the disk cache).
    pub fn transformed(&self, path: &Path) -> Result<Rc<Transformed>, LoadError> {
        if let Some(hit) = self.transformed.borrow().get(path) {
            return Ok(hit.clone());
        }
        let source = self.read_source(path).map_err(|e| {
            LoadError::Read(format!(
                "Cannot read {}: {}",
                path.display(),
                crate::ops::fs::io_message(&e)
            ))
        })?;
        let config = TransformConfig {
            package_type_module: self.package_type_module(path),
            jsx: self.jsx_mode(path),
            coverage: self
                .coverage
                .borrow()
                .as_ref()
                .is_some_and(|scope| scope.includes(path)),
        };
        let transformed = Rc::new(
            self.cache
                .transform(path, &source, &config)
                .map_err(LoadError::Syntax)?,
        );
        self.transformed
            .borrow_mut()
            .insert(path.to_path_buf(), transformed.clone());
        self.files_seen.borrow_mut().insert(path.to_path_buf());
        Ok(transformed)
    }

    /// The JSX flavour the nearest tsconfig.json asks for (`"jsx": "react"` is classic), else
    /// React 17's automatic runtime. Pragma comments in the file still win (see transform).
    fn jsx_mode(&self, path: &Path) -> JsxMode {
        let is_jsx = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("jsx" | "tsx")
        );
        let tsconfig = if is_jsx {
            self.import_resolver.find_tsconfig(path).ok().flatten()
        } else {
            None
        };
        let Some(tsconfig) = tsconfig else {
            return JsxMode::default();
        };
        let options = &tsconfig.compiler_options;
        if options.jsx.as_deref() == Some("react") {
            JsxMode::Classic {
                factory: options
                    .jsx_factory
                    .clone()
                    .unwrap_or_else(|| "React.createElement".into()),
                fragment: options
                    .jsx_fragment_factory
                    .clone()
                    .unwrap_or_else(|| "React.Fragment".into()),
            }
        } else {
            JsxMode::Automatic {
                import_source: options
                    .jsx_import_source
                    .clone()
                    .unwrap_or_else(|| "react".into()),
            }
        }
    }

    fn package_type_module(&self, path: &Path) -> bool {
        let dir = path.parent().unwrap_or(Path::new("/"));
        self.import_resolver
            .resolve(dir, &path.to_string_lossy())
            .ok()
            .and_then(|r| r.module_type())
            == Some(ModuleType::Module)
    }

    /// The code to evaluate for a file: transformed output or the source itself. An
    /// instrumented file's counters are created here, before any of its code can run.
    fn code_of(
        &self,
        ctx: &Ctx<'_>,
        path: &Path,
        transformed: &Transformed,
    ) -> rquickjs::Result<String> {
        if let Some(map) = &transformed.coverage {
            install_counters(ctx, map)?;
        }
        let code = match &transformed.code {
            Some(code) => Ok(code.clone()),
            None => self.read_source(path).map_err(|e| {
                format!(
                    "Cannot read {}: {}",
                    path.display(),
                    crate::ops::fs::io_message(&e)
                )
            }),
        };
        code.map_err(|m| throw_code(ctx, &m, "ERR_DX_LOAD"))
    }

    /// Compiles a CommonJS file into `function (exports, require, module, __filename, __dirname)`.
    pub fn compile_commonjs<'js>(
        &self,
        ctx: &Ctx<'js>,
        host: &Host,
        path: &Path,
    ) -> rquickjs::Result<Function<'js>> {
        let transformed = self.transformed(path).map_err(|e| e.throw(ctx))?;
        let code = self.code_of(ctx, path, &transformed)?;
        const HEADER: &str = "(function (exports, require, module, __filename, __dirname) { ";
        let wrapped = format!("{HEADER}{}\n}})", strip_hashbang(&code));
        let filename = path.to_string_lossy().into_owned();
        host.source_maps.borrow_mut().register(
            filename.clone(),
            transformed.source_map.clone(),
            HEADER.len() as u32,
        );
        let compiled = host.code_cache.compile(
            ctx,
            &filename,
            &wrapped,
            CodeKind::Script { strict: false },
            Origin::User,
        )?;
        code_cache::eval_script(ctx, compiled)
    }

    /// The source of the ES module QuickJS should compile for `name`.
    fn module_source(
        &self,
        ctx: &Ctx<'_>,
        host: &Host,
        name: &str,
    ) -> rquickjs::Result<ModuleSource> {
        if let Some(key) = name.strip_prefix(MOCK_PREFIX) {
            let exports: Value = host.call_internal(ctx, "mockExports", (key,))?;
            let names = match exports.as_object() {
                Some(object) => object
                    .keys::<String>()
                    .collect::<rquickjs::Result<Vec<_>>>()?,
                None => Vec::new(),
            };
            return Ok(ModuleSource::synthetic(mock_facade(key, &names)));
        }
        if let Some(builtin) = name.strip_prefix(builtins::BUILTIN_PREFIX) {
            let names: Vec<String> = host.call_internal(ctx, "builtinExportNames", (builtin,))?;
            let access = format!("requireBuiltin({})", js_string(builtin));
            return Ok(ModuleSource::synthetic(facade(&access, &names)));
        }
        let name = module_file(name);
        let path = Path::new(name);
        if path.extension().is_some_and(|e| e == "json") {
            let text = self
                .read_source(path)
                .map_err(|e| throw_code(ctx, &format!("Cannot read {name}: {e}"), "ERR_DX_LOAD"))?;
            serde_json::from_str::<serde_json::Value>(&text).map_err(|e| {
                throw_code(
                    ctx,
                    &format!("{name}: invalid JSON: {e}"),
                    "ERR_INVALID_JSON",
                )
            })?;
            return Ok(ModuleSource::synthetic(format!(
                "export default (\n{text}\n);"
            )));
        }
        let transformed = self.transformed(path).map_err(|e| e.throw(ctx))?;
        match transformed.format {
            ModuleFormat::CommonJs => {
                let mut names = transformed.cjs_exports.clone();
                self.collect_reexports(path, &transformed, &mut names, &mut Vec::new());
                let access = format!("requireForImport({})", js_string(name));
                Ok(ModuleSource::synthetic(facade(&access, &names)))
            }
            ModuleFormat::Esm => {
                let code = self.code_of(ctx, path, &transformed)?;
                let prefix = commonjs_globals_prefix(&transformed.commonjs_globals);
                host.source_maps.borrow_mut().register(
                    name.to_owned(),
                    transformed.source_map.clone(),
                    prefix.len() as u32,
                );
                Ok(ModuleSource {
                    code: format!("{prefix}{code}"),
                    file: Some(path.to_path_buf()),
                })
            }
        }
    }

    /// Adds the names of CommonJS modules this one re-exports (`module.exports = require(x)`).
    fn collect_reexports(
        &self,
        path: &Path,
        transformed: &Transformed,
        names: &mut Vec<String>,
        seen: &mut Vec<PathBuf>,
    ) {
        if seen.iter().any(|p| p == path) {
            return;
        }
        seen.push(path.to_path_buf());
        for specifier in &transformed.cjs_reexports {
            let Ok(Resolved::File(target)) =
                self.resolve(specifier, ResolveFrom::File(path), ResolveKind::Require)
            else {
                continue;
            };
            let Ok(inner) = self.transformed(&target) else {
                continue;
            };
            if inner.format == ModuleFormat::CommonJs {
                names.extend(inner.cjs_exports.iter().cloned());
                self.collect_reexports(&target, &inner, names, seen);
            }
        }
    }
}

struct ModuleSource {
    code: String,
    /// The file, for `import.meta`; `None` for generated facades.
    file: Option<PathBuf>,
}

impl ModuleSource {
    fn synthetic(code: String) -> Self {
        ModuleSource { code, file: None }
    }
}

fn strip_hashbang(code: &str) -> std::borrow::Cow<'_, str> {
    if code.starts_with("#!") {
        // Keep the line so that line numbers stay the same.
        let end = code.find('\n').unwrap_or(code.len());
        std::borrow::Cow::Owned(format!("//{}", &code[2..end]) + &code[end..])
    } else {
        std::borrow::Cow::Borrowed(code)
    }
}

/// `import`-able names of a `require`d value. Names that are not identifiers are exported as
/// string names (`export { x as "a-b" }`), as Node does.
fn facade(access: &str, names: &[String]) -> String {
    let mut code = format!(
        "const __dx_m = globalThis[Symbol.for({})].{access};\nexport default __dx_m;\n",
        js_string(INTERNALS_KEY)
    );
    let mut seen = std::collections::HashSet::new();
    for (index, name) in names.iter().enumerate() {
        if name == "default" || !seen.insert(name) {
            continue;
        }
        let _ = writeln!(
            code,
            "const __dx_{index} = __dx_m == null ? undefined : __dx_m[{}];\nexport {{ __dx_{index} as {} }};",
            js_string(name),
            js_string(name)
        );
    }
    code
}

/// The facade of a mocked module. The default export follows the factory's shape: an object
/// marked `__esModule` or with its own `default` (vitest's form) gives that `default`, any
/// other value is itself the default, as a CommonJS module's exports would be.
fn mock_facade(key: &str, names: &[String]) -> String {
    let access = format!("mockExports({})", js_string(key));
    let code = facade(&access, names);
    code.replacen(
        "export default __dx_m;",
        "export default __dx_m != null && (__dx_m.__esModule || Object.prototype.hasOwnProperty.call(__dx_m, \"default\")) ? __dx_m.default : __dx_m;",
        1,
    )
}

/// Declarations for the CommonJS free variables an ESM TypeScript file uses, on one line so
/// that only first-line columns shift (the source map registry undoes that shift).
fn commonjs_globals_prefix(globals: &[String]) -> String {
    if globals.is_empty() {
        return String::new();
    }
    let mut prefix =
        String::from("import { createRequire as __dx_createRequire } from \"node:module\"; ");
    for name in globals {
        let value = match name.as_str() {
            "require" => "__dx_createRequire(import.meta.url)",
            "__filename" => "import.meta.filename",
            _ => "import.meta.dirname",
        };
        let _ = write!(prefix, "const {name} = {value}; ");
    }
    prefix
}

fn js_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&path[i + 1..(i + 3).min(path.len())], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn describe_resolve_error(specifier: &str, from_dir: &Path, error: &ResolveError) -> String {
    let from = from_dir.display();
    match error {
        ResolveError::NotFound(_) => {
            let is_path = specifier.starts_with('.') || specifier.starts_with('/');
            if is_path {
                format!(
                    "Cannot find module '{specifier}' from '{from}' (tried {})",
                    normalize(&from_dir.join(specifier)).display()
                )
            } else {
                format!(
                    "Cannot find package '{specifier}' from '{from}' (looked in node_modules from {from} up; run `dx install`?)"
                )
            }
        }
        ResolveError::PackagePathNotExported {
            subpath,
            package_path,
            ..
        } => format!(
            "Package subpath '{subpath}' is not defined by \"exports\" in {}",
            package_path.join("package.json").display()
        ),
        other => format!("Cannot resolve '{specifier}' from '{from}': {other}"),
    }
}

/// Builds an `Error` with a Node-style `code` and throws it.
pub fn throw_code(ctx: &Ctx<'_>, message: &str, code: &str) -> rquickjs::Error {
    match new_error(ctx, message) {
        Ok(error) => {
            let _ = error.set("code", code);
            ctx.throw(error.into_value())
        }
        Err(e) => e,
    }
}

/// `new Error(message)` as JavaScript makes it: `message` not enumerable, a stack trace.
pub fn new_error<'js>(ctx: &Ctx<'js>, message: &str) -> rquickjs::Result<Object<'js>> {
    ctx.globals()
        .get::<_, rquickjs::function::Constructor>("Error")?
        .construct((message,))
}

pub struct ModuleResolver {
    host: Rc<Host>,
}

impl ModuleResolver {
    pub fn new(host: Rc<Host>) -> Self {
        ModuleResolver { host }
    }
}

impl JsResolver for ModuleResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        let modules = &self.host.modules;
        let resolved = modules.resolve(name, modules.importer(base), ResolveKind::Import);
        if modules.test_run.get() && !TEST_MODULES.contains(&name) {
            // Mocks are keyed as the runner's `isMocked` expects: file path, builtin name, or
            // the specifier itself for a virtual mock of a module that does not exist.
            let key = match &resolved {
                Ok(Resolved::Builtin(builtin)) => builtin.clone(),
                Ok(Resolved::File(path)) => path.to_string_lossy().into_owned(),
                Err(_) => name.to_owned(),
            };
            if self
                .host
                .call_internal::<_, bool>(ctx, "isMocked", (key.clone(),))?
            {
                return Ok(format!("{MOCK_PREFIX}{key}"));
            }
        }
        match resolved {
            Ok(Resolved::Builtin(builtin)) => Ok(format!("{}{builtin}", builtins::BUILTIN_PREFIX)),
            Ok(Resolved::File(path)) => Ok(modules.module_name(&path)),
            Err(failure) => Err(throw_code(ctx, &failure.message, failure.code)),
        }
    }
}

pub struct ModuleLoader {
    host: Rc<Host>,
}

impl ModuleLoader {
    pub fn new(host: Rc<Host>) -> Self {
        ModuleLoader { host }
    }
}

impl Loader for ModuleLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        let host = &self.host;
        let source = host.modules.module_source(ctx, host, name)?;
        compile_module(ctx, name, &source.code, source.file.as_deref(), &self.host)
    }
}

thread_local! {
    /// Hands a module compiled by [`compile_module`] to rquickjs's `from_load_fn`.
    static COMPILED: Cell<*mut qjs::JSModuleDef> = const { Cell::new(std::ptr::null_mut()) };
}

unsafe extern "C" fn take_compiled(
    _ctx: *mut qjs::JSContext,
    _name: *const std::ffi::c_char,
) -> *mut qjs::JSModuleDef {
    COMPILED.with(|cell| cell.replace(std::ptr::null_mut()))
}

/// Compiles an ES module and fills `import.meta` (url, filename, dirname, main, resolve)
/// before any of its code runs. rquickjs has no hook between compiling and linking, so this
/// compiles through the C API and hands the module back through `from_load_fn`.
fn compile_module<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    code: &str,
    file: Option<&Path>,
    host: &Host,
) -> rquickjs::Result<Module<'js, Declared>> {
    let compiled = host
        .code_cache
        .compile(ctx, name, code, CodeKind::Module, Origin::User)?;
    // SAFETY: a compiled module value carries its JSModuleDef, which the context owns.
    let module = unsafe { qjs::JS_VALUE_GET_PTR(compiled.0) }.cast::<qjs::JSModuleDef>();
    if let Some(file) = file {
        // SAFETY: `module` is the module just compiled; JS_GetImportMeta returns a new reference.
        let meta = unsafe {
            Value::from_raw(
                ctx.clone(),
                qjs::JS_GetImportMeta(ctx.as_raw().as_ptr(), module),
            )
        };
        if let Some(meta) = meta.into_object() {
            host.call_internal::<_, ()>(
                ctx,
                "initImportMeta",
                (meta, file.to_string_lossy().into_owned()),
            )?;
        }
    }
    COMPILED.with(|cell| cell.set(module));
    // SAFETY: `take_compiled` returns the module compiled above in this context.
    unsafe { Module::from_load_fn(ctx.clone(), name, take_compiled) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facades_export_identifier_and_string_names() {
        let code = facade(
            "requireForImport(\"/x.cjs\")",
            &["a".into(), "b-c".into(), "default".into(), "a".into()],
        );
        assert!(code.contains("export default __dx_m;"));
        assert!(code.contains("export { __dx_0 as \"a\" };"));
        assert!(code.contains("export { __dx_1 as \"b-c\" };"));
        assert_eq!(code.matches("export {").count(), 2);
    }

    #[test]
    fn file_urls_are_decoded() {
        assert_eq!(percent_decode("/a%20b/c.js"), "/a b/c.js");
        assert_eq!(percent_decode("/100%"), "/100%");
    }

    #[test]
    fn hashbang_lines_keep_their_line() {
        assert_eq!(
            strip_hashbang("#!/usr/bin/env node\nx()"),
            "///usr/bin/env node\nx()"
        );
    }
}
