#!/usr/bin/env bash
# Go SDK v0.35.0 entry of the xtest matrix: the version is this directory's name.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
XTEST_GO_VERSION=$(basename "$here") exec "$here/../../cli.sh" "$@"
