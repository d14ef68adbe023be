#!/usr/bin/env bash
# Two cores against one (issue 8): the conflict pack over the news corpus,
# and over the corpus repeated COPIES times, with --jobs 1 and --jobs 2,
# runs interleaved (1, 2, 1, 2, ...) so that the machine's other load falls
# on both alike. Prints the median wall time, words per second, the ratio
# of two jobs to one, and how busy the whole machine was during the runs
# (2 cores: 50% = one core), to tell a quiet run from a busy one. The
# pack's load (about 0.06 s, on one thread) is part of every run, so on
# the 1x corpus it weighs more than on the larger one.
#
#   bash bench/scaling.sh [REPEAT] [COPIES]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CORPUS=../shared/corpus/news
if [ ! -f "$CORPUS/bbc.txt" ]; then
  echo "scaling: SKIPPED: $CORPUS is absent"
  exit 0
fi
REPEAT=${1:-5} COPIES=${2:-4}
if [ -z "${EVRULE_BIN:-}" ]; then
  cargo build --release --quiet
  EVRULE_BIN=target/release/evrule
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat "$CORPUS/reuters21578.txt" "$CORPUS/bbc.txt" > "$work/x1.txt"
for _ in $(seq "$COPIES"); do cat "$work/x1.txt"; done > "$work/xn.txt"
busy() { awk '/^cpu /{print $2+$3+$4+$6+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
for size in x1 xn; do
  for _ in $(seq "$REPEAT"); do
    for jobs in 1 2; do
      read -r b0 t0 < <(busy)
      s=$(date +%s.%N)
      "$EVRULE_BIN" run rules/conflict "$work/$size.txt" --lines -j"$jobs" -q -o "$work/out.jsonl"
      e=$(date +%s.%N)
      read -r b1 t1 < <(busy)
      echo "$size $jobs $(echo "$e - $s" | bc) $(( (b1 - b0) * 100 / (t1 - t0 + 1) ))" >> "$work/times"
    done
  done
done
python3 - "$work/times" "$(wc -w < "$work/x1.txt")" "$COPIES" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
words, copies = int(sys.argv[2]), int(sys.argv[3])
print("conflict pack, news corpus, median of runs; busy = whole-machine CPU use during the runs (2 cores: 50% = one core)")
print()
print("| corpus | words | jobs 1 s | jobs 2 s | jobs 1 words/s | jobs 2 words/s | 2 jobs / 1 | busy % (1 / 2) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for size, n in (("x1", 1), ("xn", copies)):
    t = {j: statistics.median(float(r[2]) for r in rows if r[0] == size and r[1] == j) for j in ("1", "2")}
    b = {j: statistics.median(int(r[3]) for r in rows if r[0] == size and r[1] == j) for j in ("1", "2")}
    w = words * n
    print(f"| {n}x | {w:,} | {t['1']:.2f} | {t['2']:.2f} | {w/t['1']/1e6:.2f} M | {w/t['2']/1e6:.2f} M | {t['1']/t['2']:.2f}x | {b['1']} / {b['2']} |")
PY
