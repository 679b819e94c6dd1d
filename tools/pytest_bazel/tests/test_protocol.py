"""Each Bazel test-protocol variable maps to the right pytest behaviour (no Bazel needed)."""

import pytest

from tools.pytest_bazel import protocol
from tools.pytest_bazel.protocol import ProtocolError, ShardInfo


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, ShardInfo(0, 1)),
        ({"TEST_TOTAL_SHARDS": "3", "TEST_SHARD_INDEX": "2"}, ShardInfo(2, 3)),
        ({"TEST_TOTAL_SHARDS": "1", "TEST_SHARD_INDEX": "0"}, ShardInfo(0, 1)),
    ],
)
def test_shard_info(env, expected):
    assert protocol.shard_info(env) == expected


@pytest.mark.parametrize(
    "env, words",
    [
        ({"TEST_TOTAL_SHARDS": "3", "TEST_SHARD_INDEX": "3"}, "outside"),
        ({"TEST_TOTAL_SHARDS": "x", "TEST_SHARD_INDEX": "0"}, "not integers"),
        ({"TEST_TOTAL_SHARDS": "0", "TEST_SHARD_INDEX": "0"}, "outside"),
    ],
)
def test_shard_info_rejects_inconsistent_env(env, words):
    with pytest.raises(ProtocolError, match=words):
        protocol.shard_info(env)


def test_advertise_sharding_touches_status_file(tmp_path):
    status = tmp_path / "status"
    protocol.advertise_sharding({"TEST_SHARD_STATUS_FILE": str(status)})
    assert status.exists()


def test_advertise_sharding_without_variable_is_a_no_op(tmp_path):
    protocol.advertise_sharding({})
    assert list(tmp_path.iterdir()) == []


def test_basetemp_is_a_child_of_test_tmpdir():
    # pytest wipes --basetemp on start: TEST_TMPDIR itself would lose Bazel's own files.
    assert protocol.basetemp_args({"TEST_TMPDIR": "/t"}) == ["--basetemp=/t/pytest"]
    assert protocol.basetemp_args({}) == []


def test_junit_names_suite_after_target():
    env = {"XML_OUTPUT_FILE": "/o/test.xml", "TEST_TARGET": "//xtest:tdfs_js_ztdf"}
    assert protocol.junit_args(env) == ["--junitxml=/o/test.xml", "-o", "junit_suite_name=//xtest:tdfs_js_ztdf"]
    assert protocol.junit_args({}) == []


def test_test_filter_becomes_k_expression():
    assert protocol.filter_args({"TESTBRIDGE_TEST_ONLY": "roundtrip and not large"}) == [
        "-k",
        "roundtrip and not large",
    ]
    assert protocol.filter_args({"TESTBRIDGE_TEST_ONLY": ""}) == []
