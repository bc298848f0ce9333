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
# ---- issue 12: real exports as organizers have them ----------------------
# Each quirk on a small fixture; every title and speaker name of the source
# must be in the booklet's text layer (tests/import/textlayer.py).
for f in quirks.xml frab-0.8.json pretalx-quirks.json; do
  expect "$f imports" 0 $WRAP "$BIN" import "tests/import/$f"
  cp "$tmp/out" "$tmp/q.yaml"; cp "$tmp/err" "$tmp/q.err"
  expect "$f imports the same bytes again" 0 $WRAP "$BIN" import "tests/import/$f"
  check "$f: stable" "cmp -s $tmp/out $tmp/q.yaml"
  expect "$f builds" 0 $WRAP "$BIN" build "tests/import/$f" -q -o "$tmp/q.pdf"
  pdftotext "$tmp/q.pdf" "$tmp/q.txt"
  check "$f: every title and speaker in the text layer" "/usr/bin/python3 tests/import/textlayer.py tests/import/$f $tmp/q.txt"
  check "$f: no message points at the generated YAML" "! grep -q 'imported)' $tmp/q.err $tmp/err"
  check "$f: an end past midnight has its next-day mark" "grep -q '23:30–0[01]:[03]0 (+1)' $tmp/q.txt"
  check "$f: the YAML gives the end day" "grep -q '^  end_date: ' $tmp/q.yaml"
