#!/usr/bin/env bash
# The full scale-out proof of issue 10: a throwaway PostgreSQL cluster, 3 server processes, 500 concurrent
# booking attempts at 20 slots, and a recruiter's live-update stream on each process that must hear all 20
# bookings, those made through the other two processes included; the report says per process how many those were.
# (`npm test` runs the same test with 200 attempts at 10 slots.)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE_ATTEMPTS="${SCALE_ATTEMPTS:-500}" SCALE_SLOTS="${SCALE_SLOTS:-20}" \
  bash scripts/with-postgres.sh node --import tsx --test --test-reporter=spec test/scale/scale-out.test.ts
