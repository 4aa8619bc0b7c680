#!/bin/sh
# Runs every runtime/tests/node-compat/*.js (or the ones given) under plain node and under
# node with dx's builtins swapped in; prints a diff per mismatching script and a summary.
cd "$(dirname "$0")/../../.." || exit 1
pass=0; fail=0
for f in ${@:-runtime/tests/node-compat/*.js}; do
  node "$f" > /tmp/dxcmp.node.out 2>/dev/null; node_rc=$?
  node runtime/js/tools/run-with-dx-builtins.cjs "$f" > /tmp/dxcmp.dx.out 2>/tmp/dxcmp.dx.err; dx_rc=$?
  if [ $node_rc -ne 0 ]; then
    fail=$((fail+1)); echo "FAIL $f (exits $node_rc under plain node: the script itself is broken)"
  elif cmp -s /tmp/dxcmp.node.out /tmp/dxcmp.dx.out && [ $dx_rc -eq 0 ]; then
    pass=$((pass+1)); echo "ok   $f ($(wc -l < /tmp/dxcmp.node.out) lines)"
  else
    fail=$((fail+1)); echo "FAIL $f (exit $dx_rc)"; diff /tmp/dxcmp.node.out /tmp/dxcmp.dx.out | head -${DIFFLINES:-40}; head -5 /tmp/dxcmp.dx.err
  fi
done
echo "scripts: $pass passed, $fail failed"
