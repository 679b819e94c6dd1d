"""State shared by every process of one pytest run (xdist controller and workers), on disk.

Lives under the controller's base temp dir, which is each worker's ``getbasetemp().parent``
(xdist gives worker N ``--basetemp=<base>/gwN``), so it is per-run and inside Bazel's
TEST_TMPDIR when the runner passes ``--basetemp``. Cross-process exclusion is a FileLock next to
each artifact: the first process makes it, the others wait and reuse it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import filelock
import pytest

T = TypeVar("T")
_DIR = pytest.StashKey[Path]()


def worker_id(config: pytest.Config) -> str:
    """xdist worker id (``gw0`` …) or ``master`` outside xdist; used in every per-worker file name."""
    workerinput = getattr(config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


def shared_dir(config: pytest.Config) -> Path:
    """The run-wide shared directory (created on first use)."""
    if _DIR not in config.stash:
        # pytest's TempPathFactory is reached through config because the controller runs no
        # fixtures under xdist; xdist itself reads the same attribute to place worker basetemps.
        base = config._tmp_path_factory.getbasetemp()  # noqa: SLF001
        root = base.parent if hasattr(config, "workerinput") else base
        path = root / "xtest-shared"
        path.mkdir(parents=True, exist_ok=True)
        config.stash[_DIR] = path
    return config.stash[_DIR]


def safe_name(text: str) -> str:
    """A file-name-safe form of ``text``."""
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", text)[:150]


def json_once(path: Path, make: Callable[[], T]) -> T:
    """Return the JSON stored at ``path``, or run ``make`` once across processes and store its result."""
    with filelock.FileLock(str(path) + ".lock"):
        if path.is_file():
            return json.loads(path.read_text())
        value = make()
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(value))
        tmp.replace(path)
        return value


def append_line(path: Path, record: dict) -> None:
    """Append one JSON line to ``path`` under its lock (counters shared by all workers)."""
    with filelock.FileLock(str(path) + ".lock"), path.open("a") as f:
        f.write(json.dumps(record, sort_keys=True) + "\n")


def read_lines(path: Path) -> list[dict]:
    """Every JSON line appended to ``path`` (empty if none)."""
    if not path.is_file():
        return []
    with filelock.FileLock(str(path) + ".lock"):
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
