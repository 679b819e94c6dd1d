"""pytest fixtures for the embedded platform.

Use with `pytest -p tools.platform.pytest_plugin` or `pytest_plugins = ["tools.platform.pytest_plugin"]`
in a top-level conftest. `embedded_platform` is session-scoped and uses dynamic ports (port 0);
at the end of the session it fails if any handler crashed (HTTP 500), so server bugs reach the test run.
"""

from __future__ import annotations

import pytest

from tools.platform.embedded import EmbeddedPlatform


@pytest.fixture(scope="session")
def embedded_platform():
    with EmbeddedPlatform(port=0) as platform:
        yield platform
        platform.check()
