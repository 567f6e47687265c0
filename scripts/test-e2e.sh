#!/usr/bin/env bash
# End-to-end journeys: the real server on a free port with a fresh store, driven in Debian's Chromium by
# playwright-core. Builds the script-tag bundle the demo pages load first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib-testrun.sh
node scripts/build.mjs web
mapfile -t files < <(find test/e2e -name '*.test.ts' | sort)
run_node_tests "end-to-end journeys" "${files[@]}"
