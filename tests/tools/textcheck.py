#!/usr/bin/python3
"""textcheck.py PROGRAMME.yaml BOOKLET.pdf STDERR.txt

Accent safety, checked from the outside: every text field of the programme
must come back from `pdftotext`, in NFC, except the characters livret named
in a warning (U+XXXX in STDERR.txt).  Comparison ignores whitespace (the PDF
has no spaces, only gaps; NBSP and NNBSP come back as spaces), hyphens (a
line may end with one livret added) and the invisible formatting characters
livret consumes (soft hyphen, zero-width space, joiners, variation
selectors) and the directional marks pdftotext adds around right-to-left
runs.  Quotes, apostrophes and a spaced hyphen compare as the marks livret
sets for them in the text's language (' as ’, " as « » or “ ” or „ “, - as
–): typography, not loss.  Prints one line per missing field, then
"N passed, N failed".
"""
import glob, os, re, subprocess, sys, unicodedata
import yaml

INVISIBLE = {0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E} | set(range(0xFE00, 0xFE10))
# Directional marks and embeddings: pdftotext wraps right-to-left runs in
# U+202B ... U+202C (and Latin inside them in U+202A); they are not text.
INVISIBLE |= {0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
DROP = set()

# The language's marks (issue 16) and what they stand for: every quote
# and apostrophe compares as one mark (which pair a language sets for ' or
# " is its own: French sets « » for both), the en dash as a hyphen.
QUOTES = "'\"\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u00AB\u00BB\u2039\u203A\u300C\u300D\u300E\u300F"
MARKS = {ch: '"' for ch in QUOTES}
MARKS["\u2013"] = "-"

def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = "".join(MARKS.get(ch, ch) for ch in s)
    out = []
    for ch in s:
        cp = ord(ch)
        if cp in INVISIBLE or cp in DROP or ch.isspace() or ch in "-\u2010":
            continue
        out.append(ch)
    return "".join(out)

def sessions_of(node, base):
    for s in node or []:
        if isinstance(s, dict) and set(s) == {"include"}:
            for f in sorted(glob.glob(os.path.join(base, s["include"]))):
                sub = yaml.load(open(f, encoding="utf-8-sig"), Loader=yaml.BaseLoader)
                sub = sub if isinstance(sub, list) else [sub]
                yield from sessions_of(sub, os.path.dirname(f))
        else:
            yield s

def fields(prog, base):
    p = prog.get("programme", {})
    for k in ("title", "subtitle", "organizer"):
        if p.get(k): yield "programme." + k, p[k]
    tracks = {t["id"]: t for t in prog.get("tracks") or []}
    for i, s in enumerate(sessions_of(prog.get("sessions"), base)):
        sid = "sessions[%d](%s)" % (i, s.get("id"))
        for k in ("type", "title", "venue", "registration", "other_times"):
            if s.get(k): yield sid + "." + k, s[k]
        if s.get("track") in tracks: yield sid + ".track", tracks[s["track"]]["title"]
        for k in ("organizers", "languages"):
            v = s.get(k)
            for x in ([v] if isinstance(v, str) else v or []): yield sid + "." + k, x
        if s.get("summary"):
            for para in re.split(r"\n\s*\n", s["summary"]): yield sid + ".summary", para
        for j, sec in enumerate(s.get("sections") or []):
            if sec.get("title"): yield "%s.sections[%d].title" % (sid, j), sec["title"]
            if sec.get("text"):
                for para in re.split(r"\n\s*\n", sec["text"]): yield "%s.sections[%d].text" % (sid, j), para
            for it in sec.get("items") or []: yield "%s.sections[%d].items" % (sid, j), it
        for j, sp in enumerate(s.get("speakers") or []):
            for k in ("name", "position", "affiliation"):
                if sp.get(k): yield "%s.speakers[%d].%s" % (sid, j, k), sp[k]
        for j, d in enumerate(s.get("documents") or []):
            for k in ("title", "url"):
                if d.get(k): yield "%s.documents[%d].%s" % (sid, j, k), d[k]

def main():
    prog_path, pdf, err = sys.argv[1:4]
    for m in re.finditer(r"U\+([0-9A-F]{4,6})", open(err, encoding="utf-8").read()):
        DROP.add(int(m.group(1), 16))
    prog = yaml.load(open(prog_path, encoding="utf-8-sig"), Loader=yaml.BaseLoader)
    # Read the text block only: running heads and folios sit in the top
    # and bottom half inch and would split a paragraph that turns a page.
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", "36", "-W", str(int(w) + 1),
                        "-H", str(int(h - 72)), pdf, "-"], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        print("FAIL pdftotext: exit %d: %s" % (r.returncode, r.stderr.strip()[:300]))
        print("0 passed, 1 failed"); sys.exit(1)
    text = norm(r.stdout)
    ok = bad = 0
    for name, value in fields(prog, os.path.dirname(prog_path)):
        want = norm(value)
        if not want or want in text:
            ok += 1
        else:
            bad += 1
            # Show where it stops matching: the longest prefix found.
            lo, hi = 0, len(want)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if want[:mid] in text: lo = mid
                else: hi = mid - 1
            print("FAIL %s: text not found after %r (next %r)" % (name, want[max(0, lo-30):lo], want[lo:lo+20]))
    print("%d passed, %d failed" % (ok, bad))
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
