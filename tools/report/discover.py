"""Where the JUnit XML files are and which Bazel target (and shard) each belongs to.

Bazel writes ``<testlogs>/<package>/<target>/test.xml``, or
``<testlogs>/<package>/<target>/shard_N_of_M/test.xml`` for sharded targets; this repo's
``--symlink_prefix=.bazel/`` puts ``<testlogs>`` at ``.bazel/testlogs``. Retried attempts of
flaky tests live under ``test_attempts/`` with other names and are not read (the final attempt's
result is the test.xml).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tools.report.errors import NoResultsError, RepoRootError

DEFAULT_TESTLOGS = Path(".bazel/testlogs")
XTEST_PACKAGE = "xtest"
_SHARD = re.compile(r"shard_(\d+)_of_(\d+)")


def repo_root(start: Path, env: dict[str, str] | os._Environ[str]) -> Path:
    """The workspace root: ``BUILD_WORKSPACE_DIRECTORY`` under ``bazel run``, else the nearest
    ancestor of ``start`` holding a WORKSPACE file."""
    if env.get("BUILD_WORKSPACE_DIRECTORY"):
        return Path(env["BUILD_WORKSPACE_DIRECTORY"])
    for d in (start, *start.parents):
        if (d / "WORKSPACE").is_file() or (d / "WORKSPACE.bazel").is_file():
            return d
    raise RepoRootError(f"no WORKSPACE file in {start} or any parent; run from the repo or pass --testlogs/--junit")


def find_test_xml(testlogs: Path) -> list[Path]:
    """Every ``test.xml`` of the xtest package under ``testlogs``, sorted; raises when there is none."""
    base = testlogs / XTEST_PACKAGE
    found = sorted(base.rglob("test.xml")) if base.is_dir() else []
    if not found:
        raise NoResultsError(
            f"no test.xml under {base}; run `tools/bazel test //xtest:all` first, "
            "or pass --junit FILE from `pytest --junitxml=FILE`"
        )
    return found


def target_of(xml_path: Path, testlogs: Path) -> str:
    """``//xtest:tdfs_py (shard 1/2)`` for ``<testlogs>/xtest/tdfs_py/shard_1_of_2/test.xml``."""
    parts = list(xml_path.relative_to(testlogs).parent.parts)
    shard = ""
    if parts and (m := _SHARD.fullmatch(parts[-1])):
        shard = f" (shard {m.group(1)}/{m.group(2)})"
        parts.pop()
    if not parts:
        return str(xml_path)
    return f"//{'/'.join(parts[:-1])}:{parts[-1]}{shard}"
