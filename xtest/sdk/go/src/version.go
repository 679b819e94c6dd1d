package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/opentdf/platform/sdk"
)

// appVersion is this stand-in's own version; sdk_version says which real SDK it was built with.
const appVersion = "0.1.0"

// versionInfo has the fields of real otdfctl's `--version --json` that the upstream adapter reads
// (sdk_version, schema_version, supported_features).
type versionInfo struct {
	AppName           string   `json:"app_name"`
	Version           string   `json:"version"`
	SDKVersion        string   `json:"sdk_version"`
	SchemaVersion     string   `json:"schema_version"`
	SupportedFeatures []string `json:"supported_features"`
}

func printVersion(w io.Writer, asJSON bool) error {
	v := versionInfo{
		AppName:           "otdfctl (xtest stand-in over the Go SDK)",
		Version:           appVersion,
		SDKVersion:        sdk.Version,
		SchemaVersion:     sdk.TDFSpecVersion,
		SupportedFeatures: sdkFeatures(),
	}
	if !asJSON {
		_, err := fmt.Fprintf(w, "%s version %s (sdk %s)\n", v.AppName, v.Version, v.SDKVersion)
		return err
	}
	enc := json.NewEncoder(w)
	return enc.Encode(v)
}
