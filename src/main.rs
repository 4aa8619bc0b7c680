//! The `dx` command: argument parsing and dispatch only. Each subcommand is a thin shell over
//! a library crate (see ARCHITECTURE.md): `run_cli` over dx-runtime, `pm_cli` over dx-pm, `lsp`
//! over dx-lsp.

mod pm_cli;
mod run_cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "dx",
    version,
    about = "The dx developer platform for JavaScript and TypeScript"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a JavaScript or TypeScript file (or `-e` code) in dx's runtime
    Run(run_cli::RunArgs),
    #[command(flatten)]
    Package(pm_cli::PackageCommand),
    /// Start the language server on stdin/stdout (for editors)
    Lsp,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run_cli::on_js_thread(move || run_cli::run(args)),
        Command::Package(command) => pm_cli::run(command),
        Command::Lsp => lsp(),
    }
}

/// Exits 0 after `shutdown` then `exit`, and 1 when the editor left without `shutdown`, as the
/// LSP specification asks.
fn lsp() -> ExitCode {
    match dx_lsp::serve_stdio() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: cannot start the language server: {error}");
            ExitCode::from(70)
        }
    }
}
