#!/usr/bin/env bash
# The one command that runs the test suite on a fresh machine: installs what is missing, then runs
# vitest. The suite starts its own database (MONGODB_URI if set, else FerretDB, else mongodb-memory-server).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
npm test -- "$@"
