#!/bin/sh
# suite_pages.sh — issue 14: free pages, pictures and the editions'
# treatment of them (print: CMYK or grey only, no soft mask, resolution in
# the preflight; screen: as given).
set -u
. tests/tools/suite.sh
P=tests/errors/free-pages-ok.yaml
expect "screen with free pages and pictures" 0 $WRAP "$BIN" build $P -o "$tmp/s.pdf"
check "screen: pictures as given (RGB, the PNG's alpha as a soft mask, the JPEG as DCT)" \
  "pdfimages -list $tmp/s.pdf >$tmp/l && grep -q ' rgb ' $tmp/l && grep -q ' smask ' $tmp/l && grep -q ' jpeg ' $tmp/l"
check "screen: free pages in the contents, read back" \
  "pdftotext -f 3 -l 3 $tmp/s.pdf - | grep -q 'Bienvenue' && pdftotext $tmp/s.pdf - | grep -q 'Un intertitre'"
check "screen: free pages are bookmarks" "mutool show $tmp/s.pdf outline | grep -q Partenaires"
expect "print with pictures" 0 $WRAP "$BIN" build $P --edition print -o "$tmp/p.pdf"
check "print: every picture CMYK or grey, none with a soft mask" \
  "pdfimages -list $tmp/p.pdf | awk 'NR>2' >$tmp/pl && [ -s $tmp/pl ] && ! grep -Ev ' (cmyk|gray) ' $tmp/pl && ! grep -q smask $tmp/pl"
check "print: structure still PDF/X-1a" "/usr/bin/python3 tests/tools/printcheck.py $tmp/p.pdf >/dev/null"
check "print: preflight names the lowest resolution" "grep -Eq 'p.pdf: preflight: lowest image resolution [0-9]+ ppi at printed size; 0 images under 200 ppi' $tmp/err"
check "print: the cover runs into the bleed (wider than the trim)" \
  "$BIN build $P --edition print --dump -q -o $tmp/p.dump && grep -m1 ' image ' $tmp/p.dump | awk '{split(\$3,s,\"x\"); exit !(s[1] > 419.53 + 16)}'"
# a picture too small for its printed size is a preflight warning
sed 's|width: 60mm|width: 2000pt|; s|plan.png|partner-1.png|' $P >"$tmp/low.yaml"
sed -i "s|\.\./\.\./samples|$(pwd)/samples|g" "$tmp/low.yaml"
expect "print with a low-resolution picture" 0 $WRAP "$BIN" build "$tmp/low.yaml" --edition print -o "$tmp/low.pdf"
check "preflight warns under 200 ppi" "grep -Eq 'low.pdf: warning: preflight: lowest image resolution [0-9]+ ppi' $tmp/err"
expect "--strict refuses it" 1 $WRAP "$BIN" build "$tmp/low.yaml" --edition print --strict -o "$tmp/low2.pdf"
check "same input, same bytes (pictures included)" "$BIN build $P --edition print -q -o $tmp/p2.pdf && cmp -s $tmp/p.pdf $tmp/p2.pdf"
finish
