#!/bin/sh
# corpus_import.sh BUILD CORPUS — the importers against the corpus's
# reference conversions (issue #7):
#   1. `livret import` of each raw export, compared field by field with the
#      reference YAML (tests/tools/compare_import.py; the differences the
#      importer makes on purpose are named with --allow, reasons there);
#   2. the imported YAML loads with `livret check` without warnings;
#   3. `livret build` of the raw file renders the booklet of the reference
#      YAML: same page count and same text (pdftotext), once the reference's
#      programme block (title, organizer... not in the sources) is replaced
#      by the imported one and list numbers / <b> tags are set aside.
set -u
BUILD=${1:-build}; CORPUS=${2:-../shared/corpus}
BIN="$BUILD/livret"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }
ALLOW="--allow meta --allow numbered --allow inline-html --allow nested-list"
for spec in fosdem-2024/schedule.xml 31c3/schedule.xml pyconfr-2025/schedule.json; do
  name=${spec%%/*}; raw="$CORPUS/$spec"; ref="$CORPUS/$name/$name.yaml"
  [ -f "$raw" ] || { ko "$name: no $raw"; continue; }
  if "$BIN" import "$raw" >"$out/$name.yaml" 2>"$out/$name.err"; then ok "$name: import"
  else ko "$name: import: $(head -3 "$out/$name.err")"; continue; fi
  # same input, same bytes
  "$BIN" import "$raw" 2>/dev/null | cmp -s - "$out/$name.yaml" && ok "$name: stable output" \
    || ko "$name: two imports differ"
  "$BIN" check "$out/$name.yaml" >"$out/check" 2>&1 && grep -q ', 0 warnings$' "$out/check" \
    && ok "$name: imported YAML checks without warnings" || ko "$name: check: $(head -3 "$out/check")"
  /usr/bin/python3 tests/tools/compare_import.py "$out/$name.yaml" "$ref" $ALLOW >"$out/cmp" 2>&1
  st=$?; sed 's/^/  /' "$out/cmp" | grep -v '^  [0-9]* passed' | cut -c1-300 | head -30
  [ $st -eq 0 ] && ok "$name: same sessions, speakers, times, tracks and text as the reference" \
    || ko "$name: field differences"
  # the booklet
  /usr/bin/python3 - "$ref" "$out/$name.yaml" "$out/ref.yaml" <<'PY'
import sys
ref, imp, dst = sys.argv[1:4]
def split(text):
    lines = text.splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if l.startswith("programme:"))
    end = next(i for i, l in enumerate(lines) if i > start and l[:1] not in (" ", "#", "\n"))
    return lines[:start], lines[start:end], lines[end:]
r = split(open(ref, encoding="utf-8").read())
i = split(open(imp, encoding="utf-8").read())
open(dst, "w", encoding="utf-8").write("".join(r[0] + i[1] + r[2]))
PY
  "$BIN" build "$raw" -q -o "$out/raw.pdf" 2>"$out/build.err" && ok "$name: build from the raw file" \
    || { ko "$name: build: $(head -3 "$out/build.err")"; continue; }
  "$BIN" build "$out/ref.yaml" -q -o "$out/ref.pdf" 2>/dev/null || { ko "$name: build reference"; continue; }
  p1=$(pdfinfo "$out/raw.pdf" | awk '/^Pages:/{print $2}')
  p2=$(pdfinfo "$out/ref.pdf" | awk '/^Pages:/{print $2}')
  [ "$p1" = "$p2" ] && ok "$name: same page count ($p1)" || ko "$name: $p1 pages from the raw file, $p2 from the reference"
  # Page by page, the same words (a page's running head and body may come
  # out of pdftotext in another order when a line breaks differently).
  # Set aside: list numbers and bullets ("numbered"), <b>/<i> and
  # backticks ("inline-html"), the reference's " * " ("nested-list").
  pdftotext -enc UTF-8 "$out/raw.pdf" "$out/raw.txt"
  pdftotext -enc UTF-8 "$out/ref.pdf" "$out/ref.txt"
  if /usr/bin/python3 - "$out/raw.txt" "$out/ref.txt" <<'PY'
import collections, re, sys
def pages(p):
    out = []
    for page in open(p, encoding="utf-8").read().split("\f"):
        page = re.sub(r"</?(b|i)>|`", "", page)
        words = [w for w in page.split() if not re.fullmatch(r"[0-9]+\.|•|\*", w)]
        out.append(collections.Counter(words))
    return out
a, b = pages(sys.argv[1]), pages(sys.argv[2])
bad = [i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y]
# Words carried over to the next page (a line broken elsewhere, a list laid
# out differently, see "nested-list") are the same text: allow pairs of
# adjacent pages that differ when the whole document has the same
# characters.
def chars(path):
    # every character of the document but spaces and hyphens: a word
    # hyphenated at a page break (its halves around the running head and
    # folio) counts the same as the word whole
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"</?(b|i)>|`", "", text)
    words = [w for w in text.split() if not re.fullmatch(r"[0-9]+\.|•|\*", w)]
    return collections.Counter(c for w in words for c in w if c != "-")
total = chars(sys.argv[1]) == chars(sys.argv[2])
moved = set()
for i in bad:
    if i + 1 in bad and i not in moved:
        moved |= {i, i + 1}
        print("  pages %d-%d: words carried over" % (i, i + 1))
bad = [i for i in bad if not (total and i in moved)]
for i in bad[:5]:
    print("  page %d: raw %s / reference %s" % (i, sorted((a[i-1] - b[i-1]).elements())[:8],
                                               sorted((b[i-1] - a[i-1]).elements())[:8]))
sys.exit(1 if bad or len(a) != len(b) else 0)
PY
  then ok "$name: same text on every page"; else ko "$name: text differs"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
