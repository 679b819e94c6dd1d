package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/opentdf/platform/sdk"
)

func runDecrypt(args []string) error {
	var c connFlags
	var allow listFlag
	var verifyKeys, sessionAlg string
	var noVerify bool
	fs := newFlagSet("decrypt", &c)
	fs.StringVar(&verifyKeys, "with-assertion-verification-keys", "", "verification keys JSON file")
	fs.BoolVar(&noVerify, "no-verify-assertions", false, "skip assertion verification")
	fs.StringVar(&sessionAlg, "session-key-algorithm", "", "rewrap session key algorithm")
	fs.Var(&allow, "kas-allowlist", "KAS URLs allowed on decrypt")
	src, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	cc, err := c.validate("decrypt")
	if err != nil {
		return err
	}
	kt, err := keyType("session-key-algorithm", sessionAlg)
	if err != nil {
		return err
	}
	// As otdfctl: a lone '*' disables the allowlist; otherwise the SDK default (the platform's
	// KAS registry) applies unless a list is given.
	ignoreAllow := len(allow) == 1 && allow[0] == "*"
	opts := []sdk.TDFReaderOption{
		sdk.WithDisableAssertionVerification(noVerify),
		sdk.WithSessionKeyType(kt),
		sdk.WithIgnoreAllowlist(ignoreAllow),
	}
	if len(allow) > 0 && !ignoreAllow {
		opts = append(opts, sdk.WithKasAllowlist(allow))
	}
	if verifyKeys != "" {
		keys, err := loadVerificationKeys(verifyKeys)
		if err != nil {
			return err
		}
		opts = append(opts, sdk.WithAssertionVerificationKeys(keys))
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("decrypt: reading %s: %w", src, err)
	}
	s, err := newSDK(&c, cc)
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := s.LoadTDF(bytes.NewReader(data), opts...)
	if err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	var plain bytes.Buffer
	if _, err := io.Copy(&plain, r); err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	return writeAtomically(c.out, plain.Bytes())
}
