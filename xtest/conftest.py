"""xtest wiring: command-line options and the fixture plugins (one module per concern)."""

from __future__ import annotations

import pytest

pytest_plugins = [
    "xtest.fixtures.platform",
    "xtest.fixtures.sdks",
    "xtest.fixtures.owners",
    "xtest.fixtures.known_issues",
    "xtest.fixtures.ciphertext_cache",
    "xtest.fixtures.files",
    "xtest.fixtures.policy",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("xtest", "OpenTDF cross-SDK tests")
    spec = "space-separated SDK specs: NAME (all versions), NAME@* or NAME@VERSION"
    group.addoption("--sdks", help=f"SDKs for both sides ({spec}); default: every installed adapter")
    group.addoption("--sdks-encrypt", help=f"SDKs that encrypt ({spec}); overrides --sdks")
    group.addoption("--sdks-decrypt", help=f"SDKs that decrypt ({spec}); overrides --sdks")
    group.addoption("--containers", help="subset of: ztdf ztdf-ecwrap nano (default all)")
    group.addoption("--focus", help="SDK names a test must involve to run, or 'all' (default)")
    group.addoption("--owner-sdks", help="keep only tests whose SDKs are exactly these (e.g. 'js py'), or 'none'")
    group.addoption("--owner-containers", help="keep only tests owned by these containers (or 'none')")
    group.addoption("--list-owners", metavar="FILE", help="write one JSON line per collected test with its owner")
