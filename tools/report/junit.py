"""JUnit XML (pytest's ``--junitxml``, Bazel's test.xml) → one ``TestResult`` per testcase.

pytest writes a pass as an empty ``<testcase>``, a skip as ``<skipped type="pytest.skip">``, an
xfail as ``<skipped type="pytest.xfail">``, a failure (including a strict XPASS) as
``<failure>`` and a setup/teardown crash as ``<error>``; a test failing in its call and then in
teardown carries both. When a test binary dies before pytest writes its XML, Bazel writes one
itself: a single testcase named after the target (``//xtest:tdfs_js``) with no classname and an
``<error>``/``<failure>``; it is kept, so a crashed shard shows up as a failure.
"""

from __future__ import annotations

import dataclasses
import enum
import xml.etree.ElementTree as ET

from tools.report.errors import JunitParseError

MESSAGE_LIMIT = 300  # characters of a failure's first line kept for the report


class Outcome(enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"
    XFAIL = "xfail"


@dataclasses.dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class, despite the name

    test_id: str  # "test_tdfs.py::test_tdf_roundtrip[js@main-py@main-ztdf-small]"
    outcome: Outcome
    kind: str  # "failure", "error", "skipped" or "" for a pass: the JUnit element that decided
    message: str  # first line of the failure/skip message, "" for a pass
    source: str  # where it came from: a Bazel target (with shard) or the XML file


def parse(text: str | bytes, source: str) -> list[TestResult]:
    """Every testcase in the JUnit document ``text``; ``source`` labels them and names the file in errors."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise JunitParseError(f"{source}: not well-formed XML: {e}") from None
    if root.tag not in ("testsuites", "testsuite"):
        raise JunitParseError(f"{source}: root element is <{root.tag}>, expected <testsuites> or <testsuite>")
    return [_result(case, source) for case in root.iter("testcase")]


def source_label(text: str | bytes, path: str) -> str:
    """The Bazel target a JUnit file came from (its suite is named ``//pkg:target``), else ``path``."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return path  # parse() reports it
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    names = {s.get("name", "") for s in suites}
    if len(names) == 1 and (name := names.pop()).startswith("//"):
        return name
    return path


def test_id(classname: str | None, name: str) -> str:
    """pytest's node id from JUnit's classname + name.

    pytest writes the module path with dots (``sub.test_x``) and appends classes
    (``test_x.TestA``); class names start upper-case, module names do not. No classname means
    a Bazel-written placeholder: the name is the target label.
    """
    if not classname:
        return name
    parts = classname.split(".")
    split = next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts))
    module = "/".join(parts[:split]) + ".py"
    return "::".join([module, *parts[split:], name])


def _result(case: ET.Element, source: str) -> TestResult:
    tid = test_id(case.get("classname"), case.get("name", ""))
    bad = [c for c in case if c.tag in ("failure", "error")]
    if bad:
        return TestResult(tid, Outcome.FAIL, bad[0].tag, first_line(bad[0]), source)
    skipped = case.find("skipped")
    if skipped is not None:
        outcome = Outcome.XFAIL if skipped.get("type") == "pytest.xfail" else Outcome.SKIP
        return TestResult(tid, outcome, "skipped", first_line(skipped), source)
    return TestResult(tid, Outcome.PASS, "", "", source)


def first_line(element: ET.Element) -> str:
    """The first non-blank line of the element's ``message``, else of its text, shortened."""
    for text in (element.get("message"), element.text):
        for line in (text or "").splitlines():
            if line.strip():
                line = line.strip()
                return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 1] + "…"
    return ""
