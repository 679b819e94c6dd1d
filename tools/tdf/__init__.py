"""OpenTDF reference SDK: ZTDF and NanoTDF read/write, assertions, KAS client.

The containers take the outside world as two small interfaces (keyaccess.py): a
`PublicKeySource` for encrypt and a `KeyReleaser` for decrypt. `KasClient` implements them over
HTTP against a real KAS; `LocalKas` implements them in process for tests.

The key-access names are loaded lazily (PEP 562) so the CLI's `supports` starts without
importing the crypto stack.
"""

from .constants import ALG_EC, ALG_RSA
from .errors import (
    AssertionVerificationError,
    ConfigError,
    IntegrityError,
    InvalidFileError,
    KasError,
    KasNotAllowedError,
    KasRequestError,
    KeyReleaseError,
    PlatformError,
    TdfError,
)

_LAZY = {"KasKey", "KeyReleaser", "LocalKas", "PublicKeySource"}


def __getattr__(name: str):
    if name in _LAZY:
        from . import keyaccess

        return getattr(keyaccess, name)
    raise AttributeError(f"module 'tools.tdf' has no attribute {name!r}")


__all__ = [
    "ALG_EC",
    "ALG_RSA",
    "AssertionVerificationError",
    "ConfigError",
    "IntegrityError",
    "InvalidFileError",
    "KasError",
    "KasKey",
    "KasNotAllowedError",
    "KasRequestError",
    "KeyReleaseError",
    "KeyReleaser",
    "LocalKas",
    "PlatformError",
    "PublicKeySource",
    "TdfError",
]
