//! `dx migrate`: React/Next.js → `.dx` through dx-migrator. The dry run prints a unified diff
//! (stdout, the data) and the report (stderr, about the run); `--write` applies the plan.

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct MigrateArgs {
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

/// `dx migrate`: plan with dx-migrator, then print the diff or write; the report goes to
/// stderr (it is about the run), the diff to stdout (it is the data).
pub fn migrate(args: MigrateArgs) -> anyhow::Result<()> {
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
