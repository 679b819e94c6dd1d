"""Static layout of the embedded platform: KAS instances, their keys and ports, and OAuth clients.

This mirrors the upstream xtest layout (platform 8080 with the default KAS, extra KAS instances
alpha..delta sharing the default keys, km1/km2 with keys of their own and URLs without `/kas`).
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_KAS = "default"


@dataclass(frozen=True)
class KasSpec:
    name: str
    default_port: int
    key_files: tuple[str, ...]  # names in keys/, first RSA and first EC are the defaults
    path_prefix: str = "/kas"  # how the KAS URL ends (km1/km2 have none, as upstream)


KAS_SPECS: tuple[KasSpec, ...] = (
    KasSpec(DEFAULT_KAS, 8080, ("r1", "e1", "golden-r1")),
    KasSpec("alpha", 8181, ("r1", "e1")),
    KasSpec("beta", 8282, ("r1", "e1")),
    KasSpec("gamma", 8383, ("r1", "e1")),
    KasSpec("delta", 8484, ("r1", "e1")),
    KasSpec("km1", 8585, ("km1-r1", "km1-e1"), path_prefix=""),
    # golden-r1 on km2 too: upstream imports it there for the key-management golden (KAO url km2, no kid).
    KasSpec("km2", 8686, ("km2-r1", "km2-e1", "golden-r1"), path_prefix=""),
)

# The names upstream xtest gives the KAS URLs in its environment (KASURL1..6 after KASURL).
KAS_ENV_ORDER = ("alpha", "beta", "gamma", "delta", "km1", "km2")

ADMIN_ROLE = "opentdf-admin"
STANDARD_ROLE = "opentdf-standard"


@dataclass(frozen=True)
class Client:
    client_id: str
    secret: str
    roles: tuple[str, ...]


CLIENTS: tuple[Client, ...] = (
    Client("opentdf", "secret", (ADMIN_ROLE, STANDARD_ROLE)),
    Client("opentdf-sdk", "secret", (STANDARD_ROLE,)),
    Client("opentdf-dpop", "secret", (STANDARD_ROLE,)),
    Client("outsider", "secret", ()),
)

REALM_PATH = "/auth/realms/opentdf"
TOKEN_LIFETIME_SECONDS = 3600
CLOCK_SKEW_SECONDS = 60
MAX_BODY_BYTES = 8 * 1024 * 1024  # a rewrap request is a few KB; bigger bodies get 413
