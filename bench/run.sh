#!/usr/bin/env bash
# Benchmark evrule against a spaCy peer on the same machine, in one run.
#
#   bash bench/run.sh [--quick] [--strict]
#
#   --quick   first 2,000 lines of each corpus file (a run of a minute or so)
#   --strict  exit 1 when a target of the design is missed (default: report only)
#
# Environment:
#   EVRULE_BIN             use this evrule binary instead of building one
#   EVRULE_BENCH_REPEAT    evrule runs per mode, median reported (default 3)
#   EVRULE_BENCH_NO_PEER=1 skip the spaCy peer
#   EVRULE_BENCH_NO_MULTI=1 skip the spaCy n_process=2 run
#   EVRULE_CORPUS          corpus folder (default ../shared/corpus/news)
#   EVRULE_BENCH_PEER_LINES the spaCy peer reads the first N lines of each file
#                          (default 20: the exported pack runs at a few
#                          sentences/s in spaCy; 0 = every line)
#   EVRULE_BENCH_HANDWRITTEN=1 also run the older hand-written spaCy peer
#
# Results: stdout and bench/results/latest.md (raw files in bench/results/raw/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
CORPUS=${EVRULE_CORPUS:-$ROOT/../shared/corpus/news}
PACK="$ROOT/rules/conflict"
REPEAT=${EVRULE_BENCH_REPEAT:-3}
QUICK_LINES=2000
PEER_LINES=${EVRULE_BENCH_PEER_LINES:-20}

quick=0
strict=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --strict) strict=1 ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument '$arg' (usage: bash bench/run.sh [--quick] [--strict])" >&2; exit 2 ;;
  esac
done

say() { echo "bench: $*" >&2; }

# 1. Corpus -----------------------------------------------------------------
FILES=(reuters21578.txt bbc.txt)
if [ ! -d "$CORPUS" ]; then
  echo "bench: SKIPPED: corpus folder $CORPUS is absent (expected ../shared/corpus/news/ beside the repo)"
  exit 0
fi
for f in "${FILES[@]}"; do
  if [ ! -f "$CORPUS/$f" ]; then
    echo "bench: SKIPPED: $CORPUS/$f is absent"
    exit 0
  fi
done

# GNU time for wall time and max RSS.
if ! command -v /usr/bin/time >/dev/null 2>&1; then
  say "installing GNU time (Debian package 'time')"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  fi
  if ! command -v /usr/bin/time >/dev/null 2>&1; then
    echo "bench: FAILED: /usr/bin/time (GNU time) is missing and could not be installed" >&2
    exit 1
  fi
fi

# 2. evrule -----------------------------------------------------------------
if [ -n "${EVRULE_BIN:-}" ]; then
  BIN=$EVRULE_BIN
  say "using EVRULE_BIN=$BIN"
else
  say "building evrule (cargo build --release)"
  (cd "$ROOT" && cargo build --release --quiet)
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/evrule"
fi
if [ ! -x "$BIN" ]; then
  echo "bench: FAILED: no evrule binary at $BIN" >&2
  exit 1
fi

# 3. Peer: spaCy in a cached virtualenv --------------------------------------
VENV="$BENCH/.venv"
peer=1
peer_note=""
if [ "${EVRULE_BENCH_NO_PEER:-0}" = 1 ]; then
  peer=0
  peer_note="the spaCy peer was skipped (EVRULE_BENCH_NO_PEER=1)"
elif ! "$VENV/bin/python" -c 'import spacy' >/dev/null 2>&1; then
  say "setting up the spaCy peer in $VENV (pip install spacy)"
  if ! { python3 -m venv "$VENV" &&
         "$VENV/bin/pip" install --quiet --disable-pip-version-check \
           --timeout 30 --retries 2 'spacy>=3.5,<4'; } >"$BENCH/.venv-install.log" 2>&1 ||
     ! "$VENV/bin/python" -c 'import spacy' >/dev/null 2>&1; then
    peer=0
    peer_note="the spaCy peer could not be installed (pip install spacy failed: no network?); evrule is reported alone"
    say "SKIPPING the peer: $peer_note"
    tail -n 3 "$BENCH/.venv-install.log" >&2 || true
  fi
  rm -f "$BENCH/.venv-install.log"
fi

