"""Small JUnit XML documents shaped like pytest's and Bazel's, shared by the tests."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr


def case(name: str, body: str = "", classname: str = "test_tdfs") -> str:
    """One <testcase>; ``body`` is its child elements (empty = a pass)."""
    cls = f" classname={quoteattr(classname)}" if classname else ""
    return f'<testcase{cls} name={quoteattr(name)} time="0.1">{body}</testcase>'


def failure(message: str, text: str = "traceback") -> str:
    return f"<failure message={quoteattr(message)}>{text}</failure>"


def error(message: str) -> str:
    return f"<error message={quoteattr(message)}>trace</error>"


def skipped(message: str) -> str:
    return f'<skipped type="pytest.skip" message={quoteattr(message)}>file.py:1: {message}</skipped>'


def xfail(reason: str) -> str:
    return f'<skipped type="pytest.xfail" message={quoteattr(reason)} />'


def doc(*cases: str, suite: str = "pytest") -> str:
    """A pytest/Bazel style document: <testsuites><testsuite name=suite>cases</testsuite></testsuites>."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests">'
        f'<testsuite name={quoteattr(suite)} tests="{len(cases)}">{"".join(cases)}</testsuite></testsuites>'
    )


def roundtrip(enc: str, dec: str, container: str, size: str = "small") -> str:
    """The name of a test_tdf_roundtrip case as xtest spells it."""
    return f"test_tdf_roundtrip[{enc}-{dec}-{container}-{size}]"
