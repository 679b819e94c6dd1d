"""plain_pytest against a stand-in interpreter (a script that prints what pytest would)."""

import stat

import pytest

from tools.bench.errors import PhaseError
from tools.bench.phases import plain_pytest


def _fake_python(tmp_path, output: str, exit_code: int) -> str:
    script = tmp_path / "fake-python"
    script.write_text(f"#!/bin/sh\ncat <<'OUT'\n{output}\nOUT\nexit {exit_code}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    (tmp_path / "xtest").mkdir()
    return str(script)


def test_a_finished_run_becomes_the_baseline_row(tmp_path):
    python = _fake_python(tmp_path, "=== 3 passed, 1 skipped in 1.50s ===", 0)
    row = plain_pytest(tmp_path, python, ("ref",), {}, tmp_path / "pytest.log", timeout=30)
    assert row.outcome == "4 tests: 3 passed, 1 skipped"
    assert len(row.seconds) == 1


def test_failing_tests_still_make_a_baseline(tmp_path):
    python = _fake_python(tmp_path, "=== 1 failed, 2 passed in 1.50s ===", 1)
    row = plain_pytest(tmp_path, python, ("ref",), {}, tmp_path / "pytest.log", timeout=30)
    assert row.outcome == "3 tests: 1 failed, 2 passed"


def test_pytest_that_could_not_run_stops_the_benchmark_and_says_why(tmp_path):
    output = "INTERNALERROR> Traceback\nINTERNALERROR> StartupError: cannot listen on 127.0.0.1:8181\n"
    python = _fake_python(tmp_path, output, 3)
    with pytest.raises(PhaseError, match=r"exited 3, so there is no baseline.*StartupError: cannot listen"):
        plain_pytest(tmp_path, python, ("ref",), {}, tmp_path / "pytest.log", timeout=30)


def test_no_summary_line_stops_the_benchmark(tmp_path):
    python = _fake_python(tmp_path, "collected 0 items", 0)
    with pytest.raises(PhaseError, match="no closing summary line"):
        plain_pytest(tmp_path, python, ("ref",), {}, tmp_path / "pytest.log", timeout=30)
