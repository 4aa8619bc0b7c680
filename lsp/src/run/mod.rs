//! Running tests from the editor, without LSP types: the warm [`worker`] thread, the [`plan`]
//! of what a command runs, the [`pattern`] that picks one test, and the [`results`] schema and
//! store. The server layer (`server/runs.rs`) turns commands into these calls and results
//! into notifications, lenses, inlay hints and diagnostics.

pub mod pattern;
pub mod plan;
pub mod results;
pub mod worker;
