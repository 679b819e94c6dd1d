//go:build sdk_legacy

package main

import (
	"log/slog"

	"github.com/opentdf/platform/sdk"
)

// sdkFeatures: SDKs before sdk.SupportedFeatures existed report none (no DPoP support).
func sdkFeatures() []string { return []string{} }

// loggerOptions: old SDKs log through slog's default logger.
func loggerOptions(l *slog.Logger) []sdk.Option {
	slog.SetDefault(l)
	return nil
}
