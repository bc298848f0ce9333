#!/bin/sh
# run.sh BUILD — `make bench`: livret against the floor on synthetic
# programmes.  For each size (BENCH_SIZES, default "20 200 1000 5000"
# sessions) it generates the programme (bench/gen.py, fixed seed) and the
# same text for the floor (gen.py --text), then runs, BENCH_RUNS times each
# (default 3; the best wall time is kept, and the peak memory of that run):
#   livret build --report   full typography, a5-booklet, PDF written
#   floor                   bench/floor.c: same text, fonts and geometry,
#                           greedy lines, no hyphenation, no kerning
# and prints one table row per size, then the ratios to the floor and the
# growth per page (linear growth = flat per-page figures).
# The two programs run alternately on the same input in the same run, so
# machine load affects both alike.  Nothing is asserted: numbers only.
set -u
BUILD=${1:-build}
SIZES=${BENCH_SIZES:-20 200 1000 5000}
RUNS=${BENCH_RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
export LIVRET_DATADIR="${LIVRET_DATADIR:-$root}"
dir="$BUILD/bench"
mkdir -p "$dir"
res="$dir/results.txt"
: >"$res"

best() {   # best TAG CMD... : BENCH_RUNS runs; "wall cpu rss" of the fastest
  tag=$1; shift
  bw=""
  i=0
  while [ $i -lt "$RUNS" ]; do
    python3 "$root/bench/measure.py" "$dir/m" "$@" 2>"$dir/$tag.err" || return 1
    read -r w c r s <"$dir/m"
    [ "$s" -eq 0 ] || { echo "bench: $tag failed (exit $s)"; cat "$dir/$tag.err"; return 1; }
    if [ -z "$bw" ] || awk "BEGIN { exit !($w < $bw) }"; then
      bw=$w bc=$c br=$r
      cp "$dir/$tag.err" "$dir/$tag.best"
    fi
    i=$((i + 1))
  done
  echo "$bw $bc $br"
}

printf '%-8s %6s %7s %7s %6s %6s %6s %7s %7s %6s | %6s %7s %7s | %5s %5s\n' \
  sessions pages wall_s cpu_s load layout write peak_MB pages/s PDF_MB \
  floor_p floor_s floor_MB time× mem×
for n in $SIZES; do
  y="$dir/bench-$n.yaml" t="$dir/bench-$n.txt"
  [ -f "$y" ] || python3 "$root/bench/gen.py" "$n" >"$y"
  [ -f "$t" ] || python3 "$root/bench/gen.py" --text "$n" >"$t"
  L=$(best livret-$n "$BUILD/livret" build "$y" -o "$dir/livret-$n.pdf" --report) || exit 1
  F=$(best floor-$n "$BUILD/floor" "$t" "$root/fonts" "$dir/floor-$n.pdf") || exit 1
  set -- $L; lw=$1 lc=$2 lr=$3
  set -- $F; fw=$1 fr=$3
  rep=$(grep '^report: load' "$dir/livret-$n.best")
  load=$(echo "$rep" | sed -n 's/.*load \([0-9.]*\) s.*/\1/p')
  lay=$(echo "$rep" | sed -n 's/.*layout \([0-9.]*\) s.*/\1/p')
  wr=$(echo "$rep" | sed -n 's/.*write \([0-9.]*\) s.*/\1/p')
  pages=$(sed -n 's/.*: \([0-9]*\) pages,.*/\1/p' "$dir/livret-$n.best")
  fpages=$(sed -n 's/floor: \([0-9]*\) pages/\1/p' "$dir/floor-$n.best")
  size=$(wc -c <"$dir/livret-$n.pdf")
  awk -v n="$n" -v p="$pages" -v lw="$lw" -v lc="$lc" -v lr="$lr" \
      -v load="$load" -v lay="$lay" -v wr="$wr" -v sz="$size" \
      -v fp="$fpages" -v fw="$fw" -v fr="$fr" 'BEGIN {
    printf "%-8d %6d %7.2f %7.2f %6.2f %6.2f %6.2f %7.1f %7.0f %6.1f | %6d %7.2f %7.1f | %5.2f %5.2f\n",
      n, p, lw, lc, load, lay, wr, lr / 1024, p / lw, sz / 1048576,
      fp, fw, fr / 1024, lw / fw, lr / fr
  }'
  echo "$n $pages $lw $lr $fpages $fw $fr" >>"$res"
done
echo
echo "growth per page (flat = linear): livret ms/page, KB/page; floor ms/page, KB/page"
awk '{ printf "%-8d %8.3f %8.1f   %8.3f %8.1f\n", $1, 1000 * $3 / $2, $4 / $2, 1000 * $6 / $5, $7 / $5 }' "$res"

# --split-by track against one build of the same programme (issue 12's
# target: all the handouts together at most 3 times one build).
n=${BENCH_SPLIT_SIZE:-1000}
y="$dir/bench-$n.yaml"
[ -f "$y" ] || python3 "$root/bench/gen.py" "$n" >"$y"
S=$(best split-$n "$BUILD/livret" build "$y" --edition handout --split-by track -q -o "$dir/split-$n") || exit 1
O=$(best one-$n "$BUILD/livret" build "$y" -q -o "$dir/one-$n.pdf") || exit 1
set -- $S; sw=$1
set -- $O; ow=$1
echo
awk -v n="$n" -v sw="$sw" -v ow="$ow" 'BEGIN {
  printf "split-by track, %d sessions: %.2f s for all handouts, %.2f s for one build: %.2f x\n", n, sw, ow, sw / ow }'
