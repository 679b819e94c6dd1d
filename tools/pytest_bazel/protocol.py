"""Bazel's test protocol, read from the environment, as plain data.

One function per protocol variable, each testable with a fake environment dict. Reference:
https://bazel.build/reference/test-encyclopedia (the "initial conditions" section).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Where the runner learns, after pytest exits, whether an empty shard was emptied by the shard filter
# (a pass) or collected nothing at all (a failure). Set by the runner; absent when pytest runs alone.
STATS_ENV = "PYTEST_BAZEL_SHARD_STATS"


class ProtocolError(Exception):
    """The environment Bazel (or a person) gave the runner is inconsistent."""


@dataclass(frozen=True)
class ShardInfo:
    index: int
    total: int

    @property
    def sharded(self) -> bool:
        return self.total > 1


def shard_info(env: Mapping[str, str]) -> ShardInfo:
    """TEST_TOTAL_SHARDS / TEST_SHARD_INDEX, validated (an index outside the total is an error)."""
    raw_total = env.get("TEST_TOTAL_SHARDS", "")
    raw_index = env.get("TEST_SHARD_INDEX", "")
    if not raw_total:
        return ShardInfo(0, 1)
    try:
        total, index = int(raw_total), int(raw_index or "0")
    except ValueError as error:
        raise ProtocolError(
            f"TEST_TOTAL_SHARDS={raw_total!r} / TEST_SHARD_INDEX={raw_index!r} are not integers"
        ) from error
    if total < 1 or not 0 <= index < total:
        raise ProtocolError(f"TEST_SHARD_INDEX={index} is outside 0..TEST_TOTAL_SHARDS-1 ({total})")
    return ShardInfo(index, total)


def advertise_sharding(env: Mapping[str, str]) -> None:
    """Touch TEST_SHARD_STATUS_FILE: tells Bazel this runner honours sharding.

    Must run before any early return, or newer Bazel (--incompatible_check_sharding_support) fails
    the test for ignoring its shards.
    """
    status_file = env.get("TEST_SHARD_STATUS_FILE")
    if status_file:
        Path(status_file).touch()


def basetemp_args(env: Mapping[str, str]) -> list[str]:
    """pytest deletes --basetemp on start, so point it at a child of TEST_TMPDIR, never TEST_TMPDIR."""
    tmpdir = env.get("TEST_TMPDIR")
    return [f"--basetemp={os.path.join(tmpdir, 'pytest')}"] if tmpdir else []


def junit_args(env: Mapping[str, str]) -> list[str]:
    """XML_OUTPUT_FILE -> --junitxml, with the suite named after the Bazel target."""
    xml = env.get("XML_OUTPUT_FILE")
    if not xml:
        return []
    args = [f"--junitxml={xml}"]
    target = env.get("TEST_TARGET")
    if target:
        args += ["-o", f"junit_suite_name={target}"]
    return args


def filter_args(env: Mapping[str, str]) -> list[str]:
    """`bazel test --test_filter=EXPR` arrives as TESTBRIDGE_TEST_ONLY; pytest spells it -k EXPR."""
    expression = env.get("TESTBRIDGE_TEST_ONLY", "")
    return ["-k", expression] if expression else []
