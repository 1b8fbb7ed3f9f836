#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (a MongoDB wire-compatible server over SQLite/PostgreSQL) for tests and
# local runs, and caches it in .cache/bin/ferretdb (or $FERRETDB_BIN_DIR).
#
# A plain `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` gives a binary that panics at
# start-up: FerretDB embeds build/version/version.txt, which the module proxy's copy does not carry.
# So we fetch the same module through the Go module proxy, add that one file, and build it.
#
# The build is PATCHED in one line (docs/ferretdb.md): on SQLite, FerretDB filters `_id` on the
# expression `_ferretdb_sjson->'$._id'` while its unique `_id` index is built on
# `_ferretdb_sjson->"_id"`. SQLite matches index expressions by their text, so no lookup by `_id`
# ever used the index. The patch makes the filter use the index's expression (same meaning).
set -euo pipefail

UPSTREAM="v1.24.2"
# What the patched binary reports as its version; a cached binary without it is rebuilt.
VERSION="$UPSTREAM-tindung.idpatch.1"
ID_FILE="internal/backends/sqlite/metadata/metadata.go"
ID_BEFORE='IDColumn = DefaultColumn + "->'"'"'$._id'"'"'"'
ID_AFTER='IDColumn = DefaultColumn + "->\"_id\""'
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="${FERRETDB_BIN_DIR:-$ROOT/.cache/bin}"
BIN="$BIN_DIR/ferretdb"

# `ferretdb --version` writes a state.json into its working directory, so it runs in a scratch one.
# Its output is captured before it is searched: piping it into `grep -q` or `head` can kill it with
# SIGPIPE, which `set -o pipefail` turns into a failure.
version_of() { (cd "${TMPDIR:-/tmp}" && "$1" --version 2>/dev/null) || true; }

if [[ -x "$BIN" ]] && [[ "$(version_of "$BIN")" == *"version: $VERSION"* ]]; then
  echo "ferretdb $VERSION already at $BIN"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "Go is not installed: cannot build FerretDB. Tests will use MONGODB_URI or mongodb-memory-server." >&2
  exit 1
fi

export GOFLAGS="${GOFLAGS:--buildvcs=false}"
MOD_DIR="$(go mod download -json "github.com/FerretDB/FerretDB@$UPSTREAM" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [[ -z "$MOD_DIR" || ! -d "$MOD_DIR" ]]; then
  echo "could not download github.com/FerretDB/FerretDB@$UPSTREAM through the Go module proxy" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
cp -R "$MOD_DIR/." "$WORK/src"
chmod -R u+w "$WORK/src"
echo "$VERSION" > "$WORK/src/build/version/version.txt"
echo "release" > "$WORK/src/build/version/package.txt"

# The one-line patch, applied to the copy and verified; a source that no longer has the line fails.
if [[ "$(grep -cF "$ID_BEFORE" "$WORK/src/$ID_FILE")" != "1" ]]; then
  echo "patch not applied: '$ID_BEFORE' not found once in $ID_FILE of FerretDB $UPSTREAM" >&2
  exit 1
fi
source_text="$(cat "$WORK/src/$ID_FILE")"
printf '%s\n' "${source_text/"$ID_BEFORE"/"$ID_AFTER"}" > "$WORK/src/$ID_FILE"
if [[ "$(grep -cF "$ID_AFTER" "$WORK/src/$ID_FILE")" != "1" ]] || grep -qF "$ID_BEFORE" "$WORK/src/$ID_FILE"; then
  echo "patch not applied: $ID_FILE does not hold the new IDColumn" >&2
  exit 1
fi

mkdir -p "$BIN_DIR"
(cd "$WORK/src" && go build -trimpath -o "$BIN" ./cmd/ferretdb)
if [[ "$(version_of "$BIN")" != *"version: $VERSION"* ]]; then
  echo "the FerretDB binary built at $BIN does not report $VERSION" >&2
  exit 1
fi
echo "ferretdb $VERSION installed at $BIN"
