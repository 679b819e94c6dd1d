"""Running the phases: plain pytest, and Bazel against its own output root and remote cache.

Every command's output goes to a log file in the benchmark's work directory (kept with --keep);
wall time is measured around the whole command, as a user would see it.
"""

from __future__ import annotations

import shlex
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tools.bench import cpu, profile, pytest_summary
from tools.bench.errors import ParseError, PhaseError
from tools.bench.matrix import BazelMatrix
from tools.bench.table import Row, bazel_row
from tools.ci.bazel_stats import RunStats, collect

# Variables that would point plain pytest at another platform; Bazel never passes them to tests.
PLATFORM_VARS = ("PLATFORMURL", "KASURL", "TOKENENDPOINT", "CLIENTID", "CLIENTSECRET", "PLATFORMENDPOINT")
# Plain pytest runs as a user's first run would: Python writes __pycache__ as it goes, so each
# module compiles once per run, not once per SDK call (some machines set PYTHONDONTWRITEBYTECODE;
# Bazel gets its .pyc files from the build, compiled_py_library and the pip repositories).
# A user's own SDK cache (e.g. a Java AppCDS archive kept across runs) would give plain pytest a head
# start no cold Bazel run has: plain makes its own per run, as Bazel's tests do.
PLAIN_UNSET = (*PLATFORM_VARS, "PYTHONDONTWRITEBYTECODE", "XTEST_SDK_CACHE_DIR", "XTEST_JAVA_CDS_DIR")


@dataclass
class Timed:
    exit_code: int
    seconds: float
    log: Path
    cpu_seconds: float | None = None  # busy CPU time of the whole machine meanwhile


