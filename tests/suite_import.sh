#!/bin/sh
# suite_import.sh — `livret import` and building from schedule exports
# (issue #7) on the small committed fixtures of tests/import/: a frab XML, a
# frab JSON (v2) and a pretalx export.  The corpus comparison is
# tests/corpus_import.sh (make check-corpus).
set -u
. tests/tools/suite.sh
for f in frab.xml frab.json pretalx.json; do
  src=tests/import/$f
  exp=tests/import/${f%.*}-${f##*.}.expected.yaml
  expect "import $f" 0 $WRAP "$BIN" import "$src"
  cp "$tmp/out" "$tmp/got.yaml"
  check "import $f gives the expected YAML" "cmp -s $tmp/got.yaml $exp || { diff $tmp/got.yaml $exp | head -20; false; }"
  check "import $f writes no message" "[ ! -s $tmp/err ]"
  expect "import $f again" 0 $WRAP "$BIN" import "$src"
  check "import $f is stable" "cmp -s $tmp/out $tmp/got.yaml"
  expect "check the YAML of $f" 0 $WRAP "$BIN" check "$tmp/got.yaml"
  check "no warnings for $f" "grep -q ', 0 warnings$' $tmp/out"
  expect "check $f directly" 0 $WRAP "$BIN" check "$src"
  expect "build $f directly" 0 $WRAP "$BIN" build "$src" --dump -q -o "$tmp/raw.dump"
  expect "build the YAML of $f" 0 $WRAP "$BIN" build "$tmp/got.yaml" --dump -q -o "$tmp/yaml.dump"
  check "$f: same booklet from the export and from its YAML" "cmp -s $tmp/raw.dump $tmp/yaml.dump"
  # YAML 1.1 tools read every string as a string, every time as text
  check "$f: YAML 1.1 reads the same values" "/usr/bin/python3 - $tmp/got.yaml <<'PY'
import sys, yaml
base = yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.BaseLoader)
safe = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
def walk(b, s, path):
    if isinstance(b, dict):
        for k in b: walk(b[k], s[k], path + '.' + k)
    elif isinstance(b, list):
        for i, (x, y) in enumerate(zip(b, s)): walk(x, y, '%s[%d]' % (path, i))
    else:
        leaf = path.rsplit('.', 1)[-1]
        if leaf in ('date', 'end_date', 'from', 'to', 'capacity', 'numbered'):
            return
        if s != b:
            sys.exit('%s: YAML 1.1 reads %r for %r' % (path, s, b))
walk(base, safe, '')
PY"
done
expect "--from names the format" 0 $WRAP "$BIN" import tests/import/frab.json --from frab-json
expect "--from pretalx reads frab JSON too (pretalx's schedule.json)" 0 $WRAP "$BIN" import tests/import/frab.json --from pretalx
expect "unknown --from is a usage error" 2 $WRAP "$BIN" import tests/import/frab.xml --from xls
expect "a missing file is an I/O error" 3 $WRAP "$BIN" import "$tmp/none.xml"
expect "a programme is not importable" 1 $WRAP "$BIN" import samples/seed-plenary-fr.yaml
expect "programme YAML still builds" 0 $WRAP "$BIN" check samples/seed-plenary-fr.yaml
# Errors: FILE:LINE:COL, the element or key path
printf '<?xml version="1.0"?>\n<schedule>\n  <conference>\n    <title>Broken</title>\n  </conference>\n  <day date="2025-01-01">\n    <room name="A">\n      <event id="1"><date>2025-01-01T10:00:00+01:00</date></event>\n    </room>\n  </day>\n</schedule>\n' >"$tmp/notitle.xml"
expect "an event without title" 1 $WRAP "$BIN" import "$tmp/notitle.xml"
check "names the element path" "grep -q 'notitle.xml:8:7: error: /schedule/day\[1\]/room\[1\]/event\[1\]/title: missing' $tmp/err"
check "nothing on stdout after an error" "[ ! -s $tmp/out ]"
printf '<?xml version="1.0"?>\n<schedule>\n  <conference><title>X &amp y</title></conference>\n</schedule>\n' >"$tmp/bad.xml"
expect "malformed XML" 1 $WRAP "$BIN" build "$tmp/bad.xml" -o "$tmp/bad.pdf"
check "XML error with line and column" "grep -Eq 'bad.xml:3:[0-9]+: error: ' $tmp/err"
check "no PDF for a rejected export" "[ ! -e $tmp/bad.pdf ]"
printf '{"schedule": {"conference": {"title": "X", "days": [{"rooms": {"A": [\n  {"id": 1, "title": "T", "date": "2025-13-01T10:00:00+01:00"}]}}]}}}\n' >"$tmp/bad.json"
expect "a bad date in frab JSON" 1 $WRAP "$BIN" check "$tmp/bad.json"
check "JSON error with line, column and key path" "grep -q 'bad.json:2:35: error: schedule.conference.days\[0\].rooms.A\[0\].date: ' $tmp/err"
finish
