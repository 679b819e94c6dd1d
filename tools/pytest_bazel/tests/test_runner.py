"""Runner argument handling and exit-code mapping (no Bazel needed)."""

import pytest

from tools.pytest_bazel.protocol import ShardInfo
from tools.pytest_bazel.runner import RunnerOptions, UsageError, interpret_exit, main, parse_args, pytest_argv


def test_runner_options_before_double_dash():
    assert parse_args(["--workers=2", "--", "-x", "t.py"]) == RunnerOptions(2, ("-x", "t.py"))
    assert parse_args(["--workers", "3", "--"]) == RunnerOptions(3, ())


def test_without_double_dash_everything_is_for_pytest():
    assert parse_args(["-x", "t.py"]) == RunnerOptions(1, ("-x", "t.py"))


def test_unknown_runner_option_is_named():
    with pytest.raises(UsageError, match="unknown runner option '--shards=3'"):
        parse_args(["--shards=3", "--", "t.py"])


@pytest.mark.parametrize("value", ["two", "-1"])
def test_bad_worker_count_is_named(value):
    with pytest.raises(UsageError, match="--workers"):
        parse_args([f"--workers={value}", "--"])


def test_main_reports_usage_error(capsys, tmp_path):
    status = tmp_path / "status"
    assert main(["--bogus", "--"], env={"TEST_SHARD_STATUS_FILE": str(status)}) == 4
    assert "unknown runner option '--bogus'" in capsys.readouterr().err
    assert status.exists(), "the status file must be touched even on early failure"


def test_argv_maps_every_protocol_variable():
    env = {
        "TEST_TMPDIR": "/t",
        "XML_OUTPUT_FILE": "/x.xml",
        "TESTBRIDGE_TEST_ONLY": "smoke",
        "TEST_TARGET": "//a:b",
    }
    argv = pytest_argv(RunnerOptions(2, ("t.py",)), env)
    assert argv[:4] == ["-p", "tools.pytest_bazel.sharding", "-p", "no:cacheprovider"]
    for expected in (["--basetemp=/t/pytest"], ["--junitxml=/x.xml"], ["-k", "smoke"], ["-n", "2"], ["t.py"]):
        start = argv.index(expected[0])
        assert argv[start : start + len(expected)] == expected


def test_single_worker_means_no_xdist():
    assert "-n" not in pytest_argv(RunnerOptions(1, ()), {})


@pytest.mark.parametrize(
    "code, shard, stats, expected",
    [
        (0, ShardInfo(0, 1), None, 0),
        (1, ShardInfo(0, 3), {"collected": 4, "kept": 2}, 1),
        (5, ShardInfo(2, 3), {"collected": 2, "kept": 0}, 0),  # empty shard: pass
        (5, ShardInfo(0, 3), {"collected": 0, "kept": 0}, 5),  # nothing collected at all: fail
        (5, ShardInfo(0, 1), {"collected": 0, "kept": 0}, 5),
        (5, ShardInfo(1, 3), None, 5),
    ],
)
def test_exit_code_mapping(code, shard, stats, expected):
    assert interpret_exit(code, shard, stats)[0] == expected
