#!/bin/bash
# Runs each runtime/tests/node-compat script (or the ones given) under plain node and under
# node with dx's builtins (core-harness.cjs), and reports the ones whose stdout differs.
cd "$(dirname "$0")/../../tests/node-compat" || exit 1
pass=0; fail=0
files=("$@"); [ ${#files[@]} -eq 0 ] && files=(*.js)
for f in "${files[@]}"; do
  f=$(basename "$f")
  node "$f" > /tmp/core-node.$$ 2>/dev/null
  node ../../js/tools/core-harness.cjs "$f" > /tmp/core-dx.$$ 2>/tmp/core-dx-err.$$
  if cmp -s /tmp/core-node.$$ /tmp/core-dx.$$; then pass=$((pass+1)); else
    fail=$((fail+1)); echo "FAIL $f"; diff /tmp/core-node.$$ /tmp/core-dx.$$ | head -"${DIFFLINES:-20}"
    head -5 /tmp/core-dx-err.$$; fi
done
rm -f /tmp/core-node.$$ /tmp/core-dx.$$ /tmp/core-dx-err.$$
echo "pass $pass fail $fail"
