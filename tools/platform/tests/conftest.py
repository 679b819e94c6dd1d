"""Wiring only: the session platform fixture, a client on it, and tokens."""

from __future__ import annotations

import pytest

from tools.platform import pytest_plugin
from tools.platform.client import Client

embedded_platform = pytest_plugin.embedded_platform  # the session fixture, re-exported


@pytest.fixture
def client(embedded_platform):
    c = Client(embedded_platform.url)
    yield c
    c.close()


@pytest.fixture(scope="session")
def admin_token(embedded_platform):
    c = Client(embedded_platform.url)
    try:
        return c.token("opentdf")
    finally:
        c.close()
