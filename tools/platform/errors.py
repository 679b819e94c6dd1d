"""The one error hierarchy of the embedded platform.

Every failure a client can cause is raised as a `PlatformError` subclass; the HTTP layer
(`http_server.py`) turns it into a JSON 4xx in exactly one place, so no handler writes error
bodies itself. The JSON shape is the Connect error shape (`{"code", "message"}`), which the
real clients understand on both the Connect and the REST routes.
"""

from __future__ import annotations


class PlatformError(Exception):
    """Base: a request the platform refuses. `code` is the Connect code, `status` the HTTP status."""

    code = "internal"
    status = 500

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message}


class InvalidArgument(PlatformError):
    code = "invalid_argument"
    status = 400


class Unauthenticated(PlatformError):
    code = "unauthenticated"
    status = 401


class PermissionDenied(PlatformError):
    code = "permission_denied"
    status = 403


class NotFound(PlatformError):
    code = "not_found"
    status = 404


class Unimplemented(PlatformError):
    """An unknown Connect procedure: connect-go answers 404, which clients read as code `unimplemented`
    (the Go SDK falls back from GetKeyMappingsByFqns only on that code)."""

    code = "unimplemented"
    status = 404


class MethodNotAllowed(PlatformError):
    code = "unimplemented"
    status = 405


class AlreadyExists(PlatformError):
    code = "already_exists"
    status = 409


class PayloadTooLarge(PlatformError):
    code = "resource_exhausted"
    status = 413


class UnsupportedMediaType(PlatformError):
    code = "invalid_argument"
    status = 415


class OAuthError(PlatformError):
    """Token endpoint failures use the OAuth 2.0 error shape (RFC 6749 §5.2), not Connect's."""

    def __init__(self, error: str, message: str, status: int = 400):
        super().__init__(message)
        self.error = error
        self.status = status

    def to_json(self) -> dict:
        return {"error": self.error, "error_description": self.message}


class StartupError(Exception):
    """The platform could not start or did not become healthy in time (not a request error)."""
