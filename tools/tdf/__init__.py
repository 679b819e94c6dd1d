"""OpenTDF reference SDK: ZTDF and NanoTDF read/write, assertions, KAS client.

The containers take the outside world as two small interfaces (keyaccess.py): a
`PublicKeySource` for encrypt and a `KeyReleaser` for decrypt. `KasClient` implements them over
HTTP against a real KAS; `LocalKas` implements them in process for tests.
"""

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
from .keyaccess import ALG_EC, ALG_RSA, KasKey, KeyReleaser, LocalKas, PublicKeySource

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
