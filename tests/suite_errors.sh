#!/bin/sh
# suite_errors.sh — the diagnostics livret gives for bad input.
#
# For every tests/errors/NAME.yaml:
#   livret check NAME.yaml   stderr must equal NAME.err byte for byte, and the
#                            exit status must be 1 (0 for the OK_CASES below:
#                            valid files, possibly with warnings);
#   livret build NAME.yaml -o DIR/out.pdf   (rejected cases only) must exit 1
#                            and leave DIR empty: no PDF, no temporary file;
#   livret build NAME.yaml --dump   (accepted cases with a NAME.contains)
#                            the dump must contain every line of
#                            NAME.contains (fixed strings): values that YAML
#                            1.1 would have retyped must print as written.
# tests/errors/inc/ holds files that the include cases include.
# Environment: LIVRET_BIN (default build/livret), LIVRET_WRAP (e.g. valgrind).
# Ends with "N passed, N failed" like every part of tests/run.sh.
set -u

BIN=${LIVRET_BIN:-build/livret}
case $BIN in
  /*) ;;
  *) BIN="$(pwd)/$BIN" ;;
esac
WRAP=${LIVRET_WRAP:-}
cd "$(dirname "$0")/.." || exit 1

# Accepted files: warnings only, or nothing at all.
OK_CASES="unknown-key date-outside midnight-end json-surrogate-pair bom-crlf yaml11-traps free-pages-ok"

pass=0
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

is_ok_case() {
  case " $OK_CASES " in
    *" $1 "*) return 0 ;;
  esac
  return 1
}

failed() {   # failed NAME WHY
  echo "FAIL $1: $2"
  fail=$((fail + 1))
}

# build must refuse the file and write nothing next to the output path.
check_build() {   # check_build NAME FILE
  out="$tmp/out"
  rm -rf "$out" && mkdir "$out" || return 1
  $WRAP "$BIN" build "$2" -o "$out/out.pdf" >/dev/null 2>&1
  st=$?
  if [ "$st" -ne 1 ]; then
    failed "$1" "build exit $st, want 1"
    return 1
  fi
  left=$(ls -A "$out")
  if [ -n "$left" ]; then
    failed "$1" "build left files behind: $left"
    return 1
  fi
  return 0
}

# build --dump must succeed and print every string of NAME.contains.
check_dump() {   # check_dump NAME FILE
  $WRAP "$BIN" build "$2" --dump -q -o "$tmp/out.dump" >/dev/null 2>&1
  st=$?
  if [ "$st" -ne 0 ]; then
    failed "$1" "build --dump exit $st, want 0"
    return 1
  fi
  while IFS= read -r want_s; do
    if ! grep -qF -- "$want_s" "$tmp/out.dump"; then
      failed "$1" "dump lacks $want_s"
      return 1
    fi
  done < "tests/errors/$1.contains"
  return 0
}

if [ ! -x "$BIN" ]; then
  echo "FAIL suite_errors: no livret binary at $BIN"
  echo "0 passed, 1 failed"
  exit 1
fi

for f in tests/errors/*.yaml; do
  name=$(basename "$f" .yaml)
  err="tests/errors/$name.err"
  want=1
  is_ok_case "$name" && want=0
  if [ ! -f "$err" ]; then
    failed "$name" "no $err"
    continue
  fi
  $WRAP "$BIN" check "$f" >/dev/null 2>"$tmp/stderr"
  st=$?
  if [ "$st" -ne "$want" ]; then
    failed "$name" "check exit $st, want $want"
    sed 's/^/    /' "$tmp/stderr" | head -20
    continue
  fi
  if ! cmp -s "$tmp/stderr" "$err"; then
    failed "$name" "stderr differs from $err"
    diff -u "$err" "$tmp/stderr" | sed 's/^/    /' | head -30
    continue
  fi
  if [ "$want" -eq 1 ] && ! check_build "$name" "$f"; then
    continue
  fi
  if [ -f "tests/errors/$name.contains" ] && ! check_dump "$name" "$f"; then
    continue
  fi
  echo "ok $name"
  pass=$((pass + 1))
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
