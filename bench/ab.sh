#!/usr/bin/env bash
# Two evrule builds side by side on the news corpus, runs interleaved
# (A, B, A, B, ...) so that the machine's other load falls on both alike:
# median wall time, words per second and the ratio B/A, with --jobs 1 and
# --jobs 2, and whether the outputs are byte-identical.
#
#   bash bench/ab.sh A_BIN B_BIN [REPEAT]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CORPUS=../shared/corpus/news
if [ ! -f "$CORPUS/bbc.txt" ]; then
  echo "ab: SKIPPED: $CORPUS is absent"
  exit 0
fi
A=$1 B=$2 REPEAT=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
words=$(cat "$CORPUS/reuters21578.txt" "$CORPUS/bbc.txt" | wc -w)
busy() { awk '/^cpu /{print $2+$3+$4+$6+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
for jobs in 1 2; do
  for r in $(seq "$REPEAT"); do
    for side in A B; do
      bin=${!side}
      read -r b0 t0 < <(busy)
      s=$(date +%s.%N)
      "$bin" run rules/conflict "$CORPUS/reuters21578.txt" "$CORPUS/bbc.txt" --lines -j"$jobs" -q \
        -o "$work/$side.jsonl"
      e=$(date +%s.%N)
      read -r b1 t1 < <(busy)
      echo "$jobs $side $(echo "$e - $s" | bc) $(( (b1 - b0) * 100 / (t1 - t0 + 1) ))" >> "$work/times"
    done
    cmp -s "$work/A.jsonl" "$work/B.jsonl" || echo "ab: outputs DIFFER (jobs $jobs)"
  done
done
python3 - "$work/times" "$words" "$A" "$B" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
words, a, b = int(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"conflict pack, bbc + reuters ({words:,} words), median of runs; busy = whole-machine CPU use during the runs (2 cores: 50% = one core)")
print()
print("| jobs | A s | B s | A words/s | B words/s | B/A speed | busy % |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for jobs in ("1", "2"):
    ta = statistics.median(float(r[2]) for r in rows if r[0] == jobs and r[1] == "A")
    tb = statistics.median(float(r[2]) for r in rows if r[0] == jobs and r[1] == "B")
    load = statistics.median(int(r[3]) for r in rows if r[0] == jobs)
    print(f"| {jobs} | {ta:.2f} | {tb:.2f} | {words/ta/1e6:.2f} M | {words/tb/1e6:.2f} M | {ta/tb:.2f}x | {load} |")
print()
print(f"A = {a}\nB = {b}")
PY
