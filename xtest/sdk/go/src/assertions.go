package main

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"github.com/opentdf/platform/sdk"
)

// loadJSONArg decodes v from an inline JSON value or, failing that, from the file it names
// (otdfctl's --with-assertions accepts both).
func loadJSONArg(arg string, v any) error {
	if json.Unmarshal([]byte(arg), v) == nil {
		return nil
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		return fmt.Errorf("%q is neither JSON nor a readable file: %w", arg, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: not valid JSON: %w", arg, err)
	}
	return nil
}

// loadAssertions reads assertion configs; signing keys arrive as strings and are turned into
// the key objects the SDK signs with.
func loadAssertions(arg string) ([]sdk.AssertionConfig, error) {
	var configs []sdk.AssertionConfig
	if err := loadJSONArg(arg, &configs); err != nil {
		return nil, fmt.Errorf("--with-assertions: %w", err)
	}
	for i := range configs {
		if configs[i].SigningKey.IsEmpty() {
			continue
		}
		key, err := parseAssertionKey(configs[i].SigningKey, false)
		if err != nil {
			return nil, fmt.Errorf("--with-assertions: assertion %q signing key: %w", configs[i].ID, err)
		}
		configs[i].SigningKey.Key = key
	}
	return configs, nil
}

func loadVerificationKeys(path string) (sdk.AssertionVerificationKeys, error) {
	var keys sdk.AssertionVerificationKeys
	data, err := os.ReadFile(path)
	if err != nil {
		return keys, fmt.Errorf("--with-assertion-verification-keys: %w", err)
	}
	if err := json.Unmarshal(data, &keys); err != nil {
		return keys, fmt.Errorf("--with-assertion-verification-keys %s: not valid JSON: %w", path, err)
	}
	for id, k := range keys.Keys {
		key, err := parseAssertionKey(k, true)
		if err != nil {
			return keys, fmt.Errorf("--with-assertion-verification-keys: key for %q: %w", id, err)
		}
		keys.Keys[id] = sdk.AssertionKey{Alg: k.Alg, Key: key}
	}
	return keys, nil
}

// parseAssertionKey turns a JSON string key into HS256 bytes or an RSA key (public when verifying).
func parseAssertionKey(k sdk.AssertionKey, public bool) (any, error) {
	s, ok := k.Key.(string)
	if !ok {
		return nil, errors.New("key must be a string")
	}
	switch k.Alg {
	case sdk.AssertionKeyAlgHS256:
		return []byte(s), nil
	case sdk.AssertionKeyAlgRS256:
		priv, pub, err := parseRSAPEM(s)
		if err != nil {
			return nil, err
		}
		if public {
			return pub, nil
		}
		if priv == nil {
			return nil, errors.New("signing needs an RSA private key, got a public key")
		}
		return priv, nil
	default:
		return nil, fmt.Errorf("unsupported alg %q (want HS256 or RS256)", k.Alg)
	}
}

func parseRSAPEM(s string) (*rsa.PrivateKey, *rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, nil, errors.New("not a PEM block")
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		priv, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, nil, err
		}
		return priv, &priv.PublicKey, nil
	case "PRIVATE KEY":
		parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, nil, err
		}
		priv, ok := parsed.(*rsa.PrivateKey)
		if !ok {
			return nil, nil, errors.New("PKCS#8 key is not RSA")
		}
		return priv, &priv.PublicKey, nil
	case "RSA PUBLIC KEY":
		pub, err := x509.ParsePKCS1PublicKey(block.Bytes)
		return nil, pub, err
	case "PUBLIC KEY":
		parsed, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, nil, err
		}
		pub, ok := parsed.(*rsa.PublicKey)
		if !ok {
			return nil, nil, errors.New("public key is not RSA")
		}
		return nil, pub, nil
	default:
		return nil, nil, fmt.Errorf("unsupported PEM type %q", block.Type)
	}
}
