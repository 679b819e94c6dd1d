"""Machine-wide CPU time spent during a phase, from /proc/stat (Linux).

Wall time alone cannot tell "Bazel does more work" from "Bazel leaves cores idle"; busy CPU
seconds across all cores can. Everything else running on the machine counts too: the report says so.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC_STAT = Path("/proc/stat")
# user nice system idle iowait irq softirq steal (guest time is already inside user).
_BUSY_FIELDS = (0, 1, 2, 5, 6, 7)


def busy_ticks(stat_text: str) -> int:
    """Busy clock ticks of all cores from /proc/stat's aggregate `cpu ` line."""
    for line in stat_text.splitlines():
        if line.startswith("cpu "):
            values = [int(v) for v in line.split()[1:]]
            return sum(values[i] for i in _BUSY_FIELDS if i < len(values))
    raise ValueError("no aggregate 'cpu ' line in /proc/stat text")


def busy_seconds() -> float | None:
    """Busy CPU seconds since boot, or None where /proc/stat is not available."""
    try:
        return busy_ticks(PROC_STAT.read_text()) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def spent(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before
