//! The `dx` command: argument parsing and dispatch only. Each subcommand is a thin shell over
//! a library crate (see ARCHITECTURE.md): `run_cli`, `test_cli` and `bench_cli` over dx-runtime, `pm_cli`
//! over dx-pm, `migrate_cli` over dx-migrator, `lsp` over dx-lsp.

mod bench_cli;
mod migrate_cli;
mod pm_cli;
mod run_cli;
mod test_cli;
mod test_watch;

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
    /// Run the project's tests (Jest, Vitest and bun test APIs)
    Test(test_cli::TestArgs),
    /// Run the project's benchmarks (`*.bench.*` files, vitest's bench API)
    Bench(bench_cli::BenchArgs),
    /// Migrate a React or Next.js app to .dx (shows a diff; writes with --write)
    Migrate(migrate_cli::MigrateArgs),
    #[command(flatten)]
    Package(pm_cli::PackageCommand),
    /// Start the language server on stdin/stdout (for editors)
    Lsp,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run_cli::on_js_thread(move || run_cli::run(args)),
        Command::Test(args) => match test_cli::test(args) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
        Command::Bench(args) => match bench_cli::bench(args) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
        Command::Migrate(args) => match migrate_cli::migrate(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(1)
            }
        },
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
