#!/usr/bin/env bash
# Fails when grammar.js and the committed parser disagree, or when a corpus
# test (test/corpus/*.txt) fails. Run by CI and by the crate's tests when the
# tree-sitter CLI is present (in the cache generate.sh uses, or as
# $TREE_SITTER_CLI, or on PATH).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
version="$(sed -n 's/^TREE_SITTER_CLI_VERSION=//p' generate.sh)"
CACHE="${DX_TREE_SITTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tree-sitter-dx}"
CLI="${TREE_SITTER_CLI:-$CACHE/cli-$version/bin/tree-sitter}"
if [[ ! -x "$CLI" ]]; then
  CLI="$(command -v tree-sitter || true)"
fi
if [[ -z "$CLI" ]]; then
  echo "check.sh: no tree-sitter CLI; run generate.sh once to install it" >&2
  exit 2
fi
have="$("$CLI" --version | awk '{print $2}')"
if [[ "$have" != "$version" ]]; then
  echo "check.sh: tree-sitter $have found, generate.sh pins $version" >&2
  exit 2
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
TREE_SITTER_CLI="$CLI" "$HERE/generate.sh" --output "$scratch/src"

status=0
for f in parser.c grammar.json node-types.json tree_sitter/parser.h tree_sitter/alloc.h tree_sitter/array.h; do
  if ! cmp -s "$scratch/src/$f" "src/$f"; then
    echo "check.sh: src/$f differs from what grammar.js generates; run tree-sitter-dx/generate.sh and commit src/" >&2
    status=1
  fi
done
if [[ $status -ne 0 ]]; then
  exit $status
fi
echo "check.sh: committed parser matches grammar.js" >&2

"$CLI" test
