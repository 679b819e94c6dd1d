"""The benchmark's result rows, ratio math and Markdown rendering (pure).

Ratios compare phases of ONE benchmark run with that run's plain-pytest phase; numbers from
other runs or machines are never mixed in.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from tools.ci.bazel_stats import RunStats

CACHE_HITS = ("remote cache hit", "disk cache hit")
HEADER = (
    "phase",
    "wall time",
    "vs plain pytest",
    "CPU busy (all cores)",
    "test shards executed",
    "test shards cached",
    "actions executed",
    "actions cached",
    "outcome",
)


@dataclass
class Row:
    phase: str
    seconds: list[float]  # one per repetition
    shards_executed: int | None = None
    shards_cached: int | None = None
    actions_executed: int | None = None
    actions_cached: int | None = None
    outcome: str = ""
    cpu_seconds: list[float] = field(default_factory=list)  # one per repetition, when measured
    breakdown: str = ""  # where a Bazel phase's time went (tools/bench/profile.py), when profiled

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def ratio(seconds: float | None, baseline: float | None) -> str:
    """`0.25×`: seconds as a multiple of the baseline; `—` when either is missing or the baseline is 0."""
    if seconds is None or not baseline:
        return "—"
    value = seconds / baseline
    return f"{value:.2f}×" if value >= 0.01 else f"{value:.3f}×"


def wall_time(seconds: list[float]) -> str:
    """`12.3 s`, or `12.3 s (11.0–13.1)` over several repetitions (median, then range)."""
    if not seconds:
        return "—"
    text = f"{statistics.median(seconds):.1f} s"
    if len(seconds) > 1:
        text += f" ({min(seconds):.1f}–{max(seconds):.1f})"
    return text


def cpu_time(seconds: list[float]) -> str:
    """`412 CPU-s`: median busy CPU seconds over all cores; `—` when not measured."""
    return f"{statistics.median(seconds):.0f} CPU-s" if seconds else "—"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def bazel_row(
    phase: str,
    seconds: list[float],
    stats: RunStats,
    exit_code: int,
    cpu_seconds: list[float] | None = None,
    breakdown: str = "",
) -> Row:
    """A Bazel phase's row: test shard results and processes, executed versus from a cache, the
    machine's busy CPU seconds when measured and where the time went when profiled."""
    failed = len(stats.tests_failed)
    outcome = f"{stats.tests} shard results, {failed} failed" if stats.tests else "no test results"
    if exit_code not in (0, 3):  # 3: some tests failed, already counted
        outcome += f" (bazel exit {exit_code})"
    return Row(
        phase=phase,
        seconds=seconds,
        shards_executed=len(stats.tests_executed),
        shards_cached=stats.tests_cached_remotely + stats.tests_cached_locally,
        actions_executed=stats.processes_executed,
        actions_cached=sum(stats.processes[kind] for kind in CACHE_HITS),
        outcome=outcome,
        cpu_seconds=list(cpu_seconds or []),
        breakdown=breakdown,
    )


def executed_targets(stats: RunStats) -> Counter:
    """{label: shards executed} from names like `//xtest:tdfs_ref_ztdf shard 2 run 1`."""
    return Counter(name.split(" shard ", 1)[0] for name in stats.tests_executed)


def merge_repetitions(rows: list[Row]) -> Row:
    """One row from a phase's repetitions: every wall time, the last repetition's counts and breakdown."""
    last = rows[-1]
    return Row(
        last.phase,
        [s for row in rows for s in row.seconds],
        last.shards_executed,
        last.shards_cached,
        last.actions_executed,
        last.actions_cached,
        last.outcome,
        [s for row in rows for s in row.cpu_seconds],
        last.breakdown,
    )


def markdown_row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_head(header) -> list[str]:
    """A Markdown table's header row and the separator under it."""
    return [markdown_row(header), "|" + "|".join("---" for _ in header) + "|"]


def render(rows: list[Row]) -> str:
    """Markdown table; the first row is the baseline every ratio divides by."""
    baseline = rows[0].median if rows else None
    lines = markdown_head(HEADER)
    for row in rows:
        cells = (
            row.phase,
            wall_time(row.seconds),
            ratio(row.median, baseline),
            cpu_time(row.cpu_seconds),
            _count(row.shards_executed),
            _count(row.shards_cached),
            _count(row.actions_executed),
            _count(row.actions_cached),
            row.outcome,
        )
        lines.append(markdown_row(cells))
    return "\n".join(lines)
