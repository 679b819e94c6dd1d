"""The embedded local OpenTDF platform (IdP, well-known, policy, KAS instances) for xtest.

See docs/CONTRACTS.md, "Embedded platform". Typical use:

    with EmbeddedPlatform(port=0) as p:
        p.url, p.kas_url(), p.env()
"""

from tools.platform.embedded import EmbeddedPlatform
from tools.platform.errors import PlatformError, StartupError

__all__ = ["EmbeddedPlatform", "PlatformError", "StartupError"]
