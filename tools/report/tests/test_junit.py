import pytest

from tools.report import junit
from tools.report.errors import JunitParseError
from tools.report.junit import Outcome
from tools.report.tests import samples as s


def one(body: str, name: str = "test_x", classname: str = "test_tdfs") -> junit.TestResult:
    (result,) = junit.parse(s.doc(s.case(name, body, classname)), "src")
    return result


def test_pass():
    r = one("")
    assert (r.test_id, r.outcome, r.kind, r.message, r.source) == ("test_tdfs.py::test_x", Outcome.PASS, "", "", "src")


def test_failure_keeps_first_line_of_message():
    r = one(s.failure("AssertionError: plaintexts differ\n  second line\nassert False"))
    assert (r.outcome, r.kind, r.message) == (Outcome.FAIL, "failure", "AssertionError: plaintexts differ")


def test_message_falls_back_to_text_and_is_shortened():
    r = one(f"<failure>\n\n  {'x' * 1000}\nmore</failure>")
    assert r.message.startswith("xxx") and len(r.message) == junit.MESSAGE_LIMIT and r.message.endswith("…")


def test_error_counts_as_failure():
    r = one(s.error('failed on setup with "RuntimeError: boom"'))
    assert (r.outcome, r.kind) == (Outcome.FAIL, "error")


def test_failure_and_teardown_error_is_one_failure():
    r = one(s.failure("call failed") + s.error("teardown failed"))
    assert (r.outcome, r.kind, r.message) == (Outcome.FAIL, "failure", "call failed")


def test_skip_and_xfail_are_told_apart():
    assert one(s.skipped("js@main does not support ecwrap")).outcome is Outcome.SKIP
    r = one(s.xfail("py→js: known issue"))
    assert (r.outcome, r.message) == (Outcome.XFAIL, "py→js: known issue")


def test_strict_xpass_is_a_failure():
    assert one(s.failure("[XPASS(strict)] fixed upstream?")).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("classname", "name", "expected"),
    [
        ("test_tdfs", "test_a[js@main]", "test_tdfs.py::test_a[js@main]"),
        ("sub.test_tdfs", "test_a", "sub/test_tdfs.py::test_a"),
        ("test_tdfs.TestGroup", "test_a", "test_tdfs.py::TestGroup::test_a"),
        (None, "//xtest:tdfs_js", "//xtest:tdfs_js"),
    ],
)
def test_test_id(classname, name, expected):
    assert junit.test_id(classname, name) == expected


def test_bazel_placeholder_for_a_crashed_target():
    text = (
        '<testsuites><testsuite name="//xtest:tdfs_js" tests="1" failures="0" errors="1">'
        '<testcase name="//xtest:tdfs_js" status="run"><error message="exited with error code 137"></error>'
        "</testcase></testsuite></testsuites>"
    )
    (r,) = junit.parse(text, "//xtest:tdfs_js")
    assert (r.test_id, r.outcome, r.message) == ("//xtest:tdfs_js", Outcome.FAIL, "exited with error code 137")


def test_bare_testsuite_root():
    assert len(junit.parse('<testsuite name="x">' + s.case("a") + s.case("b") + "</testsuite>", "f")) == 2


def test_malformed_xml_names_the_file():
    with pytest.raises(JunitParseError, match=r"shard\.xml: not well-formed XML"):
        junit.parse("<testsuites><testcase", "shard.xml")


def test_wrong_root_names_the_element():
    with pytest.raises(JunitParseError, match=r"f\.xml: root element is <html>"):
        junit.parse("<html/>", "f.xml")


def test_source_label_prefers_bazel_suite_name():
    assert junit.source_label(s.doc(s.case("a"), suite="//xtest:tdfs_js"), "p.xml") == "//xtest:tdfs_js"
    assert junit.source_label(s.doc(s.case("a")), "p.xml") == "p.xml"
    assert junit.source_label("<broken", "p.xml") == "p.xml"
