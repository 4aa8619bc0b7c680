#!/usr/bin/env bash
# Runtime benchmark: `dx run`, bun and node side by side on the same files, timed by hyperfine.
#
#   bench/runtime/run.sh [--runs N] [--warmup N]
#
# Environment:
#   RUNNERS  which runtimes to time, default "dx bun node" (e.g. RUNNERS="bun node" without dx)
#   BENCHES  which benchmarks, default "hello deps cpu empty"
#   DX       the dx binary, default target/release/dx under the repository root (built with
#            `cargo build --release` when missing and dx is among RUNNERS)
#   RUNS, WARMUP  same as --runs / --warmup (defaults 20 and 3)
#   RESULTS  output folder, default bench/runtime/results (hyperfine JSON per benchmark,
#            env.json, table.md)
#
# bun is installed from the npm registry (bun@1.4.5, whose platform binary arrives through
# optionalDependencies) into ~/.cache/dx-bench/runtime/tools; hyperfine comes from apt.
# Before timing, every runner runs each file once and must print expected/<bench>.txt.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUN_VERSION=1.4.5
TOOLS=${DX_BENCH_TOOLS:-$HOME/.cache/dx-bench/runtime/tools}
RESULTS=${RESULTS:-$HERE/results}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}
RUNNERS=${RUNNERS:-dx bun node}
BENCHES=${BENCHES:-hello deps cpu empty}

# The comment block at the top of this file is the help text.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

while (($#)); do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*" >&2; }
has_runner() { [[ " $RUNNERS " == *" $1 "* ]]; }

# Root installs directly; anyone else goes through sudo when it exists.
as_root() {
  if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi
}

ensure_hyperfine() {
  command -v hyperfine >/dev/null && return
  log "installing hyperfine with apt-get"
  as_root apt-get update -qq
  as_root apt-get install -y -qq hyperfine
}

ensure_bun() {
  BUN=$TOOLS/node_modules/.bin/bun
  if [[ -x $BUN && $("$BUN" --version 2>/dev/null) == "$BUN_VERSION" ]]; then return; fi
  log "installing bun@$BUN_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  [[ -f $TOOLS/package.json ]] || echo '{ "private": true }' >"$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-audit --no-fund "bun@$BUN_VERSION" >&2)
  local got
  got=$("$BUN" --version 2>/dev/null || true)
  if [[ $got != "$BUN_VERSION" ]]; then
    echo "run.sh: $BUN reports '$got', expected $BUN_VERSION (its postinstall must run)" >&2
    exit 1
  fi
}

ensure_dx() {
  DX=${DX:-$ROOT/target/release/dx}
  if [[ ! -x $DX ]]; then
    log "building dx (cargo build --release)"
    (cd "$ROOT" && cargo build --release >&2)
  fi
  [[ -x $DX ]] || { echo "run.sh: no dx binary at $DX" >&2; exit 1; }
}

# Node runs TypeScript only where it can strip types itself (22.6+); otherwise node is left
# out of the .ts rows rather than timed on a different, pre-stripped file.
detect_node_ts() {
  if node --experimental-strip-types --no-warnings -e '' 2>/dev/null; then
    NODE_TS="node --experimental-strip-types --no-warnings"
  else
    NODE_TS=""
  fi
}

bench_file() {
  case $1 in
    hello) echo hello.ts ;;
    deps) echo deps.ts ;;
    cpu) echo cpu.js ;;
    empty) echo empty.js ;;
    *) echo "run.sh: unknown benchmark '$1'" >&2; exit 2 ;;
  esac
}

# The command line for one runner on one file, or nothing when the runner cannot run it.
runner_command() {
  local runner=$1 file=$2
  case $runner in
    dx) printf '%q run %s' "$DX" "$file" ;;
    bun) printf '%q %s' "$BUN" "$file" ;;
    node)
      if [[ $file == *.ts ]]; then
        [[ -n $NODE_TS ]] && printf '%s %s' "$NODE_TS" "$file"
      else
        printf 'node %s' "$file"
      fi
      ;;
    *) echo "run.sh: unknown runner '$runner'" >&2; exit 2 ;;
  esac
  return 0
}

# Fails unless the runner prints exactly expected/<bench>.txt for the file, so no runner is
# timed doing less (or other) work than the rest.
check_output() {
  local bench=$1 runner=$2 cmd=$3 actual
  actual=$(mktemp)
  if ! eval "$cmd" >"$actual" 2>&1; then
    printf 'run.sh: %s failed on %s:\n' "$runner" "$bench" >&2
    cat "$actual" >&2
    rm -f "$actual"
    exit 1
  fi
  if ! cmp -s "$actual" "$HERE/expected/$bench.txt"; then
    printf 'run.sh: %s prints unexpected output for %s:\n' "$runner" "$bench" >&2
    diff "$HERE/expected/$bench.txt" "$actual" >&2 || true
    rm -f "$actual"
    exit 1
  fi
  rm -f "$actual"
}

version_of() {
  case $1 in
    dx) "$DX" --version 2>/dev/null | head -n1 ;;
    bun) echo "bun $("$BUN" --version)" ;;
    node) echo "node $(node --version)" ;;
  esac
}

# Records what the numbers were measured on; node writes it so any version text is valid JSON.
write_env() {
  local skipped=$1 runner versions=()
  for runner in $RUNNERS; do versions+=("$runner=$(version_of "$runner")"); done
  SKIPPED=$skipped node -e '
    const [file, runs, warmup, ...versions] = process.argv.slice(1);
    const cpu = (require("fs").readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1] || "unknown";
    const env = {
      date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      cpu,
      cores: require("os").cpus().length,
      runs: Number(runs),
      warmup: Number(warmup),
      versions: Object.fromEntries(versions.map((v) => [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)])),
      skipped: process.env.SKIPPED ? process.env.SKIPPED.trim().split(" ").map((s) => ({ bench: s.split("/")[0], runner: s.split("/")[1] })) : [],
    };
    require("fs").writeFileSync(file, JSON.stringify(env, null, 2) + "\n");
  ' "$RESULTS/env.json" "$RUNS" "$WARMUP" "${versions[@]}"
}

main() {
  ensure_hyperfine
  has_runner bun && ensure_bun
  has_runner dx && ensure_dx
  detect_node_ts
  log "installing benchmark dependencies (npm ci)"
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  mkdir -p "$RESULTS"
  cd "$HERE"

  local bench file runner cmd skipped="" hf_args
  for bench in $BENCHES; do
    file=$(bench_file "$bench")
    hf_args=()
    for runner in $RUNNERS; do
      cmd=$(runner_command "$runner" "$file")
      if [[ -z $cmd ]]; then
        log "skipping $runner on $file (node $(node --version) cannot strip types)"
        skipped+=" $bench/$runner"
        continue
      fi
      check_output "$bench" "$runner" "$cmd"
      hf_args+=(--command-name "$runner" "$cmd")
    done
    ((${#hf_args[@]})) || continue
    log "$bench: $file"
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
      --export-json "$RESULTS/$bench.json" "${hf_args[@]}" >&2
  done

  write_env "$skipped"
  node "$HERE/report.mjs" "$RESULTS" | tee "$RESULTS/table.md"
}

main
