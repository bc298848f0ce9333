#!/bin/sh
# suite_io.sh — what livret reads and writes: an output never replaces an
# input (same path, symlink, hard link, an included file, standard output
# redirected to it, any file of --split-by); input from a pipe or FIFO is
# read whole and once; "-" is standard input and standard output; the
# document dates the help text promises; /Lang is the programme's language.
set -u
. tests/tools/suite.sh
# The samples' pictures are named relative to the programme, or to the
# current directory for standard input: the pipe tests run in the copy.
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
cp -R samples/. "$tmp/s"
P=$tmp/s/seed-plenary-fr.yaml
C=$tmp/s/congreso-es.yaml
INC=$tmp/s/congreso-es/sesiones/01-lectura-facil.yaml
cp "$P" "$tmp/P.orig"
cp "$INC" "$tmp/inc.orig"
untouched() { cmp -s "$P" "$tmp/P.orig" && cmp -s "$INC" "$tmp/inc.orig"; }

# ---- an output never replaces an input (exit 2, input untouched)
expect "-o the input itself" 2 $WRAP "$BIN" build "$P" -o "$P"
check "input untouched" untouched
check "the message names the input" "grep -q 'seed-plenary-fr.yaml: error: is the input file .*seed-plenary-fr.yaml' $tmp/err"
ln -s "$P" "$tmp/link.pdf"
expect "-o a symlink to the input" 2 $WRAP "$BIN" build "$P" -o "$tmp/link.pdf"
check "input untouched, the symlink still one" "untouched && [ -L $tmp/link.pdf ]"
ln "$P" "$tmp/hard.pdf"
expect "-o a hard link to the input" 2 $WRAP "$BIN" build "$P" -o "$tmp/hard.pdf"
check "input untouched" untouched
expect "--dump -o the input" 2 $WRAP "$BIN" build "$P" --dump -o "$P"
check "input untouched" untouched
expect "-o an included session file" 2 $WRAP "$BIN" build "$C" -o "$INC"
check "include untouched, and named" "untouched && grep -q \"is the input file .*01-lectura-facil.yaml\" $tmp/err"
ln -s "$INC" "$tmp/inclink.pdf"
expect "-o a symlink to an included file" 2 $WRAP "$BIN" build "$C" --edition print -o "$tmp/inclink.pdf"
check "include untouched" untouched
expect "-o - appended to the input" 2 sh -c "$WRAP $BIN build '$P' -o - >>'$P'"
check "input untouched" untouched
expect "standard input read from the file -o names" 2 sh -c "cd '$tmp/s' && $WRAP $BIN build - -o '$P' <'$P'"
check "input untouched" untouched
cp tests/import/frab.xml "$tmp/frab.xml"
expect "-o an imported export" 2 $WRAP "$BIN" build "$tmp/frab.xml" --dump -o "$tmp/frab.xml"
check "export untouched" "cmp -s tests/import/frab.xml $tmp/frab.xml"
cp layouts/a5-compact.yaml "$tmp/layout.yaml"
expect "-o the layout file" 2 $WRAP "$BIN" build "$P" --layout "$tmp/layout.yaml" -o "$tmp/layout.yaml"
check "layout untouched" "cmp -s layouts/a5-compact.yaml $tmp/layout.yaml"
cp /usr/share/color/icc/ghostscript/default_cmyk.icc "$tmp/p.icc"
expect "-o the output profile" 2 $WRAP "$BIN" build "$P" --edition print --icc "$tmp/p.icc" -o "$tmp/p.icc"
check "profile untouched" "cmp -s /usr/share/color/icc/ghostscript/default_cmyk.icc $tmp/p.icc"
# --split-by: every file it would write is checked before the first is
mkdir "$tmp/h"
ln -s "$INC" "$tmp/h/lectura.pdf"
expect "--split-by over an included file" 2 $WRAP "$BIN" build "$C" --edition handout --split-by track -o "$tmp/h"
check "include untouched, no handout written" "untouched && [ \$(ls $tmp/h | wc -l) -eq 1 ]"
expect "--split-by with the input as directory" 2 $WRAP "$BIN" build "$C" --edition handout --split-by track -o "$C"
check "--split-by without a clash writes them all" "rm $tmp/h/lectura.pdf && $BIN build $C -q --edition handout --split-by track -o $tmp/h 2>/dev/null && [ \$(ls $tmp/h | wc -l) -eq 4 ]"  # three tracks and the sessions without one

