//! `dx bench`: flags in, `dx_runtime::bench_runner::run_benches` with the chosen reporter, the
//! JSON document and baseline written, exit code out.

use std::{path::PathBuf, process::ExitCode};

use dx_runtime::bench_runner::{
    self, Baseline, BenchDocument, BenchRunOptions, BenchSettings, report::BenchReporterKind,
};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Files or folders to look in for `*.bench.*` files; anything else filters file paths
    /// (a regular expression)
    targets: Vec<String>,
    /// Only benches whose full name matches this regular expression
    #[arg(short = 't', long = "test-name-pattern")]
    name_pattern: Option<String>,
    /// Write the results as a `dx-bench/1` JSON document to FILE
    #[arg(long, alias = "outputJson", value_name = "FILE")]
    json: Option<PathBuf>,
    /// Compare with the results saved in FILE (a `--json` or `--save-baseline` document)
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    compare: Option<PathBuf>,
    /// Compare with the saved baseline (node_modules/.cache/dx/bench/baseline.json)
    #[arg(long)]
    baseline: bool,
    /// Save this run as the baseline later runs compare with (`--baseline`)
    #[arg(long)]
    save_baseline: bool,
    /// default (tables) or json (the `dx-bench/1` document on stdout)
    #[arg(long, default_value = "default")]
    reporter: String,
    /// Least time each bench is measured for, in milliseconds (default 500)
    #[arg(long, value_name = "MS")]
    time: Option<u64>,
    /// Warm-up time before each bench is measured, in milliseconds (default 100)
    #[arg(long, value_name = "MS")]
    warmup: Option<u64>,
    /// Most time a bench is measured for while its margin of error stays above 1%, in
    /// milliseconds (default 5000)
    #[arg(long, value_name = "MS")]
    max_time: Option<u64>,
}

pub fn bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let reporter_kind: BenchReporterKind = args.reporter.parse().map_err(anyhow::Error::msg)?;
    let colors = reporter_kind == BenchReporterKind::Default
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("FORCE_COLOR").map_or_else(
            |_| std::io::IsTerminal::is_terminal(&std::io::stdout()),
            |v| v != "0",
        );
    let root = std::env::current_dir()?;
    let default_baseline = bench_runner::default_baseline_path(&root);
    let compare_with = match (&args.compare, args.baseline) {
        (Some(file), _) => Some(root.join(file)),
        (None, true) => Some(default_baseline.clone()),
        (None, false) => None,
    };
    let baseline = compare_with.as_deref().map(Baseline::load).transpose()?;
    if let Some(baseline) = &baseline {
        eprintln!("comparing with {}", baseline.path.display());
    }
    // A target that exists is where to look; anything else narrows file paths, as in `dx test`.
    let (paths, path_filters): (Vec<String>, Vec<String>) = args
        .targets
        .into_iter()
        .partition(|target| root.join(target).exists());
    let options = BenchRunOptions {
        settings: BenchSettings {
            name_pattern: args.name_pattern,
            time_ms: args.time,
            warmup_ms: args.warmup,
            max_time_ms: args.max_time,
            ..BenchSettings::new(root.clone())
        },
        paths: paths.into_iter().map(PathBuf::from).collect(),
        path_filters,
        baseline,
    };
    let mut reporter = reporter_kind.create(colors, options.baseline.is_some());
    let (summary, reports) = bench_runner::run_benches(&options, reporter.as_mut())?;
    let document = BenchDocument::new(&root, &summary, &reports);
    let mut targets = Vec::new();
    targets.extend(args.json.map(|file| root.join(file)));
    if args.save_baseline {
        targets.push(default_baseline);
    }
    for target in targets {
        document.write(&target)?;
        eprintln!("bench results written to {}", target.display());
    }
    Ok(if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
