"""Which Bazel run stands for the plain-pytest matrix of a given `--sdks` (pure functions).

Bazel's xtest targets are generated from pytest's collection with every SDK Bazel installs
(BAZEL_SDKS), one target per set of SDKs a test runs (and container): `js_x_py_ztdf` runs js and
py only. So the targets whose SDKs all belong to `--sdks` hold exactly plain pytest's matrix for
that `--sdks`, and a tag filter selects them. Three modes, named in the benchmark's output:

- `full`: `--sdks` is BAZEL_SDKS; `//xtest:all` as committed.
- `tags` (default otherwise): committed targets, `--test_tag_filters` excluding the other SDKs.
- `regenerated`: the scratch copy's xtest/targets.bzl is regenerated with
  `python -m tools.xtest_targets.generate --sdks …` (the same tests, fewer fixture sets declared).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from tools.bench.errors import ParseError, SetupError
from tools.xtest_targets.generate import BAZEL_SDKS

KNOWN_SDKS = BAZEL_SDKS.split()
MODES = ("auto", "full", "regenerated", "tags")
TARGET_PATTERN = "//xtest:all"


@dataclass(frozen=True)
class BazelMatrix:
    mode: str
    sdks: tuple[str, ...]
    flags: tuple[str, ...] = field(default=())

    @property
    def target(self) -> str:
        return TARGET_PATTERN

    def describe(self) -> str:
        spelled = " ".join(self.sdks)
        if self.mode == "full":
            return f'`{TARGET_PATTERN}` as committed (--sdks "{spelled}" is every SDK Bazel installs)'
        if self.mode == "regenerated":
            return (
                f'`{TARGET_PATTERN}` with xtest/targets.bzl regenerated for --sdks "{spelled}" in the scratch '
                "copy (`python -m tools.xtest_targets.generate`): the same tests as plain pytest"
            )
        return (
            f"`{TARGET_PATTERN}` as committed, `{' '.join(self.flags)}`: the targets that run no other SDK, "
            "i.e. the same tests as plain pytest"
        )


def parse_sdks(text: str) -> tuple[str, ...]:
    """`"ref, py js"` -> ("ref", "py", "js") in BAZEL_SDKS order; unknown or no names raise SetupError."""
    names = [n for n in re.split(r"[\s,]+", text) if n]
    unknown = [n for n in names if n not in KNOWN_SDKS]
    if unknown:
        raise SetupError(f"unknown SDK(s) {', '.join(unknown)} in --sdks; known: {BAZEL_SDKS}")
    if not names:
        raise SetupError(f"--sdks names no SDK; give some of: {BAZEL_SDKS}")
    return tuple(n for n in KNOWN_SDKS if n in names)


def choose(sdks: tuple[str, ...], mode: str = "auto") -> BazelMatrix:
    """The Bazel matrix for these SDKs; `full` refuses a smaller set (it would not be the same tests)."""
    everything = set(sdks) == set(KNOWN_SDKS)
    if mode not in MODES:
        raise SetupError(f"unknown matrix mode {mode!r}; one of {', '.join(MODES)}")
    if mode == "auto":
        mode = "full" if everything else "tags"
    if mode == "full" and not everything:
        raise SetupError(f'--matrix full runs every SDK ({BAZEL_SDKS}); plain pytest would run only "{" ".join(sdks)}"')
    if mode == "tags":
        excluded = [s for s in KNOWN_SDKS if s not in sdks]
        # --build_tests_only: otherwise `bazel test //xtest:all` still builds every fixture set.
        flags = ("--test_tag_filters=" + ",".join(f"-sdk-{s}" for s in excluded), "--build_tests_only")
        return BazelMatrix("tags", sdks, flags if excluded else ())
    return BazelMatrix(mode, sdks)


def read_targets(text: str) -> list[dict]:
    """XTEST_TARGETS from xtest/targets.bzl text (its list is a Python literal)."""
    _, sep, rest = text.partition("XTEST_TARGETS = ")
    if not sep:
        raise ParseError("no `XTEST_TARGETS = [...]` in xtest/targets.bzl")
    try:
        targets = ast.literal_eval(rest.strip())
    except (SyntaxError, ValueError) as error:
        raise ParseError(f"XTEST_TARGETS in xtest/targets.bzl is not a plain list literal: {error}") from None
    if not isinstance(targets, list):
        raise ParseError("XTEST_TARGETS in xtest/targets.bzl is not a list")
    return targets


def selected(targets: list[dict], matrix: BazelMatrix) -> list[dict]:
    """The targets the Bazel run tests (under `tags`, those using only the requested SDKs)."""
    if matrix.mode != "tags":
        return list(targets)
    wanted = set(matrix.sdks)
    return [t for t in targets if set(t["sdks"]) <= wanted]


def count_tests(targets: list[dict]) -> int:
    return sum(int(t["tests"]) for t in targets)
