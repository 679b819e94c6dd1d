"""The shard filter: a pure round-robin over sorted node ids."""

import pytest

from tools.pytest_bazel.sharding import select_for_shard, shard_indices

NODEIDS = [f"test_x.py::test_{i:02d}" for i in range(14)]


@pytest.mark.parametrize("total", [1, 2, 3, 5, 14, 20])
def test_every_test_in_exactly_one_shard(total):
    shards = [select_for_shard(NODEIDS, index, total) for index in range(total)]
    assert sorted(n for shard in shards for n in shard) == sorted(NODEIDS)
    assert sum(len(s) for s in shards) == len(NODEIDS)


def test_shards_are_balanced():
    sizes = [len(select_for_shard(NODEIDS, index, 3)) for index in range(3)]
    assert sizes == [5, 5, 4]


def test_selection_ignores_collection_order():
    reordered = list(reversed(NODEIDS))
    assert select_for_shard(reordered, 1, 3) == select_for_shard(NODEIDS, 1, 3)


def test_extra_shards_are_empty():
    assert select_for_shard(NODEIDS[:2], 5, 8) == set()


@pytest.mark.parametrize("index, total", [(3, 3), (-1, 3), (0, 0)])
def test_out_of_range_shard_raises(index, total):
    with pytest.raises(ValueError, match="outside"):
        shard_indices(4, index, total)
