//go:build !sdk_legacy

package main

import "github.com/opentdf/platform/sdk"

// sdkFeatures reports the SDK's own feature list (sdk.SupportedFeatures exists since ~v0.20).
func sdkFeatures() []string { return sdk.SupportedFeatures() }
