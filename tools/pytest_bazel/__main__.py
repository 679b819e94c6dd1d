import sys

from tools.pytest_bazel.runner import main

sys.exit(main())
