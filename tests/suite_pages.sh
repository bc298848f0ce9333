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
check "--strict refuses it and writes nothing" "[ ! -e $tmp/low2.pdf ] && grep -q 'nothing written' $tmp/err"
check "same input, same bytes (pictures included)" "$BIN build $P --edition print -q -o $tmp/p2.pdf && cmp -s $tmp/p.pdf $tmp/p2.pdf"
# a free page's Markdown errors are located from the bytes read: the same
# lines and columns from standard input and from a FIFO as from the file
grep 'pages\[0\].text' tests/errors/free-pages.err >"$tmp/md-file.err"
$BIN check - <tests/errors/free-pages.yaml 2>&1 | grep 'pages\[0\].text' \
  | sed 's|^<stdin>|tests/errors/free-pages.yaml|' >"$tmp/md-stdin.err"
check "Markdown errors from standard input at the file's lines and columns" \
  "[ -s $tmp/md-file.err ] && cmp -s $tmp/md-file.err $tmp/md-stdin.err"
mkfifo "$tmp/fifo.yaml"
cat tests/errors/free-pages.yaml >"$tmp/fifo.yaml" &
$BIN check "$tmp/fifo.yaml" 2>&1 | grep 'pages\[0\].text' \
  | sed "s|^$tmp/fifo.yaml|tests/errors/free-pages.yaml|" >"$tmp/md-fifo.err"
wait
check "Markdown errors from a FIFO at the file's lines and columns" \
  "cmp -s $tmp/md-file.err $tmp/md-fifo.err"
# editions choose their fields: the pocket layout (titles, times, rooms,
# speakers; no summaries)
C=samples/congreso-es.yaml
expect "pocket layout" 0 $WRAP "$BIN" build $C --layout pocket -o "$tmp/pocket.pdf"
check "pocket is A6" "pdfinfo $tmp/pocket.pdf | grep -Eq 'Page size: *297\\.6[0-9]* x 419\\.5'"
check "pocket keeps titles, times · rooms and speakers" \
  "pdftotext $tmp/pocket.pdf - >$tmp/pocket.txt && grep -q 'Plenaria de apertura' $tmp/pocket.txt && grep -q '09:00–10:00 · Auditorio Mayor' $tmp/pocket.txt && grep -q 'Marisol Quiñones Beltrán' $tmp/pocket.txt"
check "pocket drops summaries, registration and capacity" \
  "! grep -q 'Después de dos años' $tmp/pocket.txt && ! grep -q '420' $tmp/pocket.txt && ! grep -q 'acreditación en el hall' $tmp/pocket.txt"
check "handouts drop capacity and registration" \
  "$BIN build $C --edition handout -q -o $tmp/h.pdf && ! pdftotext $tmp/h.pdf - | grep -q 'plazas\\|acreditación en el hall'"
check "a handout of one track leaves the free pages out" \
  "$BIN build $C --edition handout --track lectura -q -o $tmp/ht.pdf && ! pdftotext $tmp/ht.pdf - | grep -q 'Bienvenida' && pdftotext $tmp/h.pdf - | grep -q 'Bienvenida'"
check "the full booklet still has them" \
  "$BIN build $C -q -o $tmp/full.pdf && pdftotext $tmp/full.pdf - | grep -q 'Después de dos años'"
printf 'inherit: a5-booklet\nfields: [time, bogus]\n' >"$tmp/bad-fields.yaml"
expect "an unknown field is an error" 1 $WRAP "$BIN" build $C --layout "$tmp/bad-fields.yaml" -o "$tmp/bf.pdf"
check "it names the field and the known ones" "grep -q \"fields: unknown session field 'bogus' (known: band\" $tmp/err && [ ! -e $tmp/bf.pdf ]"
# session-new-page: auto packs sessions, never splitting one that fits:
# twelve sessions of 3 to 14 lines of summary
{
  printf 'programme: { title: Auto, dates: { from: 2026-03-02, to: 2026-03-02 } }\nsessions:\n'
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    printf '  - id: s%s\n    title: Session number %s\n    date: 2026-03-02\n    start: "%02d:00"\n    summary: ' $i $i $((i + 7))
    j=0; while [ $j -lt $((i * 7 % 12 + 3)) ]; do printf 'A line of summary text that fills most of the measure here. '; j=$((j + 1)); done
    printf 'End.\n'
  done
} >"$tmp/auto-prog.yaml"
printf 'inherit: a5-booklet\noptions: { session-new-page: auto }\n' >"$tmp/auto.yaml"
printf 'inherit: a5-booklet\noptions: { session-new-page: false }\n' >"$tmp/packed.yaml"
expect "session-new-page: auto" 0 $WRAP "$BIN" build "$tmp/auto-prog.yaml" --layout "$tmp/auto.yaml" --dump -q -o "$tmp/auto.dump"
$BIN build "$tmp/auto-prog.yaml" --dump -q -o "$tmp/one.dump"
$BIN build "$tmp/auto-prog.yaml" --layout "$tmp/packed.yaml" --dump -q -o "$tmp/packed.dump"
check "auto takes fewer pages than one session a page" \
  "[ \$(grep -c '^page' $tmp/auto.dump) -lt \$(grep -c '^page' $tmp/one.dump) ]"
