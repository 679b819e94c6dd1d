"""The report as GitHub-flavoured Markdown (a pure function of ``model.Report``)."""

from __future__ import annotations

import re

from tools.report.junit import TestResult
from tools.report.model import Counts, FailureList, Group, Matrix, Reason, Report

MARK = {"fail": "❌", "xfail": "⚠️", "pass": "✅", "skip": "⏭️", "empty": ""}
LEGEND = (
    "Cells count pass / fail / skip / xfail. ❌ at least one failure (links to its list below), "
    "⚠️ a known issue (xfail), ✅ passed, ⏭️ only skipped."
)


def render(report: Report) -> str:
    lines = ["# xtest results", "", summary(report.totals, report.sources), "", LEGEND, ""]
    if report.matrices:
        lines += ["## Cross-SDK matrix (encrypt SDK rows × decrypt SDK columns)", ""]
        for m in report.matrices:
            lines += _matrix(m)
    if report.groups:
        lines += ["## Tests that are not encrypt/decrypt pairs", ""]
        for g in report.groups:
            lines += _group(g)
    failure_lists = report.failure_lists()
    if failure_lists:
        lines += ["## Failures", ""]
        for fl in failure_lists:
            lines += _failure_list(fl)
    for title, reasons in reason_sections(report):
        lines += [f"## {title}", "", *(f"- {r.count} × {escape(r.message)}" for r in reasons), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def summary(totals: Counts, sources: tuple[str, ...]) -> str:
    return (
        f"**{totals.total} tests**: {totals.passed} passed, {totals.failed} failed, "
        f"{totals.skipped} skipped, {totals.xfailed} xfailed, from {plural(len(sources), 'result file')}"
    )


def reason_sections(report: Report) -> list[tuple[str, tuple[Reason, ...]]]:
    """The non-empty "why not run/passed" sections, known issues first."""
    sections = [("Known issues (xfail), by reason", report.xfail_reasons), ("Skips, by reason", report.skip_reasons)]
    return [(title, reasons) for title, reasons in sections if reasons]


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _matrix(m: Matrix) -> list[str]:
    lines = [f"### {escape(m.title)}", "", f"{m.totals.total} tests: {m.totals.cell_text()}", ""]
    lines.append("| encrypt ↓ / decrypt → | " + " | ".join(code(d) for d in m.decrypt_sdks) + " |")
    lines.append("|---" * (len(m.decrypt_sdks) + 1) + "|")
    for e in m.encrypt_sdks:
        cells = [_cell(m.cells.get((e, d)), m.failures.get((e, d))) for d in m.decrypt_sdks]
        lines.append(f"| {code(e)} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _cell(counts: Counts | None, failures: FailureList | None) -> str:
    if counts is None:
        return "·"
    text = f"{MARK[counts.status]} {counts.cell_text()}".strip()
    return f"[{text}](#{failures.anchor})" if failures else text


def _group(g: Group) -> list[str]:
    title = g.sdk if g.sdk.count("@") == 0 else code(g.sdk)
    lines = [f"### {title}", "", "| test | container | pass | fail | skip | xfail |", "|---|---|---|---|---|---|"]
    for row in g.rows:
        c = row.counts
        test = code(row.function)
        if g.failures and c.failed:
            test += f" [{MARK['fail']}](#{g.failures.anchor})"
        lines.append(
            f"| {test} | {escape(row.container or '—')} | {c.passed} | {c.failed} | {c.skipped} | {c.xfailed} |"
        )
    return [*lines, ""]


def _failure_list(fl: FailureList) -> list[str]:
    lines = [f'<a id="{fl.anchor}"></a>', f"### {escape(fl.title)}", ""]
    lines += [_failure(r) for r in fl.results]
    return [*lines, ""]


def _failure(r: TestResult) -> str:
    message = f": {escape(r.message)}" if r.message else ""
    return f"- {code(r.test_id)} in {code(r.source)} ({r.kind}){message}"


def code(text: str) -> str:
    """``text`` as an inline code span, fenced longer than any backtick run inside it; ``|`` escaped
    because GFM ends a table cell at ``|`` even inside code."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def escape(text: str) -> str:
    """Plain text that Markdown must not read as markup (or HTML, or a table separator)."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)
