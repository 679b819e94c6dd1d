"""One exception hierarchy for the reference SDK.

Every error the library raises is a `TdfError`. The CLI prints `error: <ClassName>: <message>`,
so the class names below are part of what callers (and upstream xtest greps) see: tamper cases
say "IntegrityError ... tamper", KAS failures say "KAS request error", allowlist refusals say
"not allowed".
"""

from __future__ import annotations


class TdfError(Exception):
    """Base of every error raised by tools.tdf."""


class ConfigError(TdfError):
    """Bad options or inputs given by the caller (not a property of the TDF)."""


class InvalidFileError(TdfError):
    """The container cannot be parsed: not a zip, no manifest, bad header, bad JSON."""


class IntegrityError(TdfError):
    """Cryptographic integrity check failed: the file was tampered with or is corrupt."""


class AssertionVerificationError(IntegrityError):
    """An assertion's hash or binding signature does not verify."""


class KasError(TdfError):
    """Talking to a KAS (or the platform) failed."""


class KasRequestError(KasError):
    """A KAS answered a request with an error (HTTP status, Connect error, per-KAO failure)."""


class KasNotAllowedError(KasError):
    """A KAO names a KAS that is not in the allowlist; it was never contacted."""


class KeyReleaseError(KasError):
    """No KAO of a split could be rewrapped; carries every per-KAO error."""


class PlatformError(TdfError):
    """The platform (well-known, token endpoint, policy service) answered with an error."""
