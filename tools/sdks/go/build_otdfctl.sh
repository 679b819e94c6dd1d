#!/usr/bin/env bash
# Build the Go side of the xtest matrix.
#
#   build_otdfctl.sh VERSION OUTDIR         build xtest's otdfctl stand-in (xtest/sdk/go/src) against
#                                           the real Go SDK github.com/opentdf/platform/sdk@VERSION,
#                                           locked by xtest/sdk/go/lock/VERSION/go.{mod,sum}
#   build_otdfctl.sh --lock VERSION         (re)create that lock from the module proxy
#   build_otdfctl.sh --real VERSION OUTDIR  `go install` the real otdfctl release VERSION
#                                           (the proxy reachable here refuses it; kept for machines
#                                           that are served it)
#
# Verification: every module is checked against the committed go.sum; a build that would need a
# go.sum line the lock lacks fails (the lock is compared before and after). --lock fills go.sum
# from the Go checksum database, except for github.com/opentdf/* modules, which the database
# mirror reachable here does not serve (404): those are trusted on first use and pinned from then on.
# GOTOOLCHAIN=local forbids silent toolchain downloads; -trimpath, -buildvcs=false (no git revision
# stamped in: every commit would change the binary and miss the remote cache) and CGO_ENABLED=0
# make the binary depend on its sources and lock only. GOPATH/GOCACHE live under XTEST_GO_CACHE
# (default ${XDG_CACHE_HOME:-$HOME/.cache}/xtest/go): the second build is offline.
set -euo pipefail

die() { echo "build_otdfctl: $*" >&2; exit 2; }
usage="usage: $0 VERSION OUTDIR | --lock VERSION | --real VERSION OUTDIR"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
src=$repo/xtest/sdk/go/src
locks=$repo/xtest/sdk/go/lock

setup_go() {
  go_bin=${XTEST_GO:-}
  if [[ -z $go_bin ]]; then
    if [[ -x /usr/local/go/bin/go ]]; then go_bin=/usr/local/go/bin/go; else go_bin=$(command -v go || true); fi
  fi
  [[ -n $go_bin && -x $go_bin ]] || die "no Go toolchain found (set XTEST_GO); need Go >= 1.25"
  local cache=${XTEST_GO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xtest/go}
  mkdir -p "$cache"
  export GOPATH=$cache/gopath GOMODCACHE=$cache/gopath/pkg/mod GOCACHE=$cache/build
  export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
  unset GONOSUMCHECK GOINSECURE GOPRIVATE GONOPROXY GONOSUMDB GOBIN
  export GOSUMDB=${GOSUMDB:-sum.golang.org}
  [[ $GOSUMDB != off ]] || die "GOSUMDB=off is not allowed: modules must be verified"
  echo "build_otdfctl: $("$go_bin" version)" >&2
}

check_version() {
  [[ $1 =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION must look like v0.35.0, got '$1'"
}

# Build tags per SDK line: sdk.SupportedFeatures and some options appeared after v0.4.x.
tags_for() {
  local minor
  minor=$(echo "$1" | cut -d. -f2)
  if ((minor < 10)); then echo sdk_legacy; fi
}

lock() {
  local version=$1 dir=$locks/$1
  mkdir -p "$dir"
  printf 'module xtest.local/sdk/go/cli\n\ngo 1.25.0\n\nrequire github.com/opentdf/platform/sdk %s\n' "$version" >"$dir/go.mod"
  : >"$dir/go.sum"
  (cd "$src" && GONOSUMDB=github.com/opentdf GOFLAGS="-mod=mod -tags=$(tags_for "$version")" \
    "$go_bin" mod tidy -modfile="$dir/go.mod")
  echo "build_otdfctl: wrote $dir/go.mod and go.sum" >&2
}

build() {
  local version=$1 outdir=$2 dir=$locks/$1
  [[ -f $dir/go.mod && -f $dir/go.sum ]] || die "no lock for $version in $dir; run: $0 --lock $version"
  mkdir -p "$outdir"
  outdir=$(cd "$outdir" && pwd)
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  cp "$dir/go.mod" "$dir/go.sum" "$tmp/"
  local start=$SECONDS
  (cd "$src" && "$go_bin" build -trimpath -buildvcs=false -tags="$(tags_for "$version")" -modfile="$tmp/go.mod" \
    -o "$outdir/otdfctl.tmp" .)
  cmp -s "$tmp/go.mod" "$dir/go.mod" && cmp -s "$tmp/go.sum" "$dir/go.sum" ||
    die "the build changed go.mod/go.sum of $dir: the lock is stale or incomplete; rerun --lock"
  mv -f "$outdir/otdfctl.tmp" "$outdir/otdfctl"
  echo "build_otdfctl: built $outdir/otdfctl in $((SECONDS - start))s" >&2
  "$outdir/otdfctl" --version --json
}

real() {
  local version=$1 outdir=$2 module=github.com/opentdf/otdfctl minor
  minor=$(echo "$version" | cut -d. -f2)
  ((minor < 31)) || module=github.com/opentdf/platform/otdfctl
  mkdir -p "$outdir"
  GOBIN=$(cd "$outdir" && pwd) "$go_bin" install -trimpath -buildvcs=false "$module@$version"
  "$outdir/otdfctl" --version --json
}

case ${1:-} in
  --lock)
    [[ $# -eq 2 ]] || die "$usage"
    check_version "$2"; setup_go; lock "$2" ;;
  --real)
    [[ $# -eq 3 ]] || die "$usage"
    check_version "$2"; setup_go; real "$2" "$3" ;;
  -*|"") die "$usage" ;;
  *)
    [[ $# -eq 2 ]] || die "$usage"
    check_version "$1"; setup_go; build "$1" "$2" ;;
esac
