"""plain_pytest against a stand-in interpreter (a script that prints what pytest would)."""

import gzip
import json
import stat

import pytest

from tools.bench.errors import PhaseError
from tools.bench.matrix import BazelMatrix
from tools.bench.phases import Bazel, plain_pytest


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


def _bazel(tmp_path):
    return Bazel(tmp_path, tmp_path / "root", "http://127.0.0.1:1", tmp_path, timeout=10)


def test_bazel_phases_ask_for_a_trace_profile(tmp_path):
    bazel = _bazel(tmp_path)
    flags = bazel.test_flags(BazelMatrix("full", ("ref",)), tmp_path / "cold.bep.json", trace=bazel.trace_path("cold"))
    assert f"--profile={tmp_path / 'cold.profile.gz'}" in flags
    assert flags[-1] == "//xtest:all"


def test_a_phase_breakdown_comes_from_its_profile_or_says_there_is_none(tmp_path):
    bazel = _bazel(tmp_path)
    assert bazel.breakdown("warm").startswith("no profile: ")
    test = {"cat": "action processing", "name": "Testing //xtest:self", "ph": "X", "ts": 0, "dur": 2_000_000}
    with gzip.open(bazel.trace_path("warm"), "wt", encoding="utf-8") as f:
        json.dump({"traceEvents": [test]}, f)
    assert "action-seconds: tests 2, fixtures 0, other 0" in bazel.breakdown("warm")
