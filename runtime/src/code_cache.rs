//! Compiled bytecode on disk, like V8's code cache: parsing is most of a small program's
//! start-up (dx's own builtins included), and reading QuickJS bytecode is several times cheaper
//! than parsing the source again.
//!
//! Entries live in `$DX_CACHE_DIR/bytecode-v1/<hash>.qbc`, keyed by the dx build, the kind of
//! code, the filename (it is baked into the bytecode for stack traces) and the source. Each
//! entry starts with a checksum of its bytecode, so a torn or corrupt file is recompiled rather
//! than handed to the engine; writes are atomic. Bytecode of user code keeps the source text, so
//! `Function.prototype.toString` is unchanged; dx's own builtins drop it (see [`Origin`]).

use std::{
    collections::HashMap,
    ffi::CString,
    fs,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
};

use rquickjs::{Ctx, qjs};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// What is being compiled: a script evaluates to its completion value (the function wrapped
/// around a CommonJS module or builtin); a module is linked by the module loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Script { strict: bool },
    Module,
}

/// Whose code it is. QuickJS keeps every function's own source text in its bytecode for
/// `Function.prototype.toString`, so nested functions store the same text again and again: for
/// dx's builtins that is two thirds of the bytecode every runtime (every test file) reads at
/// start-up. Their `toString` is not something programs rely on (Node's own builtins differ
/// between versions), so builtins are stored without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    User,
}

#[derive(Debug, Clone)]
pub struct CodeCache {
    dir: Option<PathBuf>,
}

/// A compiled but not yet evaluated script or module, owned by the caller.
pub struct Compiled(pub qjs::JSValue);

impl CodeCache {
    pub fn new(root: Option<&Path>) -> Self {
        CodeCache {
            dir: root.map(|root| root.join("bytecode-v1")),
        }
    }

    /// Compiles `source`, or reads the bytecode an earlier run compiled from the same input.
    /// On a syntax error the exception is left pending on `ctx`.
    pub fn compile(
        &self,
        ctx: &Ctx<'_>,
        filename: &str,
        source: &str,
        kind: CodeKind,
        origin: Origin,
    ) -> rquickjs::Result<Compiled> {
        let entry = self
            .dir
            .as_ref()
            .map(|dir| dir.join(format!("{:032x}.qbc", key(filename, source, kind, origin))));
        if let Some(compiled) = entry.as_deref().and_then(|entry| read(ctx, entry)) {
            return Ok(compiled);
        }
        let compiled = compile_source(ctx, filename, source, kind)?;
        if let (Some(dir), Some(entry)) = (&self.dir, &entry) {
            write(ctx, dir, entry, &compiled, origin);
        }
        Ok(compiled)
    }
}

fn key(filename: &str, source: &str, kind: CodeKind, origin: Origin) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(env!("DX_BUILD_ID").as_bytes());
    hasher.update(format!("{kind:?}{origin:?}").as_bytes());
    hasher.update(filename.as_bytes());
    hasher.update(&[0]);
    hasher.update(source.as_bytes());
    hasher.digest128()
}

fn compile_source(
    ctx: &Ctx<'_>,
    filename: &str,
    source: &str,
    kind: CodeKind,
) -> rquickjs::Result<Compiled> {
    let c_source = CString::new(source).map_err(|_| {
        crate::loader::throw_code(
            ctx,
            &format!("{filename}: source contains a NUL byte"),
            "ERR_DX_LOAD",
        )
    })?;
    let c_filename = CString::new(filename)?;
    let flags = match kind {
        CodeKind::Module => qjs::JS_EVAL_TYPE_MODULE | qjs::JS_EVAL_FLAG_STRICT,
        CodeKind::Script { strict: true } => qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_STRICT,
        CodeKind::Script { strict: false } => qjs::JS_EVAL_TYPE_GLOBAL,
    } | qjs::JS_EVAL_FLAG_COMPILE_ONLY;
    // SAFETY: NUL-terminated source as JS_Eval requires; the context is live.
    let value = unsafe {
        qjs::JS_Eval(
            ctx.as_raw().as_ptr(),
            c_source.as_ptr(),
            source.len() as _,
            c_filename.as_ptr(),
            flags as i32,
        )
    };
    if unsafe { qjs::JS_VALUE_GET_TAG(value) } == qjs::JS_TAG_EXCEPTION {
        return Err(rquickjs::Error::Exception);
    }
    Ok(Compiled(value))
}

const CHECKSUM_LEN: usize = 8;

/// Bytecode this process has read, by entry. Entries are named by what they were compiled from
/// and never change, so every runtime of a run (each test file) can share them: a test file
/// that loads a hundred modules would otherwise open, read and checksum a hundred files again.
/// Bounded: past [`MEMO_LIMIT`] bytes it starts over.
static MEMO: Mutex<Option<Memo>> = Mutex::new(None);
const MEMO_LIMIT: usize = 256 << 20;