def run_logged(cmd: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None, timeout: float = 3600) -> Timed:
    """Run cmd with stdout+stderr into `log`; PhaseError if it cannot start or exceeds the timeout."""
    with log.open("w", encoding="utf-8") as out:
        out.write(f"$ cd {shlex.quote(str(cwd))} && {shlex.join(cmd)}\n")
        out.flush()
        started = time.monotonic()
        cpu_before = cpu.busy_seconds()
        try:
            done = subprocess.run(
                cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise PhaseError(f"{shlex.join(cmd)} ran over {timeout:.0f}s; see {log}") from None
        except OSError as error:
            raise PhaseError(f"could not run {shlex.join(cmd)}: {error}") from None
    return Timed(done.returncode, time.monotonic() - started, log, cpu.spent(cpu_before, cpu.busy_seconds()))


def pytest_command(python: str, sdks: tuple[str, ...]) -> list[str]:
    return [python, "-m", "pytest", "-n", "auto", "--sdks", " ".join(sdks)]


def plain_pytest(tree: Path, python: str, sdks: tuple[str, ...], env: dict[str, str], log: Path, timeout: float) -> Row:
    """`cd xtest && pytest -n auto --sdks …` in the scratch copy.

    PhaseError when pytest could not run the suite (an exit other than 0 or 1, or no summary line):
    every ratio divides by this phase, so the benchmark stops here instead of timing Bazel against
    nothing.
    """
    env = {k: v for k, v in env.items() if k not in PLAIN_UNSET}
    timed = run_logged(pytest_command(python, sdks), tree / "xtest", log, env, timeout)
    text = log.read_text(encoding="utf-8", errors="replace")
    if timed.exit_code not in (0, 1):  # 1 = some tests failed, shown in the counts
        raise PhaseError(
            f"plain pytest exited {timed.exit_code}, so there is no baseline to compare Bazel with: "
            f"{pytest_summary.last_line(text)} (log: {log})"
        )
    try:
        counts = pytest_summary.outcome_counts(text)
    except ParseError as error:
        raise PhaseError(f"plain pytest: {error}; see {log}") from None
    outcome = f"{pytest_summary.count_run(counts)} tests: {pytest_summary.describe(counts)}"
    return Row("plain pytest -n auto", [timed.seconds], outcome=outcome, cpu_seconds=_listed(timed.cpu_seconds))


def _listed(value: float | None) -> list[float]:
    return [] if value is None else [value]


class Bazel:
    """`tools/bazel` of the scratch copy with its own output root and the benchmark's remote cache."""

    def __init__(self, tree: Path, output_user_root: Path, cache_url: str, logs: Path, timeout: float):
        self.tree = tree
        self.output_user_root = output_user_root
        self.cache_url = cache_url
        self.logs = logs
        self.timeout = timeout

    def command(self, *args: str) -> list[str]:
        return [str(self.tree / "tools" / "bazel"), f"--output_user_root={self.output_user_root}", *args]

    def test_flags(
        self, matrix: BazelMatrix, bep: Path, read_cache: bool = True, trace: Path | None = None
    ) -> list[str]:
        # --disk_cache= : only the benchmark's remote cache may serve results, whatever rc files say.
        # Without read_cache everything runs, and the results still go up: the cache then holds the
        # outputs this output base has (fixtures are random ciphertexts: a run that did not upload
        # would leave later test keys pointing at ciphertexts the cache does not have).
        return [
            "--config=ci",
            "--config=remote",
            f"--remote_cache={self.cache_url}",
            f"--remote_accept_cached={'true' if read_cache else 'false'}",
            "--disk_cache=",
            f"--build_event_json_file={bep}",
            *([f"--profile={trace}"] if trace else []),
            *matrix.flags,
            matrix.target,
        ]

    def test(self, name: str, matrix: BazelMatrix, read_cache: bool = True) -> tuple[Timed, RunStats]:
        bep = self.logs / f"{name}.bep.json"
        timed = run_logged(
            self.command("test", *self.test_flags(matrix, bep, read_cache, self.trace_path(name))),
            self.tree,
            self.logs / f"{name}.log",
            timeout=self.timeout,
        )
        if timed.exit_code not in (0, 3) and not bep.exists():
            raise PhaseError(f"bazel test failed before running tests (exit {timed.exit_code}); see {timed.log}")
        bep_text = bep.read_text(encoding="utf-8") if bep.exists() else ""
        return timed, collect(bep_text, timed.log.read_text(encoding="utf-8", errors="replace"))

    def test_row(self, phase: str, name: str, matrix: BazelMatrix, read_cache: bool = True) -> tuple[Row, RunStats]:
        timed, stats = self.test(name, matrix, read_cache)
        row = bazel_row(
            phase, [timed.seconds], stats, timed.exit_code, _listed(timed.cpu_seconds), self.breakdown(name)
        )
        return row, stats

    def trace_path(self, name: str) -> Path:
        return self.logs / f"{name}.profile.gz"

    def breakdown(self, name: str) -> str:
        """Where the phase's time went, from its `--profile`; a phase without a readable one says so."""
        try:
            events = profile.read_events(self.trace_path(name))
        except ParseError as error:
            return f"no profile: {error}"
        return profile.describe(profile.breakdown(events))

    def run(self, name: str, *args: str) -> Timed:
        timed = run_logged(self.command(*args), self.tree, self.logs / f"{name}.log", timeout=self.timeout)
        if timed.exit_code != 0:
            raise PhaseError(f"bazel {' '.join(args)} failed (exit {timed.exit_code}); see {timed.log}")
        return timed

    def release(self) -> str:
        """`Bazel release 7.1.0`; Debian's bazel-bootstrap says "development version", so ask dpkg too."""
        out = self.run("info-release", "info", "release").log.read_text(encoding="utf-8").splitlines()
        release = next((line for line in reversed(out) if line.startswith("release")), "")
        if release:
            return f"Bazel {release}"
        dpkg = ["dpkg-query", "-W", "-f", "${Version}", "bazel-bootstrap"]
        done = subprocess.run(dpkg, capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout.strip():
            return f"Bazel {done.stdout.strip()} (Debian bazel-bootstrap)"
        return "Bazel (release unknown)"

    def shutdown(self) -> None:
        """Stop this output root's Bazel server (best effort: also runs after failures)."""
        if self.output_user_root.exists():
            subprocess.run(self.command("shutdown"), cwd=self.tree, capture_output=True, check=False, timeout=120)
