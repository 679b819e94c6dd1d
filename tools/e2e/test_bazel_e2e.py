"""End to end: `bazel test` on a tiny workspace using pytest_test from tools/defs.bzl.

Shows what unit tests cannot: 3 shards x 2 xdist workers run every test exactly once, an empty
shard passes, --test_filter reaches pytest, a failing test fails its target, and tags are
queryable. Also a lock line without a hash fails the fetch with a message naming it.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tools.e2e.bazel_driver import ScratchWorkspace, external_repo_dir, runfiles_path

TEST_NAMES = [f"test_{letter}" for letter in "abcdefg"]

TEST_FILE = "\n".join(f"def {name}():\n    assert True\n" for name in TEST_NAMES)

BUILD_FILE = """\
load("@xtest//tools:defs.bzl", "pytest_test")

pytest_test(
    name = "sharded",
    srcs = ["test_many.py"],
    shard_count = 3,
    tags = ["cpu:2", "sdk-js", "container-ztdf"],
)

pytest_test(
    name = "more_shards_than_tests",
    srcs = ["test_two.py"],
    shard_count = 4,
)

pytest_test(
    name = "failing",
    srcs = ["test_failing.py"],
    tags = ["sdk-go"],
)
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    source_root = Path(os.path.realpath(runfiles_path("xtest/tools/defs.bzl"))).parent.parent
    ws = ScratchWorkspace(
        tmp_path_factory.mktemp("e2e") / "ws",
        source_root=source_root,
        pip_dir=external_repo_dir("pip/BUILD.bazel"),
        python_dir=external_repo_dir("local_python/BASE_PYTHON"),
    )
    ws.write("BUILD.bazel", BUILD_FILE)
    ws.write("test_many.py", TEST_FILE)
    ws.write("test_two.py", "def test_one():\n    pass\n\ndef test_two():\n    pass\n")
    ws.write("test_failing.py", "def test_passes():\n    pass\n\ndef test_breaks():\n    assert 1 == 2, 'deliberate'\n")
    yield ws
    ws.shutdown()


def executed_tests(testlogs: Path, target: str) -> list[str]:
    """Test case names from every shard's JUnit XML of a target (skips excluded)."""
    names = []
    for xml in sorted((testlogs / target).rglob("test.xml")):
        for case in ET.parse(xml).getroot().iter("testcase"):
            if case.find("skipped") is None:
                names.append(case.get("name"))
    return names


def test_three_shards_with_two_workers_run_each_test_once(workspace):
    result = workspace.bazel("test", "//:sharded")
    assert result.returncode == 0, result.describe()
    assert sorted(executed_tests(workspace.testlogs(), "sharded")) == TEST_NAMES, result.describe()
    shard_logs = sorted((workspace.testlogs() / "sharded").glob("shard_*_of_3/test.log"))
    assert len(shard_logs) == 3
    for log in shard_logs:
        assert re.search(r"created: 2/2 workers|2 workers \[", log.read_text()), log.read_text()


def test_empty_shards_pass(workspace):
    result = workspace.bazel("test", "//:more_shards_than_tests")
    assert result.returncode == 0, result.describe()
    assert sorted(executed_tests(workspace.testlogs(), "more_shards_than_tests")) == ["test_one", "test_two"]


def test_test_filter_reaches_pytest(workspace):
    result = workspace.bazel("test", "//:sharded", "--test_filter=test_c or test_e")
    assert result.returncode == 0, result.describe()
    assert sorted(executed_tests(workspace.testlogs(), "sharded")) == ["test_c", "test_e"]


def test_failing_test_fails_its_target(workspace):
    result = workspace.bazel("test", "//:failing")
    assert result.returncode == 3, result.describe()  # 3 = build OK, tests failed
    assert "//:failing" in result.stdout + result.stderr and "FAILED" in result.stdout + result.stderr
    log = (workspace.testlogs() / "failing" / "test.log").read_text()
    assert "test_breaks" in log and "deliberate" in log


def test_query_finds_targets_by_tag(workspace):
    result = workspace.bazel("query", 'attr(tags, "sdk-js", tests(//...))')
    assert result.returncode == 0, result.describe()
    assert result.stdout.split() == ["//:sharded"]


def test_lock_line_without_hash_fails_with_its_name(workspace):
    workspace.write("bad_lock.txt", "iniconfig==2.3.1\n")
    workspace.write(
        "WORKSPACE",
        (workspace.root / "WORKSPACE").read_text()
        + 'load("@xtest//tools/private:python_repos.bzl", "pip_locked")\n'
        + 'pip_locked(name = "badpip", lock = "//:bad_lock.txt")\n',
    )
    result = workspace.bazel("build", "@badpip//:all")
    assert result.returncode != 0, result.describe()
    assert "'iniconfig==2.3.1' has no --hash" in result.stderr, result.describe()