#[derive(Default)]
struct Memo {
    entries: HashMap<PathBuf, Arc<[u8]>>,
    bytes: usize,
}

/// An entry's checked bytecode, from memory or disk.
fn bytecode(entry: &Path) -> Option<Arc<[u8]>> {
    let memo = || MEMO.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(bytecode) = memo().as_ref().and_then(|memo| memo.entries.get(entry)) {
        return Some(bytecode.clone());
    }
    let bytes = fs::read(entry).ok()?;
    let (checksum, bytecode) = bytes.split_at_checked(CHECKSUM_LEN)?;
    if u64::from_le_bytes(checksum.try_into().ok()?) != xxh3_64(bytecode) {
        return None;
    }
    let bytecode: Arc<[u8]> = bytecode.into();
    let mut memo = memo();
    let memo = memo.get_or_insert_default();
    if memo.bytes + bytecode.len() > MEMO_LIMIT {
        *memo = Memo::default();
    }
    memo.bytes += bytecode.len();
    memo.entries.insert(entry.to_path_buf(), bytecode.clone());
    Some(bytecode)
}

fn read(ctx: &Ctx<'_>, entry: &Path) -> Option<Compiled> {
    let bytecode = bytecode(entry)?;
    // SAFETY: the bytecode was written by this very dx build (the key has the build id) and its
    // checksum matches, so it is what JS_WriteObject produced.
    let value = unsafe {
        qjs::JS_ReadObject(
            ctx.as_raw().as_ptr(),
            bytecode.as_ptr(),
            bytecode.len() as _,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        )
    };
    if unsafe { qjs::JS_VALUE_GET_TAG(value) } == qjs::JS_TAG_EXCEPTION {
        // Unreadable: drop the exception and compile from source instead.
        let _ = ctx.catch();
        return None;
    }
    Some(Compiled(value))
}

fn write(ctx: &Ctx<'_>, dir: &Path, entry: &Path, compiled: &Compiled, origin: Origin) {
    let mut flags = qjs::JS_WRITE_OBJ_BYTECODE;
    if origin == Origin::Builtin {
        flags |= qjs::JS_WRITE_OBJ_STRIP_SOURCE;
    }
    let mut len = 0;
    // SAFETY: `compiled` holds a live function or module; the buffer is freed below.
    let buffer =
        unsafe { qjs::JS_WriteObject(ctx.as_raw().as_ptr(), &mut len, compiled.0, flags as i32) };
    if buffer.is_null() {
        let _ = ctx.catch();
        return;
    }
    // SAFETY: JS_WriteObject returned `len` bytes at `buffer`.
    let bytecode = unsafe { std::slice::from_raw_parts(buffer, len as usize) }.to_vec();
    unsafe { qjs::js_free(ctx.as_raw().as_ptr(), buffer.cast()) };
    let mut file = Vec::with_capacity(CHECKSUM_LEN + bytecode.len());
    file.extend_from_slice(&xxh3_64(&bytecode).to_le_bytes());
    file.extend_from_slice(&bytecode);
    crate::cache::write_atomically(dir, entry, &file);
}

/// Evaluates a compiled script and returns its completion value.
pub fn eval_script<'js, T: rquickjs::FromJs<'js>>(
    ctx: &Ctx<'js>,
    compiled: Compiled,
) -> rquickjs::Result<T> {
    // SAFETY: JS_EvalFunction takes ownership of the compiled value.
    let value = unsafe { qjs::JS_EvalFunction(ctx.as_raw().as_ptr(), compiled.0) };
    if unsafe { qjs::JS_VALUE_GET_TAG(value) } == qjs::JS_TAG_EXCEPTION {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: an owned, non-exception value.
    let value = unsafe { rquickjs::Value::from_raw(ctx.clone(), value) };
    T::from_js(ctx, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytecode_read_once_is_shared_by_later_runtimes() {
        let root = tempfile::tempdir().unwrap();
        let cache = CodeCache::new(Some(root.path()));
        let run = || {
            let runtime = rquickjs::Runtime::new().unwrap();
            let context = rquickjs::Context::full(&runtime).unwrap();
            context.with(|ctx| {
                let source = "6 * 7";
                let kind = CodeKind::Script { strict: true };
                let compiled = cache.compile(&ctx, "memo.js", source, kind, Origin::User);
                eval_script::<i32>(&ctx, compiled.unwrap()).unwrap()
            })
        };
        let entries = || {
            std::fs::read_dir(root.path().join("bytecode-v1"))
                .unwrap()
                .count()
        };
        assert_eq!(run(), 42);
        assert_eq!(entries(), 1, "compiled and stored");
        assert_eq!(run(), 42, "read from disk into memory");
        std::fs::remove_dir_all(root.path().join("bytecode-v1")).unwrap();
        std::fs::create_dir(root.path().join("bytecode-v1")).unwrap();
        assert_eq!(run(), 42);
        assert_eq!(
            entries(),
            0,
            "served from memory: not compiled and stored again"
        );
    }
}
