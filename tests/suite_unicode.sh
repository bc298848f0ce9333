#!/bin/sh
# suite_unicode.sh — issue 10 in `make check`: a programme with flags,
# ZWJ sequences and marks in its descriptions builds in every edition and
# its characters are read back; then the Unicode-wide sweep
# (tests/unicode/run.sh, about 40 s).  Environment: LIVRET_BUILD (default
# build), LIVRET_BIN.
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${LIVRET_BUILD:-build}
export LIVRET_BIN="${LIVRET_BIN:-$BUILD/livret}"
. tests/tools/suite.sh
prog=tests/fuzz/regressions/pipeline-flag-next-to-a-letter.yaml
for ed in screen handout print; do
  check "flags build in the $ed edition" \
    "$BIN build $prog -e $ed -o $tmp/$ed.pdf 2>$tmp/$ed.err && qpdf --check $tmp/$ed.pdf >/dev/null"
done
flag=$(printf 'b\360\237\207\253\360\237\207\267c')          # b🇫🇷c
zwj=$(printf '\360\237\217\263\357\270\217\342\200\215\342\232\247\357\270\217')  # 🏳️‍⚧️
pdftotext -enc UTF-8 "$tmp/screen.pdf" "$tmp/screen.txt"
check "flags and the ZWJ sequence are read back whole" \
  "grep -qF '$flag' $tmp/screen.txt && grep -qF '$zwj' $tmp/screen.txt"
check "no warning for them" "! grep -q ': warning:' $tmp/screen.err"
check "flags build when imposed for saddle stitching" \
  "$BIN build $prog -e print --impose saddle -o $tmp/imposed.pdf 2>/dev/null"
sh tests/unicode/run.sh "$BUILD" >"$tmp/sweep.log" 2>&1; st=$?
grep -E '^FAIL' "$tmp/sweep.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/sweep.log" | tail -1)
if [ -z "$line" ]; then
  echo "FAIL sweep: no summary (exit $st)"; fail=$((fail + 1))
else
  p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
  pass=$((pass + p)); fail=$((fail + f))
fi
finish
