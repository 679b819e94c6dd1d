"""Public Starlark API of this workspace. Load from here only; tools/private/ may change.

pytest_test: a sharded pytest target running under Bazel's test protocol (docs in
tools/private/pytest_test.bzl).
xtest_suite: the xtest matrix as one pytest_test per owner (SDK, container) plus test_suites per
SDK and per container (docs in tools/private/xtest_suite.bzl).
"""

load("//tools/private:pytest_test.bzl", _pytest_test = "pytest_test")
load("//tools/private:xtest_suite.bzl", _xtest_suite = "xtest_suite")

pytest_test = _pytest_test
xtest_suite = _xtest_suite