done
# frab XML: an event held twice (one id on two days) is numbered; a break
# listed under two rooms with one id is kept once, in both, with a warning
expect "quirks.xml" 0 $WRAP "$BIN" import tests/import/quirks.xml
check "a recurring event: its sessions numbered" "grep -q '^- id: E100-1$' $tmp/out && grep -q '^- id: E100-2$' $tmp/out"
check "the break in two rooms: one session" "[ \$(grep -c '^  title: Coffee break$' $tmp/out) = 1 ]"
check "the break in two rooms: both venues" "grep -q '^  venue: Saal 1 · Saal 2$' $tmp/out"
check "the break in two rooms: warned at the second listing, naming it" "grep -q '^tests/import/quirks.xml:50:7: warning: event 200 \"Coffee break\": listed again in room \"Saal 2\" at the same time (first at line 23)' $tmp/err"
check "HTML references decoded in a title" "grep -qF 'title: \"Rock'\"'\"' em & roll: \\\"loud\\\" hardware\"' $tmp/out"
check "HTML references decoded in a name" "grep -qF 'name: Zoë \"Zed\" Okonkwo' $tmp/out"
check "HTML references decoded in an abstract" "grep -q '^  summary: Amps & cables.$' $tmp/out"
check "times with seconds read" "grep -q '^  start: \"09:00\"$' $tmp/out"
check "an unknown element with text: warned, naming it and where" "grep -q '^tests/import/quirks.xml:64:9: warning: /schedule/day\[1\]/room\[2\]/event\[2\]/speakers: <speakers> is not a frab element of <event>; its text (\"Lena Vogt, Marek Nowak\") is not imported$' $tmp/err"
check "an empty <persons/> is not warned about" "[ \$(wc -l < $tmp/err) = 2 ]"
"$BIN" build tests/import/quirks.xml -q -o "$tmp/q.pdf" 2>/dev/null
pdftotext -layout "$tmp/q.pdf" "$tmp/q.txt"
check "the grid draws the break in both rooms" "grep -q 'E200 Coffee break  *E200 Coffee break' $tmp/q.txt"
check "the grid runs past midnight for the session that crosses it" "grep -q '^00:00' $tmp/q.txt"
check "the grid's hours stay clock hours" "! grep -q '24:00' $tmp/q.txt"
printf '{"schedule": {"conference": {"title": "X", "days": [{"date": "2025-01-01", "rooms": {"A": [\n  {"id": 1, "title": "T", "start": "10:00", "is_cool": true, "rank": 3, "notes": "remember me"}]}}]}}}\n' >"$tmp/unknown.json"
expect "frab JSON with unknown keys" 0 $WRAP "$BIN" import "$tmp/unknown.json"
check "an unknown key with text is warned about" "grep -q 'unknown.json:2:73: warning: schedule.conference.days\[0\].rooms.A\[0\].notes: \"notes\" is not a frab event key; its text (\"remember me\") is not imported' $tmp/err"
check "unknown flags and numbers are not" "[ \$(wc -l < $tmp/err) = 1 ]"
printf '{"schedule": {"conference": {"title": "X", "days": [{"date": "2025-01-01", "rooms": {"A": [\n  {"guid": "abc-1", "title": "Daily", "start": "10:00"}]}}, {"date": "2025-01-02", "rooms": {"A": [{"guid": "abc-1", "title": "Daily", "start": "10:00"}]}}]}}}\n' >"$tmp/guid.json"
expect "events with a guid and no id" 0 $WRAP "$BIN" import "$tmp/guid.json"
check "keyed by their guid, numbered on each day" "grep -q '^- id: abc-1-1$' $tmp/out && grep -q '^- id: abc-1-2$' $tmp/out"
# frab JSON 0.8: events without a date take their day's
expect "frab-0.8.json" 0 $WRAP "$BIN" import tests/import/frab-0.8.json
check "0.8: the date from the day" "grep -q '^  date: 2013-12-28$' $tmp/out"
check "0.8: a start with seconds" "grep -q '^  start: \"11:30\"$' $tmp/out"
check "0.8: recurring event numbered" "grep -q '^- id: E5500-2$' $tmp/out"
check "0.8: references decoded" "grep -q '^  title: Daily stand‑up$' $tmp/out && grep -q '^  - name: Jean-Luc Désiré$' $tmp/out"
check "0.8: an unknown key with text: warned with its line, column and key path" "grep -q '^tests/import/frab-0.8.json:26:13: warning: schedule.conference.days\[0\].rooms.Saal 1\[1\].speaker_names: \"speaker_names\" is not a frab event key; its text (\"Jean-Luc Désiré, Mia Wong\") is not imported$' $tmp/err"
# pretalx: references in titles and names, a slot past midnight
expect "pretalx-quirks.json" 0 $WRAP "$BIN" import tests/import/pretalx-quirks.json
check "pretalx: references decoded" "grep -qF 'name: Siobhán O'\"'\"'Neill' $tmp/out && grep -q '^  title: Late & Loud Camp$' $tmp/out"
check "pretalx: a slot past midnight ends the next day" "grep -q '^  end: \"01:00\"$' $tmp/out && grep -q '^  end_date: 2025-07-06$' $tmp/out"
# What build would refuse, import refuses too, located in the export and
# naming the event
expect "import refuses YAML that build would refuse" 1 $WRAP "$BIN" import tests/import/located.json
check "nothing on stdout" "[ ! -s $tmp/out ]"
check "the error at the export's line and column, naming the event" "grep -q '^tests/import/located.json:5:17: error: event 7 \"Marathon hackathon\": end_date: the session ends on 2025-05-09, more than 7 days after its date' $tmp/err"
check "the warning too, at the event's date" "grep -q '^tests/import/located.json:7:22: warning: event 8 \"Too late\": date: 2025-05-03 is outside the programme dates' $tmp/err"
check "no message about the generated YAML" "! grep -q 'imported)' $tmp/err"
expect "build refuses it the same way" 1 $WRAP "$BIN" build tests/import/located.json -o "$tmp/loc.pdf"
check "build: same located error" "grep -q '^tests/import/located.json:5:17: error: event 7 ' $tmp/err"
check "build: no PDF" "[ ! -e $tmp/loc.pdf ]"
printf '<?xml version="1.0"?>\n<schedule>\n  <conference><title>Dates</title><start>2025-01-01</start><end>2025-01-01</end></conference>\n  <day date="2025-01-02">\n    <room name="A">\n      <event id="9" guid="g-9">\n        <start>10:00</start>\n        <duration>00:30</duration>\n        <title>Day late</title>\n      </event>\n    </room>\n  </day>\n</schedule>\n' >"$tmp/late.xml"
expect "frab XML: a programme rule's warning" 0 $WRAP "$BIN" check "$tmp/late.xml"
check "at the XML event's line and column, naming it" "grep -q 'late.xml:6:7: warning: event 9 \"Day late\": date: 2025-01-02 is outside the programme dates' $tmp/err"
expect "an event without title, again" 1 $WRAP "$BIN" import "$tmp/notitle.xml"
check "a reader's error names the event" "grep -q 'notitle.xml:8:7: error: .*: missing: the event has no title (event 1)$' $tmp/err"
# The programme format: duration, end_date, seconds, other_times as a list
cat >"$tmp/times.yaml" <<'YAML'
programme:
  title: Times
  timezone: Europe/Paris
  dates: {from: 2025-06-01, to: 2025-06-02}
sessions:
- {id: a, title: Late film, date: 2025-06-01, start: "23:30", end: "00:30", end_date: 2025-06-02}
- {id: b, title: Late set, date: 2025-06-01, start: "23:00", duration: "2:00"}
- {id: c, title: Short, date: 2025-06-02, start: "10:30:00", duration: 45,
   other_times: ["16:30 Montréal", "04:30 Tokyo (+1)"]}
