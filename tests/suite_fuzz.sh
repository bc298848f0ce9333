#!/bin/sh
# suite_fuzz.sh — replay every input that once crashed a fuzz harness
# (tests/fuzz/regressions/) through both harnesses, built without libFuzzer
# as BUILD/tests/replay_loader and replay_pipeline (the Makefile builds
# them for `make check`, `make asan` and `make valgrind`).  A replay passes
# when the harness returns; a crash, a sanitizer report or a valgrind error
# fails it.  Ends with "N passed, N failed".
# Environment: LIVRET_BUILD (default build), LIVRET_WRAP (e.g. valgrind).
set -u
BUILD=${LIVRET_BUILD:-build}
WRAP=${LIVRET_WRAP:-}
cd "$(dirname "$0")/.." || exit 1
export LIVRET_DATADIR="${LIVRET_DATADIR:-$(pwd)}"
pass=0 fail=0
for h in loader pipeline unicode; do
  bin="$BUILD/tests/replay_$h"
  if [ ! -x "$bin" ]; then
    echo "FAIL replay_$h: not built ($bin)"; fail=$((fail + 1)); continue
  fi
  for f in tests/fuzz/regressions/*; do
    [ -f "$f" ] || continue
    if $WRAP "$bin" "$f" >/dev/null 2>"$BUILD/replay.log"; then
      echo "ok $h $(basename "$f")"; pass=$((pass + 1))
    else
      echo "FAIL $h $(basename "$f"): exit $?"
      head -20 "$BUILD/replay.log" | sed 's/^/    /'
      fail=$((fail + 1))
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
