"""Build scripts and capture tools for the real Go and Java SDKs (see docs/notes/go-java.md)."""
