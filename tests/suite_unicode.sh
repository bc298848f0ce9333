#!/bin/sh
# suite_unicode.sh — the Unicode-wide sweep (tests/unicode/run.sh) as part
# of `make check`: about 40 s.  Environment: LIVRET_BUILD (default build).
cd "$(dirname "$0")/.." || exit 1
exec sh tests/unicode/run.sh "${LIVRET_BUILD:-build}"
