//! `dx test`: flags in, `dx_runtime::test_runner::run` with the chosen reporter, exit code out
//! (`--watch` hands the same options to `test_watch`).

use std::process::ExitCode;

use dx_runtime::test_runner::{self, SnapshotUpdate, report::ReporterKind};

#[derive(clap::Args)]
pub struct TestArgs {
    /// Only test files whose path matches one of these regular expressions
    filters: Vec<String>,
    /// Only tests whose full name matches this regular expression
    #[arg(short = 't', long = "test-name-pattern")]
    name_pattern: Option<String>,
    /// How many files run at once (default: one per core, plus one)
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
    /// After the run, watch the project and re-run the test files each change affects
    #[arg(long)]
    watch: bool,
    /// default, dot, json (the `dx-test/1` schema) or junit
    #[arg(long, default_value = "default")]
    reporter: String,
    /// Measure statement, branch, function and line coverage: a table, lcov.info and
    /// coverage-summary.json
    #[arg(long)]
    coverage: bool,
    /// Where the coverage files go (default: the config's coverageDirectory, else ./coverage)
    #[arg(long, value_name = "DIR")]
    coverage_dir: Option<std::path::PathBuf>,
}

pub fn test(args: TestArgs) -> anyhow::Result<ExitCode> {
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
        coverage: args.coverage || args.coverage_dir.is_some(),
        coverage_dir: args.coverage_dir,
    };
    if args.watch {
        return crate::test_watch::watch(options, reporter_kind, colors);
    }
    let mut reporter = reporter_kind.create(colors);
    let summary = test_runner::run(&options, reporter.as_mut())?;
    Ok(if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
