#!/usr/bin/env bash
# Builds the embedded default database, FerretDB v1.24.2 (SQLite backend), from the Go module proxy.
# Idempotent: a working binary is kept; Go's module and build caches make a rebuild take seconds.
# The module zip lacks build/version/version.txt, so a plain `go install` binary panics at start:
# we build from a copy of the module with that file written (docs/FERRETDB.md).
set -euo pipefail

VERSION=v1.24.2
# `go get -tool` and FerretDB v1.24.2's go.mod both need Go 1.24.
GO_MIN_MINOR=24
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${FERRETDB_DIR:-$ROOT/.cache/ferretdb-$VERSION}"
BIN="$DEST/ferretdb"

if [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; then
  echo "ferretdb $VERSION ready: $BIN"
  exit 0
fi

no_go() {
  cat >&2 <<MSG
The embedded database (FerretDB $VERSION) is built from source with Go 1.$GO_MIN_MINOR or newer: $1.
Either:
  - install Go 1.$GO_MIN_MINOR+ (https://go.dev/dl/) and run this again (about 2-3 minutes, once), or
  - use a MongoDB instead: set MONGODB_URI, e.g. MONGODB_URI=mongodb://localhost:27017/livechat_survey
    (any MongoDB 6+; docker-compose.yml runs a replica set), then npm start needs no Go.
MSG
  exit 1
}
command -v go >/dev/null || no_go "go was not found on the PATH"
goversion="$(go env GOVERSION 2>/dev/null || true)"
minor="$(sed -nE 's/^go1\.([0-9]+).*/\1/p' <<<"$goversion")"
[ -n "$minor" ] && [ "$minor" -ge "$GO_MIN_MINOR" ] || no_go "found ${goversion:-an unknown go version}"

start=$(date +%s)
echo "building ferretdb $VERSION with $goversion (about 2-3 minutes the first time)..."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
# Quiet on success; on failure, Go's own messages are printed.
run() {
  if ! "$@" >"$work/out.log" 2>&1; then
    echo "ferretdb build failed at: $*" >&2
    cat "$work/out.log" >&2
    exit 1
  fi
}
run go mod init local.invalid/ferretdb-build
run go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@$VERSION"
cp -r "$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)" src
chmod -R u+w src
echo "$VERSION" > src/build/version/version.txt
go mod edit -replace github.com/FerretDB/FerretDB=./src
mkdir -p "$DEST"
CGO_ENABLED=0 run go build -buildvcs=false -trimpath -ldflags='-s -w' -o "$BIN.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb
run "$BIN.tmp" --version
mv "$BIN.tmp" "$BIN"
echo "ferretdb $VERSION built in $(( $(date +%s) - start )) s: $BIN"