# a session is split when its title and its summary's last word ("End.")
# are on different pages
split_count() {
  awk '/^page/{p++} / "Session number/{t=p} /End\."$/{if (p != t) n++} END{print n+0}' "$1"
}
check "packed sessions are split (so the test can fail)" "[ \$(split_count $tmp/packed.dump) -gt 0 ]"
check "auto splits none" "[ \$(split_count $tmp/auto.dump) -eq 0 ]"
# schedule at a glance: the grid ends with the day's last session (no
# empty hour after it); codes only when the ids are codes, not slugs
expect "seed programme (one session, 10:35-12:05, id axe-1-pleniere)" 0 $WRAP "$BIN" build samples/seed-plenary-fr.yaml --dump -q -o "$tmp/seed.dump"
check "the grid's last rule is the last session's end (12:05), not 13:00" \
  "awk '/w 0.30 gray\\(0.75\\)/{split(\$3,q,\",\"); y=q[2]} / rect .*rgb\\(0.78,0.89,0.89\\)/{split(\$2,r,\",\"); c=r[2]} END{exit !(y != \"\" && c - y > 0.4 && c - y < 0.6)}' $tmp/seed.dump"
check "no hour label under the day's last rule (12:00 of a day ending 12:05)" \
  "grep -q '\"11:00\"' $tmp/seed.dump && ! grep -q '\"12:00\"' $tmp/seed.dump"
check "the grid's lanes fill the text width (one room: right edge at the margin)" \
  "awk '/ rect .*rgb\\(0.78,0.89,0.89\\)/{split(\$2,r,\",\"); split(\$3,w,\"x\"); e=r[1]+w[1]} /^  line /{split(\$2,l,\",\"); split(\$3,m,\",\"); if (m[1] > x) x=m[1]} END{exit !(e > x - 1.5 && e <= x)}' $tmp/seed.dump"
check "a slug id is printed nowhere (band, grid)" "! grep -q 'axe-1-pleniere' $tmp/seed.dump"
check "real codes are shown in grid cells" "grep -q '\"S1 Coopératives' tests/golden/mini-fr.dump"
$BIN build samples/congreso-es.yaml --dump -q -o "$tmp/es.dump"
check "the Spanish sample's slugs (adolescentes-lectores, ...) are not shown" "! grep -q '\"adolescentes-lectores\"' $tmp/es.dump"
# the man page: renders without a warning, names every command and the
# exit statuses, and make install puts it in share/man/man1
check "livret(1) renders cleanly" "groff -man -Tutf8 -ww -z docs/livret.1 2>$tmp/groff.err && [ ! -s $tmp/groff.err ]"
check "livret(1) covers commands, options, exit status, examples" \
  "groff -man -Tutf8 docs/livret.1 2>/dev/null | sed 's/.\x08//g' >$tmp/man.txt && grep -q 'EXIT STATUS' $tmp/man.txt && grep -q 'EXAMPLES' $tmp/man.txt && grep -q -- '--edition' $tmp/man.txt && grep -q 'livret import' $tmp/man.txt && grep -q 'THE FORMAT IN BRIEF' $tmp/man.txt"
check "make install installs it" "make -s -n install DESTDIR=$tmp/root | grep -q 'docs/livret.1 .*share/man/man1/livret.1'"
# the cover on an imposed sheet runs into the bleed on the sheet's edges,
# not across the spine into the facing page
expect "imposed sheets with a cover" 0 $WRAP "$BIN" build samples/congreso-es.yaml --edition print --impose saddle --dump -q -o "$tmp/sheets.dump"
check "the cover stops at the spine (the sheet's middle)" \
  "awk 'NR==1{split(\$2, d, \"x\"); mid=d[1]/2} /cover-es.jpg/ && !done {done=1; for (i = 1; i <= NF; i++) if (\$i == \"clip\") { split(\$(i+1), c, \",\"); ok = c[1] > mid - 0.02 && c[1] < mid + 0.02 } } END{exit !ok}' $tmp/sheets.dump"
finish
