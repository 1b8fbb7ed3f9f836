#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: npm packages from the lock file, and FerretDB
# (the MongoDB-compatible test/local database) when Go is available. Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

if ! bash scripts/install-ferretdb.sh; then
  if [[ "${REQUIRE_FERRETDB:-0}" == "1" ]]; then
    echo "FerretDB is required here but could not be installed" >&2
    exit 1
  fi
  echo "FerretDB not installed: set MONGODB_URI, or mongodb-memory-server will be used" >&2
fi

# The dashboard's browser tests drive Debian's Chromium through playwright-core (no npm package may
# download a browser here). Installed when missing, where apt can; otherwise those tests are skipped.
if [[ ! -x /usr/bin/chromium ]] && command -v apt-get >/dev/null && [[ "$(id -u)" == "0" ]]; then
  apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 ||
    (apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends chromium >/dev/null 2>&1) ||
    echo "Chromium not installed: the dashboard's browser tests will be skipped" >&2
fi
