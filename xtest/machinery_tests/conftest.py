"""Helpers for tests of the suite machinery: fake SDK adapter dirs and nested pytest runs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

XTEST = Path(__file__).absolute().parent.parent


def write_adapter(root: Path, name: str, body: str, version: str | None = None) -> Path:
    """Create ``root/<name>/cli.sh`` (or ``dist/<version>/cli.sh``) running bash ``body``."""
    d = root / name if version is None else root / name / "dist" / version
    d.mkdir(parents=True, exist_ok=True)
    cli = d / "cli.sh"
    cli.write_text("#!/usr/bin/env bash\nset -u\n" + textwrap.dedent(body))
    cli.chmod(0o755)
    return cli


STUB = """
case $1 in
  installed) exit 0 ;;
  supports) exit 1 ;;
  *) echo "stub adapter cannot $1" >&2; exit 1 ;;
esac
"""


@pytest.fixture
def sdk_dir(tmp_path: Path) -> Path:
    root = tmp_path / "sdk"
    root.mkdir()
    return root


def run_suite(args: list[str], sdk_root: Path, cwd: Path = XTEST, extra_env: dict | None = None, timeout=600):
    """Run the real suite (xtest/) in a subprocess with adapters from ``sdk_root``."""
    scrub = ("PLATFORM", "KASURL", "KCFULLURL", "TOKENENDPOINT", "XT_WITH_", "PYTEST_", "XTEST_EMBEDDED")
    env = {k: v for k, v in os.environ.items() if not k.startswith(scrub)}
    env.update({"XTEST_SDK_DIR": str(sdk_root), "XTEST_PLATFORM_PORT": "0"}, **(extra_env or {}))
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]
    proc = subprocess.run(cmd, check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    proc.describe = f"cd {cwd} && XTEST_SDK_DIR={sdk_root} {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}"
    return proc
