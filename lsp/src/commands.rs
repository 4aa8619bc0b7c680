//! `workspace/executeCommand`: one match from command name to the module that serves it.

use serde_json::Value;
use tower_lsp_server::{jsonrpc, ls_types::ExecuteCommandParams};

use crate::{
    install::{self, INSTALL},
    migrate_actions::{self, MIGRATE_FILE, MIGRATE_PROJECT},
    server::{
        Backend, benches,
        runs::{self, CANCEL_RUN, RUN_ALL, RUN_BENCH, RUN_FILE, RUN_TEST},
    },
};

/// Every command the server runs, as `initialize` advertises them.
pub const COMMANDS: &[&str] = &[
    RUN_TEST,
    RUN_FILE,
    RUN_ALL,
    CANCEL_RUN,
    RUN_BENCH,
    MIGRATE_FILE,
    MIGRATE_PROJECT,
    INSTALL,
];

pub async fn execute(
    backend: &Backend,
    params: ExecuteCommandParams,
) -> jsonrpc::Result<Option<Value>> {
    let arguments = &params.arguments;
    match params.command.as_str() {
        RUN_TEST | RUN_FILE | RUN_ALL | CANCEL_RUN => {
            runs::execute(backend, &params.command, params.arguments).await
        }
        RUN_BENCH => benches::execute(backend, params.arguments).await,
        MIGRATE_FILE => migrate_actions::migrate_file(backend, arguments).await,
        MIGRATE_PROJECT => migrate_actions::migrate_project(backend, arguments).await,
        INSTALL => install::install(backend, arguments).await,
        other => Err(jsonrpc::Error::invalid_params(format!(
            "unknown command `{other}`; this server runs {}",
            COMMANDS.join(", ")
        ))),
    }
}
