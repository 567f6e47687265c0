#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: Chromium (browser and e2e tests) and PostgreSQL
# (the store suites also run against a real server). Never downloads a browser of its own.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "Missing system packages: ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}"
  exit 1
fi
echo "== installing ${missing[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian creates and starts a default cluster; the tests use their own throwaway one.
if command -v pg_ctlcluster >/dev/null 2>&1; then pg_ctlcluster --force "$(ls /usr/lib/postgresql | sort -V | tail -1)" main stop >/dev/null 2>&1 || true; fi
