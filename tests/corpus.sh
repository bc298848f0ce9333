#!/bin/sh
# corpus.sh BUILD CORPUS — render every real programme of ../shared/corpus
# unchanged and run the end-to-end checks on each.
set -u
BUILD=${1:-build}; CORPUS=${2:-../shared/corpus}
export LIVRET_BIN="$BUILD/livret"
CHECKS="$CORPUS/../tools/pdfcheck/checks.sh"
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
  # The delivery checklists of guide/print.md, when ../shared has them.
  pdf="$out/$(basename "$prog" .yaml).pdf"
  if [ -f "$CHECKS" ] && [ -f "$pdf" ]; then
    if bash "$CHECKS" screen "$pdf" >"$out/screen.log" 2>&1; then
      echo "ok $(basename "$prog"): screen checklist"; pass=$((pass + 1))
    else
      echo "FAIL $(basename "$prog"): screen checklist"; grep FAIL "$out/screen.log" | head -5
      fail=$((fail + 1))
    fi
    if "$LIVRET_BIN" build "$prog" --edition print -q -o "$out/print.pdf" 2>"$out/print.err" &&
       bash "$CHECKS" print "$out/print.pdf" >"$out/print.log" 2>&1; then
      echo "ok $(basename "$prog"): print checklist"; pass=$((pass + 1))
    else
      echo "FAIL $(basename "$prog"): print checklist"; grep FAIL "$out/print.log" "$out/print.err" | head -5
      fail=$((fail + 1))
    fi
  fi
done
# Handouts: one per track of the largest programme, each checked.
fos="$CORPUS/fosdem-2024/fosdem-2024.yaml"
if [ -f "$fos" ] && [ -f "$CHECKS" ]; then
  if "$LIVRET_BIN" build "$fos" --edition handout --split-by track -o "$out/hand" -q 2>"$out/hand.err"; then
    n=0 bad=0
    for h in "$out"/hand/*.pdf; do
      n=$((n + 1))
      bash "$CHECKS" handout "$h" a4 >"$out/h.log" 2>&1 || { bad=$((bad + 1)); grep FAIL "$out/h.log" | head -2; }
    done
    if [ "$bad" -eq 0 ] && [ "$n" -gt 60 ]; then
      echo "ok fosdem-2024: $n track handouts pass the handout checklist"; pass=$((pass + 1))
    else
      echo "FAIL fosdem-2024: $bad of $n track handouts fail the handout checklist"; fail=$((fail + 1))
    fi
  else
    echo "FAIL fosdem-2024: --split-by track: $(tail -2 "$out/hand.err")"; fail=$((fail + 1))
  fi
fi
[ $found -eq 1 ] || { echo "FAIL no corpus at $CORPUS"; fail=1; }
# The importers against the raw exports beside each reference conversion.
if [ -f tests/corpus_import.sh ]; then
  sh tests/corpus_import.sh "$BUILD" "$CORPUS" >"$out/import.log" 2>&1
  grep -E '^(ok|FAIL)' "$out/import.log"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/import.log" | tail -1)
  if [ -n "$line" ]; then
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    pass=$((pass + p)); fail=$((fail + f))
  else
    echo "FAIL corpus_import: no summary"; fail=$((fail + 1))
  fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
