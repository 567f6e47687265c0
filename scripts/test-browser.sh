#!/usr/bin/env bash
# Browser suites: web-test-runner in Debian's Chromium (never a downloaded browser).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== browser tests"
log="$(mktemp)"
status=0
CI=true setsid npx web-test-runner --static-logging </dev/null 2>&1 | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | tee "$log" || status=$?
summary="$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)"
rm -f "$log"
if [ "$status" -ne 0 ]; then echo "browser tests: failed"; exit "$status"; fi
passed="$(echo "$summary" | awk '{print $1}')"
if [ -z "$passed" ] || [ "$passed" -eq 0 ]; then echo "browser tests: ran no test"; exit 1; fi
echo "$summary"
