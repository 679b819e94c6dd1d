"""Tests of the suite's own machinery (discovery, cache, owners); run explicitly, not by the main suite."""
