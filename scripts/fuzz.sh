#!/usr/bin/env bash
# Fuzzing of issue 10: every route of the OpenAPI registry gets FUZZ_RUNS bad requests (npm test runs 200; this
# defaults to 1000). Every answer must be a 4xx in the error shape; no row may change.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_RUNS="${FUZZ_RUNS:-1000}" FUZZ_DEBUG=1 node --import tsx --test --test-reporter=spec test/server/fuzz.test.ts