# 4. Inputs -------------------------------------------------------------------
WORK=$(mktemp -d /tmp/evrule-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
INPUTS=()
if [ "$quick" = 1 ]; then
  mkdir -p "$WORK/corpus"
  for f in "${FILES[@]}"; do
    head -n "$QUICK_LINES" "$CORPUS/$f" >"$WORK/corpus/$f"
    INPUTS+=("$WORK/corpus/$f")
  done
  corpus_desc="quick: first $QUICK_LINES lines of each of ${FILES[*]}"
else
  for f in "${FILES[@]}"; do INPUTS+=("$CORPUS/$f"); done
  corpus_desc="full: ${FILES[*]}"
fi
bytes=$(cat "${INPUTS[@]}" | wc -c)
lines=$(cat "${INPUTS[@]}" | grep -c '[^[:space:]]' || true)

RESULTS="$BENCH/results"
RAW="$RESULTS/raw"
mkdir -p "$RAW"
rm -f "$RAW"/*
MANIFEST="$RAW/manifest.tsv"
: >"$MANIFEST"

# measure KEY SYSTEM MODE CMD... : one run under GNU time, recorded in the manifest.
run_no=0
measure() {
  local key=$1 system=$2 mode=$3
  shift 3
  run_no=$((run_no + 1))
  local base="$RAW/$run_no-$key"
  local status=0
  head -n 1 /proc/stat >"$base.stat"
  /usr/bin/time -v -o "$base.time" "$@" >"$base.out" 2>"$base.err" || status=$?
  head -n 1 /proc/stat >>"$base.stat"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$system" "$mode" \
    "$base.time" "$base.out" "$base.err" >>"$MANIFEST"
  LAST_ERR="$base.err"
  return "$status"
}

evrule_run() { # evrule_run KEY MODE JOBS INPUTS...
  local key=$1 mode=$2 jobs=$3
  shift 3
  if ! measure "$key" evrule "$mode" "$BIN" run "$PACK" "$@" --lines -f jsonl \
       --jobs "$jobs" -o "$WORK/events-$key.jsonl"; then
    echo "bench: FAILED: evrule exited with an error ($BIN run rules/conflict ... --lines --jobs $jobs):" >&2
    tail -n 20 "$LAST_ERR" >&2
    exit 1
  fi
}

cores=$(nproc)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "corpus $corpus_desc: $lines documents, $((bytes / 1024 / 1024)) MiB; $cores cores; load average $load_start"

# 5. evrule: one core and all cores, REPEAT runs each (median reported).
for i in $(seq "$REPEAT"); do
  say "evrule --jobs 1 (run $i/$REPEAT)"
  evrule_run evrule_j1 "--jobs 1" 1 "${INPUTS[@]}"
  say "evrule --jobs $cores (run $i/$REPEAT)"
  evrule_run evrule_jall "--jobs $cores (all cores)" "$cores" "${INPUTS[@]}"
done
# Memory must not grow with corpus size: the same corpus once and four times.
say "evrule memory scaling (corpus x1 and x4, all cores)"
evrule_run scale_1x "x1" "$cores" "${INPUTS[@]}"
evrule_run scale_4x "x4" "$cores" "${INPUTS[@]}" "${INPUTS[@]}" "${INPUTS[@]}" "${INPUTS[@]}"

# 6. Peer: the pack exported for spaCy (regenerated every run, so it is the
# pack's current rules), loaded into EntityRuler stages and a Matcher.
if [ "$peer" = 1 ]; then
  PATTERNS="$RAW/spacy_patterns.json"
  say "exporting the pack: evrule export spacy rules/conflict -o ${PATTERNS#"$ROOT"/}"
  if ! "$BIN" export spacy "$PACK" -o "$PATTERNS" 2>"$RAW/export.err"; then
    echo "bench: FAILED: evrule export spacy:" >&2
    cat "$RAW/export.err" >&2
    exit 1
  fi
  export_summary=$(tail -n 1 "$RAW/export.err")
  say "exported: $export_summary"
  peer_limit=(--limit "$PEER_LINES")
  peer_desc="first $PEER_LINES lines of each file"
  [ "$PEER_LINES" = 0 ] && peer_desc="every line"
  say "spaCy peer (exported pack, $peer_desc), n_process=1"
  measure spacy_np1 spaCy "exported pack, n_process=1" \
    "$VENV/bin/python" "$BENCH/spacy_peer.py" "$PACK" "${INPUTS[@]}" --patterns "$PATTERNS" \
    "${peer_limit[@]}" --n-process 1 ||
    say "the spaCy peer failed (n_process=1); see the report"
  if [ "${EVRULE_BENCH_NO_MULTI:-0}" != 1 ] && [ "$cores" -gt 1 ]; then
    say "spaCy peer (exported pack), n_process=$cores"
    measure spacy_np2 spaCy "exported pack, n_process=$cores" \
      "$VENV/bin/python" "$BENCH/spacy_peer.py" "$PACK" "${INPUTS[@]}" --patterns "$PATTERNS" \
      "${peer_limit[@]}" --n-process "$cores" ||
      say "the spaCy peer failed (n_process=$cores); see the report"
  fi
  if [ "${EVRULE_BENCH_HANDWRITTEN:-0}" = 1 ]; then
    say "spaCy peer (20 hand-written rules), n_process=1"
    measure spacy_hand spaCy "20 hand-written rules, n_process=1" \
      "$VENV/bin/python" "$BENCH/spacy_peer.py" "$PACK" "${INPUTS[@]}" --handwritten --n-process 1 ||
      say "the hand-written spaCy peer failed; see the report"
  fi
fi

# 7. Report.
evrule_version=$("$BIN" --version 2>/dev/null || echo "evrule ?")
spacy_version=""
if [ "$peer" = 1 ]; then
  spacy_version=$("$VENV/bin/python" -c 'import spacy; print("spaCy", spacy.__version__)')
fi
args=(--out "$RESULTS/latest.md"
      --title "evrule benchmark ($( [ "$quick" = 1 ] && echo quick || echo full ) corpus)"
      --context "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $cores cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average before the runs: $load_start"
      --context "corpus: $corpus_desc ($lines documents, $((bytes / 1024 / 1024)) MiB), one document per line"
      --context "systems: $evrule_version, pack rules/conflict${spacy_version:+; $spacy_version, Python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())')}")
[ "$peer" = 1 ] && args+=(--context "peer: \`evrule export spacy rules/conflict\` ($export_summary); the peer read the $peer_desc")
[ -n "$peer_note" ] && args+=(--peer-note "$peer_note") && args+=(--context "peer: $peer_note")
[ "$strict" = 1 ] && args+=(--strict)
python3 "$BENCH/report.py" "$MANIFEST" --cores "$cores" --clk-tck "$(getconf CLK_TCK)" "${args[@]}"
