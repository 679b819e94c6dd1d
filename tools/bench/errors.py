"""What can stop a benchmark run; every message says what was wrong and how to fix it."""


class BenchError(Exception):
    """Base of the benchmark's errors."""


class SetupError(BenchError):
    """A prerequisite is missing (an SDK, a Python with pytest-xdist, git, Bazel)."""


class PhaseError(BenchError):
    """A phase could not run at all (not: its tests failed, which is a result)."""


class ParseError(BenchError):
    """Output the benchmark reads did not have the expected shape."""
