"""The report as data: totals, one encrypt × decrypt matrix per container, non-pair tests per
SDK, and the failures behind them (pure functions; the renderers only format this).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from tools.report import testid
from tools.report.junit import Outcome, TestResult

NO_SDK = "no SDK"  # group of tests without any name@version param (platform/self tests)


@dataclasses.dataclass
class Counts:
    """pass / fail / skip / xfail tallies of a cell, a row or the whole run."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    xfailed: int = 0

    def add(self, outcome: Outcome) -> None:
        field = {Outcome.PASS: "passed", Outcome.FAIL: "failed", Outcome.SKIP: "skipped", Outcome.XFAIL: "xfailed"}
        setattr(self, field[outcome], getattr(self, field[outcome]) + 1)

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.skipped + self.xfailed

    @property
    def status(self) -> str:
        """The colour of a cell: any failure wins, then known issues (xfail), then passes, else skip."""
        if self.failed:
            return "fail"
        if self.xfailed:
            return "xfail"
        if self.passed:
            return "pass"
        return "skip" if self.skipped else "empty"

    def cell_text(self) -> str:
        return f"{self.passed}/{self.failed}/{self.skipped}/{self.xfailed}"


def tally(results: Iterable[TestResult]) -> Counts:
    counts = Counts()
    for r in results:
        counts.add(r.outcome)
    return counts


@dataclasses.dataclass(frozen=True)
class FailureList:
    """The failed tests behind one matrix cell or one non-pair group, with the anchor cells link to."""

    anchor: str
    title: str
    results: tuple[TestResult, ...]


@dataclasses.dataclass(frozen=True)
class Matrix:
    """Pair tests of one container (None: tests without a container param)."""

    container: str | None
    encrypt_sdks: tuple[str, ...]  # rows
    decrypt_sdks: tuple[str, ...]  # columns
    cells: dict[tuple[str, str], Counts]
    failures: dict[tuple[str, str], FailureList]
    totals: Counts

    @property
    def title(self) -> str:
        return self.container or "no container param"


@dataclasses.dataclass(frozen=True)
class GroupRow:
    function: str
    container: str | None
    counts: Counts


@dataclasses.dataclass(frozen=True)
class Group:
    """Tests that are not encrypt/decrypt pairs, for one SDK (or NO_SDK)."""

    sdk: str
    rows: tuple[GroupRow, ...]
    failures: FailureList | None
    totals: Counts


@dataclasses.dataclass(frozen=True)
class Reason:
    """One xfail or skip message and how many tests gave it."""

    message: str
    count: int


@dataclasses.dataclass(frozen=True)
class Report:
    totals: Counts
    sources: tuple[str, ...]  # targets/files the results came from
    matrices: tuple[Matrix, ...]
    groups: tuple[Group, ...]
    xfail_reasons: tuple[Reason, ...]  # known issues, most frequent first
    skip_reasons: tuple[Reason, ...]

    def failure_lists(self) -> list[FailureList]:
        """Every failure list, matrices first (container order, rows, columns), then groups."""
        out = []
        for m in self.matrices:
            out.extend(m.failures[(e, d)] for e in m.encrypt_sdks for d in m.decrypt_sdks if (e, d) in m.failures)
        out.extend(g.failures for g in self.groups if g.failures)
        return out


def build(results: Iterable[TestResult]) -> Report:
    """Group ``results`` into the report."""
    results = list(results)
    pairs: dict[str | None, list[tuple[testid.TestParams, TestResult]]] = {}
    singles: dict[str, list[tuple[testid.TestParams, TestResult]]] = {}
    for r in results:
        params = testid.parse(r.test_id)
        if params.is_pair:
            pairs.setdefault(params.container, []).append((params, r))
        else:
            singles.setdefault(" + ".join(params.sdks) or NO_SDK, []).append((params, r))
    return Report(
        totals=tally(results),
        sources=tuple(sorted({r.source for r in results})),
        matrices=tuple(_matrix(c, pairs[c]) for c in sorted(pairs, key=container_key)),
        groups=tuple(_group(s, singles[s]) for s in sorted(singles, key=group_key)),
        xfail_reasons=reasons(results, Outcome.XFAIL),
        skip_reasons=reasons(results, Outcome.SKIP),
    )


def reasons(results: Iterable[TestResult], outcome: Outcome) -> tuple[Reason, ...]:
    """The distinct messages of ``outcome`` results, most frequent first, then alphabetical."""
    counts: dict[str, int] = {}
    for r in results:
        if r.outcome is outcome:
            counts[r.message or "(no reason given)"] = counts.get(r.message or "(no reason given)", 0) + 1
    return tuple(Reason(m, n) for m, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _matrix(container: str | None, entries: list[tuple[testid.TestParams, TestResult]]) -> Matrix:
    cells: dict[tuple[str, str], Counts] = {}
    failed: dict[tuple[str, str], list[TestResult]] = {}
    for params, r in entries:
        key = (params.encrypt, params.decrypt)
        cells.setdefault(key, Counts()).add(r.outcome)
        if r.outcome is Outcome.FAIL:
            failed.setdefault(key, []).append(r)
    title = container or "no container param"
    failures = {
        (e, d): FailureList(anchor("fail", container or "none", e, d), f"{title}: {e} → {d}", _sorted(rs))
        for (e, d), rs in failed.items()
    }
    return Matrix(
        container=container,
        encrypt_sdks=tuple(sorted({e for e, _ in cells}, key=sdk_key)),
        decrypt_sdks=tuple(sorted({d for _, d in cells}, key=sdk_key)),
        cells=cells,
        failures=failures,
        totals=tally(r for _, r in entries),
    )


def _group(sdk: str, entries: list[tuple[testid.TestParams, TestResult]]) -> Group:
    rows: dict[tuple[str, str | None], Counts] = {}
    for params, r in entries:
        rows.setdefault((params.function, params.container), Counts()).add(r.outcome)
    failed = _sorted(r for _, r in entries if r.outcome is Outcome.FAIL)
    return Group(
        sdk=sdk,
        rows=tuple(GroupRow(f, c, rows[(f, c)]) for f, c in sorted(rows, key=lambda k: (k[0], container_key(k[1])))),
        failures=FailureList(anchor("fail", sdk), f"not a pair: {sdk}", failed) if failed else None,
        totals=tally(r for _, r in entries),
    )


def _sorted(results: Iterable[TestResult]) -> tuple[TestResult, ...]:
    return tuple(sorted(results, key=lambda r: (r.test_id, r.source)))


def _natural(text: str) -> tuple:
    """Sort key that orders v0.4.7 before v0.35.0."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def sdk_key(sdk: str) -> tuple:
    """SDKs by name, ``main`` first among a name's versions, then versions in natural order."""
    name, _, version = sdk.partition("@")
    return (name, version != "main", _natural(version))


def container_key(container: str | None) -> tuple:
    """Known containers in suite order, then unknown ones by name, then no container."""
    if container is None:
        return (2, "")
    if container in testid.CONTAINERS:
        return (0, testid.CONTAINERS.index(container))
    return (1, container)


def group_key(sdk: str) -> tuple:
    """SDK groups in SDK order, the multi-SDK ones after, NO_SDK last."""
    return (sdk == NO_SDK, "+" in sdk, sdk_key(sdk))


def anchor(*parts: str | None) -> str:
    """A link target safe in HTML ids and Markdown fragments: lower-case letters, digits and ``-``."""
    text = "-".join(p or "none" for p in parts)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
