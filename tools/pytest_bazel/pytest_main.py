"""Entry point of every pytest target made by tools/defs.bzl (py_test's `main`)."""

import sys

from tools.pytest_bazel.runner import main

if __name__ == "__main__":
    sys.exit(main())
