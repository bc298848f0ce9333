#!/bin/sh
# run.sh BUILD SECONDS [HARNESS...] — run each libFuzzer harness (default:
# loader pipeline) for SECONDS of wall time, one after the other, and end
# with "N passed, N failed" (a harness passes when it found no crash, leak,
# timeout or out-of-memory input).
#
# The corpus grows in BUILD/corpus/HARNESS across runs; it is seeded from
# the samples, the golden tests, the error cases and the regressions.  A
# crashing input is saved as BUILD/artifacts/HARNESS-crash-*: minimise it
# (./BUILD/fuzz_HARNESS -minimize_crash=1 FILE), fix the bug and copy the
# input to tests/fuzz/regressions/HARNESS-NAME.yaml, which `make check`
# replays (tests/suite_fuzz.sh).
set -u
BUILD=${1:?usage: run.sh BUILD SECONDS [HARNESS...]}
SECONDS_EACH=${2:-60}
shift 2 2>/dev/null || shift $#
[ $# -gt 0 ] || set -- loader pipeline
root=$(cd "$(dirname "$0")/../.." && pwd)
export LIVRET_DATADIR="${LIVRET_DATADIR:-$root}"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
pass=0 fail=0
for h in "$@"; do
  bin="$BUILD/fuzz_$h"
  corpus="$BUILD/corpus/$h" seeds="$BUILD/seeds"
  mkdir -p "$corpus" "$seeds" "$BUILD/artifacts"
  for f in "$root"/samples/*.yaml "$root"/samples/*/*/*.yaml \
           "$root"/tests/golden/*.yaml "$root"/tests/errors/*.yaml \
           "$root"/tests/fuzz/regressions/*; do
    [ -f "$f" ] && cp "$f" "$seeds/$(echo "$f" | sed "s|^$root/||; s|/|_|g")"
  done
  # The pipeline lays out every input: keep them small so that the fuzzer
  # explores instead of typesetting (sizes are tested by suite_limits.sh).
  case $h in pipeline) maxlen=6000 ;; *) maxlen=20000 ;; esac
  log="$BUILD/fuzz-$h.log"
  before=$(ls "$BUILD/artifacts" | grep -c "^$h-" || true)
  "$bin" "$corpus" "$seeds" -dict="$root/tests/fuzz/yaml.dict" \
    -max_total_time="$SECONDS_EACH" -max_len=$maxlen -timeout=20 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD/artifacts/$h-" >"$log" 2>&1
  st=$?
  after=$(ls "$BUILD/artifacts" | grep -c "^$h-" || true)
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || true)
  if [ $st -eq 0 ] && [ "$after" -eq "$before" ]; then
    echo "ok   fuzz_$h: ${runs:-?} runs in ${SECONDS_EACH}s, $cov"
    pass=$((pass + 1))
  else
    echo "FAIL fuzz_$h: exit $st, see $log"
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
