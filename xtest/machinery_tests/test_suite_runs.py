"""End-to-end runs of the real suite with fake adapters: broken SDKs, missing SDKs, owner partition."""

from __future__ import annotations

import contextlib
import json
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import STUB, XTEST, run_suite, write_adapter

REF = f'exec "{XTEST}/sdk/ref/cli.sh" "$@"\n'
BROKEN = """
case $1 in
  installed) exit 0 ;;
  supports) exit 1 ;;
  *) echo "BROKEN-SDK-MARKER: $1 failed on purpose" >&2; exit 1 ;;
esac
"""
GARBAGE = """
case $1 in
  installed) exit 0 ;;
  supports) exit 1 ;;
  *) head -c 300 /dev/urandom > "$3"; exit 0 ;;
esac
"""
MISSING = """
echo "MISSING-SDK-HINT: run install-me.sh" >&2
[ "$1" = supports ] && exit 1
exit 3
"""


def _results(junit: Path) -> dict[str, str]:
    """nodeid-ish test name → outcome text (passed/failed message/skipped)."""
    out = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        failure = case.find("failure")
        if failure is None:
            failure = case.find("error")
        skipped = case.find("skipped")
        if failure is not None:
            out[case.get("name")] = "failed: " + (failure.get("message", "") + (failure.text or ""))
        elif skipped is not None:
            out[case.get("name")] = "skipped"
        else:
            out[case.get("name")] = "passed"
    return out


def test_broken_and_garbage_sdks_fail_exactly_their_tests(sdk_dir, tmp_path):
    write_adapter(sdk_dir, "ref", REF)
    write_adapter(sdk_dir, "broken", BROKEN)
    write_adapter(sdk_dir, "garbage", GARBAGE)
    junit = tmp_path / "junit.xml"
    args = [
        "test_tdfs.py",
        "-k",
        "test_tdf_roundtrip and small",
        "--containers",
        "ztdf",
        f"--junitxml={junit}",
        "-n",
        "0",
    ]
    proc = run_suite(args, sdk_dir)
    assert proc.returncode == 1, proc.describe
    results = _results(junit)
    assert len(results) == 9, proc.describe
    for name, outcome in results.items():
        pair = name[name.index("[") + 1 : -1]
        enc, dec = pair.split("-")[0], pair.split("-")[1]
        if enc == dec == "ref@main":
            assert outcome == "passed", f"{name}: {outcome}"
        elif enc == "broken@main" or (enc == "ref@main" and dec == "broken@main"):
            assert outcome.startswith("failed") and "BROKEN-SDK-MARKER" in outcome, f"{name}: {outcome[:500]}"
            assert "SDK broken@main exited 1" in outcome, f"{name}: the message must name the SDK and exit code"
        else:
            assert outcome.startswith("failed"), f"{name} involves the garbage SDK and must fail: {outcome}"


def test_missing_sdk_is_reported_not_collected(sdk_dir):
    write_adapter(sdk_dir, "a", STUB)
    write_adapter(sdk_dir, "missing", MISSING)
    proc = run_suite(["--collect-only", "-q", "test_tdfs.py"], sdk_dir)
    assert proc.returncode == 0, proc.describe
    assert "SDK missing@main NOT INSTALLED" in proc.stdout and "MISSING-SDK-HINT" in proc.stdout, proc.describe
    assert "missing@main" not in "".join(line for line in proc.stdout.splitlines() if "::" in line)
    # Asking for it by name is a usage error when tests would run (collect-only lists it instead).
    explicit = run_suite(["-q", "--sdks", "missing", "-k", "no_such_test", "test_tdfs.py"], sdk_dir)
    assert explicit.returncode == 4 and "requested SDK not installed" in explicit.stderr, explicit.describe
    listed = run_suite(["--collect-only", "-q", "--sdks", "missing", "test_tdfs.py"], sdk_dir)
    assert listed.returncode == 0 and "missing@main" in listed.stdout, listed.describe


def test_unknown_sdk_spec_is_a_usage_error(sdk_dir):
    write_adapter(sdk_dir, "a", STUB)
    proc = run_suite(["--collect-only", "-q", "--sdks", "nope"], sdk_dir)
    assert proc.returncode == 4 and "unknown SDK 'nope'" in proc.stderr and "valid SDK names: a" in proc.stderr, (
        proc.describe
    )


@contextlib.contextmanager
def _kas_port_held():
    """Hold KAS alpha's fixed port (8181, taken by any embedded platform whatever its main port)."""
    with socket.socket() as holder:
        try:
            holder.bind(("127.0.0.1", 8181))
            holder.listen()
        except OSError:
            pass  # something else holds it already: the same situation
        yield


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _assert_cannot_start(proc) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode == 4, proc.describe
    assert "the embedded platform cannot start" in output and "8181" in output, proc.describe
    assert "INTERNALERROR" not in output, proc.describe


