#!/bin/sh
# suite_scripts.sh — one programme per script (tests/scripts/*.yaml, issue
# 11): each passes every end-to-end check (tests/tools/check_booklet.sh:
# fonts embedded and subset, every field back from pdftotext, same bytes
# twice), names no missing character (no U+XXXX in a warning) and no
# right-to-left or script warning; the mutool text layer has every letter
# of the session title (mutool 1.21 reads no /ActualText, so only letters
# are compared, not their order).  The fonts come from fonts-noto-core and
# fonts-noto-cjk (tools/deps.sh) through fontconfig.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
ok()  { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
add() { line=$(tail -1 "$1"); p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
        pass=$((pass + p)); fail=$((fail + f)); }
for prog in tests/scripts/*.yaml; do
  name=$(basename "$prog" .yaml)
  sh tests/tools/check_booklet.sh "$prog" "$out" >"$out/log" 2>&1
  grep FAIL "$out/log"; add "$out/log"
  if grep -E 'warning: .*(U\+[0-9A-F]{4}|right-to-left|script)' "$out/$name.err"; then
    bad "$name: a character or script warned about"
  else
    ok "$name: no missing character"
  fi
  # The fonts used for the script are the Noto ones the layout names.
  if pdffonts "$out/$name.pdf" | awk 'NR>2 {print $1}' | grep -vq '+Noto'; then
    bad "$name: a font other than Noto: $(pdffonts "$out/$name.pdf" | awk 'NR>2 {print $1}' | grep -v '+Noto' | head -2)"
  else
    ok "$name: Noto fonts only"
  fi
  title=$(sed -n 's/^  title: "\(.*\)"$/\1/p' "$prog" | head -1)
  mutool draw -F txt "$out/$name.pdf" 2>/dev/null >"$out/$name.mu.txt"
  if /usr/bin/python3 - "$title" "$out/$name.mu.txt" <<'PY'
import sys, collections, unicodedata
want = collections.Counter(c for c in sys.argv[1] if unicodedata.category(c)[0] == "L")
got = collections.Counter(c for c in open(sys.argv[2], encoding="utf-8").read())
sys.exit(0 if all(got[c] >= n for c, n in want.items()) else 1)
PY
  then ok "$name: mutool reads the title's letters"
  else bad "$name: mutool misses letters of the title"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
