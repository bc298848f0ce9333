#!/usr/bin/python3
"""pagecheck.py BOOKLET.pdf — structure a reader relies on.

- every page label equals the folio printed at the foot, and the folio is
  on the outer edge (recto right, verso left; page index 0 is a recto;
  a booklet read right to left, /ViewerPreferences /Direction /R2L, is
  bound on the right: its rectos are left-hand pages);
- the document opens with its outline, every outline item resolves to a
  page, and the outline is not empty;
- the page count is even (facing pages), Title and /Lang are set;
- internal links resolve to pages.
Prints FAIL lines, then a one-line summary."""
import re, subprocess, sys
import pikepdf

pdf_path = sys.argv[1]
pdf = pikepdf.open(pdf_path)
fails = []
n = len(pdf.pages)
html = subprocess.run(["pdftotext", "-bbox", pdf_path, "-"], capture_output=True, text=True).stdout
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
labels = {}
try:
    import pypdf
    labels = dict(enumerate(pypdf.PdfReader(pdf_path).page_labels))
except Exception as e:
    fails.append("cannot read page labels: %s" % e)
vp = pdf.Root.get("/ViewerPreferences")
r2l = vp is not None and vp.get("/Direction") == pikepdf.Name("/R2L")
folios = 0
for i, (w, h, body) in enumerate(pages):
    w, h = float(w), float(h)
    words = [(float(x), float(y), t) for x, y, t in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', body)]
    foot = [(x, t) for x, y, t in words if y > h - 0.08 * h]
    if not foot:
        continue
    x, t = foot[-1]
    folios += 1
    # a folio in the booklet's digits (١٢, ১২) is the label's number: PDF
    # page labels have only ASCII digits (and viewers take those typed)
    lab = labels.get(i)
    same = lab == t or (lab is not None and lab.isdecimal() and t.isdecimal()
                        and int(lab) == int(t))
    if not same:
        fails.append("page %d: label %r but folio %r" % (i + 1, labels.get(i), t))
    outer = "right" if (i % 2 == 0) != r2l else "left"
    side = "right" if x > w / 2 else "left"
    if side != outer:
        fails.append("page %d: folio on the %s, want %s" % (i + 1, side, outer))
root = pdf.Root
if root.get("/PageMode") != "/UseOutlines":
    fails.append("does not open with bookmarks (/PageMode)")
if "/Lang" not in root:
    fails.append("no /Lang")
info = pdf.trailer.get("/Info") or {}
if not str(info.get("/Title", "")):
    fails.append("no Title")
page_objs = {p.objgen: k for k, p in enumerate(pdf.pages)}
items = 0
def walk(o):
    global items
    while o is not None:
        items += 1
        d = o.get("/Dest")
        if d is None or len(d) == 0 or d[0].objgen not in page_objs:
            fails.append("outline item %r has no page" % str(o.get("/Title")))
        walk(o.get("/First"))
        o = o.get("/Next")
ol = root.get("/Outlines")
if ol is None or ol.get("/First") is None:
    fails.append("no outline")
else:
    walk(ol.get("/First"))
links = 0
for k, p in enumerate(pdf.pages):
    for a in p.get("/Annots") or []:
        if a.get("/Subtype") == "/Link" and "/Dest" in a:
            links += 1
            if a.Dest[0].objgen not in page_objs:
                fails.append("page %d: link to no page" % (k + 1))
        if a.get("/Subtype") == "/Link" and list(a.get("/Border", [0, 0, 1])) != [0, 0, 0]:
            fails.append("page %d: link with a visible border" % (k + 1))
if n % 2:
    fails.append("odd page count %d" % n)
for f in fails[:20]:
    print("FAIL " + f)
print("%d pages, %d folios, %d outline items, %d links; %d problems" % (n, folios, items, links, len(fails)))
sys.exit(1 if fails else 0)
