package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
)

// connFlags are otdfctl's global connection flags that the xtest adapter passes.
type connFlags struct {
	out         string
	host        string
	tlsNoVerify bool
	logLevel    string
	clientCreds string
}

// clientCreds is the JSON accepted by --with-client-creds, as in otdfctl.
type clientCreds struct {
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// listFlag collects a repeatable, comma-separated flag (otdfctl's --attr, --kas-allowlist).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if p := strings.TrimSpace(part); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func newFlagSet(name string, c *connFlags) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.out, "o", "", "output file")
	fs.StringVar(&c.out, "out", "", "output file")
	fs.StringVar(&c.host, "host", "", "platform URL, e.g. http://localhost:8080")
	fs.BoolVar(&c.tlsNoVerify, "tls-no-verify", false, "skip TLS certificate verification")
	fs.StringVar(&c.logLevel, "log-level", "", "log level: debug, info, warn, error")
	fs.StringVar(&c.clientCreds, "with-client-creds", "", `client credentials JSON {"clientId":…,"clientSecret":…}`)
	return fs
}

// parseArgs parses flags that may come before or after the single FILE argument, as cobra does.
func parseArgs(fs *flag.FlagSet, args []string) (string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		return "", usageError{fmt.Sprintf("%s: want exactly one FILE argument, got %d", fs.Name(), len(positional))}
	}
	return positional[0], nil
}

func (c *connFlags) validate(cmd string) (clientCreds, error) {
	var cc clientCreds
	if c.out == "" {
		return cc, usageError{cmd + ": -o OUT is required"}
	}
	if c.host == "" {
		return cc, usageError{cmd + ": --host is required"}
	}
	if c.clientCreds == "" {
		return cc, usageError{cmd + ": --with-client-creds is required"}
	}
	if err := json.Unmarshal([]byte(c.clientCreds), &cc); err != nil {
		return cc, usageError{fmt.Sprintf("%s: --with-client-creds is not JSON: %v", cmd, err)}
	}
	if cc.ClientID == "" || cc.ClientSecret == "" {
		return cc, usageError{cmd + `: --with-client-creds needs "clientId" and "clientSecret"`}
	}
	return cc, nil
}

// helpText lists each command's flags; the upstream adapter greps it to probe features.
var helpText = map[string]string{
	"encrypt": `Usage: otdfctl encrypt [flags] FILE
  -o, --out FILE                      output file (written exactly there)
      --host URL                      platform URL
      --tls-no-verify                 skip TLS verification
      --with-client-creds JSON        {"clientId":"…","clientSecret":"…"}
      --attr FQN[,FQN]                data attribute value FQNs
      --mime-type TYPE                payload MIME type
      --kas-url-path PATH             KAS path on the platform (default /kas)
      --with-assertions JSON|FILE     assertions to bind
      --wrapping-key-algorithm ALG    rsa:2048 | ec:secp256r1 | ec:secp384r1 | ec:secp521r1
      --target-mode VERSION           TDF spec version to write (4.2.2 legacy hex, 4.3.0)
`,
	"decrypt": `Usage: otdfctl decrypt [flags] FILE
  -o, --out FILE                             output file (written only on success)
      --host URL                             platform URL
      --tls-no-verify                        skip TLS verification
      --with-client-creds JSON               {"clientId":"…","clientSecret":"…"}
      --with-assertion-verification-keys F   assertion verification keys JSON file
      --no-verify-assertions                 skip assertion verification
      --session-key-algorithm ALG            rsa:2048 | ec:secp256r1 | ec:secp384r1 | ec:secp521r1
      --kas-allowlist URL[,URL]              KAS URLs allowed on decrypt ('*' = any)
`,
}

func printHelp(w io.Writer, args []string) error {
	if len(args) == 0 {
		_, err := fmt.Fprint(w, helpText["encrypt"], helpText["decrypt"])
		return err
	}
	text, ok := helpText[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("help: unknown command %q", args[0])}
	}
	_, err := fmt.Fprint(w, text)
	return err
}