@pytest.mark.parametrize(
    "args",
    [
        ["-n", "1", "-k", "no-such-test"],  # xdist workers: the controller starts it before they spawn
        ["test_self.py", "-k", "test_namespaces_list"],  # no workers: the first test that needs it
    ],
    ids=["workers", "on-first-use"],
)
def test_platform_that_cannot_start_is_a_usage_error(sdk_dir, args):
    """A KAS port another process holds: exit 4 with the reason, not an INTERNALERROR traceback."""
    write_adapter(sdk_dir, "a", STUB)
    with _kas_port_held():
        proc = run_suite(["-q", "--sdks", "a", *args], sdk_dir, extra_env={"XTEST_PLATFORM_PORT": str(_free_port())})
    _assert_cannot_start(proc)


def test_a_run_whose_tests_all_skip_starts_no_platform(sdk_dir):
    """Without workers the platform waits for its first use: here none comes, so a held KAS port is no error."""
    write_adapter(sdk_dir, "a", STUB)  # supports nothing: every nano test skips before an SDK call
    args = ["-q", "-rs", "--sdks", "a", "test_nano.py"]
    with _kas_port_held():
        proc = run_suite(args, sdk_dir, extra_env={"XTEST_PLATFORM_PORT": str(_free_port())})
    assert proc.returncode == 0, proc.describe
    assert "passed" not in proc.stdout and " skipped" in proc.stdout, proc.describe
    assert "a@main does not support nano" in proc.stdout, proc.describe
    assert "embedded platform: never started: no test needed it" in proc.stdout, proc.describe


def _collect(sdk_dir: Path, tmp_path: Path, *extra: str) -> list[dict]:
    out = tmp_path / f"owners-{len(list(tmp_path.iterdir()))}.jsonl"
    proc = run_suite(["--collect-only", "-q", f"--list-owners={out}", *extra], sdk_dir)
    assert proc.returncode == 0, proc.describe
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.mark.parametrize("versions", [("main",), ("v1", "v2")])
def test_owner_partition_covers_every_test_once(sdk_dir, tmp_path, versions):
    for v in versions:
        write_adapter(sdk_dir, "a", STUB, None if v == "main" else v)
    write_adapter(sdk_dir, "b", STUB)
    everything = _collect(sdk_dir, tmp_path)
    ids = [row["nodeid"] for row in everything]
    assert len(ids) == len(set(ids)) and len(ids) > 100
    owners = {(tuple(row["owner_sdks"]), row["container"]) for row in everything}
    assert ((), "none") in owners and any(c == "nano" for _, c in owners)
    assert any(len(sdks) == 2 for sdks, _ in owners), "cross-SDK tests belong to their SDK pair"
    seen: list[str] = []
    for sdks, container in sorted(owners):
        part = _collect(sdk_dir, tmp_path, "--owner-sdks", " ".join(sdks) or "none", "--owner-containers", container)
        assert all((tuple(r["owner_sdks"]), r["container"]) == (sdks, container) for r in part)
        seen += [r["nodeid"] for r in part]
    assert sorted(seen) == sorted(ids), "the owner shards must partition the collection"


def test_prebuilt_fixture_is_used_instead_of_encrypting(sdk_dir, tmp_path):
    """A file made by ``python -m xtest.scenarios build`` under its ``name`` is what the suite reads.

    Builder and suite share one platform (as Bazel's fixture action and shard share localhost:8080).
    """
    import os
    import subprocess
    import sys

    from tools.platform import EmbeddedPlatform

    write_adapter(sdk_dir, "ref", REF)
    prebuilt = tmp_path / "prebuilt"
    prebuilt.mkdir()
    base = [sys.executable, "-m", "xtest.scenarios"]
    spec = ["--sdk", "ref", "--container", "ztdf", "--scenario", "small", "--target-mode", "4.3.0"]
    with EmbeddedPlatform(port=0) as platform:
        env = dict(os.environ, XTEST_SDK_DIR=str(sdk_dir), **platform.env())
        run = {"cwd": XTEST.parent, "env": env, "capture_output": True, "text": True}
        out = prebuilt / subprocess.run([*base, "name", *spec], check=True, **run).stdout.strip()
        subprocess.run([*base, "build", *spec, "--out", str(out)], check=True, **run)
        args = ["test_tdfs.py", "-k", "test_tdf_spec_target_430", "-n", "0"]
        proc = run_suite(args, sdk_dir, extra_env={"XTEST_PREBUILT_DIR": str(prebuilt), **platform.env()})
    assert proc.returncode == 0, proc.describe
    assert "encrypt operations=0 cache hits=0 prebuilt=1" in proc.stdout, proc.describe
