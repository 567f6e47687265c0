# Shared by the test scripts: run node's test runner over the given files (the shell expands the file list,
# because Node 20 does not expand globs), print the spec report, and fail when a test failed or none ran.
run_node_tests() {
  local label="$1"; shift
  local tap
  tap="$(mktemp)"
  echo "== $label ($# files)"
  if [ "$#" -eq 0 ]; then echo "no test files for $label"; return 1; fi
  local status=0
  node --import tsx --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@" || status=$?
  local count
  count="$(grep -E '^# tests [0-9]+' "$tap" | tail -1 | awk '{print $3}')"
  rm -f "$tap"
  if [ "$status" -ne 0 ]; then echo "$label: failed"; return "$status"; fi
  if [ -z "$count" ] || [ "$count" -eq 0 ]; then echo "$label: ran no test"; return 1; fi
}
