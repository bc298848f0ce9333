#!/bin/sh
# suite_scripts.sh — one programme per script (tests/scripts/*.yaml, issue
# 11): each passes every end-to-end check (tests/tools/check_booklet.sh:
# fonts embedded and subset, every field back from pdftotext, same bytes
# twice), names no missing character (no U+XXXX in a warning) and no
# right-to-left or script warning; the mutool text layer has every letter
# of the session title (mutool 1.21 reads no /ActualText, so only letters
# are compared, not their order); right-to-left booklets are mirrored and
# Chinese and Japanese justified between characters (dumpcheck.py, on the
# --dump positions).  The fonts come from fonts-noto-core and
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
  # Positions (tests/tools/dumpcheck.py): right-to-left booklets mirrored
  # (contents, indexes, grid, day heading); justified Chinese and Japanese
  # reach the measure with no glyph scale (the stretch between characters).
  check=
  case $name in
    ar|fa|ur|he) check="rtl" ;;
    ja|zh) check="cjk" ;;
  esac
  if [ -n "$check" ]; then
    "${LIVRET_BIN:-build/livret}" build "$prog" --dump -q -o "$out/$name.dump" 2>/dev/null
    if /usr/bin/python3 tests/tools/dumpcheck.py $check "$out/$name.dump" \
         "layouts/lang/$name.yaml" >"$out/$name.pos"; then
      ok "$name: $check positions ($(grep -c '^ok' "$out/$name.pos") checks)"
    else
      bad "$name: $check positions: $(grep FAIL "$out/$name.pos" | head -3)"
    fi
  fi
  # Labels in the booklet's language where layouts/lang has them: no
  # English fallback warned about.
  if [ -f "layouts/lang/$name.yaml" ] && grep -q 'no labels for language' "$out/$name.err"; then
    bad "$name: labels fell back to English"
  fi
done
# A right-to-left booklet is bound on the right: its first body page is
# a left-hand page (folio at the left edge), the next a right-hand one;
# viewers show its spreads right to left (/Direction /R2L); imposed
# sheets and two-up sheets put the earlier page on the right.
L=${LIVRET_BIN:-build/livret}
"$L" build tests/scripts/ar.yaml --dump -q -o "$out/ar-bind.dump" 2>/dev/null
"$L" build tests/scripts/ar.yaml -q -o "$out/ar-bind.pdf" 2>/dev/null
"$L" build tests/scripts/ar.yaml --edition print --impose saddle --dump -q -o "$out/ar-imp.dump" 2>/dev/null
"$L" build tests/scripts/ar.yaml --two-up a4 --dump -q -o "$out/ar-2up.dump" 2>/dev/null
if /usr/bin/python3 - "$out/ar-bind.dump" "$out/ar-bind.pdf" "$out/ar-imp.dump" "$out/ar-2up.dump" <<'PY'
import re, sys
import pikepdf
def pages(path):
    out, cur, width = [], None, 0
    for line in open(path, encoding="utf-8"):
        m = re.match(r'doc ([\d.]+)x', line)
        if m:
            width = float(m.group(1))
        if line.startswith("page "):
            cur = {"head": line.split()[2], "label": re.search(r'label "(.*?)"', line), "items": []}
            out.append(cur)
            continue
        m = re.match(r'  text f\d+ ([\d.]+) ([-\d.]+),([-\d.]+) w ([\d.]+).*"(.*)"$', line)
        if m and cur is not None:
            cur["items"].append((float(m.group(2)), float(m.group(3)), m.group(5)))
    return width, out
w, pg = pages(sys.argv[1])
# folios in the booklet's digits (Arabic-Indic): compared as numbers
num = lambda s: int(s) if s.isdecimal() else None
body = [p for p in pg if p["label"] and num(p["label"].group(1)) in (1, 2)]
ok = len(body) == 2 and all(not p["label"].group(1).isascii() for p in body)
for p in body:
    folio = [i for i in p["items"] if i[2] == p["label"].group(1) and i[1] < 40]
    left = bool(folio) and folio[0][0] < w / 2
    ok &= bool(folio) and left == (num(p["label"].group(1)) == 1)
ok &= pikepdf.open(sys.argv[2]).Root.ViewerPreferences.get("/Direction") == pikepdf.Name("/R2L")
# imposed and two-up sheets: the title page (page 1) is on the sheet's
# left half once imposed (the outer sheet's front: 1 | n, the spread of a
# book bound on the right) and on the right half of the first two-up sheet
# (pages 1 and 2 read right to left)
def title_x(path):
    width, sheets = pages(path)
    xs = [i[0] for i in sheets[0]["items"] if "المتوسطية" in i[2]] if sheets else []
    return width, min(xs) if xs else None
sw, sx = title_x(sys.argv[3])
ok &= sx is not None and sx < sw / 2
tw, tx = title_x(sys.argv[4])
ok &= tx is not None and tx > tw / 2
sys.exit(0 if ok else 1)
PY
then
  ok "right-to-left binding: folios outside, viewer spreads, imposed and two-up sheets right to left"
else
  bad "right-to-left binding: a page, the viewer's spreads or a sheet bound on the left"
fi
# A booklet of one direction with sessions of the other
# (samples/conseil-mondial.yaml: French, one session in Arabic): what the
# booklet's language writes in that session (times) keeps its own order,
# one item from the first time on; the Arabic title in the French
# contents reads as on its page: its first word, خطة, on the right of
# "UNESCO 2030" (a French line would put it on the left).
"${LIVRET_BIN:-build/livret}" build samples/conseil-mondial.yaml --dump -q -o "$out/cm.dump" 2>/dev/null
if grep -q '"14:00–15:30 UTC+1 · 15:00–16:30 CEST · 10:00–11:30 ART"' "$out/cm.dump"; then
  ok "mixed directions: booklet times in an Arabic session in their order"
else
  bad "mixed directions: booklet times in an Arabic session split or reordered"
fi
if /usr/bin/python3 - "$out/cm.dump" <<'PY'
import re, sys
page = None
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("page "):
        page = []
    m = re.match(r'  text f\d+ [\d.]+ ([-\d.]+),([-\d.]+) .*"(.*)"$', line)
    if m and page is not None:
        page.append((float(m.group(1)), float(m.group(2)), m.group(3)))
    if line.startswith("page ") or page is None:
        continue
    if any("Sommaire" in t for _, _, t in page):
        words = [i for i in page if i[2] == "خطة"]
        latin = [i for i in page if "UNESCO" in i[2]]
        if words and latin:
            w, l = words[0], latin[0]
            sys.exit(0 if abs(w[1] - l[1]) < 0.5 and l[0] < w[0] else 1)
sys.exit(1)
PY
then
  ok "mixed directions: an Arabic title in French contents reads as on its page"
else
  bad "mixed directions: an Arabic title in French contents in the wrong order"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
