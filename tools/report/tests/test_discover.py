from pathlib import Path

import pytest

from tools.report import discover
from tools.report.errors import NoResultsError, RepoRootError


@pytest.mark.parametrize(
    ("rel", "label"),
    [
        ("xtest/tdfs_js_ztdf/test.xml", "//xtest:tdfs_js_ztdf"),
        ("xtest/tdfs_py/shard_2_of_3/test.xml", "//xtest:tdfs_py (shard 2/3)"),
        ("tools/report/unit_tests/test.xml", "//tools/report:unit_tests"),
    ],
)
def test_target_of(rel, label):
    logs = Path("/logs")
    assert discover.target_of(logs / rel, logs) == label


def test_find_test_xml_finds_shards_and_ignores_other_files(tmp_path):
    for rel in ("xtest/a/test.xml", "xtest/b/shard_1_of_2/test.xml", "xtest/b/shard_2_of_2/test.xml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<testsuites/>")
    (tmp_path / "xtest/a/test_attempts").mkdir()
    (tmp_path / "xtest/a/test_attempts/attempt_1.xml").write_text("<testsuites/>")
    (tmp_path / "other").mkdir()
    (tmp_path / "other/test.xml").write_text("<testsuites/>")
    found = [p.relative_to(tmp_path).as_posix() for p in discover.find_test_xml(tmp_path)]
    assert found == ["xtest/a/test.xml", "xtest/b/shard_1_of_2/test.xml", "xtest/b/shard_2_of_2/test.xml"]


def test_no_results_says_how_to_get_some(tmp_path):
    with pytest.raises(NoResultsError, match=r"no test\.xml under .*xtest; run `tools/bazel test //xtest:all`"):
        discover.find_test_xml(tmp_path)


def test_repo_root_from_workspace_file_or_bazel_run(tmp_path):
    (tmp_path / "WORKSPACE").write_text("")
    (tmp_path / "a/b").mkdir(parents=True)
    assert discover.repo_root(tmp_path / "a/b", {}) == tmp_path
    assert discover.repo_root(Path("/elsewhere"), {"BUILD_WORKSPACE_DIRECTORY": "/ws"}) == Path("/ws")


def test_repo_root_not_found(tmp_path):
    with pytest.raises(RepoRootError, match="no WORKSPACE file"):
        discover.repo_root(tmp_path, {})
