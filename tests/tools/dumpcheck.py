#!/usr/bin/python3
"""dumpcheck.py rtl|cjk DUMP LABELS.yaml — positions in a --dump display
list (issue 11).

rtl: a right-to-left booklet is mirrored: the contents title flush right,
     each contents line with its page number leftmost and its title
     right of it, each index entry's page number leftmost on its line,
     the grid's hours right of its cells, the day heading flush right.
cjk: the justified summary's lines (size 9.50) but the last reach the
     right edge of the measure, with no glyph scale (x1.0…): the stretch is
     between the characters.
Prints "ok …"/"FAIL …" lines; exit status 1 on a failure."""
import re
import sys

ITEM = re.compile(r'^  (text|rect|link|line) (?:f\d+ ([\d.]+) )?([-\d.]+),([-\d.]+)'
                  r'(?: w ([\d.]+)| ([\d.]+)x([\d.]+))?(?: x([\d.]+))?.*?(?: "(.*)")?$')


def pages(path):
    out, cur, outline = [], None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("page "):
            cur = []
            out.append(cur)
            continue
        m = re.match(r'outline (\d) "(.*)" page (\d+)', line)
        if m:
            outline.append((int(m.group(1)), m.group(2), int(m.group(3))))
            continue
        m = re.match(r'  line ([-\d.]+),([-\d.]+) ([-\d.]+),([-\d.]+)', line)
        if m and cur is not None:
            x, y, x2 = float(m.group(1)), float(m.group(2)), float(m.group(3))
            cur.append(dict(kind="line", size=0, x=x, y=y, w=x2 - x, scale=None, text=""))
            continue
        m = ITEM.match(line)
        if m and cur is not None:
            kind, size, x, y = m.group(1), m.group(2), float(m.group(3)), float(m.group(4))
            w = float(m.group(5) or m.group(6) or 0)
            cur.append(dict(kind=kind, size=float(size or 0), x=x, y=y, w=w,
                            scale=m.group(8), text=m.group(9) or ""))
    return out, outline


def labels(path):
    d = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^  ([a-z-]+): "?(.*?)"?$', line)
        if m:
            d[m.group(1)] = m.group(2)
    return d


fails = 0


def check(ok, what):
    global fails
    print(("ok " if ok else "FAIL ") + what)
    fails += not ok


def rows(items):
    r = {}
    for it in items:
        if it["kind"] == "text":
            r.setdefault(round(it["y"], 2), []).append(it)
    return r


def find_page(pgs, text):
    for i, p in enumerate(pgs):
        if any(it["kind"] == "text" and it["text"] == text for it in p):
            return i
    return None


def rtl(dump, lab):
    pgs, outline = pages(dump)
    # contents
    i = find_page(pgs, lab["contents"].split(" ")[0])
    check(i is not None, "contents page found")
    if i is None:
        return
    p = pgs[i]
    right = max(it["x"] + it["w"] for it in p if it["kind"] == "text" and it["y"] < 560)
    words = lab["contents"].split(" ")
    head = [it for it in p if it["kind"] == "text" and it["text"] in words]
    check(head and abs(max(it["x"] + it["w"] for it in head) - right) < 0.5 and
          min(it["x"] for it in head) > 150, "contents title flush right")
    entries = 0
    for y, r in rows(p).items():
        links = [it for it in p if it["kind"] == "link" and it["y"] < y < it["y"] + 11]
        # the leaders: one item of dots and spaces
        words = [it for it in r if not re.fullmatch(r"[. ]+", it["text"])]
        if not links or len(words) < 2:
            continue
        entries += 1
        left = min(words, key=lambda it: it["x"])
        check(re.fullmatch(r"\d+", left["text"]) is not None and
              all(it["x"] > left["x"] + 20 for it in words if it is not left),
              "contents line at %.2f: page number %s leftmost, entry right of it"
              % (y, left["text"]))
    check(entries >= 3, "%d contents lines" % entries)
    # indexes
    ix = [o[2] - 1 for o in outline if o[1] in (lab["index-speakers"],
                                                  lab["index-organisations"])]
    found = 0
    for p in [pgs[k] for k in ix]:
        for y, r in rows(p).items():
            links = [it for it in p if it["kind"] == "link" and it["y"] < y < it["y"] + 11]
            if not links or len(r) < 2:
                continue
            found += 1
            left = min(r, key=lambda it: it["x"])
            check(re.fullmatch(r"\d+", left["text"]) is not None and
                  abs(links[0]["x"] - left["x"]) < 0.01 and
                  max(it["x"] for it in r) > left["x"] + 200,
                  "index line at %.2f: page number leftmost, entry at the right" % y)
    check(found >= 2, "%d index lines" % found)
    # grid: the hours right of the cells
    for p in pgs:
        rects = [it for it in p if it["kind"] == "rect"]
        # an hour label may be drawn in pieces (Arabic-Indic digits in
        # the Arabic font, the colon in another): join touching pieces
        pieces, hours = [it for it in p if it["kind"] == "text"], []
        k = 0
        while k < len(pieces):
            j, text = k, pieces[k]["text"]
            while (j + 1 < len(pieces) and pieces[j + 1]["y"] == pieces[k]["y"] and
                   abs(pieces[j + 1]["x"] - (pieces[j]["x"] + pieces[j]["w"])) < 0.01):
                j += 1
                text += pieces[j]["text"]
            if re.fullmatch(r"\d{1,2}[:.]\d\d", text):
                hours.append(dict(pieces[k], text=text))
            k = j + 1
        if rects and hours:
            check(all(h["x"] >= max(r["x"] + r["w"] for r in rects) for h in hours),
                  "grid: hours right of every cell")
            break
    else:
        check(False, "grid page found")
    # day heading
    days = [o for o in outline if o[0] == 0 and o[2] > i + 1]
    if days:
        p = pgs[days[0][2] - 1]
        big = max(it["size"] for it in p if it["kind"] == "text")
        head = [it for it in p if it["kind"] == "text" and it["size"] == big]
        rr = max(it["x"] + it["w"] for it in p if it["kind"] == "text" and it["y"] < 560)
        check(abs(max(it["x"] + it["w"] for it in head) - rr) < 0.5 and
              min(it["x"] for it in head) > 150, "day heading flush right")


def cjk(dump):
    pgs, _ = pages(dump)
    for p in pgs:
        lines = rows([it for it in p if it["size"] == 9.5 and it["kind"] == "text"])
        if len(lines) < 3:
            continue
        ys = sorted(lines, reverse=True)
        # the summary: rows one leading (12.5) apart from the first
        n = 1
        while n < len(ys) and abs(ys[n - 1] - ys[n] - 12.5) < 0.05:
            n += 1
        ys = ys[:n]
        if len(ys) < 3:
            continue
        # the measure's right edge: the running head's rule
        rules = [it for it in p if it["kind"] == "line"]
        right = rules[0]["x"] + rules[0]["w"] if rules else 0
        for y in ys[:-1]:
            r = lines[y]
            # (a closing mark at the end may hang past it: protrusion)
            end = max(it["x"] + it["w"] for it in r)
            check(right - 0.01 < end < right + 0.6 * 9.5,
                  "summary line at %.2f reaches the measure (%.2f of %.2f)" % (y, end, right))
            check(all(it["scale"] is None for it in r),
                  "summary line at %.2f: no glyph scale" % y)
        return
    check(False, "a justified summary of three lines or more")


if __name__ == "__main__":
    if sys.argv[1] == "rtl":
        rtl(sys.argv[2], labels(sys.argv[3]))
    else:
        cjk(sys.argv[2])
    sys.exit(1 if fails else 0)
