//! Module-system ops for `js/internal/modules.js` (CommonJS) and the stack-trace formatter.

use std::{path::Path, rc::Rc};

use rquickjs::{Ctx, Module, Object, Value, promise::PromiseState};

use super::define;
use crate::{
    builtins,
    code_cache::{self, CodeKind, Origin},
    engine::Host,
    loader::{ResolveFrom, ResolveKind, Resolved, throw_code},
    transform::ModuleFormat,
};

pub fn register<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    binding: &Object<'js>,
) -> rquickjs::Result<()> {
    let h = host.clone();
    // resolve(specifier, from, fromIsFile, "require" | "import") → "node:name" for builtins,
    // else a path.
    define(
        ctx,
        binding,
        "resolve",
        move |ctx: Ctx<'js>, specifier: String, from: String, from_is_file: bool, kind: String| {
            let kind = if kind == "import" {
                ResolveKind::Import
            } else {
                ResolveKind::Require
            };
            let from = if from_is_file {
                ResolveFrom::File(Path::new(&from))
            } else {
                ResolveFrom::Dir(Path::new(&from))
            };
            match h.modules.resolve(&specifier, from, kind) {
                Ok(Resolved::Builtin(name)) => Ok(format!("{}{name}", builtins::BUILTIN_PREFIX)),
                Ok(Resolved::File(path)) => Ok(path.to_string_lossy().into_owned()),
                Err(failure) => Err(throw_code(&ctx, &failure.message, failure.code)),
            }
        },
    )?;
    let h = host.clone();
    // format(path) → "esm" | "cjs" | "json" | "addon": how `require` must load the file.
    define(
        ctx,
        binding,
        "format",
        move |ctx: Ctx<'js>, path: String| -> rquickjs::Result<&'static str> {
            let path = Path::new(&path);
            match path.extension().and_then(|e| e.to_str()) {
                Some("json") => return Ok("json"),
                Some("node") => return Ok("addon"),
                _ => {}
            }
            let transformed = h.modules.transformed(path).map_err(|e| e.throw(&ctx))?;
            Ok(match transformed.format {
                ModuleFormat::Esm => "esm",
                ModuleFormat::CommonJs => "cjs",
            })
        },
    )?;
    let h = host.clone();
    define(
        ctx,
        binding,
        "compileCommonJs",
        move |ctx: Ctx<'js>, path: String| h.modules.compile_commonjs(&ctx, &h, Path::new(&path)),
    )?;
    let h = host.clone();
    // compileBuiltin(key) → the wrapped builtin `(exports, require, module, internalBinding)`.
    define(
        ctx,
        binding,
        "compileBuiltin",
        move |ctx: Ctx<'js>, key: String| -> rquickjs::Result<Value<'js>> {
            let Some(source) = builtins::source(&key) else {
                return Ok(Value::new_undefined(ctx));
            };
            let wrapped =
                format!("(function (exports, require, module, internalBinding) {{ {source}\n}})");
            let filename = format!("dx:{key}");
            let compiled = h.code_cache.compile(
                &ctx,
                &filename,
                &wrapped,
                CodeKind::Script { strict: false },
                Origin::Builtin,
            )?;
            code_cache::eval_script(&ctx, compiled)
        },
    )?;
    // importSync(path) → the namespace of an ES module whose graph has no pending top-level
    // await: `require(esm)` as Node 22 allows it.
    define(
        ctx,
        binding,
        "importSync",
        |ctx: Ctx<'js>, path: String| -> rquickjs::Result<Object<'js>> {
            let promise = Module::import(&ctx, path.as_bytes())?;
            crate::engine::run_jobs(&ctx)?;
            match promise.state() {
                PromiseState::Resolved => promise
                    .result::<Object>()
                    .unwrap_or_else(|| Err(rquickjs::Error::Unknown)),
                PromiseState::Rejected => {
                    let reason = promise
                        .result::<Value>()
                        .unwrap_or_else(|| Ok(Value::new_undefined(ctx.clone())))?;
                    Err(ctx.throw(reason))
                }
                PromiseState::Pending => Err(throw_code(
                    &ctx,
                    &format!(
                        "require() cannot be used on an ES module with top-level await: {path}"
                    ),
                    "ERR_REQUIRE_ASYNC_MODULE",
                )),
            }
        },
    )?;
    let h = host.clone();
    // mapPosition(file, line, column, callee?) → [line, column] in the original source, where
    // V8 would report it (`callee`: the function the frame calls, when known).
    define(
        ctx,
        binding,
        "mapPosition",
        move |file: String, line: u32, column: u32, callee: Option<String>| {
            let mut maps = h.source_maps.borrow_mut();
            let (line, column) = maps.original_position(&file, line, column);
            let (line, column) = maps.v8_position(&file, line, column, callee.as_deref(), |file| {
                h.modules.read_source(Path::new(file)).ok()
            });
            vec![line, column]
        },
    )?;
    let h = host.clone();
    // resetEsModules(): the next import of a project file evaluates it again
    // (`vi.resetModules()`; see loader::GENERATION_MARK).
    define(ctx, binding, "resetEsModules", move || {
        h.modules.reset_modules()
    })?;
    // moduleFile(name) → the file an ES module name stands for (stack frames carry the name).
    define(ctx, binding, "moduleFile", |name: String| {
        crate::loader::module_file(&name).to_owned()
    })?;
    let h = host.clone();
    define(ctx, binding, "cwd", move || {
        h.options.cwd.to_string_lossy().into_owned()
    })?;
    define(ctx, binding, "builtinNames", || {
        builtins::available().collect::<Vec<_>>()
    })?;
    Ok(())
}
