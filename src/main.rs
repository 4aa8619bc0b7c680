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
    /// Migrate a React or Next.js app to .dx (shows a diff; writes with --write)
    Migrate(MigrateArgs),
}

#[derive(clap::Args)]
struct MigrateArgs {
    /// The project folder (or one file) to migrate
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Write the changes instead of printing them as a diff
    #[arg(long)]
    write: bool,
    /// Write even when the git tree has uncommitted changes
    #[arg(long)]
    force: bool,
    /// Also write the report as JSON to this file
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
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
        Command::Migrate(args) => match migrate(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(1)
            }
        },
    }
}

/// `dx migrate`: plan with dx-migrator, then print the diff or write; the report goes to
/// stderr (it is about the run), the diff to stdout (it is the data).
fn migrate(args: MigrateArgs) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let options = dx_migrator::MigrateOptions::default();
    if args.path.is_file() {
        return migrate_one_file(&args, &options);
    }
    let plan = dx_migrator::migrate_project(&args.path, &options)?;
    if let Some(report) = &args.report {
        let json = serde_json::to_string_pretty(&plan).context("cannot serialise the report")?;
        std::fs::write(report, json + "\n")
            .with_context(|| format!("cannot write `{}`", report.display()))?;
    }
    eprint!("{}", plan.report_text());
    if !args.write {
        print!("{}", plan.diff());
        if !plan.is_noop() {
            eprintln!("\nhint: this was a dry run; pass `--write` to apply it");
        }
        return Ok(());
    }
    if plan.is_noop() {
        eprintln!("nothing to change");
        return Ok(());
    }
    if !args.force {
        dx_migrator::ensure_clean_git(&args.path)?;
    }
    dx_migrator::write_project(&plan)?;
    eprintln!("wrote {} files", plan.changes.len());
    Ok(())
}

fn migrate_one_file(
    args: &MigrateArgs,
    options: &dx_migrator::MigrateOptions,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let path = &args.path;
    let source = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let migration = dx_migrator::migrate_file(path, &source, options);
    let output = dx_migrator::apply_edits(&source, &migration.edits);
    let target = migration.new_path.clone().unwrap_or_else(|| path.clone());
    if let Some(report) = &args.report {
        let json =
            serde_json::to_string_pretty(&migration).context("cannot serialise the report")?;
        std::fs::write(report, json + "\n")
            .with_context(|| format!("cannot write `{}`", report.display()))?;
    }
    for line in dx_migrator::construct_lines(&migration.report) {
        eprintln!("{line}");
    }
    if !args.write {
        print!(
            "{}",
            dx_migrator::unified_diff(
                &path.display().to_string(),
                &target.display().to_string(),
                &source,
                &output
            )
        );
        return Ok(());
    }
    if output == source && target == *path {
        return Ok(());
    }
    if !args.force {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        dx_migrator::ensure_clean_git(dir)?;
    }
    let tmp = target.with_extension("dx-migrate.tmp");
    std::fs::write(&tmp, &output).with_context(|| format!("cannot write `{}`", tmp.display()))?;
    std::fs::rename(&tmp, &target)
        .with_context(|| format!("cannot write `{}`", target.display()))?;
    if target != *path {
        std::fs::remove_file(path)
            .with_context(|| format!("cannot remove `{}`", path.display()))?;
    }
    Ok(())
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
