//! Realms for `node:vm` and the engine facts `node:v8` reports. A realm is a second QuickJS
//! context on the same runtime: its own global object and intrinsics (`Array`, `Error`, ...),
//! so its objects fail `instanceof` against this realm's constructors, as in Node, while
//! values still pass freely between the two (one heap, one garbage collector).

use std::ptr::NonNull;

use rquickjs::{
    Ctx, Exception, Function, Object, Value, context::EvalOptions, markers::Invariant, qjs,
};

use super::define;

pub fn register<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    define(ctx, binding, "createRealm", create_realm)?;
    define(
        ctx,
        binding,
        "evaluate",
        |ctx: Ctx<'js>, code: String, filename: String| evaluate(&ctx, code, filename),
    )?;
    define(
        ctx,
        binding,
        "checkSyntax",
        |ctx: Ctx<'js>, code: String, filename: String| check_syntax(&ctx, code, &filename),
    )?;
    Ok(())
}

pub fn register_heap<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    define(ctx, binding, "collectGarbage", |ctx: Ctx<'js>| {
        // SAFETY: the runtime is live and locked (we are inside a call from JavaScript);
        // QuickJS's own `std.gc()` runs the collector from a native call the same way.
        unsafe { qjs::JS_RunGC(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
    })?;
    define(ctx, binding, "memoryUsage", memory_usage)?;
    Ok(())
}

/// Creates a realm and returns `[globalObject, evaluate]`, where `evaluate(code, filename)`
/// runs `code` as a sloppy-mode global script in that realm.
///
/// Lifetime: `evaluate` holds the realm's context as a raw pointer without a reference, so
/// nothing outside the garbage collector's sight keeps the realm alive (a counted reference
/// held in Rust would make any cycle through the realm's global uncollectable). The caller
/// (`js/node/vm.js`) keeps `evaluate` together with one of the realm's own functions, which
/// holds the context's reference for QuickJS, so the context lives exactly as long as
/// `evaluate` can be called.
fn create_realm<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Vec<Value<'js>>> {
    // SAFETY: the runtime is locked by the call we are in; JS_NewContext returns an owned
    // reference (or null on allocation failure).
    let raw = unsafe { qjs::JS_NewContext(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
    let raw = NonNull::new(raw).ok_or(rquickjs::Error::Allocation)?;
    let global = {
        // SAFETY: same runtime and lock as `ctx`, so values may carry `ctx`'s lifetime.
        let realm: Ctx<'js> = unsafe { Ctx::from_raw_invariant(raw, Invariant::new()) };
        realm.globals()
    };
    // The realm's intrinsics (functions whose realm is this context) now hold it; our own
    // reference is not needed, and keeping it would leak the realm.
    // SAFETY: drops the reference JS_NewContext returned.
    unsafe { qjs::JS_FreeContext(raw.as_ptr()) };
    let realm_ptr = raw.as_ptr() as usize;
    let evaluate = Function::new(ctx.clone(), move |code: String, filename: String| {
        let raw = NonNull::new(realm_ptr as *mut qjs::JSContext).expect("non-null");
        // SAFETY: vm.js only calls this while it holds one of the realm's functions,
        // which keeps the context alive (see above); same runtime and lock as `ctx`.
        let realm: Ctx<'js> = unsafe { Ctx::from_raw_invariant(raw, Invariant::new()) };
        evaluate(&realm, code, filename)
    })?
    .with_name("evaluate")?;
    Ok(vec![global.into_value(), evaluate.into_value()])
}

fn script_options(filename: String) -> EvalOptions {
    let mut options = EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.backtrace_barrier = false;
    options.promise = false;
    options.filename = Some(filename);
    options
}

/// Runs `code` as a global script of the realm `ctx` belongs to.
fn evaluate<'js>(ctx: &Ctx<'js>, code: String, filename: String) -> rquickjs::Result<Value<'js>> {
    ctx.eval_with_options(code, script_options(filename))
}

/// Throws the SyntaxError `code` would throw when run, without running it (`new vm.Script`
/// reports syntax errors when it is constructed, as Node does).
fn check_syntax(ctx: &Ctx<'_>, code: String, filename: &str) -> rquickjs::Result<()> {
    let source = std::ffi::CString::new(code)
        .map_err(|_| Exception::throw_syntax(ctx, "Invalid or unexpected token"))?;
    let filename = std::ffi::CString::new(filename).unwrap_or_default();
    // SAFETY: NUL-terminated source and filename; the context is live. COMPILE_ONLY returns
    // the compiled function (freed at once) or an exception left pending on the context.
    let compiled = unsafe {
        qjs::JS_Eval(
            ctx.as_raw().as_ptr(),
            source.as_ptr(),
            source.as_bytes().len() as _,
            filename.as_ptr(),
            (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32,
        )
    };
    if unsafe { qjs::JS_VALUE_GET_TAG(compiled) } == qjs::JS_TAG_EXCEPTION {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: we own the compiled value.
    unsafe { qjs::JS_FreeValue(ctx.as_raw().as_ptr(), compiled) };
    Ok(())
}

/// QuickJS's accounting of the whole runtime (every realm shares it), for
/// `v8.getHeapStatistics()`: `[mallocSize, mallocLimit, memoryUsedSize, objectCount,
/// bytecodeSize, binaryObjectSize]`. A limit of 0 means none was set.
fn memory_usage(ctx: Ctx<'_>) -> Vec<f64> {
    // SAFETY: JSMemoryUsage is plain integers; the runtime is live and locked.
    let usage = unsafe {
        let mut usage: qjs::JSMemoryUsage = std::mem::zeroed();
        qjs::JS_ComputeMemoryUsage(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()), &mut usage);
        usage
    };
    [
        usage.malloc_size,
        usage.malloc_limit,
        usage.memory_used_size,
        usage.obj_count,
        usage.js_func_code_size,
        usage.binary_object_size,
    ]
    .iter()
    .map(|&n| n as f64)
    .collect()
}
