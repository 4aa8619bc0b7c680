//! dx's language server.
//!
//! Two layers, and only the outer one knows LSP:
//! - [`model`]: the salsa project model. Plain data with byte offsets; no I/O.
//! - `server`: tower-lsp-server handlers. Converts positions ([`text`]), reads the disk,
//!   resolves imports, and turns model answers into protocol messages.
//!
//! Beside the model, [`run`] runs tests in-process on a warm runtime thread (also without LSP
//! types); the server's `runs` module turns its results into notifications, lenses, hints and
//! diagnostics.

mod commands;
mod dx_features;
mod install;
mod migrate_actions;
pub mod model;
pub mod run;
mod server;
mod stdio;
pub mod text;

pub use server::{LENS_BENCH_COMMAND, LENS_RUN_COMMAND, serve_stdio};
