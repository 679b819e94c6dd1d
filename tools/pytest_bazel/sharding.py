"""pytest plugin: keep this shard's share of the collected tests.

Loaded by module name (`-p tools.pytest_bazel.sharding`) so pytest-xdist workers load it too: each
worker sees the same TEST_SHARD_* variables and deselects identically. Handing a plugin object to
pytest.main(plugins=[...]) does not reach workers (every shard then runs everything).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

import pytest

from tools.pytest_bazel.protocol import STATS_ENV, shard_info


def shard_indices(count: int, index: int, total: int) -> list[int]:
    """Round-robin: positions i of the sorted collection with i % total == index.

    Round-robin over a stable order keeps shards balanced within one test and never leaves a shard
    empty while another has two or more tests; hashing node ids does not.
    """
    if total < 1 or not 0 <= index < total:
        raise ValueError(f"shard index {index} is outside 0..{total - 1}")
    return [i for i in range(count) if i % total == index]


def select_for_shard(nodeids: Sequence[str], index: int, total: int) -> set[str]:
    ordered = sorted(nodeids)
    return {ordered[i] for i in shard_indices(len(ordered), index, total)}


# trylast: runs after -k/-m deselection, so shards split what will really run.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    shard = shard_info(os.environ)
    collected = len(items)
    if shard.sharded:
        keep = select_for_shard([item.nodeid for item in items], shard.index, shard.total)
        deselected = [item for item in items if item.nodeid not in keep]
        items[:] = [item for item in items if item.nodeid in keep]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
    stats = os.environ.get(STATS_ENV)
    if stats:
        with open(stats, "w", encoding="utf-8") as out:
            json.dump({"collected": collected, "kept": len(items)}, out)
