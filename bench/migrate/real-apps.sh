#!/usr/bin/env bash
# `dx migrate` on real apps: the create-next-app templates from the npm registry (app and pages
# routers, TypeScript and JavaScript) and any app folders given as arguments. Dry runs only:
# prints each app's totals and fails if any file was left because its .dx would not parse.
#
#   bench/migrate/real-apps.sh [APP_DIR...]
#
# Environment: DX (default target/release/dx, else target/debug/dx), CNA_VERSION (default 15.5.28).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DX=${DX:-$ROOT/target/release/dx}
[[ -x $DX ]] || DX=$ROOT/target/debug/dx
CNA_VERSION=${CNA_VERSION:-15.5.28}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "create-next-app@$CNA_VERSION" >/dev/null && tar xzf create-next-app-*.tgz)
APPS=()
for template in app/ts app/js default/ts default/js; do
  dir="$WORK/templates/${template/\//-}"
  mkdir -p "$dir"
  cp -r "$WORK/package/dist/templates/$template/." "$dir/"
  echo '{ "name": "cna", "dependencies": { "next": "'"$CNA_VERSION"'", "react": "19.1.0" } }' >"$dir/package.json"
  APPS+=("$dir")
done
APPS+=("$@")

status=0
for app in "${APPS[@]}"; do
  "$DX" migrate "$app" --report "$WORK/report.json" >/dev/null 2>"$WORK/report.txt"
  if grep -q "would not parse" "$WORK/report.txt"; then
    status=1
    grep -B3 "would not parse" "$WORK/report.txt" >&2
  fi
  node -e '
    const r = require(process.argv[1]);
    const by = {};
    for (const f of r.files) for (const c of f.constructs) {
      const key = `${c.kind}: ${c.outcome}`;
      by[key] = (by[key] || 0) + 1;
    }
    const t = r.totals;
    console.log(`${process.argv[2]}: ${t.files} files, ${t.files_migrated} to .dx, ${t.files_left} left; constructs ${t.migrated} migrated, ${t.migrated_with_note} with a note, ${t.left} left`);
    for (const [k, v] of Object.entries(by).sort()) console.log(`  ${k}: ${v}`);
  ' "$WORK/report.json" "${app#"$WORK/templates/"}"
done
exit $status
