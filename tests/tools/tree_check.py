#!/usr/bin/env python3
"""tree_check.py SRC STAGE... — the house rules of src/ (docs/architecture.md).

Prints one "ok"/"FAIL" line per rule and "N passed, N failed":
  - a stage folder includes only headers of its own folder or of a stage
    named before it (the pipeline order), so stages form no cycle;
  - no include cycle between modules (a module is a .c and its .h);
  - no source file over MAX_LINES lines;
  - every stage folder has a README.md saying what it takes and gives.
"""
import os
import re
import sys

MAX_LINES = 1000


def module_of(path):
    """A module is a .c with its .h; M_impl.h is M's private header."""
    m = os.path.splitext(path)[0]
    return m[:-5] if m.endswith('_impl') else m


def main():
    src, stages = sys.argv[1], sys.argv[2:]
    rank = {s: i for i, s in enumerate(stages)}
    files = []
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith(('.c', '.h')):
                files.append(os.path.relpath(os.path.join(root, n), src))
    passed = failed = 0

    def report(ok, what):
        nonlocal passed, failed
        print(("ok " if ok else "FAIL ") + what)
        if ok:
            passed += 1
        else:
            failed += 1

    inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
    graph = {}
    layer_bad = []
    for f in sorted(files):
        text = open(os.path.join(src, f), encoding='utf-8').read()
        mod = module_of(f)
        folder = os.path.dirname(f)
        for h in inc.findall(text):
            if not os.path.exists(os.path.join(src, h)):
                layer_bad.append('%s includes %s, which is not under %s/' % (f, h, src))
                continue
            hmod = module_of(h)
            if hmod != mod:
                graph.setdefault(mod, set()).add(hmod)
            hfolder = os.path.dirname(h)
            if folder in rank and hfolder != folder and (
                    hfolder not in rank or rank[hfolder] > rank[folder]):
                layer_bad.append('%s (stage %s) includes %s (a later stage)'
                                 % (f, folder, h))
        n = text.count('\n')
        report(n <= MAX_LINES, '%s: %d lines (limit %d)' % (f, n, MAX_LINES))
    for b in layer_bad:
        print('  ' + b)
    report(not layer_bad, 'stages include only themselves and earlier stages')

    # Cycles between modules: depth-first search with colours.
    colour, cycle = {}, []

    def visit(m, path):
        colour[m] = 1
        for n in sorted(graph.get(m, ())):
            if colour.get(n) == 1:
                cycle.append(path[path.index(n):] + [n] if n in path else [m, n])
            elif n not in colour:
                visit(n, path + [n])
        colour[m] = 2

    for m in sorted(graph):
        if m not in colour:
            visit(m, [m])
    for c in cycle:
        print('  cycle: ' + ' -> '.join(c))
    report(not cycle, 'no include cycle between modules')
    for s in stages:
        readme = os.path.join(src, s, 'README.md')
        ok = os.path.isfile(readme) and re.search(r'(?i)takes', open(readme).read() if os.path.isfile(readme) else '') is not None
        report(ok, '%s/README.md says what the stage takes and gives' % s)
    print('%d passed, %d failed' % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
