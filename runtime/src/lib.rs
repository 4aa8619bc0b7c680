//! dx-runtime: dx's embedded JavaScript/TypeScript runtime.
//!
//! QuickJS-ng (through rquickjs) runs the code; oxc turns TypeScript and JSX into JavaScript
//! with source maps; oxc_resolver finds modules the way Node does; Node's builtin modules are
//! JavaScript (`js/node/`) over small native ops (`ops/`). See ARCHITECTURE.md for the map.

pub mod bench_runner;
mod builtins;
pub mod cache;
mod code_cache;
pub mod coverage;
mod engine;
mod event_loop;
mod loader;
mod ops;
mod source_map;
pub mod test_runner;
pub mod transform;

pub use engine::{JsRuntime, RuntimeOptions, StartError, js_thread};
