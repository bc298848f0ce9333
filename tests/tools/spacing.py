#!/usr/bin/env python3
"""spacing.py FILE.pdf [SIZE] [SPACE_EM] — word spacing of justified text,
measured from what a reader sees: the word boxes of `pdftotext -bbox-layout`.

For every line of body text (the lines whose height is that of SIZE-point
text, the most common size; other styles are left out) it takes the gaps
between adjacent words divided by the font's space width (SPACE_EM em,
0.26 for Noto Serif, times SIZE).  A paragraph is a pdftotext block.
Prints the table of issue 16, one figure a line, then the same as
"key=value" for scripts:

  lines      justified lines measured (not a paragraph's last)
  loose15    % of them whose mean gap is over 1.5 spaces (by more than
             the rounding of the word boxes)
  p99, max   99th percentile and maximum of a line's mean gap
  p1, min    1st percentile and minimum (lines set tight)
  hyph3      runs of 3 or more hyphenated lines in a row (and the longest)
  tails      paragraphs whose last line is the tail of a word hyphenated
             on the line before
  overfull   lines whose right edge passes the measure (the block's most
             common right edge) by more than 0.5 pt (a line ending in
             punctuation may hang out by up to 0.75 em: protrusion)
  short      lines other than a paragraph's last that end more than 2 pt
             short of the measure (left short in justified text)
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


# Characters that may hang into the right margin (protrusion).
HANG = set('.,-‐‑–—:;!?’”\'"»›)]…')


def is_label(word):
    """A list item's label: a bullet, a dash or a number with a stop."""
    return word in ('•', '–', '-') or re.match(r'^\d+\.$', word) is not None


def lines_of(pdf):
    out = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'], check=True,
                         capture_output=True).stdout.decode('utf-8')
    out = re.sub(r'<!DOCTYPE[^>]*>', '', out)
    out = out.replace('xmlns="http://www.w3.org/1999/xhtml"', '')
    root = ET.fromstring(out)
    blocks = []
    for pno, page in enumerate(root.iter('page')):
        for block in page.iter('block'):
            ls = []
            for line in block.iter('line'):
                words = [(float(w.get('xMin')), float(w.get('xMax')),
                          float(w.get('yMin')), float(w.get('yMax')),
                          w.text or '', pno) for w in line.iter('word')]
                if words:
                    ls.append(words)
            # A list item starts a paragraph of its own (pdftotext may put
            # a list in one block).
            cur = []
            for ln in ls:
                if cur and is_label(ln[0][4]):
                    blocks.append(cur)
                    cur = []
                cur.append(ln)
            if cur:
                blocks.append(cur)
    return blocks


def main():
    pdf = sys.argv[1]
    size = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    space = (float(sys.argv[3]) if len(sys.argv) > 3 else 0.26) * size
    blocks = lines_of(pdf)
    # The body size: the most common word-box height.
    heights = {}
    for b in blocks:
        for ln in b:
            h = round(ln[0][3] - ln[0][2], 1)
            heights[h] = heights.get(h, 0) + 1
    body_h = max(heights, key=heights.get)
    # The measure's right edge on each page: the most common right edge of
    # body lines that end in a letter (punctuation may hang out).
    page_edges = {}
    for b in blocks:
        for ln in b:
            if abs((ln[0][3] - ln[0][2]) - body_h) < 0.3 and ln[-1][4][-1:] not in HANG:
                e = round(ln[-1][1], 1)
                d = page_edges.setdefault(ln[0][5], {})
                d[e] = d.get(e, 0) + 1
    page_right = {p: max(d, key=d.get) for p, d in page_edges.items()}
    # ... and its left edge: the most common left edge of body lines.
    page_lefts = {}
    for b in blocks:
        for ln in b:
            if abs((ln[0][3] - ln[0][2]) - body_h) < 0.3:
                e = round(ln[0][0], 1)
                d = page_lefts.setdefault(ln[0][5], {})
                d[e] = d.get(e, 0) + 1
    page_left = {p: max(d, key=d.get) for p, d in page_lefts.items()}
    gaps, n_loose = [], 0
    hyph_runs = longest = tails = overfull = short = 0
    for b in blocks:
        body = [ln for ln in b if abs((ln[0][3] - ln[0][2]) - body_h) < 0.3]
        if len(body) < 2:
            continue
        right = page_right.get(body[0][0][5], max(ln[-1][1] for ln in body))
        left = page_left.get(body[0][0][5], body[0][0][0])
        # A narrower column (grid, table) is not body text: every line
        # ends well short of the measure and it starts away from the
        # text's left edge.  (A paragraph or list item at the left edge
        # whose only full line was set ragged is body text with a short
        # line, and counts as one.)
        if (max(ln[-1][1] for ln in body) < right - 30 and
                body[0][0][0] > left + 20):
            continue
        run = 0
        for i, ln in enumerate(body):
            # A block's last line that reaches the measure is a paragraph
            # going on over the page (or column), not its end.
            last = i == len(body) - 1 and ln[-1][1] < right - 1
            hy = ln[-1][4].endswith('-') and len(ln[-1][4]) > 1
            run = run + 1 if hy else 0
            if run == 3:
                hyph_runs += 1
            longest = max(longest, run)
            hangs = ln[-1][4][-1:] in HANG
            if ln[-1][1] > right + (0.75 * size if hangs else 0.5):
                overfull += 1
            if last:
                if i > 0 and body[i - 1][-1][4].endswith('-') and len(body[i - 1][-1][4]) > 1:
                    tails += 1
                continue
            # A list item's label hangs in its own box: the room after it
            # is the item's indent, not a space the line was justified by.
            words = ln[1:] if i == 0 and is_label(ln[0][4]) else ln
            if ln[-1][1] < right - 2:
                short += 1
            if len(words) < 2:
                continue
            g = [(words[k + 1][0] - words[k][1]) / space
                 for k in range(len(words) - 1)]
            m = sum(g) / len(g)
            gaps.append(m)
            # Past the limit by more than the word boxes' rounding: the
            # breaker sets many lines at exactly 1.5 spaces, which measure
            # 1.5 +- 3e-6 (positions are written to 1/10,000 pt), and
            # counting those would count rounding noise.
            n_loose += m > 1.5 + 1e-4
    gaps.sort()
    n = len(gaps)
    p99 = gaps[min(n - 1, int(0.99 * n))] if n else 0
    mx = gaps[-1] if n else 0
    loose = 100.0 * n_loose / n if n else 0
    print('justified lines measured         %d' % n)
    print('lines looser than 1.5 x space    %.1f %%' % loose)
    print('p99 / max of a line\'s mean gap   %.2f / %.2f' % (p99, mx))
    print('runs of 3+ hyphenated lines      %d (longest %d)' % (hyph_runs, longest))
    print('hyphenated-tail last lines       %d' % tails)
    print('p1 / min (tight lines)           %.2f / %.2f' % (
        gaps[int(0.01 * n)] if n else 0, gaps[0] if n else 0))
    print('overfull lines                   %d' % overfull)
    print('lines left short                 %d' % short)
    print('lines=%d loose15=%.1f p99=%.2f max=%.2f p1=%.2f min=%.2f hyph3=%d '
          'longest=%d tails=%d overfull=%d short=%d'
          % (n, loose, p99, mx, gaps[int(0.01 * n)] if n else 0,
             gaps[0] if n else 0, hyph_runs, longest, tails, overfull, short))


if __name__ == '__main__':
    main()
