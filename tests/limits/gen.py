#!/usr/bin/env python3
"""gen.py DIR — write the inputs of tests/suite_limits.sh into DIR.

They are generated at test time, not committed: together they hold
~8 MB of data, and two sparse files of 130 and 126 MiB that are never
read.  Every file is deterministic (no randomness)."""
import os
import sys

HDR = ("programme:\n  title: Limits\n"
       "  dates: {from: 2024-05-01, to: 2024-05-02}\n")
WORDS = ("la session abordera réflexion économique développement territorial "
         "gouvernements locaux régionaux acteurs publics sesión económica "
         "the session will address").split()


def prose(nbytes):
    out, n, i = [], 0, 0
    while n < nbytes:
        w = WORDS[(i * 7 + i // 13) % len(WORDS)]
        out.append(w)
        n += len(w.encode()) + 1
        i += 1
    return " ".join(out)[:nbytes].rstrip()


def session(sid, extra="", title="A session"):
    return ("  - id: %s\n    title: \"%s\"\n    date: 2024-05-01\n%s"
            % (sid, title, extra))


def main():
    d = sys.argv[1]
    os.makedirs(os.path.join(d, "inc"), exist_ok=True)

    def put(name, text):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)

    # Billion laughs: 10 levels of 10 aliases, 10^9 strings if expanded.
    lines = ['l0: &l0 "lol"']
    for k in range(1, 10):
        lines.append("l%d: &l%d [%s]" % (k, k, ", ".join(["*l%d" % (k - 1)] * 10)))
    put("alias-bomb.yaml", "\n".join(lines) + "\n")
    put("nest-10k-seq.yaml", "sessions: " + "[" * 10000 + "]" * 10000 + "\n")
    put("nest-10k-map.yaml", "sessions: " + "{a: " * 10000 + "b" + "}" * 10000 + "\n")
    mb = prose(1 << 20)
    put("title-1mb.yaml", HDR.replace("title: Limits", "title: \"%s\"" % mb)
        + "sessions:\n" + session("s1"))
    put("session-title-1mb.yaml", HDR + "sessions:\n" + session("s1", title=mb))
    put("summary-1mb.yaml", HDR + "sessions:\n"
        + session("s1", "    summary: \"%s\"\n" % mb))
    put("word-600.yaml", HDR + "sessions:\n" + session(
        "s1", "    summary: \"Before %s after, then https://example.org/%s end\"\n"
        % ("a" * 600, "b" * 600)))
    put("word-1mb.yaml", HDR + "sessions:\n" + session(
        "s1", "    summary: \"%s\"\n" % ("é" * (1 << 19))))
    sp = "".join("      - {name: \"Speaker %d Núñez\", affiliation: \"Université %d\"}\n"
                 % (i, i) for i in range(2000))
    put("speakers-2000.yaml", HDR + "sessions:\n"
        + session("s1", "    speakers:\n" + sp, title="Crowd"))
    # 130 MiB, valid sessions then a sparse tail: refused up front by
    # size, never read.
    with open(os.path.join(d, "programme-130mb.yaml"), "w", encoding="utf-8") as f:
        f.write(HDR + "sessions:\n")
        body = "    summary: \"%s\"\n" % prose(4000)
        for i in range(100):
            f.write(session("s%06d" % i, body))
        f.truncate(130 << 20)
    # An include of 3 MiB that is read, then one of 126 MiB (sparse, under
    # the per-file limit, never read): over the 128 MiB total together.
    top = HDR + "sessions:\n"
    body = "    summary: \"%s\"\n" % prose(3000)
    with open(os.path.join(d, "inc", "part00.yaml"), "w", encoding="utf-8") as f:
        i = 0
        while f.tell() < 3 * 1024 * 1024:
            f.write(session("p00-%05d" % i, body))
            i += 1
    with open(os.path.join(d, "inc", "part01.yaml"), "w", encoding="utf-8") as f:
        f.write(session("p01-00000", body))
        f.truncate(126 << 20)
    for k in range(2):
        top += "  - include: inc/part%02d.yaml\n" % k
    put("includes-129mb.yaml", top)


if __name__ == "__main__":
    main()
