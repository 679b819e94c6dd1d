"""Where a Bazel phase's wall time went, read from its JSON trace profile (`--profile=FILE.gz`).

The benchmark's table says how long a phase took; this says why, in the terms that decide whether
Bazel can beat plain pytest on the same cores:
- *analysis*: loading, analysis and the repository rules (SDK installs and builds run here);
- *actions*: the execution phase, from the first action's start to the last one's end, and the
  action-seconds spent in test targets, in fixture builders and in everything else;
- *idle slots*: over the execution phase, the sum of (slots - running actions) where fewer actions
  ran than Bazel's action slots (by default the most actions the profile shows running at once:
  .bazelrc sets 1.5 per core): room a perfect scheduler could have filled;
- *tail*: how long before the end fewer actions than slots last ran (one long target finishing
  alone leaves the other cores idle; Bazel 4 offers no way to start the longest targets first);
- *critical path*: Bazel's own (the profile's "critical path component" events, the same sum as
  its `Critical Path:` line) and its longest action: no number of cores makes the phase shorter.

Pure: parsing and arithmetic only.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from tools.bench.errors import ParseError

ANALYSIS_EVENT = "runAnalysisPhase"
ACTION_CATEGORY = "action processing"
CRITICAL_PATH_CATEGORY = "critical path component"
KINDS = (("Testing ", "tests"), ("Encrypting xtest fixtures", "fixtures"))


@dataclass(frozen=True)
class Span:
    name: str
    start: float  # seconds since the profile's first event
    end: float


@dataclass(frozen=True)
class Breakdown:
    analysis_seconds: float
    execution_seconds: float
    action_seconds: dict[str, float]  # by kind: tests, fixtures, other
    slots: int
    idle_slot_seconds: float
    tail_seconds: float
    critical_path_seconds: float = 0.0
    critical_path_longest: str = ""  # its longest component, e.g. "Testing //xtest:java_x_ref_ztdf 90.6 s"


def read_events(path: Path) -> list[dict]:
    """The trace events of a profile written by `--profile` (gzip-compressed or not)."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, EOFError, ValueError) as error:
        raise ParseError(f"{path}: not a Bazel JSON trace profile ({error})") from None
    events = data.get("traceEvents") if isinstance(data, dict) else data
    if not isinstance(events, list):
        raise ParseError(f"{path}: no traceEvents list")
    return events


def _complete(events: list[dict]) -> list[dict]:
    return [e for e in events if e.get("ph") == "X" and "ts" in e and "dur" in e]


def action_spans(events: list[dict]) -> list[Span]:
    """Every executed action ('action processing' events), in seconds since the first event."""
    timed = _complete(events)
    if not timed:
        return []
    origin = min(e["ts"] for e in timed)
    return [
        Span(e.get("name", ""), (e["ts"] - origin) / 1e6, (e["ts"] + e["dur"] - origin) / 1e6)
        for e in timed
        if e.get("cat") == ACTION_CATEGORY
    ]


def kind_of(action_name: str) -> str:
    for prefix, kind in KINDS:
        if action_name.startswith(prefix):
            return kind
    return "other"


def concurrency_steps(spans: list[Span]) -> list[tuple[float, float, int]]:
    """(from, to, running actions) for each stretch between consecutive starts and ends."""
    edges = sorted([(s.start, 1) for s in spans] + [(s.end, -1) for s in spans])
    steps, running, last = [], 0, None
    for at, change in edges:
        if last is not None and at > last:
            steps.append((last, at, running))
        running += change
        last = at
    return steps


def idle_slot_seconds(steps: list[tuple[float, float, int]], slots: int) -> float:
    return sum((to - at) * (slots - running) for at, to, running in steps if running < slots)


def tail_seconds(steps: list[tuple[float, float, int]], slots: int) -> float:
    """Time from the end of the last stretch with every slot busy to the end (all of it if none was)."""
    if not steps:
        return 0.0
    end = steps[-1][1]
    busy_until = max((to for _, to, running in steps if running >= slots), default=steps[0][0])
    return end - busy_until


def breakdown(events: list[dict], slots: int | None = None) -> Breakdown:
    """The phase's breakdown; ``slots`` defaults to the most actions that ran at once."""
    spans = action_spans(events)
    steps = concurrency_steps(spans)
    if slots is None:
        slots = max((running for _, _, running in steps), default=1)
    if slots < 1:
        raise ValueError(f"slots must be at least 1, got {slots}")
    analysis = sum(e["dur"] for e in _complete(events) if e.get("name") == ANALYSIS_EVENT) / 1e6
    per_kind = {"tests": 0.0, "fixtures": 0.0, "other": 0.0}
    for span in spans:
        per_kind[kind_of(span.name)] += span.end - span.start
    execution = (steps[-1][1] - steps[0][0]) if steps else 0.0
    path = [e for e in _complete(events) if e.get("cat") == CRITICAL_PATH_CATEGORY]
    longest = max(path, key=lambda e: e["dur"], default=None)
    return Breakdown(
        analysis_seconds=analysis,
        execution_seconds=execution,
        action_seconds=per_kind,
        slots=slots,
        idle_slot_seconds=idle_slot_seconds(steps, slots),
        tail_seconds=tail_seconds(steps, slots),
        critical_path_seconds=sum(e["dur"] for e in path) / 1e6,
        critical_path_longest=f"{_action_label(longest['name'])} {longest['dur'] / 1e6:.1f} s" if longest else "",
    )


def _action_label(component: str) -> str:
    """`action 'Testing //xtest:a'` (how the profile names a critical path action) -> `Testing //xtest:a`."""
    if component.startswith("action '") and component.endswith("'"):
        return component[len("action '") : -1]
    return component


def describe(b: Breakdown) -> str:
    """One line for the report: `analysis and repository rules 65.4 s; actions 438.8 s (…); …`."""
    head = f"analysis and repository rules {b.analysis_seconds:.1f} s"
    if not b.execution_seconds:
        return f"{head}; no action ran"
    kinds = ", ".join(f"{kind} {seconds:.0f}" for kind, seconds in b.action_seconds.items())
    text = (
        f"{head}; actions {b.execution_seconds:.1f} s (action-seconds: {kinds}); "
        f"{b.idle_slot_seconds:.1f} slot-s idle with {b.slots} slots; "
        f"fewer than {b.slots} actions ran during the last {b.tail_seconds:.1f} s"
    )
    if b.critical_path_seconds:
        text += f"; critical path {b.critical_path_seconds:.1f} s (longest: {b.critical_path_longest})"
    return text
