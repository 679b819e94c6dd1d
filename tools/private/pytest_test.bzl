"""pytest_test: a py_test that runs pytest under Bazel's test protocol (tools/pytest_bazel)."""

load("@pip//:requirements.bzl", "requirement")

_RUNNER_MAIN = "//tools/pytest_bazel:pytest_main.py"

def workers_from_tags(tags):
    """The N of a `cpu:N` tag (Bazel's way to reserve N cores for a test), or None."""
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
    """xdist workers inside each shard: the `workers` attribute, else the cpu:N tag, else 1."""
    from_tags = workers_from_tags(tags)
    if workers != None and from_tags != None and workers != from_tags:
        fail("%s: workers = %d disagrees with tag cpu:%d; set one of them (cpu:N reserves the cores the workers use)" % (name, workers, from_tags))
    if workers != None:
        if workers < 1:
            fail("%s: workers must be >= 1, got %d" % (name, workers))
        return workers
    return from_tags if from_tags != None else 1

def runner_args(workers, pytest_args, srcs):
    """The runner's command line: its own options, `--`, pytest's options, then the test files."""
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
        tags = [],
        **kwargs):
    """A sharded pytest target; see tools/defs.bzl for the documented public form."""
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
    native.py_test(
        name = name,
        srcs = srcs + [_RUNNER_MAIN],
        main = _RUNNER_MAIN,
        args = runner_args(n, pytest_args, srcs),
        deps = _unique(deps + [
            "//tools/pytest_bazel",
            requirement("pytest"),
            requirement("pytest-xdist"),
        ]),
        data = data,
        env = test_env,
        shard_count = shard_count,
        tags = tags,
        python_version = "PY3",
        **kwargs
    )
