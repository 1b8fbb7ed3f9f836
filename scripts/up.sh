#!/usr/bin/env bash
# The one command that sets up and runs the bot on a fresh machine. Without MONGODB_URI the bot keeps
# its data in an embedded local database under ./data/. BOT_TOKEN must be set (or be in .env).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec npm start
