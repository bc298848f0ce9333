#!/bin/sh
# suite_limits.sh — hostile sizes and failed writes.
#
# Inputs are generated at test time by tests/limits/gen.py (~8 MB and two
# sparse files, not committed).  Each case runs `livret build` under a
# memory bound (ulimit -v, when the binary is not under ASan or valgrind,
# whose shadow memory needs more address space) and a hang guard
# (timeout), and asserts the exit status and the diagnostic.  Speed is not
# asserted here (see make bench); the guard only catches hangs.
#
# Then the output file must never be left partial: a rejected input, a
# file size limit (RLIMIT_FSIZE), a full filesystem (a 512 KiB tmpfs, when
# run as root) and SIGTERM/SIGINT at several moments of a big build each
# leave the output path as it was (absent, or byte-identical) or complete,
# and no temporary file beside it.
# Environment: LIVRET_BIN (default build/livret), LIVRET_WRAP (valgrind).
# Ends with "N passed, N failed" like every part of tests/run.sh.
set -u

BIN=${LIVRET_BIN:-build/livret}
case $BIN in
  /*) ;;
  *) BIN="$(pwd)/$BIN" ;;
esac
WRAP=${LIVRET_WRAP:-}
cd "$(dirname "$0")/.." || exit 1
export LIVRET_DATADIR="${LIVRET_DATADIR:-$(pwd)}"

pass=0
fail=0
tmp=$(mktemp -d) || exit 1
mnt=""
cleanup() {
  [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ok() { echo "ok $1"; pass=$((pass + 1)); }
failed() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

if [ ! -x "$BIN" ]; then
  echo "FAIL suite_limits: no livret binary at $BIN"
  echo "0 passed, 1 failed"
  exit 1
fi
python3 tests/limits/gen.py "$tmp/in" || { echo "FAIL gen.py"; echo "0 passed, 1 failed"; exit 1; }

# 2 GiB of address space: ~10 times what the largest case here needs.
MEM_KB=2097152
if [ -n "$WRAP" ] || ! (ulimit -v $MEM_KB && "$BIN" --version) >/dev/null 2>&1; then
  MEM_KB=unlimited
  echo "note: no memory bound (sanitizer or valgrind build)"
fi
GUARD=120
[ -n "$WRAP" ] && GUARD=900

run() {   # run OUTDIR ARGS... : livret build, bounded; status in $st
  (ulimit -v $MEM_KB; exec timeout $GUARD $WRAP "$BIN" build "$@") \
    >"$tmp/stdout" 2>"$tmp/stderr"
  st=$?
}

# case NAME WANT-STATUS WANT-TEXT: build in/NAME.yaml to an empty dir.
case_() {
  name=$1 want=$2 text=$3
  out="$tmp/out-$name"
  mkdir -p "$out"
  run "$tmp/in/$name.yaml" -o "$out/out.pdf"
  if [ "$st" -eq 124 ]; then
    failed "$name" "still running after ${GUARD}s"; return
  fi
  if [ "$st" -ne "$want" ]; then
    failed "$name" "exit $st, want $want"
    head -c 600 "$tmp/stderr" | sed 's/^/    /'; return
  fi
  if ! grep -qF -- "$text" "$tmp/stderr"; then
    failed "$name" "no '$text' in stderr"
    head -c 600 "$tmp/stderr" | sed 's/^/    /'; return
  fi
  left=$(ls -A "$out")
  if [ "$want" -ne 0 ] && [ -n "$left" ]; then
    failed "$name" "left files behind: $left"; return
  fi
  if [ "$want" -eq 0 ] && [ "$left" != out.pdf ]; then
    failed "$name" "want only out.pdf, found: $left"; return
  fi
  rm -rf "$out"
  ok "$name"
}

case_ alias-bomb 1 "anchors and aliases are not allowed"
case_ nest-10k-seq 1 "nesting deeper than 64 levels"
case_ nest-10k-map 1 "nesting deeper than 64 levels"
case_ title-1mb 1 "programme.title: 1010273 characters, more than the 1000 this field may hold"
case_ session-title-1mb 1 "sessions[0].title: 1010273 characters, more than the 1000"
case_ summary-1mb 0 "1 sessions, 0 speakers"
case_ word-600 0 "6 pages, 1 sessions"
case_ word-1mb 0 "1 sessions, 0 speakers"
case_ speakers-2000 0 "1 sessions, 2000 speakers"
case_ speakers-2000 0 "block(s) taller than a page had to be cut"
case_ programme-130mb 1 "programme-130mb.yaml: error: file too large (136314880 bytes; the limit is 128 MiB)"
case_ includes-129mb 1 "part01.yaml' (132120576 bytes) would bring the programme and its includes over 128 MiB"

# ---------------------------------------------------------------- writes
# A programme big enough that writing takes a while (FOSDEM-sized: ~900
# sessions, ~1,800 pages), smaller under valgrind.
n=900
[ -n "$WRAP" ] && n=60
python3 bench/gen.py $n >"$tmp/big.yaml"
run "$tmp/big.yaml" -o "$tmp/ref.pdf"
if [ "$st" -ne 0 ]; then
  failed "reference build" "exit $st"; sed 's/^/    /' "$tmp/stderr" | head
fi
printf 'the old booklet\n' >"$tmp/old.pdf"

# same NAME DIR: DIR/out.pdf is the old file and nothing else is in DIR.
same() {
  if ! cmp -s "$2/out.pdf" "$tmp/old.pdf"; then
    failed "$1" "out.pdf changed"; return 1
  fi
  left=$(ls -A "$2")
  if [ "$left" != out.pdf ]; then
    failed "$1" "files left behind: $left"; return 1
  fi
  return 0
}

fresh() {   # fresh DIR: DIR holds only a copy of the old booklet
  rm -rf "$1" && mkdir -p "$1" && cp "$tmp/old.pdf" "$1/out.pdf"
}

d="$tmp/w-input"; fresh "$d"
run "$tmp/in/nest-10k-seq.yaml" -o "$d/out.pdf"
[ "$st" -eq 1 ] && same "rejected input keeps the old file" "$d" \
  && ok "rejected input keeps the old file"
[ "$st" -eq 1 ] || failed "rejected input keeps the old file" "exit $st"

# RLIMIT_FSIZE 100 KiB (ulimit -f counts 512-byte blocks; the smallest
# booklet, with its fonts, is over 300 KB): write(2) fails
# with EFBIG once SIGXFSZ is ignored (outfile.c).
d="$tmp/w-fsize"; fresh "$d"
(ulimit -f 200; exec $WRAP "$BIN" build "$tmp/big.yaml" -o "$d/out.pdf") \
  >/dev/null 2>"$tmp/stderr"
st=$?
if [ "$st" -ne 3 ]; then
  failed "file size limit" "exit $st, want 3"
elif ! grep -qF "out.pdf: error: cannot write: File too large" "$tmp/stderr"; then
  failed "file size limit" "diagnostic: $(cat "$tmp/stderr")"
elif same "file size limit" "$d"; then
  ok "file size limit keeps the old file"
fi

# A full filesystem: a 512 KiB tmpfs (root only; skipped elsewhere).
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/mnt" \
   && mount -t tmpfs -o size=512k livret-test "$tmp/mnt" 2>/dev/null; then
  mnt="$tmp/mnt"
  cp "$tmp/old.pdf" "$mnt/out.pdf"
  run "$tmp/big.yaml" -o "$mnt/out.pdf"
  if [ "$st" -ne 3 ]; then
    failed "full filesystem" "exit $st, want 3"
  elif ! grep -qF "out.pdf: error: cannot write: No space left on device" "$tmp/stderr"; then
    failed "full filesystem" "diagnostic: $(cat "$tmp/stderr")"
  elif same "full filesystem" "$mnt"; then
    ok "full filesystem keeps the old file"
  fi
  rm -f "$mnt/out.pdf"
  run "$tmp/big.yaml" -o "$mnt/out.pdf"
  left=$(ls -A "$mnt")
  if [ "$st" -eq 3 ] && [ -z "$left" ]; then
    ok "full filesystem leaves no file"
  else
    failed "full filesystem leaves no file" "exit $st, left: $left"
  fi
  umount "$mnt" && mnt=""
else
  ok "full filesystem (skipped: needs root to mount a tmpfs)"
fi

# Signals.  After SIGTERM or SIGINT, whenever it comes, out.pdf is the old
# file or the complete new one (the reference build: output is
# deterministic), and no temporary file is left.
signalled() {   # signalled NAME DIR STATUS
  left=$(ls -A "$2")
  if [ "$left" != out.pdf ]; then
    failed "$1" "exit $3, files: $left"; return
  fi
  if cmp -s "$2/out.pdf" "$tmp/old.pdf"; then
    ok "$1 (exit $3, old file kept)"
  elif cmp -s "$2/out.pdf" "$tmp/ref.pdf"; then
    ok "$1 (exit $3, new file complete)"
  else
    failed "$1" "exit $3: out.pdf is neither the old nor the new booklet"
  fi
}

# The moment the temporary file appears: the write itself.
for sig in TERM INT; do
  d="$tmp/w-sig-$sig"; fresh "$d"
  $WRAP "$BIN" build "$tmp/big.yaml" -q -o "$d/out.pdf" 2>/dev/null &
  pid=$!
  while kill -0 $pid 2>/dev/null; do
    case $(ls -A "$d") in *.out.pdf.*) break ;; esac
  done
  kill -$sig $pid 2>/dev/null
  wait $pid
  signalled "SIG$sig while writing" "$d" $?
done

# At fractions of a whole build: while loading, laying out, rendering.
t0=$(date +%s%N)
run "$tmp/big.yaml" -o "$tmp/ref2.pdf"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
for k in 1 3 5 7; do
  d="$tmp/w-sig-at-$k"; fresh "$d"
  $WRAP "$BIN" build "$tmp/big.yaml" -q -o "$d/out.pdf" 2>/dev/null &
  pid=$!
  sleep "$(awk "BEGIN { printf \"%.3f\", $ms * $k / 8000 }")"
  kill -TERM $pid 2>/dev/null
  wait $pid
  signalled "SIGTERM at $k/8 of a build" "$d" $?
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
