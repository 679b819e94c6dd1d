"""KAS allowlist matching."""

from __future__ import annotations

import pytest

from tools.tdf.allowlist import Allowlist, normalize


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://localhost:8080/kas", True),
        ("http://LOCALHOST:8080/kas/", True),
        ("http://localhost:8080/other", True),  # platform origin
        ("http://localhost:8585", True),
        ("http://localhost:8585/malicious/kas", False),
        ("http://localhost:8181/kas", False),
        ("https://localhost:8080/kas", False),
        ("", False),
    ],
)
def test_default_shape(url, expected):
    allow = Allowlist.build(urls=["http://localhost:8585"], origins=["http://localhost:8080"])
    assert allow(url) is expected


def test_allow_all_and_normalize():
    assert Allowlist.build(allow_all=True)("http://anything/kas")
    assert normalize("http://h/kas/") == "http://h:80/kas"
    assert normalize("https://h") == "https://h:443"
