//! `process` and timer ops: standard streams, the clock, exit, environment, and the event
//! loop's timers, immediates and `nextTick` queue.

use std::{
    io::{IsTerminal, Write},
    rc::Rc,
    sync::OnceLock,
    time::Instant,
};

use rquickjs::{Ctx, Function, Object, Value, qjs};

use super::{bytes_of, define};
use crate::engine::Host;

fn write_all(mut out: impl Write, value: &Value<'_>) {
    if let Some(bytes) = bytes_of(value) {
        // A closed pipe (`dx run x | head`) is not an error worth dying for.
        let _ = out.write_all(&bytes);
        let _ = out.flush();
    }
}

/// The process's start, for `hrtime` and `performance.now`.
pub fn process_start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

pub fn register<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    binding: &Object<'js>,
) -> rquickjs::Result<()> {
    binding.set("platform", std::env::consts::OS)?;
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    };
    binding.set("arch", arch)?;
    define(ctx, binding, "writeStdout", |value: Value<'js>| {
        write_all(std::io::stdout().lock(), &value)
    })?;
    define(ctx, binding, "writeStderr", |value: Value<'js>| {
        write_all(std::io::stderr().lock(), &value)
    })?;
    define(ctx, binding, "isatty", |fd: i32| match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        // SAFETY: isatty only inspects the descriptor.
        fd => unsafe { libc::isatty(fd) == 1 },
    })?;
    define(ctx, binding, "terminalColumns", |fd: i32| -> Option<u16> {
        let mut size: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: TIOCGWINSZ writes into `size`.
        (unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0 && size.ws_col > 0)
            .then_some(size.ws_col)
    })?;
    process_start();
    define(ctx, binding, "hrtime", |ctx: Ctx<'js>| {
        let nanos = process_start().elapsed().as_nanos() as u64 + 1_000_000_000;
        rquickjs::BigInt::from_u64(ctx, nanos)
    })?;
    define(ctx, binding, "now", || {
        process_start().elapsed().as_secs_f64() * 1000.0
    })?;
    define(ctx, binding, "timeOrigin", || {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        now - process_start().elapsed().as_secs_f64() * 1000.0
    })?;
    let h = host.clone();
    define(ctx, binding, "cwd", move || {
        h.options.cwd.to_string_lossy().into_owned()
    })?;
    define(ctx, binding, "chdir", |ctx: Ctx<'js>, dir: String| {
        std::env::set_current_dir(&dir).map_err(|e| {
            crate::loader::throw_code(
                &ctx,
                &format!("{}, chdir '{dir}'", super::fs::io_message(&e)),
                "ENOENT",
            )
        })
    })?;
    define(ctx, binding, "env", |ctx: Ctx<'js>| {
        let env = Object::new(ctx)?;
        for (key, value) in std::env::vars_os() {
            env.set(
                key.to_string_lossy().into_owned(),
                value.to_string_lossy().into_owned(),
            )?;
        }
        Ok::<_, rquickjs::Error>(env)
    })?;
    let h = host.clone();
    define(ctx, binding, "args", move || h.options.args.clone())?;
    define(ctx, binding, "execPath", || {
        std::env::current_exe()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| "dx".into())
    })?;
    define(ctx, binding, "pid", std::process::id)?;
    define(ctx, binding, "ppid", || unsafe { libc::getppid() })?;
    define(ctx, binding, "uid", || unsafe { libc::getuid() })?;
    define(ctx, binding, "gid", || unsafe { libc::getgid() })?;
    define(ctx, binding, "umask", || {
        // SAFETY: umask has no failure mode; set it back at once.
        let old = unsafe { libc::umask(0) };
        unsafe { libc::umask(old) };
        old as u32
    })?;
    define(ctx, binding, "kill", |pid: i32, signal: i32| unsafe {
        libc::kill(pid, signal) == 0
    })?;
    let h = host.clone();
    define(ctx, binding, "memoryUsage", move |ctx: Ctx<'js>| {
        let _ = &h;
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| {
                s.split_whitespace()
                    .nth(1)
                    .and_then(|p| p.parse::<f64>().ok())
            })
            .map_or(0.0, |pages| pages * 4096.0);
        // SAFETY: a plain C struct of numbers; zero is a valid value.
        let mut usage: qjs::JSMemoryUsage = unsafe { std::mem::zeroed() };
        // SAFETY: the runtime of a live context fills the struct.
        unsafe {
            qjs::JS_ComputeMemoryUsage(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()), &mut usage)
        };
        let object = Object::new(ctx)?;
        object.set("rss", rss)?;
        object.set("heapTotal", usage.malloc_size as f64)?;
        object.set("heapUsed", usage.memory_used_size as f64)?;
        object.set("external", 0)?;
        object.set("arrayBuffers", 0)?;
        Ok::<_, rquickjs::Error>(object)
    })?;
    let h = host.clone();
    // exit(code): ends the program now. The uncatchable error unwinds every JS frame; the host
    // sees `exit_code` set and stops the loop.
    define(
        ctx,
        binding,
        "exit",
        move |ctx: Ctx<'js>, code: i32| -> rquickjs::Result<()> {
            h.exit_code.set(Some(code));
            let error = rquickjs::Exception::from_message(ctx.clone(), "process.exit")?;
            // SAFETY: marks a live error object as uncatchable, as JS_SetUncatchableError requires.
            unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), error.as_raw()) };
            Err(ctx.throw(error.into_value()))
        },
    )?;
    Ok(())
}

pub fn register_timers<'js>(
    ctx: &Ctx<'js>,
    host: &Rc<Host>,
    binding: &Object<'js>,
) -> rquickjs::Result<()> {
    let h = host.clone();
    define(
        ctx,
        binding,
        "setTimer",
        move |ctx: Ctx<'js>, callback: Function<'js>, ms: f64, repeat: bool, refed: bool| {
            h.event_loop.set_timer(&ctx, callback, ms, repeat, refed)
        },
    )?;
    let h = host.clone();
    define(ctx, binding, "clearTimer", move |id: u32| {
        h.event_loop.clear_timer(id)
    })?;
    let h = host.clone();
    define(ctx, binding, "refTimer", move |id: u32, refed: bool| {
        h.event_loop.ref_timer(id, refed)
    })?;
    let h = host.clone();
    define(ctx, binding, "refreshTimer", move |id: u32| {
        h.event_loop.refresh_timer(id)
    })?;
    let h = host.clone();
    define(
        ctx,
        binding,
        "setImmediate",
        move |ctx: Ctx<'js>, callback: Function<'js>| h.event_loop.set_immediate(&ctx, callback),
    )?;
    let h = host.clone();
    define(ctx, binding, "clearImmediate", move |id: u32| {
        h.event_loop.clear_immediate(id)
    })?;
    let h = host.clone();
    define(
        ctx,
        binding,
        "nextTick",
        move |ctx: Ctx<'js>, callback: Function<'js>| h.event_loop.next_tick(&ctx, callback),
    )?;
    Ok(())
}
