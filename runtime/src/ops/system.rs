//! Ops for `node:os`, `node:crypto` (hashes, HMAC, random bytes) and the synchronous half of
//! `node:child_process`.

use std::{
    io::Write,
    process::{Command, Stdio},
};

use rquickjs::{Ctx, Object, Value};
use sha2::Digest;

use super::{bytes_of, define, uint8_array};

fn uname() -> libc::utsname {
    // SAFETY: uname fills the zeroed struct.
    let mut info: libc::utsname = unsafe { std::mem::zeroed() };
    unsafe { libc::uname(&mut info) };
    info
}

fn c_chars(chars: &[libc::c_char]) -> String {
    let bytes: Vec<u8> = chars
        .iter()
        .take_while(|c| **c != 0)
        .map(|c| *c as u8)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn meminfo(key: &str) -> f64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with(key))
                .and_then(|line| {
                    line.split_whitespace()
                        .nth(1)
                        .and_then(|kb| kb.parse::<f64>().ok())
                })
        })
        .map_or(0.0, |kb| kb * 1024.0)
}

pub fn register_os<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    define(ctx, binding, "hostname", || c_chars(&uname().nodename))?;
    define(ctx, binding, "release", || c_chars(&uname().release))?;
    define(ctx, binding, "version", || c_chars(&uname().version))?;
    define(ctx, binding, "machine", || c_chars(&uname().machine))?;
    define(ctx, binding, "totalmem", || meminfo("MemTotal:"))?;
    define(ctx, binding, "freemem", || meminfo("MemAvailable:"))?;
    define(ctx, binding, "cpuCount", || {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    })?;
    define(ctx, binding, "cpuModel", || {
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|m| m.trim().to_owned())
            })
            .unwrap_or_default()
    })?;
    define(ctx, binding, "uptime", || {
        std::fs::read_to_string("/proc/uptime")
            .ok()
            .and_then(|t| {
                t.split_whitespace()
                    .next()
                    .and_then(|s| s.parse::<f64>().ok())
            })
            .unwrap_or(0.0)
    })?;
    define(ctx, binding, "loadavg", || {
        let mut loads = [0f64; 3];
        // SAFETY: getloadavg writes at most 3 values.
        unsafe { libc::getloadavg(loads.as_mut_ptr(), 3) };
        loads.to_vec()
    })?;
    define(ctx, binding, "homedir", || {
        std::env::var("HOME").unwrap_or_else(|_| "/".into())
    })?;
    define(ctx, binding, "username", || {
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_default()
    })?;
    Ok(())
}

fn digest(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match algorithm {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha224" => sha2::Sha224::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

/// HMAC (RFC 2104) over any of the digests above.
fn hmac(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let block = if matches!(algorithm, "sha384" | "sha512") {
        128
    } else {
        64
    };
    let mut key = if key.len() > block {
        digest(algorithm, key)?
    } else {
        key.to_vec()
    };
    key.resize(block, 0);
    let inner_pad: Vec<u8> = key.iter().map(|b| b ^ 0x36).collect();
    let outer_pad: Vec<u8> = key.iter().map(|b| b ^ 0x5c).collect();
    let inner = digest(algorithm, &[inner_pad, data.to_vec()].concat())?;
    digest(algorithm, &[outer_pad, inner].concat())
}

/// Node's error for a digest it does not know (the message does not name it).
fn unknown_digest(ctx: &Ctx<'_>) -> rquickjs::Error {
    crate::loader::throw_code(
        ctx,
        "Digest method not supported",
        "ERR_CRYPTO_INVALID_DIGEST",
    )
}

pub fn register_crypto<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    define(
        ctx,
        binding,
        "hash",
        |ctx: Ctx<'js>, algorithm: String, data: Value<'js>| {
            let data = bytes_of(&data).unwrap_or_default();
            match digest(&algorithm.to_ascii_lowercase(), &data) {
                Some(bytes) => uint8_array(&ctx, bytes),
                None => Err(unknown_digest(&ctx)),
            }
        },
    )?;
    define(
        ctx,
        binding,
        "hmac",
        |ctx: Ctx<'js>, algorithm: String, key: Value<'js>, data: Value<'js>| {
            let key = bytes_of(&key).unwrap_or_default();
            let data = bytes_of(&data).unwrap_or_default();
            match hmac(&algorithm.to_ascii_lowercase(), &key, &data) {
                Some(bytes) => uint8_array(&ctx, bytes),
                None => Err(unknown_digest(&ctx)),
            }
        },
    )?;
    define(
        ctx,
        binding,
        "randomBytes",
        |ctx: Ctx<'js>, length: usize| {
            let mut bytes = vec![0; length];
            getrandom::fill(&mut bytes)
                .map_err(|e| rquickjs::Exception::throw_message(&ctx, &e.to_string()))?;
            uint8_array(&ctx, bytes)
        },
    )?;
    Ok(())
}

