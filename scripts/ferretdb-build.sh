#!/usr/bin/env bash
# Builds the embedded default database, FerretDB v1.24.2 (SQLite backend), from the Go module proxy.
# Idempotent: a working binary is kept; Go's module and build caches make a rebuild take seconds.
# The module zip lacks build/version/version.txt, so a plain `go install` binary panics at start:
# we build from a copy of the module with that file written (see DEVELOPERS.md / shared/ferretdb.md).
set -euo pipefail

VERSION=v1.24.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${FERRETDB_DIR:-$ROOT/.cache/ferretdb-$VERSION}"
BIN="$DEST/ferretdb"

if [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then
  echo "ferretdb $VERSION ready: $BIN"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build FerretDB (Go 1.22 or newer)" >&2; exit 1; }
start=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
go mod init local.invalid/ferretdb-build >/dev/null 2>&1
go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@$VERSION" >/dev/null 2>&1
cp -r "$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)" src
chmod -R u+w src
echo "$VERSION" > src/build/version/version.txt
go mod edit -replace github.com/FerretDB/FerretDB=./src
mkdir -p "$DEST"
CGO_ENABLED=0 go build -buildvcs=false -trimpath -ldflags='-s -w' -o "$BIN.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb
"$BIN.tmp" --version >/dev/null
mv "$BIN.tmp" "$BIN"
echo "ferretdb $VERSION built in $(( $(date +%s) - start )) s: $BIN"
