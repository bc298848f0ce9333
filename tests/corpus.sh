#!/bin/sh
# corpus.sh BUILD CORPUS — render every real programme of ../shared/corpus
# unchanged and run the end-to-end checks on each.
set -u
BUILD=${1:-build}; CORPUS=${2:-../shared/corpus}
export LIVRET_BIN="$BUILD/livret"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
found=0
for prog in "$CORPUS"/*/*.yaml; do
  [ -f "$prog" ] || continue
  found=1
  sh tests/tools/check_booklet.sh "$prog" "$out" >"$out/log" 2>&1
  grep -E '^(ok|FAIL)' "$out/log"
  line=$(tail -1 "$out/log"); p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  pass=$((pass + p)); fail=$((fail + f))
  grep -E 'pages,' "$out/$(basename "$prog" .yaml).err" | tail -1
done
[ $found -eq 1 ] || { echo "FAIL no corpus at $CORPUS"; fail=1; }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
