"""Which KAS URLs decrypt may contact (checked before any request is made).

Default: any URL on the platform's origin, plus the exact URIs registered in the platform's KAS
registry. An explicit list replaces the registry part; entries match exactly after
normalisation (scheme and host lower-cased, default port filled in, trailing `/` dropped), so a
KAS registered at `http://localhost:8585` does not admit `http://localhost:8585/malicious/kas`.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass


def normalize(url: str) -> str:
    parts = urllib.parse.urlsplit(url.strip())
    scheme = (parts.scheme or "https").lower()
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return f"{scheme}://{host}:{port}{parts.path.rstrip('/')}"


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(normalize(url))
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class Allowlist:
    urls: frozenset[str] = frozenset()
    origins: frozenset[str] = frozenset()
    allow_all: bool = False

    @classmethod
    def build(cls, urls: list[str] = (), origins: list[str] = (), allow_all: bool = False) -> Allowlist:
        return cls(
            frozenset(normalize(u) for u in urls if u),
            frozenset(origin(o) for o in origins if o),
            allow_all,
        )

    def __call__(self, url: str) -> bool:
        if self.allow_all:
            return True
        if not url:
            return False
        return normalize(url) in self.urls or origin(url) in self.origins
