#!/usr/bin/env python3
"""textlayer.py EXPORT TEXT — every event title and speaker name of a frab
XML, frab JSON or pretalx export must be in TEXT (pdftotext of the
booklet built from it).  References left in the export's text ("&#x27;",
"&amp;") are decoded, as livret decodes them; whitespace and line breaks
are compared as single spaces.  Prints what is missing; exit 1 if any."""
import html
import json
import re
import sys
import os
import xml.etree.ElementTree as ET

# The comparison of tests/tools/textcheck.py: whitespace and hyphens aside,
# quotes and apostrophes as the marks the language sets for them.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
from textcheck import norm  # noqa: E402


def clean(s):
    return re.sub(r"\s+", " ", html.unescape(s or "")).strip()


def from_xml(path):
    root = ET.parse(path).getroot()
    for ev in root.iter("event"):
        yield "title", ev.findtext("title")
        for p in ev.iter("person"):
            yield "person", p.text


def local(v):
    if isinstance(v, dict):
        return v.get("en") or next(iter(v.values()), "")
    return v


def from_json(path):
    data = json.load(open(path, encoding="utf-8"))
    sched = data.get("schedule")
    if sched:
        for day in sched["conference"]["days"]:
            for evs in day.get("rooms", {}).values():
                for ev in evs:
                    yield "title", ev.get("title")
                    for p in ev.get("persons", []):
                        yield "person", (p.get("public_name")
                                         or p.get("full_public_name")
                                         or p.get("name"))
        return
    speakers = {s["code"]: s["name"] for s in data.get("speakers", [])}
    for sub in data.get("submissions", []):
        yield "title", local(sub.get("title"))
        for sp in sub.get("speakers", []):
            yield "person", local(sp["name"]) if isinstance(sp, dict) else speakers[sp]


def main():
    src, text = sys.argv[1], sys.argv[2]
    layer = norm(open(text, encoding="utf-8").read())
    items = from_xml(src) if src.endswith(".xml") else from_json(src)
    missing = [(k, clean(v)) for k, v in items
               if clean(v) and norm(clean(v)) not in layer]
    for k, v in missing:
        print("missing %s: %s" % (k, v))
    return 1 if missing else 0


sys.exit(main())
