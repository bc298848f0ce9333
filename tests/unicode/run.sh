#!/bin/sh
# run.sh BUILD — the Unicode-wide sweep (issue 10): every assigned code
# point (tests/unicode/sweep.c says which are left out and why), grouped by
# block, in the summaries (and speakers, affiliations: the indexes) of
# generated programmes; each programme must
# build (exit 0: warnings only, no crash), and each code point must be
# read back by pdftotext (NFC) or named in a warning.  One test per block;
# ends with "N passed, N failed".  About 40 s: part of `make check`
# (tests/suite_unicode.sh); alone, `make check-unicode`.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 1
export LIVRET_DATADIR="${LIVRET_DATADIR:-$(pwd)}"
BIN="$BUILD/livret"
SWEEP="$BUILD/tests/sweep"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$SWEEP" gen "$tmp" >/dev/null || { echo "FAIL sweep gen"; echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0
for y in "$tmp"/*.yaml; do
  n=${y%.yaml}
  timeout 300 "$BIN" build "$y" --layout tests/unicode/layout.yaml -o "$n.pdf" 2>"$n.err"; st=$?
  if [ "$st" -ne 0 ]; then
    echo "FAIL $(basename "$y"): livret exit $st"; head -5 "$n.err" | sed 's/^/    /'
    fail=$((fail + 1)); continue
  fi
  if ! pdftotext -enc UTF-8 "$n.pdf" "$n.txt" 2>"$n.pe"; then
    echo "FAIL $(basename "$y"): pdftotext"; fail=$((fail + 1)); continue
  fi
  "$SWEEP" check "$n.cps" "$n.txt" "$n.err" >"$n.log"
  grep -E '^FAIL' "$n.log"
  line=$(tail -1 "$n.log")
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
