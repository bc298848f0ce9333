#!/usr/bin/python3
"""compare_import.py GOT.yaml WANT.yaml [--allow NAME ...] [-v]

Compare a programme written by `livret import` with a reference programme,
field by field: programme fields, tracks (id, title, colour), and for each
session (matched by id) every field, speakers, documents, summary and
sections.  Both files are read with yaml.BaseLoader, so values are compared
as the text written, never as YAML 1.1 types.

Known differences the importer makes on purpose are named by --allow
(see ALLOWED below for each one's reason); they are counted, not failed.
Prints one line per difference (the first 20 per kind unless -v) and ends
with "N passed, N failed" like the other suites.
"""
import re
import sys

import yaml

# Differences from the reference conversions that are improvements or
# reflect what the source file holds.  Each is a function (path, got, want)
# -> True when the difference is this one.
def _meta(path, got, want):
    """programme title, subtitle, organizer and IANA zone absent from the
    source (the reference took them from the event's web site); the
    importer writes what the file holds (a zone as UTC+01:00)"""
    return path in ("programme.organizer", "programme.subtitle",
                    "programme.timezone", "programme.title")


def _numbered(path, got, want):
    """<ol> and "1." lists are written numbered: true (the reference
    dropped the numbering the author wrote)"""
    return path.endswith(".numbered") and got == "true" and want is None


def _strip_tags(s):
    return re.sub(r"</?(b|i|em|strong)>", "", s) if isinstance(s, str) else s


def _inline_html(path, got, want):
    """<b>/<i> tags inside plain-text abstracts are markup and removed (the
    reference printed them as text)"""
    return (isinstance(want, str) and isinstance(got, str) and got != want
            and got.replace("`", "") == _strip_tags(want).replace("`", ""))


def _nested_list(path, got, want):
    """an indented Markdown sub-list becomes items of its own (the
    reference ran it into its parent item as " * ...")"""
    if not (isinstance(got, list) and isinstance(want, list)):
        return False
    return " ".join(got) == " ".join(x.replace(" * ", " ") for x in want)


ALLOWED = {
    "meta": _meta,
    "numbered": _numbered,
    "inline-html": _inline_html,
    "nested-list": _nested_list,
}


def load(p):
    with open(p, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.BaseLoader)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("-")]
    allow = []
    verbose = "-v" in argv
    i = 1
    while i < len(argv):
        if argv[i] == "--allow":
            allow.append(argv[i + 1]); i += 2
            continue
        i += 1
    args = [a for a in args if a not in allow]
    got, want = load(args[0]), load(args[1])
    diffs = {}
    allowed = {}
    checked = [0]

    def diff(kind, path, g, w):
        checked[0] += 1
        if g == w:
            return
        for name in allow:
            if ALLOWED[name](path, g, w):
                allowed[name] = allowed.get(name, 0) + 1
                return
        diffs.setdefault(kind, []).append((path, g, w))

    def cmp_map(kind, path, g, w, keys=None):
        g = g or {}
        w = w or {}
        for k in keys or sorted(set(g) | set(w)):
            diff(kind + "." + k if kind else k, path + "." + k, g.get(k), w.get(k))

    cmp_map("programme", "programme", got.get("programme"), want.get("programme"))
    gt = got.get("tracks") or []
    wt = want.get("tracks") or []
    diff("tracks.count", "tracks", len(gt), len(wt))
    for k, (a, b) in enumerate(zip(gt, wt)):
        cmp_map("tracks", "tracks[%d]" % k, a, b)
    gs = {s["id"]: s for s in got.get("sessions") or []}
    ws = {s["id"]: s for s in want.get("sessions") or []}
    for sid in sorted(set(gs) | set(ws)):
        if sid not in gs or sid not in ws:
            diff("sessions.presence", "sessions." + sid, sid in gs, sid in ws)
            continue
        a, b = gs[sid], ws[sid]
        p = "sessions." + sid
        simple = sorted((set(a) | set(b)) - {"speakers", "documents", "sections"})
        for k in simple:
            diff("session." + k, p + "." + k, a.get(k), b.get(k))
        for lst, fields in (("speakers", None), ("documents", None)):
            la, lb = a.get(lst) or [], b.get(lst) or []
            diff(lst + ".count", p + "." + lst, len(la), len(lb))
            for k, (x, y) in enumerate(zip(la, lb)):
                cmp_map(lst, "%s.%s[%d]" % (p, lst, k), x, y)
        sa, sb = a.get("sections") or [], b.get("sections") or []
        diff("sections.count", p + ".sections", len(sa), len(sb))
        for k, (x, y) in enumerate(zip(sa, sb)):
            cmp_map("sections", "%s.sections[%d]" % (p, k), x, y)
    # order of sessions
    go = [s["id"] for s in got.get("sessions") or []]
    wo = [s["id"] for s in want.get("sessions") or []]
    diff("sessions.order", "sessions", go == wo, True)

    fail = 0
    for kind in sorted(diffs):
        items = diffs[kind]
        fail += len(items)
        print("FAIL %s: %d differences" % (kind, len(items)))
        for path, g, w in items[: None if verbose else 5]:
            print("  %s\n    got:  %r\n    want: %r" % (path, g, w))
    for name, n in sorted(allowed.items()):
        why = " ".join((ALLOWED[name].__doc__ or "").split())
        print("allowed %s: %d: %s" % (name, n, why))
    print("%d passed, %d failed" % (checked[0] - fail, fail))
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