# ---- input from a pipe or FIFO: read once, whole (14 KiB here)
"$BIN" build "$P" -q -o "$tmp/file.pdf" || echo "FAIL reference build"
expect "build from a pipe (-)" 0 sh -c "cd '$tmp/s' && cat '$P' | $WRAP $BIN build - -o '$tmp/pipe.pdf'"
check "same bytes as from the file" "cmp -s $tmp/file.pdf $tmp/pipe.pdf"
check "summary names the output" "grep -q '^$tmp/pipe.pdf: 14 pages, 1 sessions, 8 speakers' $tmp/err"
mkfifo "$tmp/s/fifo"
cat "$P" >"$tmp/s/fifo" &
expect "build from a FIFO" 0 $WRAP "$BIN" build "$tmp/s/fifo" -o "$tmp/fifo.pdf"
wait
check "same bytes as from the file" "cmp -s $tmp/file.pdf $tmp/fifo.pdf"
expect "check from a pipe" 0 sh -c "cd '$tmp/s' && cat '$P' | $WRAP $BIN check -"
check "check names <stdin>" "grep -qx '<stdin>: 1 sessions, 0 warnings' $tmp/out"
cat "$P" >"$tmp/s/fifo" &
expect "check from a FIFO" 0 $WRAP "$BIN" check "$tmp/s/fifo"
wait
# An error past the first 4 KiB (81 sessions, ~8 KiB) is found at its own
# line, named <stdin>; the first sessions are not lost either.
{ printf 'programme:\n  title: Pipe\n  dates: {from: 2024-05-01, to: 2024-05-02}\nsessions:\n'
  i=1; while [ $i -le 80 ]; do
    printf '  - id: s%d\n    title: Session %d of a programme long enough to pass 4 KiB\n    date: 2024-05-01\n' $i $i
    i=$((i + 1)); done
  printf '  - id: last\n    title: Last\n    date: 2024-13-01\n'; } >"$tmp/bad.yaml"
check "the test file is past 4 KiB" "[ \$(wc -c <$tmp/bad.yaml) -gt 4096 ]"
expect "rejected input from a pipe" 1 sh -c "cat '$tmp/bad.yaml' | $WRAP $BIN check -"
check "the one error, at its line in <stdin>" "[ \$(grep -c error $tmp/err) -eq 1 ] && grep -q '^<stdin>:247:11: error: sessions\[80\].date: ' $tmp/err"
expect "the same from the file" 1 $WRAP "$BIN" check "$tmp/bad.yaml"
check "at the same line" "grep -q 'bad.yaml:247:11: error: sessions\[80\].date: ' $tmp/err"
sed "s/2024-13-01/2024-05-02/" "$tmp/bad.yaml" >"$tmp/good.yaml"
expect "every session read from a pipe" 0 sh -c "cat '$tmp/good.yaml' | $WRAP $BIN check -"
check "all 81" "grep -qx '<stdin>: 81 sessions, 0 warnings' $tmp/out"
# Includes of standard input resolve against the current directory.
abs=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
expect "includes of standard input" 0 sh -c "cd '$tmp/s' && $WRAP $abs check - <congreso-es.yaml"
check "with the included sessions" "grep -qx '<stdin>: 10 sessions, 0 warnings' $tmp/out"
# An export through a pipe: the format is detected on the bytes read.
expect "import from a pipe" 0 sh -c "cat tests/import/frab.xml | $WRAP $BIN import -"
check "same YAML as from the file (but the source named)" "$BIN import tests/import/frab.xml | sed 1d >$tmp/imp.yaml && sed 1d $tmp/out | cmp -s - $tmp/imp.yaml && head -1 $tmp/out | grep -q 'from <stdin> (frab-xml)'"
expect "build an export from a pipe" 0 sh -c "$WRAP $BIN build - --dump -o '$tmp/imp.dump' <tests/import/frab.json"
check "its dump" "head -1 $tmp/imp.dump | grep -q '^doc '"
expect "a directory is an I/O error" 3 $WRAP "$BIN" check "$tmp/s"

