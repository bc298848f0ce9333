# suite.sh — sourced by the script suites (tests/suite_*.sh): the binary,
# a temporary directory removed on exit, and the two assertions they use.
# A suite ends with `finish`, which prints "N passed, N failed" and sets
# the exit status.
BIN=${LIVRET_BIN:-build/livret}
WRAP=${LIVRET_WRAP:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() {  # expect NAME WANT-STATUS COMMAND...: stdout/stderr in $tmp/out, $tmp/err
  name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; st=$?
  if [ "$st" -eq "$want" ]; then echo "ok $name"; pass=$((pass + 1))
  else echo "FAIL $name: exit $st, want $want: $(head -2 "$tmp/err")"; fail=$((fail + 1)); fi
}
check() {   # check NAME CONDITION (a shell expression)
  if eval "$2"; then echo "ok $1"; pass=$((pass + 1))
  else echo "FAIL $1"; fail=$((fail + 1)); fi
}
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
