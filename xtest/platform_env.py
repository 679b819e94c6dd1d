"""Platform connection settings from the environment (XTEST-UPSTREAM.md §1.2) and its feature set.

Reads the upstream variables once, with upstream's defaults, so nothing else in the suite looks
at ``os.environ`` for them. ``XTEST_EMBEDDED_PLATFORM=1`` is set by the suite when it started
the embedded platform itself (``fixtures/platform.py``); that platform's feature set is known.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping

EMBEDDED_FLAG = "XTEST_EMBEDDED_PLATFORM"
CANONICAL_KAS = "http://localhost:8080/kas"  # the KAS URL golden files name in their KAOs

KAS_NAMES = ("alpha", "beta", "gamma", "delta", "km1", "km2")
_KAS_DEFAULT_PORTS = {"alpha": 8181, "beta": 8282, "gamma": 8383, "delta": 8484, "km1": 8585, "km2": 8686}


@dataclasses.dataclass(frozen=True)
class PlatformSettings:
    url: str
    kas_urls: dict[str, str]  # "default", "alpha", …, "km2"
    token_endpoint: str
    oidc_realm_url: str
    client_id: str
    client_secret: str
    version: str | None
    embedded: bool

    @property
    def kas_url(self) -> str:
        return self.kas_urls["default"]

    @property
    def canonical_kas(self) -> bool:
        """Whether the default KAS is the one golden files name (``localhost:8080/kas``)."""
        return self.kas_url == CANONICAL_KAS


def from_env(env: Mapping[str, str] = os.environ) -> PlatformSettings:
    """Settings from upstream's variables, defaulting as upstream's ``test.env`` does."""
    url = env.get("PLATFORMURL", "http://localhost:8080").rstrip("/")
    kas_urls = {"default": env.get("KASURL", f"{url}/kas")}
    for i, name in enumerate(KAS_NAMES, start=1):
        port = _KAS_DEFAULT_PORTS[name]
        fallback = f"http://localhost:{port}" + ("" if name.startswith("km") else "/kas")
        kas_urls[name] = env.get(f"KASURL{i}", fallback)
    kc_host = env.get("KCHOST", "http://localhost:8888")
    realm_url = env.get("KCFULLURL", f"{kc_host}/auth/realms/{env.get('REALM', 'opentdf')}")
    return PlatformSettings(
        url=url,
        kas_urls=kas_urls,
        token_endpoint=env.get("TOKENENDPOINT", f"{realm_url}/protocol/openid-connect/token"),
        oidc_realm_url=realm_url,
        client_id=env.get("CLIENTID", "opentdf"),
        client_secret=env.get("CLIENTSECRET", "secret"),
        version=env.get("PLATFORM_VERSION") or None,
        embedded=env.get(EMBEDDED_FLAG) == "1",
    )


# What the embedded platform (tools/platform) implements; see docs/CONTRACTS.md.
EMBEDDED_FEATURES = frozenset(
    {
        "assertions",
        "assertion_verification",
        "autoconfigure",
        "better-messages-2024",
        "connectrpc",
        "ecwrap",
        "hexless",
        "hexaflexible",
        "kasallowlist",
        "nano",
        "nano_ecdsa",
        "nano_policymode_plaintext",
        "ns_grants",
        "mime_type",
        "golden_r1_on_km2",  # km2 holds golden-r1 (upstream imports it through key management)
    }
)

# Version gates of a real platform (XTEST-UPSTREAM.md §1.4); "always" features have no gate.
_ALWAYS = {"assertions", "assertion_verification", "autoconfigure", "better-messages-2024", "kasallowlist", "mime_type"}
_GATES = {
    "ns_grants": (0, 4, 19),
    "connectrpc": (0, 4, 28),
    "hexless": (0, 4, 39),
    "hexaflexible": (0, 4, 39),
    "ecwrap": (0, 4, 40),
    "key_management": (0, 6, 0),
    "audit_logging": (0, 10, 0),
    "obligations": (0, 11, 0),
    "attribute_traversal": (0, 12, 0),
}
_NANO_REMOVED = (0, 13, 0)  # platforms after the NanoTDF removal (Jan 2026) no longer serve nano rewrap


def parse_semver(text: str) -> tuple[int, int, int]:
    """``v0.4.39-rc1`` → (0, 4, 39); raises ValueError on anything else."""
    m = re.match(r"^v?(\d+)\.(\d+)\.(\d+)", text.strip())
    if not m:
        raise ValueError(f"PLATFORM_VERSION must look like 0.9.0, got {text!r}")
    return int(m[1]), int(m[2]), int(m[3])


def platform_features(settings: PlatformSettings) -> frozenset[str]:
    """Features the platform under test offers (embedded: all it implements; real: by version)."""
    if settings.embedded:
        return EMBEDDED_FEATURES
    version = parse_semver(settings.version or "0.9.0")
    gated = {f for f, since in _GATES.items() if version >= since}
    if version < _NANO_REMOVED:
        gated.add("nano")
    return frozenset(_ALWAYS | gated)
