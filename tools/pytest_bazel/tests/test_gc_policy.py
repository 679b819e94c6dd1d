"""The runner's garbage-collection policy, seen from inside a test it runs (subprocesses: the policy
changes the interpreter's collector, which must not leak into this process)."""

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).absolute().parents[3]

PROTOCOL_ENV = (
    "TEST_TMPDIR",
    "XML_OUTPUT_FILE",
    "TEST_TARGET",
    "TESTBRIDGE_TEST_ONLY",
    "TEST_SHARD_INDEX",
    "TEST_TOTAL_SHARDS",
    "TEST_SHARD_STATUS_FILE",
)

PROBE = """
import gc

def test_collector_runs_and_startup_is_frozen():
    assert gc.isenabled(), "tests must run with the cyclic collector on"
    assert gc.get_freeze_count() > 0, "objects made before the tests should be frozen"
"""


def _run(tmp_path: Path, *command: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_probe.py").write_text(PROBE)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]))
    for name in PROTOCOL_ENV:
        env.pop(name, None)  # the outer test's Bazel protocol is not the probe's (its basetemp least of all)
    return subprocess.run(
        [sys.executable, *command, "-p", "no:cacheprovider", "-q", str(tmp_path / "test_probe.py")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_runner_runs_tests_with_the_collector_on_and_startup_frozen(tmp_path):
    proc = _run(tmp_path, "-m", "tools.pytest_bazel", "--")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_plain_pytest_freezes_nothing(tmp_path):
    """The probe can fail: without the runner nothing is frozen."""
    proc = _run(tmp_path, "-m", "pytest")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "objects made before the tests should be frozen" in proc.stdout
