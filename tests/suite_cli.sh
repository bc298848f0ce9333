#!/bin/sh
# suite_cli.sh — the command line as a user meets it: exit codes, help,
# the summary line, default output names, and output that is never left
# half-written or clobbered by a failed build.
set -u
. tests/tools/suite.sh
expect "--help" 0 $WRAP "$BIN" --help
check "help names both commands" "grep -q 'livret build' $tmp/out && grep -q 'livret check' $tmp/out"
expect "--version" 0 $WRAP "$BIN" --version
check "version line" "grep -Eq '^livret [0-9]+\.[0-9]+\.[0-9]+$' $tmp/out"
expect "no arguments is a usage error" 2 $WRAP "$BIN"
expect "unknown command" 2 $WRAP "$BIN" frobnicate x.yaml
expect "unknown option" 2 $WRAP "$BIN" build samples/seed-plenary-fr.yaml --bogus
expect "option without value" 2 $WRAP "$BIN" build samples/seed-plenary-fr.yaml -o
expect "missing input is an I/O error" 3 $WRAP "$BIN" check "$tmp/none.yaml"
check "missing input message" "grep -q 'none.yaml: error: cannot open: No such file' $tmp/err"
expect "check a valid programme" 0 $WRAP "$BIN" check samples/congreso-es.yaml
cp samples/seed-plenary-fr.yaml "$tmp/prog.yaml" && cp -R samples/images "$tmp/"
expect "build with the default output name" 0 $WRAP "$BIN" build "$tmp/prog.yaml"
check "default output is beside the input" "[ -s $tmp/prog.pdf ]"
check "summary line" "grep -Eq '^$tmp/prog.pdf: [0-9]+ pages, 1 sessions, 8 speakers, 0 warnings, [0-9.]+ s$' $tmp/err"
expect "unwritable output is an I/O error" 3 $WRAP "$BIN" build "$tmp/prog.yaml" -o "$tmp/no/such/dir/x.pdf"
# A failed build leaves an existing output byte-identical, and no temp file.
cp "$tmp/prog.pdf" "$tmp/keep.pdf"
printf 'programme: {title: X}\nsessions:\n- {id: A, title: T, date: 2021-02-30}\n' >"$tmp/bad.yaml"
expect "rejected input" 1 $WRAP "$BIN" build "$tmp/bad.yaml" -o "$tmp/prog.pdf"
check "existing output untouched" "cmp -s $tmp/prog.pdf $tmp/keep.pdf"
check "no temporary file left" "[ \$(ls -a $tmp | grep -c '^\.prog') -eq 0 ]"
expect "unknown layout" 1 $WRAP "$BIN" build "$tmp/prog.yaml" -o "$tmp/l.pdf" --layout nosuch
check "no output for an unknown layout" "[ ! -e $tmp/l.pdf ]"
expect "layout by file" 0 $WRAP "$BIN" build "$tmp/prog.yaml" -o "$tmp/c.pdf" --layout layouts/a5-compact.yaml
expect "dump backend" 0 $WRAP "$BIN" build "$tmp/prog.yaml" --dump -o "$tmp/p.dump"
check "dump starts with the document line" "head -1 $tmp/p.dump | grep -q '^doc 419.53x595.28 pages'"
expect "SOURCE_DATE_EPOCH stamps the dates" 0 env SOURCE_DATE_EPOCH=1621000000 $WRAP "$BIN" build "$tmp/prog.yaml" -o "$tmp/d.pdf"
check "creation date from SOURCE_DATE_EPOCH" "pdfinfo $tmp/d.pdf | grep -q 'CreationDate:.*2021'"
check "no date without it" "! pdfinfo $tmp/prog.pdf | grep -q CreationDate"
# Editions
expect "handouts split by track" 0 $WRAP "$BIN" build samples/congreso-es.yaml --edition handout --split-by track -o "$tmp/h"
check "one handout per track, and one for the sessions without" "[ \$(ls $tmp/h | wc -l) -eq 4 ] && [ -s $tmp/h/lectura.pdf ] && [ -s $tmp/h/patrimonio.pdf ] && [ -s $tmp/h/espacios.pdf ] && [ -s $tmp/h/no-track.pdf ]"
check "one summary line per handout" "[ \$(grep -c ' pages, ' $tmp/err) -eq 4 ]"
check "handouts are valid A4" "for f in $tmp/h/*.pdf; do qpdf --check \$f >/dev/null || exit 1; pdfinfo \$f | grep -q 'Page size: *595.2[0-9]* x 841.8[0-9]*' || exit 1; done"
check "handouts keep 6.35 mm clear of every edge" "for f in $tmp/h/*.pdf; do /usr/bin/python3 tests/tools/edgecheck.py \$f 18 >/dev/null || exit 1; done"
check "handout cites the full programme" "pdftotext $tmp/h/lectura.pdf - | grep -q 'del programa completo'"
expect "unknown track" 1 $WRAP "$BIN" build samples/congreso-es.yaml --edition handout --track nope -o "$tmp/x.pdf"
check "unknown track lists the known ids" "grep -q \"'nope' matches no session (known: lectura, patrimonio, espacios)\" $tmp/err"
expect "two-up on US Letter" 0 $WRAP "$BIN" build samples/congreso-es.yaml --edition handout --two-up letter -o "$tmp/2up.pdf"
check "two-up keeps 6.35 mm clear of every edge" "/usr/bin/python3 tests/tools/edgecheck.py $tmp/2up.pdf 18 >/dev/null"
check "two-up sheets are landscape Letter" "pdfinfo $tmp/2up.pdf | grep -q 'Page size: *792 x 612'"
expect "filters combine" 0 $WRAP "$BIN" build samples/congreso-es.yaml --edition handout --day 2026-09-18 --track lectura -o "$tmp/f.pdf"
check "only the sessions of both filters" "grep -q ' 1 sessions' $tmp/err"
expect "zones in the seed" 0 $WRAP "$BIN" build samples/seed-plenary-fr.yaml --lang es --dump -o "$tmp/z.dump"
check "times in ART and CEST" "grep -q '10:35–12:05 ART · 15:35–17:05 CEST' $tmp/z.dump"
check "labels in Spanish" "grep -q 'jueves, 27 de mayo de 2021' $tmp/z.dump"
# Print edition
expect "print edition" 0 $WRAP "$BIN" build samples/congreso-es.yaml --edition print -o "$tmp/print.pdf"
check "print structure (PDF/X-1a, boxes, bleed, x4, no links)" "/usr/bin/python3 tests/tools/printcheck.py $tmp/print.pdf >$tmp/pc.log || { cat $tmp/pc.log; false; }"
check "preflight line" "grep -Eq 'print.pdf: preflight: smallest type [0-9.]+ pt, thinnest line [0-9.]+ pt, highest ink [0-9]+ %, 0 RGB items, 0 text items outside' $tmp/err"
check "print is deterministic" "$BIN build samples/congreso-es.yaml --edition print -q -o $tmp/print2.pdf && cmp -s $tmp/print.pdf $tmp/print2.pdf"
expect "saddle imposition" 0 $WRAP "$BIN" build samples/congreso-es.yaml --edition print --impose saddle -o "$tmp/sheets.pdf"
check "half as many sheet sides, twice as wide" "[ \$(qpdf --show-npages $tmp/sheets.pdf) -eq \$((\$(qpdf --show-npages $tmp/print.pdf) / 2)) ]"
check "imposed file passes the print structure" "/usr/bin/python3 tests/tools/printcheck.py $tmp/sheets.pdf --sheets >/dev/null"
expect "embedded output profile" 0 $WRAP "$BIN" build samples/seed-plenary-fr.yaml --edition print --icc /usr/share/color/icc/ghostscript/default_cmyk.icc -o "$tmp/icc.pdf"
check "profile embedded as DestOutputProfile" "mutool show $tmp/icc.pdf Root/OutputIntents/1 | grep -q DestOutputProfile"
expect "--impose without --edition print" 2 $WRAP "$BIN" build samples/seed-plenary-fr.yaml --impose saddle
expect "missing profile" 3 $WRAP "$BIN" build samples/seed-plenary-fr.yaml --edition print --icc "$tmp/none.icc" -o "$tmp/x2.pdf"
finish
