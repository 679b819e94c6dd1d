package main

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/opentdf/platform/lib/ocrypto"
	"github.com/opentdf/platform/sdk"
)

// newSDK builds the SDK the way otdfctl's handler does: client credentials, a connection
// validation (health check) and plaintext when the host URL is http://.
func newSDK(c *connFlags, cc clientCreds) (*sdk.SDK, error) {
	u, err := url.Parse(c.host)
	if err != nil || u.Host == "" {
		return nil, usageError{fmt.Sprintf("--host %q is not a URL like http://localhost:8080", c.host)}
	}
	opts := []sdk.Option{
		sdk.WithClientCredentials(cc.ClientID, cc.ClientSecret, nil),
		sdk.WithConnectionValidation(),
	}
	opts = append(opts, loggerOptions(newLogger(c.logLevel))...)
	if c.tlsNoVerify {
		opts = append(opts, sdk.WithInsecureSkipVerifyConn())
	}
	if u.Scheme == "http" {
		opts = append(opts, sdk.WithInsecurePlaintextConn())
	}
	s, err := sdk.New(strings.TrimSuffix(c.host, "/"), opts...)
	if err != nil {
		return nil, fmt.Errorf("connecting to platform %s: %w", c.host, err)
	}
	return s, nil
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if level == "" || l.UnmarshalText([]byte(level)) != nil {
		l = slog.LevelWarn
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

// keyType maps otdfctl's key algorithm names; empty means the SDK default (rsa:2048).
func keyType(flagName, v string) (ocrypto.KeyType, error) {
	switch kt := ocrypto.KeyType(v); kt {
	case "":
		return ocrypto.RSA2048Key, nil
	case ocrypto.RSA2048Key, ocrypto.EC256Key, ocrypto.EC384Key, ocrypto.EC521Key:
		return kt, nil
	default:
		return "", usageError{fmt.Sprintf("--%s %q: want rsa:2048, ec:secp256r1, ec:secp384r1 or ec:secp521r1", flagName, v)}
	}
}

// writeAtomically writes data to path through a temp file in the same directory, so a failed
// run never leaves a partial output behind.
func writeAtomically(path string, data []byte) error {
	tmp, err := os.CreateTemp(dirOf(path), ".otdfctl-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func dirOf(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[:i+1]
	}
	return "."
}
