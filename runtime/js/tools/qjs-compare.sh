#!/bin/bash
# Like core-compare.sh, but runs dx's builtins inside the QuickJS-ng engine (qjs-harness.cjs).
# Needs QJS_MODULES pointing at a node_modules with quickjs-emscripten-core and
# @jitl/quickjs-ng-wasmfile-release-sync. Scripts needing util or the URL class (provided by
# other parts of dx) cannot run here yet.
cd "$(dirname "$0")/../../tests/node-compat" || exit 1
pass=0; fail=0
files=("$@"); [ ${#files[@]} -eq 0 ] && files=(*.js)
for f in "${files[@]}"; do
  f=$(basename "$f")
  node "$f" > /tmp/qjs-node.$$ 2>/dev/null
  node ../../js/tools/qjs-harness.cjs "$f" > /tmp/qjs-dx.$$ 2>/tmp/qjs-err.$$
  if cmp -s /tmp/qjs-node.$$ /tmp/qjs-dx.$$; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL $f"; diff /tmp/qjs-node.$$ /tmp/qjs-dx.$$ | head -"${DIFFLINES:-10}"; head -3 /tmp/qjs-err.$$; fi
done
rm -f /tmp/qjs-node.$$ /tmp/qjs-dx.$$ /tmp/qjs-err.$$
echo "pass $pass fail $fail"