- {id: d, title: Midnight, date: 2025-06-02, start: "23:00", end: "00:00"}
YAML
expect "duration, end_date, seconds and an other_times list" 0 $WRAP "$BIN" build "$tmp/times.yaml" -o "$tmp/times.pdf"
pdftotext "$tmp/times.pdf" "$tmp/times.txt"
check "end_date: the end the next day, marked" "grep -q '23:30–00:30 (+1)' $tmp/times.txt"
check "duration across midnight, marked" "grep -q '23:00–01:00 (+1)' $tmp/times.txt"
check "duration in minutes, start with seconds" "grep -q '10:30–11:15' $tmp/times.txt"
check "other_times list: every item" "grep -q '16:30 Montréal · 04:30 Tokyo (+1)' $tmp/times.txt"
check "midnight is not the next day" "grep -q '23:00–24:00' $tmp/times.txt && ! grep -q '23:00–24:00 (+1)' $tmp/times.txt"
cat >"$tmp/badtimes.yaml" <<'YAML'
programme: {title: Bad times}
sessions:
- {id: a, title: A, date: 2025-06-02, start: "10:00", end: "11:00", duration: 30}
- {id: b, title: B, date: 2025-06-02, start: "10:00", end: "09:00", end_date: 2025-06-01}
- {id: c, title: C, date: 2025-06-02, start: "10:00", duration: "1h"}
- {id: d, title: D, date: 2025-06-02, end_date: 2025-06-03}
- {id: e, title: E, date: 2025-06-02, start: "10:00:30"}
- {id: f, title: F, date: 2025-06-02, start: "10:00", end: "02:00"}
YAML
expect "wrong durations and end dates refused" 1 $WRAP "$BIN" check "$tmp/badtimes.yaml"
check "duration against end" "grep -q 'badtimes.yaml:3:[0-9]*: error: sessions\[0\].duration: 30 minutes from start 10:00 is not the end 11:00; give one of end and duration (session a)' $tmp/err"
check "end_date before the date" "grep -q 'sessions\[1\].end_date: the session ends on 2025-06-01, before its date (session b)' $tmp/err"
check "not a duration" "grep -q \"sessions\[2\].duration: expected minutes (90) or H:MM (1:30), more than zero, got '1h' (session c)\" $tmp/err"
check "end_date without end" "grep -q 'sessions\[3\].end_date: end_date without end (session d)' $tmp/err"
check "seconds that would be lost: a warning" "grep -q \"warning: sessions\[4\].start: '10:00:30': the seconds are not printed (session e)\" $tmp/err"
check "an end before the start without end_date is still refused" "grep -q 'sessions\[5\].end: end 02:00 is not after start 10:00 (session f)' $tmp/err"
# --split-by track: the sessions without a track get a file of their own
expect "split by track" 0 $WRAP "$BIN" build tests/import/quirks.xml --edition handout --split-by track -o "$tmp/split"
check "one file per track and one for the rest" "[ -s $tmp/split/hardware.pdf ] && [ -s $tmp/split/art.pdf ] && [ -s $tmp/split/society.pdf ] && [ -s $tmp/split/no-track.pdf ]"
check "says where the sessions without a track are" "grep -q 'note: 1 session(s) have no track: they are in no-track' $tmp/err"
check "the break is in that file" "pdftotext $tmp/split/no-track.pdf - | grep -q 'Coffee break'"
check "a handout prints the end past midnight with its mark" "pdftotext $tmp/split/art.pdf - | grep -q '23:30–00:30 (+1)'"
# --split-by: each file's summary gives its own time, not a running total
# (how fast all the handouts are against one build is measured by
# `make bench`, never by a test).
/usr/bin/python3 bench/gen.py 120 >"$tmp/big.yaml"
check "split handouts: each file its own time" "/usr/bin/python3 - '$BIN' '$tmp' <<'PY'
import re, subprocess, sys, time
b, t = sys.argv[1], sys.argv[2]
t0 = time.monotonic()
r = subprocess.run([b, 'build', t + '/big.yaml', '--edition', 'handout',
                    '--split-by', 'track', '-o', t + '/bigsplit'],
                   capture_output=True, text=True)
whole = time.monotonic() - t0
assert r.returncode == 0, r.stderr
own = [float(x) for x in re.findall(r'pdf: .* ([0-9.]+) s$', r.stderr, re.M)]
assert len(own) >= 8, r.stderr
assert sum(own) <= whole + 0.1, 'summaries add up to more than the run: running totals'
PY"
finish
