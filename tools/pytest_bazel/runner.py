"""Run pytest under Bazel's test protocol.

    python -m tools.pytest_bazel [--workers N --] [pytest args and test paths...]

Runner options come before `--`; everything after it goes to pytest untouched.
The pytest_test macro in tools/defs.bzl builds this command line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tools.pytest_bazel import gc_policy, protocol, runfiles_env

EXIT_OK = 0
EXIT_NO_TESTS_COLLECTED = 5
EXIT_USAGE = 4


class UsageError(Exception):
    """The runner was called with options it does not understand."""


@dataclass(frozen=True)
class RunnerOptions:
    workers: int
    pytest_args: tuple[str, ...]


def _worker_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--workers takes a whole number, not {value!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"--workers must be 0 or more, not {count}")
    return count


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage and exit 2; we want one clear exception
        raise UsageError(message)


def parse_args(argv: Sequence[str]) -> RunnerOptions:
    """Runner options come before `--`, pytest's after it; without `--` everything is pytest's.

    An unknown option before `--` is an error that names it.
    """
    argv = list(argv)
    own, rest = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else ([], argv)
    parser = _Parser(prog="pytest_bazel", add_help=False)
    parser.add_argument("--workers", type=_worker_count, default=1)
    known, unknown = parser.parse_known_args(own)
    if unknown:
        raise UsageError(
            f"unknown runner option {unknown[0]!r}: the runner takes only --workers N before '--'; "
            "pytest options go after '--'"
        )
    return RunnerOptions(known.workers, tuple(rest))


def xdist_args(workers: int) -> list[str]:
    """-n N inside the shard; 0 or 1 worker means no xdist at all (no controller overhead)."""
    return ["-n", str(workers)] if workers > 1 else []


def pytest_argv(options: RunnerOptions, env: Mapping[str, str]) -> list[str]:
    return [
        "-p",
        "tools.pytest_bazel.sharding",
        "-p",
        "no:cacheprovider",  # no .pytest_cache written into runfiles
        *protocol.basetemp_args(env),
        *protocol.junit_args(env),
        *protocol.filter_args(env),
        *xdist_args(options.workers),
        *options.pytest_args,
    ]


def interpret_exit(code: int, shard: protocol.ShardInfo, stats: dict | None) -> tuple[int, str | None]:
    """Map pytest's exit code to the test's, with a message when we change or explain it.

    Exit 5 (nothing collected) passes only when this shard's share is empty although tests were
    collected: an empty shard is normal. A target that collects nothing at all fails.
    """
    if code != EXIT_NO_TESTS_COLLECTED:
        return code, None
    if shard.sharded and stats and stats.get("collected", 0) > 0 and stats.get("kept") == 0:
        return EXIT_OK, f"shard {shard.index} of {shard.total} got no tests (of {stats['collected']}): passing"
    return code, "pytest collected no tests: check the target's srcs and --test_filter"


def run_pytest(args: list[str]) -> tuple[int, dict | None]:
    """pytest.main(args) under tools.pytest_bazel.gc_policy: (exit code, sharding stats or None)."""
    gc_policy.pause()
    try:
        import pytest  # after argument checks: a usage error should not need pytest

        with tempfile.TemporaryDirectory(prefix="pytest-bazel-") as scratch:
            stats_path = os.path.join(scratch, "shard-stats.json")
            os.environ[protocol.STATS_ENV] = stats_path
            code = int(pytest.main(args, plugins=[gc_policy.plugin()]))
            if not os.path.exists(stats_path):
                return code, None
            with open(stats_path, encoding="utf-8") as stats_file:
                return code, json.load(stats_file)
    finally:
        gc_policy.resume()  # also when pytest stopped before its test loop


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    protocol.advertise_sharding(env)  # before any early return
    try:
        options = parse_args(sys.argv[1:] if argv is None else argv)
        shard = protocol.shard_info(env)
        runfiles_env.apply(os.environ)
    except (UsageError, protocol.ProtocolError, runfiles_env.RunfilesEnvError) as error:
        print(f"pytest_bazel: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    args = pytest_argv(options, env)
    code, stats = run_pytest(args)
    result, message = interpret_exit(code, shard, stats)
    if message:
        print(f"pytest_bazel: {message}", file=sys.stderr)
    if result != EXIT_OK:
        print(f"pytest_bazel: pytest {' '.join(args)} exited {code}", file=sys.stderr)
    return result
