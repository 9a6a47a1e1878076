#!/usr/bin/env bash
# Builds Helm v3.22.0 from the Go module proxy for the deploy test tier (helm lint, helm template).
# Idempotent: a binary that answers `helm version` is kept; Go's caches make a rebuild quick.
# Prints the binary's path as its last line, so callers can capture it.
set -euo pipefail

VERSION=v3.22.0
# Kubernetes version that helm lint/template assume, as helm's own Makefile derives it from its
# k8s.io/client-go (v0.37 -> 1.37); a plain `go install` would assume v1.20.
KUBE_MAJOR=1
KUBE_MINOR=37
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${HELM_DIR:-$ROOT/.cache/helm-$VERSION}"
BIN="$DEST/helm"

if [ -x "$BIN" ] && "$BIN" version >/dev/null 2>&1; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "go is required to build helm (Go 1.24 or newer)" >&2; exit 1; }
start=$(date +%s)
mkdir -p "$DEST"
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$VERSION"
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  ldflags="$ldflags -X $pkg.k8sVersionMajor=$KUBE_MAJOR -X $pkg.k8sVersionMinor=$KUBE_MINOR"
done
# GOTOOLCHAIN=local never downloads another Go; CGO off gives a static binary.
GOTOOLCHAIN=local CGO_ENABLED=0 GOBIN="$DEST" \
  go install -trimpath -ldflags="$ldflags" "helm.sh/helm/v3/cmd/helm@$VERSION" >&2
"$BIN" version >/dev/null
echo "helm $VERSION built in $(( $(date +%s) - start )) s" >&2
echo "$BIN"
