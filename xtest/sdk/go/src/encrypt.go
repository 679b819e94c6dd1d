package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/opentdf/platform/sdk"
)

func runEncrypt(args []string) error {
	var c connFlags
	var attrs listFlag
	var mimeType, kasPath, assertions, wrapAlg, targetMode string
	fs := newFlagSet("encrypt", &c)
	fs.Var(&attrs, "attr", "data attribute value FQNs")
	fs.StringVar(&mimeType, "mime-type", "", "payload MIME type")
	fs.StringVar(&kasPath, "kas-url-path", "/kas", "KAS path on the platform")
	fs.StringVar(&assertions, "with-assertions", "", "assertions JSON or file")
	fs.StringVar(&wrapAlg, "wrapping-key-algorithm", "", "key wrapping algorithm")
	fs.StringVar(&targetMode, "target-mode", "", "TDF spec version to write")
	src, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	cc, err := c.validate("encrypt")
	if err != nil {
		return err
	}
	kt, err := keyType("wrapping-key-algorithm", wrapAlg)
	if err != nil {
		return err
	}
	opts := []sdk.TDFOption{
		sdk.WithDataAttributes(attrs...),
		sdk.WithKasInformation(sdk.KASInfo{URL: trimSlash(c.host) + kasPath}),
		sdk.WithWrappingKeyAlg(kt), //nolint:staticcheck // otdfctl uses it too; no replacement yet
	}
	if mimeType != "" {
		opts = append(opts, sdk.WithMimeType(mimeType))
	}
	if assertions != "" {
		configs, err := loadAssertions(assertions)
		if err != nil {
			return err
		}
		opts = append(opts, sdk.WithAssertions(configs...))
	}
	if targetMode != "" {
		opts = append(opts, sdk.WithTargetMode(targetMode))
	}
	plain, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("encrypt: reading %s: %w", src, err)
	}
	s, err := newSDK(&c, cc)
	if err != nil {
		return err
	}
	defer s.Close()
	var out bytes.Buffer
	if _, err := s.CreateTDF(&out, bytes.NewReader(plain), opts...); err != nil {
		return fmt.Errorf("encrypt: %w", err)
	}
	return writeAtomically(c.out, out.Bytes())
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}
