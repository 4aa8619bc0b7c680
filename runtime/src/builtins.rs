//! The JavaScript that ships inside dx: the bootstrap, Node's builtin modules and dx's own
//! internals (`js/` in this crate, embedded at build time by `build.rs`).

include!(concat!(env!("OUT_DIR"), "/js_sources.rs"));

/// Module names under which builtins are registered with the ES module loader.
pub const BUILTIN_PREFIX: &str = "node:";

/// Every module Node has; those without a file in `js/node/` fail with a clear message.
const NODE_BUILTINS: &[&str] = &[
    "assert",
    "assert/strict",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "dns/promises",
    "domain",
    "events",
    "fs",
    "fs/promises",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "path/posix",
    "path/win32",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "readline/promises",
    "repl",
    "stream",
    "stream/consumers",
    "stream/promises",
    "stream/web",
    "string_decoder",
    "sys",
    "timers",
    "timers/promises",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "util/types",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// The embedded source for `key` (`node/util`, `internal/modules`, ...).
pub fn source(key: &str) -> Option<&'static str> {
    SOURCES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, source)| *source)
}

/// The Node builtins dx has, by their Node names.
pub fn available() -> impl Iterator<Item = &'static str> {
    NODE_BUILTINS
        .iter()
        .copied()
        .filter(|name| source(&node_key(name)).is_some())
}

/// The file key of a Node builtin: `fs/promises` → `node/fs_promises`.
pub fn node_key(name: &str) -> String {
    format!("node/{}", name.replace('/', "_"))
}

/// Whether `specifier` names a builtin: `Ok(Some(name))` for one dx has, an error for a Node
/// builtin dx does not have yet (or a `node:` name Node does not have), `Ok(None)` otherwise.
pub fn builtin_name(specifier: &str) -> Result<Option<String>, String> {
    let (name, prefixed) = match specifier.strip_prefix(BUILTIN_PREFIX) {
        Some(name) => (name, true),
        None => (specifier, false),
    };
    if source(&node_key(name)).is_some() {
        return Ok(Some(name.to_owned()));
    }
    if NODE_BUILTINS.contains(&name) {
        return Err(format!("node:{name} is not supported by dx yet"));
    }
    if prefixed {
        return Err(format!("No such built-in module: node:{name}"));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_resolve_with_and_without_prefix() {
        assert_eq!(builtin_name("node:fs"), Ok(Some("fs".into())));
        assert_eq!(builtin_name("fs/promises"), Ok(Some("fs/promises".into())));
        assert_eq!(builtin_name("lodash"), Ok(None));
        assert_eq!(
            builtin_name("node:nope"),
            Err("No such built-in module: node:nope".into())
        );
        assert_eq!(
            builtin_name("inspector"),
            Err("node:inspector is not supported by dx yet".into())
        );
    }
}
