from pathlib import Path

from tools.report import cli
from tools.report.tests import samples as s


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def make_testlogs(tmp_path: Path) -> Path:
    """A Bazel testlogs tree: one target in two shards plus an unsharded one."""
    logs = tmp_path / "logs"
    write(logs / "xtest/tdfs_js/shard_1_of_2/test.xml", s.doc(s.case(s.roundtrip("js@main", "py@main", "nano"))))
    write(
        logs / "xtest/tdfs_js/shard_2_of_2/test.xml",
        s.doc(s.case(s.roundtrip("js@main", "py@main", "nano", "large"), s.failure("boom"))),
    )
    write(logs / "xtest/tdfs_py/test.xml", s.doc(s.case(s.roundtrip("py@main", "py@main", "nano"))))
    return logs


def test_testlogs_to_stdout_names_the_shard(tmp_path, capsys):
    assert cli.main(["--testlogs", str(make_testlogs(tmp_path))], env={}) == 0
    out = capsys.readouterr().out
    assert "**3 tests**: 2 passed, 1 failed, 0 skipped, 0 xfailed, from 3 result files" in out
    assert "| `js@main` | [❌ 1/1/0/0](#fail-nano-js-main-py-main) |" in out
    assert "in `//xtest:tdfs_js (shard 2/2)` (failure): boom" in out


def test_default_reads_repo_testlogs_and_writes_files(tmp_path, capsys, monkeypatch):
    write(tmp_path / "WORKSPACE", "")
    (tmp_path / ".bazel").mkdir()
    make_testlogs(tmp_path).rename(tmp_path / ".bazel/testlogs")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--markdown", "r.md", "--html", "r.html"], env={}) == 0
    assert capsys.readouterr().out == ""
    assert "#fail-nano-js-main-py-main" in (tmp_path / "r.md").read_text()
    assert 'href="#fail-nano-js-main-py-main"' in (tmp_path / "r.html").read_text()


def test_bazel_run_paths_are_relative_to_the_callers_directory(tmp_path, capsys):
    logs = make_testlogs(tmp_path)
    env = {"BUILD_WORKING_DIRECTORY": str(tmp_path)}
    assert cli.main(["--testlogs", logs.name, "--html", "out.html"], env=env) == 0
    assert "<table>" in (tmp_path / "out.html").read_text()
    assert "## Cross-SDK matrix" in capsys.readouterr().out


def test_junit_files_use_the_bazel_suite_name(tmp_path, capsys):
    f = write(tmp_path / "x.xml", s.doc(s.case("test_a", s.failure("bad")), suite="//xtest:tdfs_ref"))
    g = write(tmp_path / "y.xml", s.doc(s.case("test_b", s.failure("worse"))))
    assert cli.main(["--junit", str(f), str(g)], env={}) == 0
    out = capsys.readouterr().out
    assert "`test_tdfs.py::test_a` in `//xtest:tdfs_ref` (failure): bad" in out
    assert f"`test_tdfs.py::test_b` in `{g}` (failure): worse" in out


def test_missing_results_fail_with_one_line(tmp_path, capsys):
    assert cli.main(["--testlogs", str(tmp_path)], env={}) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: no test.xml under {tmp_path}/xtest;") and err.count("\n") == 1


def test_unreadable_and_malformed_inputs(tmp_path, capsys):
    assert cli.main(["--junit", str(tmp_path / "nope.xml")], env={}) == 1
    assert "error: cannot read JUnit XML" in capsys.readouterr().err
    bad = write(tmp_path / "bad.xml", "<testsuites>")
    assert cli.main(["--junit", str(bad)], env={}) == 1
    assert f"error: {bad}: not well-formed XML" in capsys.readouterr().err
