#!/usr/bin/env bash
# Interleaved A/B of two dx builds installing the same project: one of A, one of B, and so on,
# so both see the same machine. Each round first deletes node_modules (and, with --warm,
# dx.lock; with --cold, dx.lock and all of $DX_CACHE_DIR); otherwise the store and metadata
# cache in $DX_CACHE_DIR are shared and must be filled first (one `dx install` in the project).
# Prints, per build, the median wall time and the median link time that `dx install --verbose`
# reports.
#
#   bench/pm/ab.sh /path/dx-before target/release/dx /dev/shm/project [rounds] [--warm|--cold]
set -euo pipefail
a=$1 b=$2 project=$3 rounds=${4:-30} mode=${5:-}
[[ -n ${DX_CACHE_DIR:-} ]] || { echo "set DX_CACHE_DIR to the cache both builds use" >&2; exit 2; }
cd "$project"
for _ in $(seq "$rounds"); do
  for bin in "$a" "$b"; do
    rm -rf node_modules
    [[ $mode == --warm || $mode == --cold ]] && rm -f dx.lock
    [[ $mode == --cold ]] && rm -rf "$DX_CACHE_DIR"
    sync
    start=$(date +%s%N)
    out=$("$bin" install --verbose 2>&1)
    end=$(date +%s%N)
    link=$(sed -nE 's/.*ready at ([0-9]+) ms, linked at ([0-9]+) ms.*/\2 \1/p' <<<"$out" | awk '{print $1 - $2}')
    echo "$bin $(( (end - start) / 1000 )) ${link:-0}"
  done
done | awk '
  { wall[$1] = wall[$1] " " $2; link[$1] = link[$1] " " $3 }
  function median(list,    v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return v[int((n + 1) / 2)]
  }
  END { for (b in wall) printf "%s: wall %.1f ms, link %d ms\n", b, median(wall[b]) / 1000, median(link[b]) }'
