#!/usr/bin/env bash
# `npm test`: every suite, in order of speed, stopping at the first that fails. Each suite fails by itself when
# it ran no test, so a silently empty suite cannot pass. The store-backed suites run against PGlite and, in the
# same run, against a throwaway PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
if [ -z "${TEST_DATABASE_URL:-}" ]; then exec bash scripts/with-postgres.sh bash "$0" "$@"; fi
echo "== typecheck"
npx tsc -p tsconfig.json
npx tsc -p tsconfig.server.json
npx tsc -p demo/frameworks
bash scripts/test-node.sh
bash scripts/test-browser.sh
bash scripts/test-e2e.sh
echo "== all test suites passed"
