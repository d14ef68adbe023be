#!/usr/bin/env bash
# Where matching time goes, stage by stage, as instruction counts: callgrind
# (valgrind) counts the instructions each stage executes while matching
# documents (pack loading and output excluded). Counts do not depend on the
# machine's other load, so two builds compare fairly on a busy machine.
#
#   bash bench/profile.sh [LINES] [BIN ...]
#
# LINES: how many Reuters articles to match (default 500, ~75k words).
# BIN:   evrule binaries to compare (default: this checkout, built with line
#        tables into target/profile-build). Each is run with the conflict pack
#        on the same articles; the table shows instructions per word.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
CORPUS=../shared/corpus/news/reuters21578.txt
if [ ! -f "$CORPUS" ]; then
  echo "profile: SKIPPED: $CORPUS is absent"
  exit 0
fi
command -v valgrind >/dev/null || { echo "profile: needs valgrind (Debian package 'valgrind')" >&2; exit 1; }
LINES=${1:-500}
shift || true
BINS=("$@")
if [ ${#BINS[@]} -eq 0 ]; then
  CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --quiet --target-dir target/profile-build
  BINS=(target/profile-build/release/evrule)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -n "$LINES" "$CORPUS" > "$work/sample.txt"
words=$(wc -w < "$work/sample.txt")
n=0
for bin in "${BINS[@]}"; do
  n=$((n + 1))
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$n" \
    --toggle-collect='evrule::matcher::Matcher::match_document' \
    "$bin" run rules/conflict "$work/sample.txt" --lines -j1 -q -o "$work/out.$n.jsonl" 2>"$work/log.$n" \
    || { cat "$work/log.$n" >&2; exit 1; }
  callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.$n" > "$work/annotated.$n" 2>/dev/null
done
python3 - "$words" "$work" "${BINS[@]}" <<'PY'
import re, sys
words, work, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
# Stage name -> function whose inclusive count measures it.
stages = [
    ("total (match_document)", "Matcher::match_document"),
    ("tokenize", "text::token::tokenize_into"),
    ("split sentences", "text::sentence::split_sentences"),
    ("word ids + features (prepare)", "Prepared::prepare"),
    ("discard phrases", "DiscardIndex::find"),
    ("mentions, all built-ins", "Mentions::find"),
    ("  numbers", "text::number::find_numbers_classified"),
    ("  proper names", "text::proper::find_proper_runs_classified"),
    ("  lexicon trie", "LexiconIndex::find"),
    ("word readings", "category::read_sentence"),
    ("verb chains", "VerbChains::build"),
    ("entity cascade (incl. its VM)", "Matcher::run_entity_rules"),
    ("noun phrases", "Phrases::build"),
    ("rule VM, entity + event (find_all)", "vm::Vm::find_all"),
]
counts = []
for n in range(1, len(bins) + 1):
    text = open(f"{work}/annotated.{n}").read()
    found = {}
    for name, fn in stages:
        best = 0
        for line in text.splitlines():
            m = re.match(r"\s*([\d,]+)\s.*" + re.escape(fn) + r"\b", line)
            if m and "=>" not in line:
                best = max(best, int(m.group(1).replace(",", "")))
        found[name] = best
    counts.append(found)
print(f"instructions per word, conflict pack, {words} words of Reuters-21578")
print()
print("| stage | " + " | ".join(bins) + " |")
print("|---|" + "---:|" * len(bins))
for name, _ in stages:
    print(f"| {name} | " + " | ".join(f"{c[name] / words:,.0f}" for c in counts) + " |")
PY
for n in $(seq 2 ${#BINS[@]}); do
  cmp -s "$work/out.1.jsonl" "$work/out.$n.jsonl" && echo "output of ${BINS[$((n-1))]}: byte-identical to ${BINS[0]}" \
    || echo "output of ${BINS[$((n-1))]}: DIFFERS from ${BINS[0]}"
done
