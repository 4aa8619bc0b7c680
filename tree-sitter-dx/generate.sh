#!/usr/bin/env bash
# Regenerates the committed parser (src/parser.c, src/grammar.json,
# src/node-types.json, src/tree_sitter/*.h) from grammar.js.
#
# Needs cargo, node and npm. Installs what it needs into a cache directory:
#   - the tree-sitter CLI, pinned below, with `cargo install --locked`
#     (npm's tree-sitter-cli package downloads a binary, which fails here);
#   - tree-sitter-typescript from package-lock.json with `npm ci --ignore-scripts`
#     into node_modules/ (git-ignored), because grammar.js extends its TSX grammar.
# src/scanner.c is hand-written and is not touched.
#
# Usage: tree-sitter-dx/generate.sh [--output DIR]
# Env: TREE_SITTER_CLI=path uses that CLI (it must be the pinned version).
#   --output DIR  write the generated files to DIR instead of src/ (check.sh uses it)
set -euo pipefail

TREE_SITTER_CLI_VERSION=0.27.1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${DX_TREE_SITTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tree-sitter-dx}"
CLI_ROOT="$CACHE/cli-$TREE_SITTER_CLI_VERSION"
CLI="${TREE_SITTER_CLI:-$CLI_ROOT/bin/tree-sitter}"

output="$HERE/src"
if [[ "${1:-}" == "--output" ]]; then
  output="$2"
fi

if [[ -n "${TREE_SITTER_CLI:-}" ]]; then
  have="$("$CLI" --version | awk '{print $2}')"
  if [[ "$have" != "$TREE_SITTER_CLI_VERSION" ]]; then
    echo "generate.sh: TREE_SITTER_CLI is tree-sitter $have; $TREE_SITTER_CLI_VERSION is pinned" >&2
    exit 2
  fi
elif [[ ! -x "$CLI" ]]; then
  echo "installing tree-sitter-cli $TREE_SITTER_CLI_VERSION into $CLI_ROOT" >&2
  cargo install tree-sitter-cli --version "$TREE_SITTER_CLI_VERSION" --locked --root "$CLI_ROOT" >&2
fi

cd "$HERE"
locked="$(node -p 'require("./package-lock.json").packages["node_modules/tree-sitter-typescript"].version')"
installed="$(node -p 'try { require("./node_modules/tree-sitter-typescript/package.json").version } catch { "none" }')"
if [[ "$locked" != "$installed" ]]; then
  echo "installing tree-sitter-typescript (npm ci --ignore-scripts)" >&2
  npm ci --ignore-scripts --no-audit --no-fund >&2
fi

mkdir -p "$output"
"$CLI" generate --abi 15 --output "$output" grammar.js
echo "generated $output with tree-sitter $TREE_SITTER_CLI_VERSION" >&2
