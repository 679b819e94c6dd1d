"""HTTP over stdlib urllib: JSON and binary requests with errors that name the URL.

Every network call of the SDK goes through `request()`, so timeouts, error wording and the
"unreachable host" case are decided in one place.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from .errors import KasError

DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError as e:
            raise KasError(f"expected JSON, got {self.body[:200]!r}") from e

    def error_text(self) -> str:
        """The `message` of a Connect/JSON error body, else the raw body."""
        try:
            doc = json.loads(self.body)
            if isinstance(doc, dict):
                code, message = (
                    doc.get("code", ""),
                    doc.get("message") or doc.get("error") or "",
                )
                return f"{code}: {message}" if code else str(message or doc)
        except ValueError:
            pass
        return self.body[:300].decode(errors="replace")


class Unreachable(KasError):
    """The host did not answer at all (DNS failure, connection refused, timeout)."""


def request(
    method: str,
    url: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Response:
    """Performs one request; HTTP errors are returned (not raised), network failures raise Unreachable."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Response(resp.status, resp.headers.get("Content-Type", ""), resp.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, e.headers.get("Content-Type", "") if e.headers else "", e.read())
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        raise Unreachable(f"cannot reach {url}: {reason}") from e


def post_json(url: str, doc, headers: dict[str, str] | None = None) -> Response:
    return request(
        "POST",
        url,
        json.dumps(doc).encode(),
        {
            "Content-Type": "application/json",
            "Accept": "application/json",
            **(headers or {}),
        },
    )


def get(url: str, headers: dict[str, str] | None = None) -> Response:
    return request("GET", url, None, {"Accept": "application/json", **(headers or {})})
