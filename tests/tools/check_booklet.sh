#!/bin/sh
# check_booklet.sh PROGRAMME.yaml OUTDIR — build a booklet and run every
# end-to-end check on it.  Prints "ok NAME" / "FAIL NAME ..." lines and
# ends with "N passed, N failed".  Uses $LIVRET_BIN (default build/livret)
# and $LIVRET_WRAP (e.g. valgrind) and $LIVRET_ARGS (extra build options).
set -u
prog=$1 out=$2
BIN=${LIVRET_BIN:-build/livret}
WRAP=${LIVRET_WRAP:-}
HERE=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$prog" .yaml)
pdf="$out/$name.pdf" err="$out/$name.err"
pass=0 fail=0
ok()  { echo "ok $name: $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $name: $1"; fail=$((fail + 1)); }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

# shellcheck disable=SC2086
$WRAP "$BIN" build "$prog" -o "$pdf" ${LIVRET_ARGS:-} 2>"$err"; st=$?
if [ $st -ne 0 ] || [ ! -s "$pdf" ]; then
  bad "build exit $st: $(tail -3 "$err")"; finish
fi
ok "builds"
grep -Eq "^$pdf: [0-9]+ pages, [0-9]+ sessions, [0-9]+ speakers, [0-9]+ warnings, [0-9.]+ s$" "$err" \
  && ok "summary line" || bad "summary line missing: $(tail -1 "$err")"
qpdf --check "$pdf" >"$out/$name.qpdf" 2>&1 && ok "qpdf --check" \
  || bad "qpdf --check: $(grep -v '^checking\|^PDF Version\|^File is not\|^No syntax' "$out/$name.qpdf" | head -3)"
pdffonts "$pdf" >"$out/$name.fonts" 2>&1
nf=$(awk 'NR>2' "$out/$name.fonts" | wc -l)
badf=$(awk 'NR>2 && ($(NF-4)!="yes" || $(NF-3)!="yes" || $(NF-2)!="yes")' "$out/$name.fonts")
[ "$nf" -gt 0 ] && [ -z "$badf" ] && ok "$nf fonts embedded, subset, with Unicode maps" \
  || bad "fonts: $badf"
w=$(pdftotext "$pdf" - 2>&1 >/dev/null | head -3)
[ -z "$w" ] && ok "pdftotext silent" || bad "pdftotext warns: $w"
if /usr/bin/python3 "$HERE/textcheck.py" "$prog" "$pdf" "$err" >"$out/$name.text" 2>&1; then
  ok "text of every field extracted ($(tail -1 "$out/$name.text"))"
else
  bad "text round trip: $(grep FAIL "$out/$name.text" | head -5)"
fi
/usr/bin/python3 "$HERE/pagecheck.py" "$pdf" >"$out/$name.pages" 2>&1 \
  && ok "page labels, folios, outline ($(tail -1 "$out/$name.pages"))" \
  || bad "pages: $(grep FAIL "$out/$name.pages" | head -5)"
# shellcheck disable=SC2086
$WRAP "$BIN" build "$prog" -o "$out/$name.again.pdf" -q ${LIVRET_ARGS:-} 2>/dev/null
cmp -s "$pdf" "$out/$name.again.pdf" && ok "same input, same bytes" || bad "two builds differ"
ls -a "$out" | grep -q '^\.'"$name"'.*\.pdf\.' && bad "temporary file left behind" || true
finish
