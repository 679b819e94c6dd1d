"""The cross-SDK integration suite (xtest): SDK × SDK × container checks against an OpenTDF platform."""
