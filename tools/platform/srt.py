"""The signed request token (SRT) a client sends to rewrap.

No client ships the key that signs the SRT, and the real platform parses it unverified when no
DPoP key is bound to the access token; so do we, but `exp`/`iat` are still checked (with skew),
and `requestBody` must be a JSON object (given as a JSON string, as every client sends it).
"""

from __future__ import annotations

import json
import time

import jwt

from tools.platform.config import CLOCK_SKEW_SECONDS
from tools.platform.errors import InvalidArgument, Unauthenticated


def parse_signed_request_token(token: str, now: float | None = None) -> dict:
    """Return the decoded `requestBody` of an SRT."""
    if not isinstance(token, str) or not token:
        raise InvalidArgument("signedRequestToken is missing or not a string")
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.InvalidTokenError as e:
        raise InvalidArgument(f"signedRequestToken is not a JWT: {e}") from None
    _check_times(claims, time.time() if now is None else now)
    return _request_body(claims)


def _check_times(claims: dict, now: float) -> None:
    exp, iat = claims.get("exp"), claims.get("iat")
    for name, value in (("exp", exp), ("iat", iat)):
        if value is not None and not isinstance(value, (int, float)):
            raise InvalidArgument(f"signedRequestToken claim {name} is not a number: {value!r}")
    if exp is not None and exp < now - CLOCK_SKEW_SECONDS:
        raise Unauthenticated(f"signedRequestToken expired at {int(exp)} (now {int(now)})")
    if iat is not None and iat > now + CLOCK_SKEW_SECONDS:
        raise Unauthenticated(f"signedRequestToken issued in the future (iat {int(iat)}, now {int(now)})")


def _request_body(claims: dict) -> dict:
    body = claims.get("requestBody")
    if body is None:
        raise InvalidArgument("signedRequestToken has no requestBody claim")
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except json.JSONDecodeError as e:
            raise InvalidArgument(f"signedRequestToken requestBody is not JSON: {e}") from None
    if not isinstance(body, dict):
        raise InvalidArgument("signedRequestToken requestBody is not a JSON object")
    return body
