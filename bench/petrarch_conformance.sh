#!/usr/bin/env bash
# PETRARCH conformance: imports PETRARCH's validation dictionaries
# (../shared/petrarch/PETR.Validate.{verbs,actors,agents,discards}.txt) into a
# fresh pack with `evrule import petrarch`, codes PETR.UnitTest.records.xml
# with `evrule run … --format jsonl`, and compares each record's events with
# its expected <EventCoding> set (source code, target code, event code;
# `noevents` and error records expect none). Prints the exact-match rate per
# category and every failure.
#
#   bash bench/petrarch_conformance.sh [PACK_DIR]
#
# PACK_DIR keeps the imported pack there (replacing an earlier import), to
# look at with `evrule explain PACK_DIR "…"`; by default it is temporary.
# The comparison is tests/petrarch_conformance.rs, which `cargo test` also
# runs (asserting today's rate as a floor).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [ ! -f ../shared/petrarch/PETR.UnitTest.records.xml ]; then
  echo "skipping: ../shared/petrarch is absent" >&2
  exit 0
fi
if [ $# -gt 0 ]; then
  export EVRULE_CONFORMANCE_PACK
  EVRULE_CONFORMANCE_PACK=$(mkdir -p "$1" && cd "$1" && pwd)
fi
cargo test --release --quiet --test petrarch_conformance -- --nocapture 2>&1 \
  | sed -n '/^PETRARCH unit-test records/,/^test petrarch_unit_test_records/p' \
  | sed '$d'
