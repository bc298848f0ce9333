#!/bin/sh
# suite_e2e.sh — every sample renders and passes the end-to-end checks
# (tests/tools/check_booklet.sh); golden dumps of the display list match.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
add() { line=$(tail -1 "$1"); p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
        pass=$((pass + p)); fail=$((fail + f)); }
# Goldens and widths depend on the exact font files: check them first.
if (cd fonts && sha256sum --quiet -c SHA256SUMS) >/dev/null 2>&1; then
  echo "ok fonts match fonts/SHA256SUMS"; pass=$((pass + 1))
else
  echo "FAIL fonts differ from fonts/SHA256SUMS"; fail=$((fail + 1))
fi
for prog in samples/*.yaml tests/typo/*.yaml; do
  sh tests/tools/check_booklet.sh "$prog" "$out" >"$out/log" 2>&1
  cat "$out/log"; add "$out/log"
done
# Golden tests: the display list of small inputs, as text.
for y in tests/golden/*.yaml; do
  [ -f "$y" ] || continue
  want="${y%.yaml}.dump"
  ${LIVRET_WRAP:-} "${LIVRET_BIN:-build/livret}" build "$y" --dump -q -o "$out/got.dump" 2>"$out/golden.err"
  if cmp -s "$want" "$out/got.dump"; then
    echo "ok golden $(basename "$y")"; pass=$((pass + 1))
  else
    echo "FAIL golden $(basename "$y"): display list differs (make update-golden to review)"
    diff "$want" "$out/got.dump" | head -10
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
