"""Optional persistence of the policy state (`--state FILE`), so a restart keeps it.

Writes are atomic (temp file in the same directory, fsync, os.replace): a crash mid-write
leaves the previous state, never a torn file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from tools.platform.errors import StartupError

FORMAT = "opentdf-embedded-platform-state/1"


class StateFile:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def load(self) -> dict | None:
        if not self.path.exists():
            return None
        try:
            doc = json.loads(self.path.read_text())
        except (OSError, json.JSONDecodeError) as e:
            raise StartupError(f"cannot read state file {self.path}: {e}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise StartupError(f"state file {self.path} is not a {FORMAT} document")
        return doc["policy"]

    def save(self, policy_state: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w") as f:
                json.dump({"format": FORMAT, "policy": policy_state}, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
