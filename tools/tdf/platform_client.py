"""Policy-service lookups the SDK needs (Connect unary RPCs with JSON bodies, CONTRACTS.md)."""

from __future__ import annotations

from dataclasses import dataclass

from .auth import TokenSource
from .errors import PlatformError
from .transport import post_json

ATTRIBUTES_BY_FQNS = "policy.attributes.AttributesService/GetAttributeValuesByFqns"
LIST_KAS = "policy.kasregistry.KeyAccessServerRegistryService/ListKeyAccessServers"


@dataclass
class PlatformClient:
    platform_url: str
    tokens: TokenSource

    def _call(self, method: str, body: dict) -> dict:
        url = f"{self.platform_url.rstrip('/')}/{method}"
        resp = post_json(url, body, self.tokens.headers())
        if resp.status != 200:
            raise PlatformError(f"{method} at {self.platform_url}: HTTP {resp.status} {resp.error_text()}")
        doc = resp.json()
        return doc if isinstance(doc, dict) else {}

    def attribute_values(self, fqns: list[str]) -> dict[str, dict]:
        """`{fqn: {attribute: {…, grants, namespace: {grants}}, value: {…, grants}}}`."""
        doc = self._call(ATTRIBUTES_BY_FQNS, {"fqns": fqns})
        found = doc.get("fqnAttributeValues") or {}
        lowered = {k.lower(): v for k, v in found.items()}
        missing = [f for f in fqns if f.lower() not in lowered]
        if missing:
            raise PlatformError(f"the platform does not know the attribute values {missing}")
        return {f: lowered[f.lower()] for f in fqns}

    def registered_kas_uris(self) -> list[str]:
        doc = self._call(LIST_KAS, {})
        return [k.get("uri", "") for k in doc.get("keyAccessServers") or [] if k.get("uri")]
