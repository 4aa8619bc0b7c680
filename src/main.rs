//! The `dx` command: argument parsing only. Every subcommand is a thin shell over a library
//! crate (see ARCHITECTURE.md).

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
    Test(TestArgs),
}

#[derive(clap::Args)]
struct TestArgs {
    /// Only test files whose path matches one of these regular expressions
    filters: Vec<String>,
    /// Only tests whose full name matches this regular expression
    #[arg(short = 't', long = "test-name-pattern")]
    name_pattern: Option<String>,
    /// How many files run at once (default: one per core)
    #[arg(long)]
    concurrency: Option<usize>,
    /// Stop after the first failing test file
    #[arg(long)]
    bail: bool,
    /// Default timeout of each test and hook, in milliseconds
    #[arg(long)]
    timeout: Option<u64>,
    /// Run only the i-th of n slices of the test files, e.g. `--shard 2/4`
    #[arg(long)]
    shard: Option<String>,
    /// Rewrite snapshots that differ and remove obsolete ones
    #[arg(short = 'u', long = "update-snapshot")]
    update: bool,
    /// CI mode: never write snapshots, a missing one fails (default: on when `CI` is set)
    #[arg(long)]
    ci: bool,
    /// default, dot, json (the `dx-test/1` schema) or junit
    #[arg(long, default_value = "default")]
    reporter: String,
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
        Command::Test(args) => match test(args) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
    }
}

fn test(args: TestArgs) -> anyhow::Result<ExitCode> {
    use dx_runtime::test_runner::{self, SnapshotUpdate, report::ReporterKind};

    let reporter_kind: ReporterKind = args.reporter.parse().map_err(anyhow::Error::msg)?;
    let ci = args.ci || std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    let colors = !reporter_kind.is_machine()
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("FORCE_COLOR").map_or_else(
            |_| std::io::IsTerminal::is_terminal(&std::io::stdout()),
            |v| v != "0",
        );
    let options = test_runner::RunOptions {
        root: std::env::current_dir()?,
        path_filters: args.filters,
        name_pattern: args.name_pattern,
        concurrency: args
            .concurrency
            .unwrap_or_else(test_runner::default_concurrency),
        bail: args.bail,
        timeout_ms: args.timeout,
        shard: args.shard.as_deref().map(str::parse).transpose()?,
        update: if args.update {
            SnapshotUpdate::All
        } else if ci {
            SnapshotUpdate::None
        } else {
            SnapshotUpdate::New
        },
        ci,
        colors,
        cache_dir: dx_runtime::cache::default_cache_dir(),
    };
    let mut reporter = reporter_kind.create(colors);
    let summary = test_runner::run(&options, reporter.as_mut())?;
    Ok(if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
