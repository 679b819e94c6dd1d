"""pytest's closing line (`=== 58 passed, 3 skipped in 40.1s ===`) as counts (pure)."""

from __future__ import annotations

import re

from tools.bench.errors import ParseError

_LINE = re.compile(r"^=+ (.+?) in [\d.]+s(?: \([\d:]+\))? =+$", re.MULTILINE)
_PART = re.compile(r"(\d+) ([a-z]+)")
# pytest uses the singular for one error/warning and the plural otherwise.
_SINGULAR = {"errors": "error", "warnings": "warning"}


def outcome_counts(output: str) -> dict[str, int]:
    """{"passed": 58, "skipped": 3, ...} from the last summary line; ParseError when there is none."""
    lines = _LINE.findall(output)
    if not lines:
        raise ParseError("pytest printed no closing summary line (`=== N passed in Xs ===`)")
    if lines[-1].strip() == "no tests ran":
        return {}
    counts: dict[str, int] = {}
    for number, word in _PART.findall(lines[-1]):
        word = _SINGULAR.get(word, word)
        counts[word] = counts.get(word, 0) + int(number)
    return counts


def count_run(counts: dict[str, int]) -> int:
    """Tests pytest ran to an outcome (everything but warnings)."""
    return sum(n for kind, n in counts.items() if kind != "warning")


def describe(counts: dict[str, int]) -> str:
    if not counts:
        return "no tests ran"
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def last_line(output: str) -> str:
    """The last non-blank line, without pytest's `INTERNALERROR> ` prefix: usually what went wrong."""
    for line in reversed(output.splitlines()):
        if line.strip():
            return line.removeprefix("INTERNALERROR> ").strip()
    return "(no output)"
