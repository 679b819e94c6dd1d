"""The two interfaces a container needs from the outside world, and an in-process KAS.

* `PublicKeySource.public_key(kas_url, alg)` — encrypt: the KAS public key to wrap a share for.
* `KeyReleaser.rewrap(kao, policy_b64)` — ZTDF decrypt: the share a KAO holds;
  `KeyReleaser.rewrap_nano(kas_url, header)` — NanoTDF decrypt: the payload key.

`tools.tdf.kas_client.KasClient` implements both over HTTP against a real KAS. `LocalKas`
implements both in process with private keys it holds, checking the policy binding the way a
KAS does; tests and offline tools use it so the containers can be exercised without a server.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from .constants import ALG_EC, ALG_RSA  # noqa: F401 - re-exported
from .crypto import (
    b64d,
    ec_unwrap,
    ecdh_hkdf,
    is_ec,
    load_private_key,
    public_pem,
    rsa_unwrap,
)
from .errors import IntegrityError, KasError, KasRequestError
from .policy import binding_matches


@dataclass(frozen=True)
class KasKey:
    """A KAS public key: where the KAS lives, which algorithm, the PEM and its kid."""

    url: str
    alg: str
    pem: str
    kid: str = ""


class PublicKeySource(Protocol):
    def public_key(self, kas_url: str, alg: str) -> KasKey: ...


class KeyReleaser(Protocol):
    def rewrap(self, kao: dict, policy_b64: str) -> bytes: ...

    def rewrap_nano(self, kas_url: str, header: bytes) -> bytes: ...


@dataclass
class LocalKas:
    """An in-process KAS holding private keys by kid; every URL is served by the same keys.

    `down` lists URLs that behave as unreachable hosts; `contacted` records every URL asked,
    so tests can prove a KAO was refused *before* any contact.
    """

    keys: dict[str, object]
    down: set[str] = field(default_factory=set)
    contacted: list[str] = field(default_factory=list)

    @classmethod
    def from_pems(cls, pems: dict[str, str]) -> LocalKas:
        return cls({kid: load_private_key(pem) for kid, pem in pems.items()})

    def _key(self, kid: str, want_ec: bool):
        if kid and kid in self.keys:
            return self.keys[kid]
        for key in self.keys.values():  # empty/unknown kid: fall back to a key of the right type
            if is_ec(key) == want_ec:
                return key
        raise KasRequestError(f"KAS request error: no {'EC' if want_ec else 'RSA'} key for kid {kid!r}")

    def _contact(self, url: str) -> None:
        self.contacted.append(url)
        if url in self.down:
            raise KasError(f"cannot reach KAS {url}: connection refused")

    def public_key(self, kas_url: str, alg: str) -> KasKey:
        self._contact(kas_url)
        want_ec = alg.startswith("ec")
        for kid, key in self.keys.items():
            if is_ec(key) == want_ec:
                return KasKey(url=kas_url, alg=alg, pem=public_pem(key), kid=kid)
        raise KasRequestError(f"KAS request error: {kas_url} has no {alg} key")

    def rewrap(self, kao: dict, policy_b64: str) -> bytes:
        self._contact(kao.get("url", ""))
        kao_type = kao.get("type", "wrapped")
        wrapped = b64d(kao.get("wrappedKey", ""), "wrappedKey")
        key = self._key(kao.get("kid", ""), want_ec=kao_type == "ec-wrapped")
        try:
            if kao_type == "ec-wrapped":
                share = ec_unwrap(key, kao.get("ephemeralPublicKey", ""), wrapped)
            else:
                share = rsa_unwrap(key, wrapped)
        except IntegrityError as e:
            raise KasRequestError(f"KAS request error: rewrap request 400 bad request: {e}") from e
        if not binding_matches(share, policy_b64, kao.get("policyBinding")):
            raise KasRequestError("KAS request error: rewrap request 400 bad request: policy binding mismatch")
        return share

    def rewrap_nano(self, kas_url: str, header: bytes) -> bytes:
        from .nanotdf import parse_header  # local import: nanotdf imports this module

        self._contact(kas_url)
        parsed = parse_header(header)
        key = self._key(parsed.kid, want_ec=True)
        salt = hashlib.sha256(header[:3]).digest()
        return ecdh_hkdf(key, parsed.ephemeral_key, salt)
