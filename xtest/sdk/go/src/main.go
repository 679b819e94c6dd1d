// Command otdfctl is xtest's stand-in for the OpenTDF CLI of the same name: the encrypt/decrypt
// subset of real otdfctl's flags, implemented over the real Go SDK (github.com/opentdf/platform/sdk).
//
// Why it exists: the Go module proxy reachable here serves no otdfctl release whose dependencies
// it also serves (see docs/notes/go-java.md), so the real CLI cannot be built; the SDK can. The
// flags are otdfctl's, so xtest/sdk/go/cli.sh drives this binary and a real otdfctl alike.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// usageError marks a bad command line: exit 2 instead of 1.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout)
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "error: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func dispatch(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"usage: otdfctl encrypt|decrypt [flags] FILE | --version [--json] | help encrypt|decrypt"}
	}
	switch args[0] {
	case "--version", "version":
		return printVersion(stdout, contains(args[1:], "--json"))
	case "help":
		return printHelp(stdout, args[1:])
	case "encrypt":
		return runEncrypt(args[1:])
	case "decrypt":
		return runDecrypt(args[1:])
	default:
		return usageError{fmt.Sprintf("unknown command %q", args[0])}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