pub fn register_child_process<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    // spawnSync(file, args, cwd, env | undefined, input | undefined)
    //   → { status, signal, stdout, stderr, error }
    define(
        ctx,
        binding,
        "spawnSync",
        |ctx: Ctx<'js>,
         file: String,
         args: Vec<String>,
         cwd: Option<String>,
         env: Option<Object<'js>>,
         input: Value<'js>|
         -> rquickjs::Result<Object<'js>> {
            let mut command = Command::new(&file);
            command
                .args(&args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            if let Some(cwd) = cwd {
                command.current_dir(cwd);
            }
            if let Some(env) = env {
                command.env_clear();
                for entry in env.props::<String, String>() {
                    let (key, value) = entry?;
                    command.env(key, value);
                }
            }
            let result = Object::new(ctx.clone())?;
            let input = bytes_of(&input);
            let output = command.spawn().and_then(|mut child| {
                if let Some(mut stdin) = child.stdin.take() {
                    let input = input.unwrap_or_default();
                    // A child that exits without reading its input closes the pipe: not an error.
                    std::thread::spawn(move || {
                        let _ = stdin.write_all(&input);
                    });
                }
                child.wait_with_output()
            });
            match output {
                Ok(output) => {
                    use std::os::unix::process::ExitStatusExt;
                    result.set("status", output.status.code())?;
                    result.set("signal", output.status.signal().map(signal_name))?;
                    result.set("stdout", uint8_array(&ctx, output.stdout)?)?;
                    result.set("stderr", uint8_array(&ctx, output.stderr)?)?;
                }
                Err(error) => {
                    let (code, description) = match error.kind() {
                        std::io::ErrorKind::NotFound => ("ENOENT", "no such file or directory"),
                        std::io::ErrorKind::PermissionDenied => ("EACCES", "permission denied"),
                        _ => ("EIO", "i/o error"),
                    };
                    let js_error =
                        crate::loader::new_error(&ctx, &format!("spawnSync {file} {code}"))?;
                    js_error.set("code", code)?;
                    js_error.set("errno", -error.raw_os_error().unwrap_or(libc::EIO))?;
                    js_error.set("syscall", format!("spawnSync {file}"))?;
                    js_error.set("path", file.clone())?;
                    js_error.set("spawnargs", args.clone())?;
                    let _ = description;
                    result.set("error", js_error)?;
                    result.set("status", Value::new_null(ctx.clone()))?;
                }
            }
            Ok(result)
        },
    )?;
    Ok(())
}

fn signal_name(signal: i32) -> String {
    match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        libc::SIGABRT => "SIGABRT",
        _ => return format!("SIG{signal}"),
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        let key = [0x0b; 20];
        let mac = hmac("sha256", &key, b"Hi There").unwrap();
        assert_eq!(
            hex(&mac),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
    }

    #[test]
    fn digests_match_known_values() {
        assert_eq!(
            hex(&digest("md5", b"").unwrap()),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            hex(&digest("sha1", b"abc").unwrap()),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert!(digest("whirlpool", b"").is_none());
    }
}