# ---- "-o -" is standard output
expect "-o - writes the PDF to standard output" 0 sh -c "$WRAP $BIN build '$P' -o - >'$tmp/stdout.pdf'"
check "the same bytes as the file" "cmp -s $tmp/file.pdf $tmp/stdout.pdf"
check "summary names <stdout>" "grep -q '^<stdout>: 14 pages' $tmp/err"
check "no file named -" "[ ! -e ./- ] && [ ! -e $tmp/- ]"
expect "--dump -o -" 0 sh -c "$WRAP $BIN build '$P' --dump -o - >'$tmp/stdout.dump'"
check "the dump on standard output" "$BIN build $P --dump -q -o $tmp/file.dump && cmp -s $tmp/file.dump $tmp/stdout.dump"
expect "- to - (a pipe both ways)" 0 sh -c "cd '$tmp/s' && cat '$P' | $WRAP $BIN build - -o - | cat >'$tmp/both.pdf'"
check "the same bytes" "cmp -s $tmp/file.pdf $tmp/both.pdf"
expect "standard input needs -o" 2 sh -c "$WRAP $BIN build - <'$P'"
expect "--split-by cannot write to standard output" 2 $WRAP "$BIN" build "$C" --edition handout --split-by track -o -
expect "a PDF to a full standard output is an I/O error" 3 sh -c "$WRAP $BIN build '$P' -o - >/dev/full"
check "named <stdout>" "grep -q '^<stdout>: error: cannot write: No space left on device' $tmp/err"

# ---- dates: as --help says
expect "--help on dates" 0 $WRAP "$BIN" --help
check "help: the print edition is dated its first day" "tr '\n' ' ' <$tmp/out | grep -q 'print edition, which PDF/X *requires to be dated, is dated the programme.s first day'"
"$BIN" build "$C" -q -o "$tmp/screen.pdf"
"$BIN" build "$C" -q --edition handout -o "$tmp/handout.pdf" 2>/dev/null
"$BIN" build "$C" -q --edition print -o "$tmp/print.pdf" 2>/dev/null
check "screen edition: no date" "! pdfinfo $tmp/screen.pdf | grep -q Date"
check "handout edition: no date" "! pdfinfo $tmp/handout.pdf | grep -q Date"
check "print edition: the first day, 00:00 UTC" "pdfinfo -isodates $tmp/print.pdf | grep -q '^CreationDate: *2026-09-17T00:00:00Z' && pdfinfo -isodates $tmp/print.pdf | grep -q '^ModDate: *2026-09-17T00:00:00Z'"
check "SOURCE_DATE_EPOCH dates the print edition" "SOURCE_DATE_EPOCH=1621000000 $BIN build $C -q --edition print -o $tmp/print-e.pdf 2>/dev/null && pdfinfo -isodates $tmp/print-e.pdf | grep -q '^CreationDate: *2021-05-14T13:46:40Z'"

# ---- /Lang is the programme's language
sed 's/^  language: fr$/  language: de/' "$P" >"$tmp/s/de.yaml"
check "a German programme" "grep -q '^  language: de$' $tmp/s/de.yaml"
for e in screen handout print; do
  check "/Lang de ($e)" "$BIN build $tmp/s/de.yaml -q --edition $e -o $tmp/de-$e.pdf 2>/dev/null && [ \"\$(mutool show $tmp/de-$e.pdf trailer/Root/Lang)\" = '(de)' ]"
done
check "/Lang de whatever --lang says" "$BIN build $tmp/s/de.yaml -q --lang es -o $tmp/de-es.pdf && [ \"\$(mutool show $tmp/de-es.pdf trailer/Root/Lang)\" = '(de)' ]"
check "/Lang es-AR (the Spanish sample)" "[ \"\$(mutool show $tmp/screen.pdf trailer/Root/Lang)\" = '(es-AR)' ]"
check "/Lang of an import: the schedule's" "$BIN build tests/import/frab.xml -q -o $tmp/frab.pdf && [ \"\$(mutool show $tmp/frab.pdf trailer/Root/Lang)\" = '(fr)' ]"
# ---- the page contents wait in a temporary file ($TMPDIR, unlinked at
# once): the same bytes without one, and nothing left behind
mkdir "$tmp/spool"
check "a build with a spool directory" "TMPDIR=$tmp/spool $BIN build $C -q -o $tmp/spooled.pdf"
check "nothing left in the spool directory" "[ -z \"\$(ls -A $tmp/spool)\" ]"
check "without a usable temporary directory: built all the same" "TMPDIR=$tmp/no-such-dir $BIN build $C -q -o $tmp/unspooled.pdf"
check "the same bytes either way" "cmp -s $tmp/spooled.pdf $tmp/unspooled.pdf"
finish
