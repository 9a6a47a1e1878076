#!/usr/bin/env bash
# Builds Docker Compose v2.40.3 (the standalone `docker-compose` binary) from the Go module proxy,
# so the deploy test tier can run `docker-compose config` (schema and interpolation checks) on a
# machine without the compose plugin. No Docker engine is needed for `config`.
# Idempotent: a binary that answers `version` is kept. Prints the binary's path as its last line.
# `go install ...@v2.40.3` refuses the module (its go.mod has exclude directives), so we build
# inside a copy of the module, where its go.mod is the main module's.
set -euo pipefail

VERSION=v2.40.3
MODULE=github.com/docker/compose/v2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${COMPOSE_DIR:-$ROOT/.cache/compose-$VERSION}"
BIN="$DEST/docker-compose"

if [ -x "$BIN" ] && "$BIN" version >/dev/null 2>&1; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build docker compose (Go 1.24 or newer)" >&2; exit 1; }
start=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0
src="$(cd "$work" && go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
mkdir -p "$DEST"
(cd "$work/src" && go build -trimpath -ldflags="-s -w -X $MODULE/internal.Version=$VERSION" -o "$BIN.tmp" ./cmd) >&2
"$BIN.tmp" version >/dev/null
mv "$BIN.tmp" "$BIN"
echo "docker compose $VERSION built in $(( $(date +%s) - start )) s" >&2
echo "$BIN"
