"""Public Starlark API of this workspace. Load from here only; tools/private/ may change.

pytest_test: a sharded pytest target running under Bazel's test protocol (docs in
tools/private/pytest_test.bzl).
xtest_suite: the xtest matrix as one pytest_test per owner (SDK, container) plus test_suites per
SDK and per container (docs in tools/private/xtest_suite.bzl).
compiled_py_library: a py_library whose modules' .pyc files are build outputs (docs in
tools/private/py_bytecode.bzl).
requirement: the label of a distribution of requirements_lock.txt, e.g. requirement("pytest")
(tools/private/requirements.bzl).
"""

load("//tools/private:py_bytecode.bzl", _compiled_py_library = "compiled_py_library")
load("//tools/private:pytest_test.bzl", _pytest_test = "pytest_test")
load("//tools/private:requirements.bzl", _requirement = "requirement")
load("//tools/private:xtest_suite.bzl", _xtest_suite = "xtest_suite")

compiled_py_library = _compiled_py_library
pytest_test = _pytest_test
requirement = _requirement
xtest_suite = _xtest_suite
