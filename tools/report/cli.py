"""``python -m tools.report``: read xtest JUnit XML, write the matrix as Markdown and/or HTML.

Exit 0 once the report is written (failed tests do not change it: the report is not the gate),
1 with a one-line ``error: …`` when the input cannot be read, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tools.report import discover, junit, model, render_html, render_markdown
from tools.report.errors import ReportError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m tools.report",
        description="Cross-SDK matrix of xtest results from JUnit XML. Without --testlogs/--junit, reads "
        f"{discover.DEFAULT_TESTLOGS}/{discover.XTEST_PACKAGE}/**/test.xml of the repository root.",
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument("--testlogs", type=Path, metavar="DIR", help="Bazel testlogs directory (holds xtest/…)")
    src.add_argument("--junit", type=Path, nargs="+", metavar="FILE", help="JUnit XML files (pytest --junitxml)")
    p.add_argument("--markdown", type=Path, metavar="OUT.md", help="write Markdown here instead of stdout")
    p.add_argument("--html", type=Path, metavar="OUT.html", help="also write a self-contained HTML page")
    return p


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] = os.environ) -> int:
    args = parser().parse_args(argv)
    # Under `bazel run` the cwd is the runfiles tree; relative paths mean the caller's directory.
    cwd = Path(env.get("BUILD_WORKING_DIRECTORY") or Path.cwd())
    try:
        results = load(args, cwd, env)
        report = model.build(results)
        markdown = render_markdown.render(report)
        if args.markdown:
            _write(cwd / args.markdown, markdown)
        else:
            sys.stdout.write(markdown)
        if args.html:
            _write(cwd / args.html, render_html.render(report))
    except ReportError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def load(args: argparse.Namespace, cwd: Path, env: Mapping[str, str]) -> list[junit.TestResult]:
    """The results of every input file, each labelled with its Bazel target or file name."""
    if args.junit:
        return [r for f in args.junit for r in _parse_file(cwd / f, None)]
    testlogs = cwd / args.testlogs if args.testlogs else discover.repo_root(cwd, env) / discover.DEFAULT_TESTLOGS
    return [r for f in discover.find_test_xml(testlogs) for r in _parse_file(f, discover.target_of(f, testlogs))]


def _parse_file(path: Path, label: str | None) -> list[junit.TestResult]:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReportError(f"cannot read JUnit XML {path}: {e.strerror}") from None
    return junit.parse(data, label or junit.source_label(data, str(path)))


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ReportError(f"cannot write {path}: {e.strerror}") from None
