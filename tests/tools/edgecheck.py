#!/usr/bin/python3
"""edgecheck.py FILE.pdf MIN_PT — every mark on every page stays at least
MIN_PT from the sheet's edges (office printers cannot print the last 4-5
mm; 18 pt = 6.35 mm is the safe value).  Ghostscript's bbox device gives
the box of what each page actually paints."""
import re, subprocess, sys
path, need = sys.argv[1], float(sys.argv[2])
info = subprocess.run(["pdfinfo", "-l", "9999", path], capture_output=True, text=True).stdout
sizes = [tuple(map(float, m)) for m in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", info)]
err = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=bbox", path],
                     capture_output=True, text=True).stderr
boxes = [tuple(map(float, l.split()[1:])) for l in err.splitlines() if l.startswith("%%HiResBoundingBox")]
bad = 0
for i, ((w, h), (x0, y0, x1, y1)) in enumerate(zip(sizes, boxes), 1):
    if x1 <= x0:
        continue  # nothing painted
    edge = min(x0, y0, w - x1, h - y1)
    if edge < need:
        bad += 1
        print("FAIL p%d: a mark %.1f pt from the edge" % (i, edge))
print("%d pages, %d too close to the edge" % (len(boxes), bad))
sys.exit(1 if bad or not boxes else 0)
