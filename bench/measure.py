#!/usr/bin/env python3
"""measure.py OUT CMD... — run CMD, write "wall cpu maxrss_kb status" to
OUT (seconds, seconds, KiB), pass CMD's stderr through to ours.

What /usr/bin/time -v reports, without needing the `time` package: CPU is
user + system of the child, memory its peak resident set (ru_maxrss)."""
import resource
import subprocess
import sys
import time

t0 = time.monotonic()
st = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write("%.4f %.4f %d %d\n" % (wall, ru.ru_utime + ru.ru_stime,
                                   ru.ru_maxrss, st))
