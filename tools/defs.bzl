"""Public Starlark API of this workspace. Load from here only; tools/private/ may change.

pytest_test(name, srcs, deps, data, workers, shard_count, pytest_args, env, tags, **kwargs)
    A py_test that runs pytest under Bazel's test protocol: shards (shard_count) split the sorted
    collection round-robin, an empty shard passes, TEST_TMPDIR is pytest's base temp dir, JUnit XML
    goes to XML_OUTPUT_FILE, `--test_filter=EXPR` becomes `-k EXPR`, and each shard runs pytest-xdist
    with `workers` processes (default: N from a `cpu:N` tag, else 1).
      srcs:        test files (collected explicitly; nothing else is)
      workers:     xdist workers per shard; must agree with a cpu:N tag when both are given
      pytest_args: extra pytest options, placed before the test files
"""

load("//tools/private:pytest_test.bzl", _pytest_test = "pytest_test")

pytest_test = _pytest_test
