"""The report as one self-contained HTML page: inline CSS, no scripts, no external assets."""

from __future__ import annotations

from html import escape

from tools.report.junit import TestResult
from tools.report.model import Counts, FailureList, Group, Matrix, Report
from tools.report.render_markdown import reason_sections, summary

CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: center; }
th.row, td.test { text-align: left; }
code { font: 12px ui-monospace, monospace; }
.pass { background: #c8f0c8; } .fail { background: #f6b8b8; }
.xfail { background: #fbe3a6; } .skip { background: #e4e4e4; } .empty { color: #aaa; }
td a { color: inherit; display: block; }
ul.failures li { margin: .3em 0; } .msg { color: #a00; }
.legend span { padding: 0 .5em; margin-right: .3em; }
"""
LEGEND = (
    '<p class="legend">Cells count pass / fail / skip / xfail: '
    '<span class="fail">a failure (click for the list)</span>'
    '<span class="xfail">known issue (xfail)</span>'
    '<span class="pass">passed</span>'
    '<span class="skip">only skipped</span></p>'
)


def render(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>xtest results</title>',
        f"<style>{CSS}</style></head><body>",
        "<h1>xtest results</h1>",
        f"<p>{_summary(report.totals, report.sources)}</p>",
        LEGEND,
    ]
    if report.matrices:
        parts.append("<h2>Cross-SDK matrix (encrypt SDK rows × decrypt SDK columns)</h2>")
        parts += [_matrix(m) for m in report.matrices]
    if report.groups:
        parts.append("<h2>Tests that are not encrypt/decrypt pairs</h2>")
        parts += [_group(g) for g in report.groups]
    failure_lists = report.failure_lists()
    if failure_lists:
        parts.append("<h2>Failures</h2>")
        parts += [_failure_list(fl) for fl in failure_lists]
    for title, reasons in reason_sections(report):
        items = "".join(f"<li>{r.count} × {escape(r.message)}</li>" for r in reasons)
        parts.append(f"<h2>{escape(title)}</h2><ul>{items}</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _summary(totals: Counts, sources: tuple[str, ...]) -> str:
    return escape(summary(totals, sources).replace("**", ""))


def _matrix(m: Matrix) -> str:
    head = "".join(f"<th><code>{escape(d)}</code></th>" for d in m.decrypt_sdks)
    rows = []
    for e in m.encrypt_sdks:
        cells = "".join(_cell(m.cells.get((e, d)), m.failures.get((e, d))) for d in m.decrypt_sdks)
        rows.append(f'<tr><th class="row"><code>{escape(e)}</code></th>{cells}</tr>')
    return (
        f"<h3>{escape(m.title)}</h3><p>{m.totals.total} tests: {m.totals.cell_text()}</p>"
        f"<table><tr><th>encrypt ↓ / decrypt →</th>{head}</tr>{''.join(rows)}</table>"
    )


def _cell(counts: Counts | None, failures: FailureList | None) -> str:
    if counts is None:
        return '<td class="empty">·</td>'
    title = f"{counts.passed} pass, {counts.failed} fail, {counts.skipped} skip, {counts.xfailed} xfail"
    text = counts.cell_text()
    if failures:
        text = f'<a href="#{failures.anchor}">{text}</a>'
    return f'<td class="{counts.status}" title="{title}">{text}</td>'


def _group(g: Group) -> str:
    rows = []
    for row in g.rows:
        c = row.counts
        test = f"<code>{escape(row.function)}</code>"
        if g.failures and c.failed:
            test += f' <a href="#{g.failures.anchor}">failures</a>'
        rows.append(
            f'<tr><td class="test {c.status}">{test}</td><td>{escape(row.container or "—")}</td>'
            f"<td>{c.passed}</td><td>{c.failed}</td><td>{c.skipped}</td><td>{c.xfailed}</td></tr>"
        )
    return (
        f"<h3>{escape(g.sdk)}</h3><table><tr><th>test</th><th>container</th><th>pass</th><th>fail</th>"
        f"<th>skip</th><th>xfail</th></tr>{''.join(rows)}</table>"
    )


def _failure_list(fl: FailureList) -> str:
    items = "".join(_failure(r) for r in fl.results)
    return f'<h3 id="{fl.anchor}">{escape(fl.title)}</h3><ul class="failures">{items}</ul>'


def _failure(r: TestResult) -> str:
    message = f': <span class="msg">{escape(r.message)}</span>' if r.message else ""
    return f"<li><code>{escape(r.test_id)}</code> in <code>{escape(r.source)}</code> ({r.kind}){message}</li>"
