"""The benchmark's Markdown report around the table (pure)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tools.bench.table import Row, render


@dataclass
class Context:
    commit: str
    sdks: tuple[str, ...]
    matrix: str  # BazelMatrix.describe()
    bazel_tests: int
    touched: str  # repo-relative adapter path
    runs: int
    machine: str  # cores, load
    bazel_release: str
    commands: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def reran_lines(reran: Counter) -> list[str]:
    if not reran:
        return ["- none"]
    return [f"- `{label}` ({n} shard{'s' if n != 1 else ''})" for label, n in sorted(reran.items())]


def breakdown_lines(rows: list[Row]) -> list[str]:
    """Where each profiled phase's time went (tools/bench/profile.py), as a list; none: nothing."""
    profiled = [row for row in rows if row.breakdown]
    if not profiled:
        return []
    return [
        "Where each Bazel phase's time went (its `--profile`; the last repetition):",
        *(f"- {row.phase}: {row.breakdown}" for row in profiled),
        "",
    ]


def render_report(ctx: Context, rows: list[Row], reran: Counter) -> str:
    spelled = " ".join(ctx.sdks)
    lines = [
        f'# xtest benchmark: plain pytest vs Bazel, --sdks "{spelled}"',
        "",
        f"- commit `{ctx.commit[:12]}`, {ctx.machine}, {ctx.bazel_release}",
        f"- Bazel matrix: {ctx.matrix}; {ctx.bazel_tests} tests",
        f"- touched adapter: `{ctx.touched}` (a comment line appended in the scratch copy)",
        f"- {ctx.runs} repetition(s); wall time is the median (range in brackets); counts are from the last one",
        "- ratios divide by this run's plain-pytest time only",
        "",
        render(rows),
        "",
        *breakdown_lines(rows),
        f"Targets that re-ran after touching `{ctx.touched}`:",
        *reran_lines(reran),
        "",
        "Columns: a *test shard* is one Bazel test result (a target has 1–4 shards); *actions* are the",
        'processes Bazel reports (`INFO: N processes: …`), executed = run locally, cached = "remote cache hit";',
        'Bazel\'s "internal" processes count in neither.',
    ]
    if ctx.notes:
        lines += ["", "Notes:", *(f"- {note}" for note in ctx.notes)]
    if ctx.commands:
        lines += ["", "Commands (in the scratch copy):", "", "```sh", *ctx.commands, "```"]
    return "\n".join(lines) + "\n"
