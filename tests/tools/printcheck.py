#!/usr/bin/python3
"""printcheck.py FILE.pdf — the print edition's structure (guide/print.md P1-P12):
PDF 1.3, Trapped False and GTS_PDFXVersion in Info, a trailer /ID, exactly
one /GTS_PDFX output intent, TrimBox inside BleedBox inside MediaBox on
every page with one trim size and >= 3 mm of bleed, page count a multiple
of 4 (with --sheets, imposed sheet sides: a multiple of 2, front and back),
no annotations, no RGB operators.  Prints FAIL lines and a summary."""
import sys
import pikepdf

pdf = pikepdf.open(sys.argv[1])
fails = []
if pdf.pdf_version != "1.3":
    fails.append("version %s, want 1.3" % pdf.pdf_version)
info = pdf.trailer.Info
if str(info.get("/Trapped")) != "/False":
    fails.append("Trapped is %r" % info.get("/Trapped"))
if "X-1a" not in str(info.get("/GTS_PDFXVersion", "")):
    fails.append("no GTS_PDFXVersion")
if "/ID" not in pdf.trailer:
    fails.append("no trailer /ID")
ois = [o for o in pdf.Root.get("/OutputIntents", []) if o.get("/S") == "/GTS_PDFX"]
if len(ois) != 1:
    fails.append("%d GTS_PDFX output intents" % len(ois))
n = len(pdf.pages)
per = 2 if "--sheets" in sys.argv[2:] else 4
if n % per:
    fails.append("%d pages, not a multiple of %d" % (n, per))
trims = set()
for i, p in enumerate(pdf.pages, 1):
    mb = [float(v) for v in p.MediaBox]
    if "/TrimBox" not in p.obj or "/BleedBox" not in p.obj:
        fails.append("p%d: no TrimBox/BleedBox" % i); continue
    tb = [float(v) for v in p.obj.TrimBox]; bb = [float(v) for v in p.obj.BleedBox]
    inside = lambda a, b: a[0] >= b[0] - .01 and a[1] >= b[1] - .01 and a[2] <= b[2] + .01 and a[3] <= b[3] + .01
    if not (inside(tb, bb) and inside(bb, mb)):
        fails.append("p%d: boxes not nested" % i)
    if min(tb[0] - bb[0], tb[1] - bb[1], bb[2] - tb[2], bb[3] - tb[3]) < 8.5 - 0.1:
        fails.append("p%d: bleed under 3 mm" % i)
    trims.add((round(tb[2] - tb[0], 1), round(tb[3] - tb[1], 1)))
    if p.obj.get("/Annots"):
        fails.append("p%d: annotations" % i)
    for ops, op in pikepdf.parse_content_stream(p):
        if str(op) in ("rg", "RG"):
            fails.append("p%d: RGB colour" % i); break
if len(trims) != 1:
    fails.append("%d trim sizes" % len(trims))
for f in fails[:10]:
    print("FAIL " + f)
print("%d pages, trim %s: %d problems" % (n, sorted(trims), len(fails)))
sys.exit(1 if fails else 0)
