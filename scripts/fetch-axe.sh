#!/bin/sh
# Fetch axe-core (the accessibility engine of tests/report/test_report_a11y.py) from the npm registry
# into .cache/axe (gitignored). The version is pinned so that a new axe rule cannot change the
# outcome of a test run unnoticed; raise it on purpose. Idempotent: does nothing when present.
set -eu
AXE_VERSION=4.10.3
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
TARGET="$ROOT/.cache/axe"
FILE="$TARGET/node_modules/axe-core/axe.min.js"
if [ -f "$FILE" ] && grep -q "\"version\": \"$AXE_VERSION\"" \
        "$TARGET/node_modules/axe-core/package.json" 2>/dev/null; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "fetch-axe: npm ontbreekt; de toegankelijkheidstest wordt overgeslagen." >&2
    exit 0
fi
mkdir -p "$TARGET"
npm install --prefix "$TARGET" --no-audit --no-fund --no-save --ignore-scripts \
    "axe-core@$AXE_VERSION"
test -f "$FILE"
echo "axe-core $AXE_VERSION in $FILE"
