"""Public Starlark API of this workspace. Load from here only; tools/private/ may change.

pytest_test: a sharded pytest target running under Bazel's test protocol (docs in
tools/private/pytest_test.bzl).
"""

load("//tools/private:pytest_test.bzl", _pytest_test = "pytest_test")

pytest_test = _pytest_test
