//go:build !sdk_legacy

package main

import (
	"log/slog"

	"github.com/opentdf/platform/sdk"
)

// sdkFeatures reports the SDK's own feature list (sdk.SupportedFeatures exists since ~v0.20).
func sdkFeatures() []string { return sdk.SupportedFeatures() }

// loggerOptions hands the SDK our logger (sdk.WithLogger appeared after v0.4.x).
func loggerOptions(l *slog.Logger) []sdk.Option { return []sdk.Option{sdk.WithLogger(l)} }
