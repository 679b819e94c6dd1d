// Module root of the xtest Go CLI. Its real requirements live in ../lock/<sdk-version>/go.mod
// (with go.sum beside it), chosen by tools/sdks/go/build_cli.sh through `go build -modfile`.
module xtest.local/sdk/go/cli

go 1.25.0
