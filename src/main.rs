//! The `dx` command: argument parsing only. Every subcommand is a thin shell over a library
//! crate (see ARCHITECTURE.md): `test_cli` over dx-runtime's test runner.

mod test_cli;

use std::{path::PathBuf, process::ExitCode};

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
    Run(RunArgs),
    /// Run the project's tests (Jest, Vitest and bun test APIs)
    Test(test_cli::TestArgs),
}

#[derive(clap::Args)]
struct RunArgs {
    /// Evaluate this code instead of a file
    #[arg(short = 'e', long = "eval", conflicts_with = "file")]
    eval: Option<String>,
    /// The file to run: .js .mjs .cjs .ts .mts .cts .jsx .tsx
    #[arg(required_unless_present = "eval")]
    file: Option<PathBuf>,
    /// Arguments passed to the program as `process.argv.slice(2)`
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => on_js_thread(move || run(args)),
        Command::Test(args) => match test_cli::test(args) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
    }
}

/// Runs `f` on a thread with a stack deep enough for JavaScript's recursion limit.
fn on_js_thread(f: impl FnOnce() -> ExitCode + Send + 'static) -> ExitCode {
    match dx_runtime::js_thread("dx-main")
        .spawn(f)
        .map(std::thread::JoinHandle::join)
    {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => ExitCode::from(70),
        Err(error) => {
            eprintln!("error: cannot start the JavaScript thread: {error}");
            ExitCode::from(70)
        }
    }
}

fn run(args: RunArgs) -> ExitCode {
    let options = dx_runtime::RuntimeOptions {
        args: args.args,
        ..dx_runtime::RuntimeOptions::for_js_thread()
    };
    let cwd = options.cwd.clone();
    let runtime = match dx_runtime::JsRuntime::new(options) {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(70);
        }
    };
    let code = match (args.eval, args.file) {
        (Some(source), _) => runtime.run_script("[eval]", &source),
        (None, Some(file)) => {
            let path = cwd.join(&file);
            match path.canonicalize() {
                Ok(path) => runtime.run_main(&path),
                Err(error) => {
                    eprintln!("error: cannot run {}: {}", file.display(), error.kind());
                    return ExitCode::from(1);
                }
            }
        }
        (None, None) => unreachable!("clap requires a file or -e"),
    };
    // The process ends here: tearing the engine down (a full GC and free of every object)
    // would only delay the exit, and the OS reclaims it all anyway.
    std::mem::forget(runtime);
    ExitCode::from(code.clamp(0, 255) as u8)
}
