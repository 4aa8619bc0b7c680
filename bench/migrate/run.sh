#!/usr/bin/env bash
# `dx migrate` benchmark: a generated 1,000-component Next.js app, timed by hyperfine.
#
#   bench/migrate/run.sh [N]          N components (default 1000; every tenth is a page)
#
# Environment:
#   DX        the dx binary, default target/release/dx under the repository root (built with
#             `cargo build --release` when missing)
#   RUNS, WARMUP  hyperfine runs and warm-ups (defaults 10 and 2)
#   RESULTS   output folder, default bench/migrate/results (hyperfine JSON, summary.txt)
#
# Two timings: the dry run (`dx migrate app`: parse, migrate, check and diff every file) and the
# write (`dx migrate app --write --force` on a fresh copy each run, via hyperfine's --prepare).
# Before timing, the script checks that the dry run migrates every component and leaves none.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=${1:-1000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
RESULTS=${RESULTS:-$HERE/results}
DX=${DX:-$ROOT/target/release/dx}

if [[ ! -x $DX ]]; then
  (cd "$ROOT" && cargo build --release)
fi
command -v hyperfine >/dev/null || { echo "error: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$HERE/gen.py" "$WORK/pristine" "$N"
FILES=$(find "$WORK/pristine" -name '*.tsx' | wc -l)

# Correctness first: every generated file migrates.
"$DX" migrate "$WORK/pristine" --report "$WORK/report.json" >/dev/null 2>"$WORK/report.txt"
node -e '
  const r = require(process.argv[1]);
  const t = r.totals;
  if (t.files_migrated !== Number(process.argv[2]) || t.left !== 0) {
    console.error("error: expected every file to migrate, got", t);
    process.exit(1);
  }
  console.log(`${t.files_migrated} files migrated, ${t.migrated + t.migrated_with_note} constructs`);
' "$WORK/report.json" "$FILES"

mkdir -p "$RESULTS"
hyperfine --runs "$RUNS" --warmup "$WARMUP" --export-json "$RESULTS/dry-run.json" \
  -n "dx migrate (dry run, $FILES files)" "$DX migrate $WORK/pristine >/dev/null 2>&1"
hyperfine --runs "$RUNS" --warmup 1 --export-json "$RESULTS/write.json" \
  --prepare "rm -rf $WORK/copy && cp -r $WORK/pristine $WORK/copy" \
  -n "dx migrate --write ($FILES files)" "$DX migrate $WORK/copy --write --force >/dev/null 2>&1"

node -e '
  const files = Number(process.argv[3]);
  const lines = [];
  for (const [name, file] of [["dry run", process.argv[1]], ["--write", process.argv[2]]]) {
    const r = require(file).results[0];
    lines.push(`${name}: ${(r.mean * 1000).toFixed(0)} ms ± ${(r.stddev * 1000).toFixed(0)} ms for ${files} files = ${Math.round(files / r.mean)} files/s`);
  }
  console.log(lines.join("\n"));
' "$RESULTS/dry-run.json" "$RESULTS/write.json" "$FILES" | tee "$RESULTS/summary.txt"
