#!/usr/bin/env bash
# Node suites: engine, shared, store, server, Cronofy client and simulator. The engine and time suites run
# again under two unusual process zones to prove the host zone never leaks in.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib-testrun.sh
mapfile -t files < <(find test -name '*.test.ts' -not -path 'test/browser/*' -not -path 'test/e2e/*' | sort)
run_node_tests "node tests" "${files[@]}"
mapfile -t zoned < <(find test/engine test/shared -name '*.test.ts' | sort)
TZ=Pacific/Chatham run_node_tests "engine suite, TZ=Pacific/Chatham" "${zoned[@]}"
TZ=UTC run_node_tests "engine suite, TZ=UTC" "${zoned[@]}"
