"""The scratch copy: committed tree only, touched adapter, removable Bazel output."""

import subprocess

import pytest

from tools.bench.errors import SetupError
from tools.bench.scratch import TOUCH_LINE, make_copy, remove_tree, touch_adapter


def _git(repo, *args):
    cmd = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "xtest/sdk/js").mkdir(parents=True)
    (repo / "xtest/sdk/js/cli.sh").write_text("#!/bin/sh\necho js\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "init")
    (repo / "uncommitted.txt").write_text("work in progress")
    return repo


def test_copy_holds_the_committed_tree_only(repo, tmp_path):
    commit = make_copy(repo, "HEAD", tmp_path / "copy")
    assert commit == _git(repo, "rev-parse", "HEAD").strip()
    assert (tmp_path / "copy/xtest/sdk/js/cli.sh").read_text() == "#!/bin/sh\necho js\n"
    assert not (tmp_path / "copy/uncommitted.txt").exists()


def test_unknown_revision_is_a_setup_error(repo, tmp_path):
    with pytest.raises(SetupError, match="rev-parse"):
        make_copy(repo, "no-such-branch", tmp_path / "copy")


def test_touch_appends_to_the_copy_only(repo, tmp_path):
    make_copy(repo, "HEAD", tmp_path / "copy")
    path = touch_adapter(tmp_path / "copy", "js", 0)
    assert path.read_text() == "#!/bin/sh\necho js\n" + TOUCH_LINE.format(n=0)
    assert (repo / "xtest/sdk/js/cli.sh").read_text() == "#!/bin/sh\necho js\n"


def test_touching_a_missing_adapter_fails(repo, tmp_path):
    make_copy(repo, "HEAD", tmp_path / "copy")
    with pytest.raises(SetupError, match="xtest/sdk/rust/cli.sh"):
        touch_adapter(tmp_path / "copy", "rust", 0)


def test_remove_tree_removes_read_only_directories(tmp_path):
    locked = tmp_path / "out/external/dir"
    locked.mkdir(parents=True)
    (locked / "file").write_text("x")
    locked.chmod(0o555)
    (tmp_path / "out/external").chmod(0o555)
    remove_tree(tmp_path / "out")
    assert not (tmp_path / "out").exists()
