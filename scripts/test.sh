#!/usr/bin/env bash
# `npm test`: every suite, in order of speed. Stops at the first failing suite; each suite fails by itself when
# it ran no test, so a silently empty suite cannot pass.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npx tsc -p tsconfig.json
npx tsc -p tsconfig.server.json
bash scripts/test-node.sh
bash scripts/test-browser.sh
bash scripts/test-e2e.sh
echo "== all test suites passed"
