#!/usr/bin/env bash
# Generates rules/cameo, the CAMEO pack, from the PETRARCH2 Phoenix
# dictionaries in ../shared/petrarch with `evrule import petrarch`.
#
#   bash tools/gen_cameo.sh           regenerate rules/cameo (README.md is kept)
#   bash tools/gen_cameo.sh --check   regenerate into a temporary folder and
#                                     fail if it differs from rules/cameo
#
# Skipped, with a message, when ../shared/petrarch is absent. The paths below
# are written into rules/cameo/NOTICE.md, so the script runs from the
# repository root and names the dictionaries relative to it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SRC=../shared/petrarch
FILES=(CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt
  Phoenix.MilNonState.actors.txt Phoenix.agents.txt Phoenix.discards.txt)
for f in "${FILES[@]}"; do
  if [ ! -f "$SRC/$f" ]; then
    echo "skipping: $SRC/$f is absent; rules/cameo not regenerated" >&2
    exit 0
  fi
done
cargo build --release --quiet
EVRULE="$ROOT/target/release/evrule"

generate() {
  "$EVRULE" import petrarch \
    --verbs "$SRC/CAMEO.2.0.txt" \
    --actors "$SRC/Phoenix.Countries.actors.txt" \
    --actors "$SRC/Phoenix.International.actors.txt" \
    --actors "$SRC/Phoenix.MilNonState.actors.txt" \
    --agents "$SRC/Phoenix.agents.txt" \
    --discards "$SRC/Phoenix.discards.txt" \
    --out "$1" --overwrite
}

if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp" 2>/dev/null
  if ! diff -r --brief --exclude=README.md "$tmp" rules/cameo; then
    echo "rules/cameo differs from what tools/gen_cameo.sh generates; run it and commit" >&2
    exit 1
  fi
  echo "rules/cameo: regenerated from $SRC, same bytes"
else
  mkdir -p rules/cameo
  generate rules/cameo
fi
