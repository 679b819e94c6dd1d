"""Benchmark: plain pytest versus Bazel (cold, warm, one adapter touched, expunged), in one run."""
