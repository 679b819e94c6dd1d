"""pytest_test: a py_test that runs pytest under Bazel's test protocol (tools/pytest_bazel)."""

load(":requirements.bzl", "requirement")

# Label(): resolved against this file's repository, so callers in other workspaces get ours.
_RUNNER_MAIN = str(Label("//tools/pytest_bazel:pytest_main.py"))
_RUNNER_LIB = str(Label("//tools/pytest_bazel"))

def workers_from_tags(tags):
    """The N of a `cpu:N` tag (Bazel's way to reserve N cores for a test).

    Args:
      tags: the target's tags.

    Returns:
      N as an int, or None without such a tag.
    """
    found = [t for t in tags if t.startswith("cpu:")]
    if len(found) > 1:
        fail("more than one cpu:N tag: %s" % found)
    if not found:
        return None
    value = found[0][len("cpu:"):]
    if not value.isdigit() or int(value) < 1:
        fail("tag %r: N in cpu:N must be a whole number >= 1" % found[0])
    return int(value)

def resolve_workers(name, workers, tags):
    """xdist workers inside each shard: the `workers` attribute, else the cpu:N tag, else 1.

    Args:
      name: the target, for error messages.
      workers: the `workers` attribute, or None.
      tags: the target's tags.

    Returns:
      The number of workers (>= 1).
    """
    from_tags = workers_from_tags(tags)
    if workers != None and from_tags != None and workers != from_tags:
        fail("%s: workers = %d disagrees with tag cpu:%d; set one of them (cpu:N reserves the cores the workers use)" % (name, workers, from_tags))
    if workers != None:
        if workers < 1:
            fail("%s: workers must be >= 1, got %d" % (name, workers))
        return workers
    return from_tags if from_tags != None else 1

def runner_args(workers, pytest_args, srcs):
    """The runner's command line: its own options, `--`, pytest's options, then the test files.

    Args:
      workers: xdist workers per shard.
      pytest_args: extra pytest options.
      srcs: the test files.

    Returns:
      The py_test `args` list.
    """
    return ["--workers=%d" % workers, "--"] + pytest_args + ["$(rootpath %s)" % s for s in srcs]

def _unique(labels):
    out = []
    for label in labels:
        if label not in out:
            out.append(label)
    return out

def pytest_test(
        name,
        srcs,
        deps = [],
        data = [],
        workers = None,
        shard_count = None,
        pytest_args = [],
        env = {},
        runfiles_env = {},
        tags = [],
        **kwargs):
    """A py_test that runs pytest under Bazel's test protocol.

    Shards (shard_count) split the sorted collection round-robin and an empty shard passes;
    TEST_TMPDIR is pytest's base temp dir; JUnit XML goes to XML_OUTPUT_FILE; `--test_filter=EXPR`
    becomes `-k EXPR`; each shard runs pytest-xdist with `workers` processes.

    Args:
      name: target name.
      srcs: test files; pytest collects these and nothing else.
      deps: py_library dependencies (pytest, xdist and the runner are added).
      data: runtime files (duplicates are dropped).
      workers: xdist workers per shard; default N from a `cpu:N` tag, else 1. Must agree with a
        cpu:N tag when both are given.
      shard_count: Bazel shards.
      pytest_args: extra pytest options, placed before the test files (Bazel shell-tokenizes
        them: quote or avoid spaces inside one option).
      env: extra environment for the test.
      runfiles_env: like env, for values that are runfiles paths (`$(rootpath label)`, optionally
        followed by `/..` parts): the runner makes them absolute before pytest starts.
      tags: Bazel tags (`cpu:N` also sets workers).
      **kwargs: passed to py_test (size, timeout, ...); `main` is refused.
    """
    if not srcs:
        fail("%s: pytest_test needs at least one test file in srcs" % name)
    if "main" in kwargs:
        fail("%s: pytest_test provides its own main (the Bazel-protocol runner); remove `main`" % name)
    n = resolve_workers(name, workers, tags)
    test_env = {
        # sys.path[0] would be the real source directory (readable in the sandbox), hiding missing deps.
        "PYTHONSAFEPATH": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    test_env.update(env)
    test_env.update(runfiles_env)
    if runfiles_env:
        test_env["PYTEST_BAZEL_RUNFILES_ENV"] = ",".join(sorted(runfiles_env.keys()))
    native.py_test(
        name = name,
        srcs = srcs + [_RUNNER_MAIN],
        main = _RUNNER_MAIN,
        args = runner_args(n, pytest_args, srcs),
        deps = _unique(deps + [
            _RUNNER_LIB,
            requirement("pytest"),
            requirement("pytest-xdist"),
        ]),
        data = _unique(data),
        env = test_env,
        shard_count = shard_count,
        tags = tags,
        python_version = "PY3",
        **kwargs
    )
