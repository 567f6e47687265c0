#!/usr/bin/env bash
# Crash-safety proof of issue 10: SIGKILL a server at random points of a booking stream, restart, and check
# that nothing is left half-done. `npm test` runs 3 rounds; this runs 10 (CRASH_ROUNDS overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
CRASH_ROUNDS="${CRASH_ROUNDS:-10}" bash scripts/with-postgres.sh node --import tsx --test --test-reporter=spec test/scale/crash.test.ts
