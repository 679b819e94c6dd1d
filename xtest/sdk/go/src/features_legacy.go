//go:build sdk_legacy

package main

// sdkFeatures: SDKs before sdk.SupportedFeatures existed report none (no DPoP support).
func sdkFeatures() []string { return []string{} }
