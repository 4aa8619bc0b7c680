//! Native operations exposed to the embedded JavaScript as `internalBinding(name)`, and the
//! bootstrap that builds the JavaScript environment (globals, `process`, module system) on
//! top of them. Each binding is a plain object of functions; the Node-facing API shapes live
//! in `js/`, so this layer stays small and every op has one job.

pub mod fs;
mod modules;
mod process;
mod regexp;
mod system;
mod text;
mod url;
mod vm;

use std::rc::Rc;

use rquickjs::{Ctx, Exception, Function, IntoJs, Object, Persistent, TypedArray, Value};

use crate::{
    builtins,
    code_cache::{self, CodeKind, Origin},
    engine::Host,
};

/// Evaluates `js/bootstrap.js`, which receives `internalBinding` and returns the internals
/// object Rust calls back into (uncaught errors, `import.meta`, facades, process events).
pub fn bootstrap<'js>(ctx: &Ctx<'js>, host: &Rc<Host>) -> rquickjs::Result<()> {
    let binding_host = host.clone();
    let internal_binding = Function::new(ctx.clone(), move |ctx: Ctx<'js>, name: String| {
        binding(&ctx, &binding_host, &name)
    })?;
    let source = builtins::source("bootstrap").expect("js/bootstrap.js is embedded");
    let compiled = host.code_cache.compile(
        ctx,
        "dx:bootstrap",
        source,
        CodeKind::Script { strict: true },
        Origin::Builtin,
    )?;
    let init: Function = code_cache::eval_script(ctx, compiled)?;
    let internals: Object = init.call((internal_binding,))?;
    *host.internals.borrow_mut() = Some(Persistent::save(ctx, internals));
    Ok(())
}

fn binding<'js>(ctx: &Ctx<'js>, host: &Rc<Host>, name: &str) -> rquickjs::Result<Object<'js>> {
    let object = Object::new(ctx.clone())?;
    match name {
        "fs" => fs::register(ctx, host, &object)?,
        "modules" => modules::register(ctx, host, &object)?,
        "process" => process::register(ctx, host, &object)?,
        "timers" => process::register_timers(ctx, host, &object)?,
        "encoding" => text::register(ctx, &object)?,
        "regexp" => regexp::register(ctx, &object)?,
        "util" => text::register_util(ctx, &object)?,
        "os" => system::register_os(ctx, &object)?,
        "crypto" => system::register_crypto(ctx, &object)?,
        "child_process" => system::register_child_process(ctx, &object)?,
        "url" => url::register(ctx, &object)?,
        "vm" => vm::register(ctx, &object)?,
        "heap" => vm::register_heap(ctx, &object)?,
        other => {
            return Err(Exception::throw_message(
                ctx,
                &format!("no such internal binding: {other}"),
            ));
        }
    }
    Ok(object)
}

/// Sets `object[name]` to a native function.
pub(crate) fn define<'js, F, P>(
    ctx: &Ctx<'js>,
    object: &Object<'js>,
    name: &str,
    f: F,
) -> rquickjs::Result<()>
where
    F: rquickjs::function::IntoJsFunc<'js, P> + 'js,
{
    object.set(name, Function::new(ctx.clone(), f)?.with_name(name)?)
}

/// A JavaScript string as UTF-8, lone surrogates replaced by U+FFFD (as Node encodes them).
pub(crate) fn lossy_string(value: &Value<'_>) -> Option<String> {
    let string = value.as_string()?;
    if let Ok(text) = string.to_string() {
        return Some(text);
    }
    // Lone surrogates: `String.prototype.toWellFormed` replaces them, then convert again.
    let to_well_formed: Function = value.ctx().eval("String.prototype.toWellFormed").ok()?;
    let well_formed: rquickjs::String = to_well_formed
        .call((rquickjs::function::This(value.clone()),))
        .ok()?;
    well_formed.to_string().ok()
}

/// The bytes of a string (UTF-8), a typed array, a DataView or an ArrayBuffer.
pub(crate) fn bytes_of(value: &Value<'_>) -> Option<Vec<u8>> {
    if value.is_string() {
        return lossy_string(value).map(String::into_bytes);
    }
    let object = value.as_object()?;
    if let Ok(array) = TypedArray::<u8>::from_object(object.clone()) {
        // SAFETY: copied at once; no JavaScript runs while the slice is alive.
        return Some(unsafe { array.as_slice() }.to_vec());
    }
    if let Some(buffer) = object.as_array_buffer() {
        // SAFETY: copied at once; no JavaScript runs while the slice is alive.
        return unsafe { buffer.as_bytes() }.map(<[u8]>::to_vec);
    }
    // Other views (Uint16Array, DataView, ...): read their bytes through their buffer.
    let buffer: Object = object.get("buffer").ok()?;
    let offset: usize = object.get("byteOffset").ok()?;
    let length: usize = object.get("byteLength").ok()?;
    // SAFETY: as above.
    let bytes = unsafe { buffer.as_array_buffer()?.as_bytes()? };
    bytes.get(offset..offset + length).map(<[u8]>::to_vec)
}

/// A new `Uint8Array` holding `bytes`.
pub(crate) fn uint8_array<'js>(ctx: &Ctx<'js>, bytes: Vec<u8>) -> rquickjs::Result<Value<'js>> {
    TypedArray::<u8>::new(ctx.clone(), bytes)?.into_js(ctx)
}
