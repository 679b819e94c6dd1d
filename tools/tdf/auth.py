"""Client-credentials tokens from the platform's IdP.

Discovery: `GET {platform}/.well-known/opentdf-configuration` → `configuration.idp.token_endpoint`
(flat top-level also accepted; else `platform_issuer` + OIDC discovery), as otdf-python does.
The token is cached until shortly before it expires.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field

from .errors import PlatformError
from .transport import get, request


def discover_token_endpoint(platform_url: str) -> str:
    resp = get(f"{platform_url.rstrip('/')}/.well-known/opentdf-configuration")
    if resp.status != 200:
        raise PlatformError(f"well-known configuration at {platform_url}: HTTP {resp.status} {resp.error_text()}")
    doc = resp.json() or {}
    conf = doc.get("configuration", doc) if isinstance(doc, dict) else {}
    idp = conf.get("idp") or {}
    if idp.get("token_endpoint"):
        return idp["token_endpoint"]
    if conf.get("token_endpoint"):
        return conf["token_endpoint"]
    issuer = conf.get("platform_issuer") or idp.get("issuer")
    if not issuer:
        raise PlatformError(f"well-known configuration at {platform_url} names no token endpoint or issuer")
    oidc = get(f"{issuer.rstrip('/')}/.well-known/openid-configuration")
    if oidc.status != 200 or not (oidc.json() or {}).get("token_endpoint"):
        raise PlatformError(f"OIDC discovery at {issuer}: HTTP {oidc.status} {oidc.error_text()}")
    return oidc.json()["token_endpoint"]


@dataclass
class TokenSource:
    platform_url: str
    client_id: str
    client_secret: str
    token_endpoint: str | None = None
    _token: str | None = field(default=None, repr=False)
    _expires: float = 0.0

    def token(self) -> str:
        if self._token and time.time() < self._expires - 30:
            return self._token
        if not self.token_endpoint:
            self.token_endpoint = discover_token_endpoint(self.platform_url)
        form = urllib.parse.urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            }
        ).encode()
        resp = request(
            "POST",
            self.token_endpoint,
            form,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        doc = resp.json() if resp.status == 200 else None
        if not isinstance(doc, dict) or not doc.get("access_token"):
            raise PlatformError(
                f"token request to {self.token_endpoint} for client {self.client_id!r} failed: "
                f"HTTP {resp.status} {resp.error_text()}"
            )
        self._token = doc["access_token"]
        self._expires = time.time() + float(doc.get("expires_in") or 300)
        return self._token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}
