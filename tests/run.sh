#!/bin/sh
# run.sh BUILD — the whole test suite: unit binaries, then the script suites
# (tests/suite_*.sh). Each part ends with "N passed, N failed"; this script
# adds them up and ends with the same line for the whole run.
# LIVRET_VALGRIND=1 runs every unit binary and livret under valgrind.
set -u
BUILD=${1:-build}
export LIVRET_BIN="$BUILD/livret"
export LIVRET_BUILD="$BUILD"
if [ "${LIVRET_VALGRIND:-0}" = 1 ]; then
  export LIVRET_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$PWD/tests/valgrind.supp"
else
  export LIVRET_WRAP=""
fi
pass=0 fail=0
tally() {   # tally NAME LOGFILE STATUS
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -1)
  if [ -z "$line" ]; then
    echo "FAIL $1: no summary line (exit $3)"; fail=$((fail + 1)); return
  fi
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL $1: exit $3"; fi
  pass=$((pass + p)); fail=$((fail + f))
  printf '%-28s %s\n' "$1" "$line"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  $LIVRET_WRAP "$t" >"$tmp/$n.log" 2>&1; st=$?
  grep -E '^FAIL' "$tmp/$n.log"
  tally "$n" "$tmp/$n.log" $st
done
for s in tests/suite_*.sh; do
  [ -f "$s" ] || continue
  n=$(basename "$s" .sh)
  sh "$s" >"$tmp/$n.log" 2>&1; st=$?
  grep -E '^FAIL' "$tmp/$n.log"
  tally "$n" "$tmp/$n.log" $st
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
