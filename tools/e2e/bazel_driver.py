"""Drive a real `bazel` on a scratch workspace from inside a test (Bazel-in-Bazel).

The scratch workspace loads this repository's rules as `@xtest` and reuses the outer build's
Python toolchain and pip repository, so no network is needed. Every result can describe itself
as a copy-pasteable command line with its output, for failure messages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class BazelResult:
    command: list[str]
    cwd: Path
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return (
            f"cd {self.cwd} && {' '.join(self.command)}\n"
            f"exit {self.returncode}\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


def real_bazel() -> str:
    """The Bazel binary, never the Debian launcher script (it would re-enter tools/bazel)."""
    for candidate in (os.environ.get("BAZEL_REAL", ""), shutil.which("bazel-4") or "", "/usr/bin/bazel-4"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("no Bazel binary found (looked at $BAZEL_REAL, bazel-4 on PATH, /usr/bin/bazel-4)")


def external_repo_dir(runfile: str) -> Path:
    """The outer build's external repository holding `runfile` (a runfiles path like pip/BUILD.bazel)."""
    path = runfiles_path(runfile)
    return Path(os.path.realpath(path)).parent


def runfiles_path(relative: str) -> Path:
    root = Path(os.environ.get("RUNFILES_DIR") or os.environ.get("TEST_SRCDIR") or ".")
    candidate = root / relative
    if not candidate.exists():
        raise FileNotFoundError(f"{relative} is not in the runfiles at {root}")
    return candidate


BAZELRC = """\
build --nosandbox_debug
build --incompatible_strict_action_env
build --incompatible_default_to_explicit_init_py
build --nolegacy_external_runfiles
build --jobs=4 --local_cpu_resources=8
test --local_test_jobs=4
test --test_output=errors
"""


def workspace_file(source_root: Path, pip_dir: Path, python_dir: Path) -> str:
    return f"""\
workspace(name = "e2e")
local_repository(name = "rules_cc", path = "{source_root}/third_party/rules_cc_shim")
local_repository(name = "rules_java", path = "/usr/share/bazel/rules/java")
local_repository(name = "remote_coverage_tools", path = "{source_root}/third_party/coverage_tools_stub")
local_repository(name = "xtest", path = "{source_root}")
local_repository(name = "local_python", path = "{python_dir}")
register_toolchains("@local_python//:toolchain")
local_repository(name = "pip", path = "{pip_dir}")
"""


class ScratchWorkspace:
    """A workspace in a temp dir with its own output root; call shutdown() when done."""

    def __init__(self, root: Path, source_root: Path, pip_dir: Path, python_dir: Path):
        self.root = root
        self.output_user_root = root.parent / (root.name + "-out")
        root.mkdir(parents=True, exist_ok=True)
        self.write("WORKSPACE", workspace_file(source_root, pip_dir, python_dir))
        self.write(".bazelrc", BAZELRC)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def bazel(self, *args: str, timeout: float = 600) -> BazelResult:
        command = [real_bazel(), f"--output_user_root={self.output_user_root}", *args]
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TEST_", "RUNFILES", "BAZEL_", "XML_", "TESTBRIDGE"))
        }
        env["HOME"] = str(self.root.parent)
        done = subprocess.run(
            command, check=False, cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout
        )
        return BazelResult(command, self.root, done.returncode, done.stdout, done.stderr)

    def testlogs(self) -> Path:
        return self.root / "bazel-testlogs"

    def shutdown(self) -> None:
        self.bazel("shutdown", timeout=60)
