"""KAS client over HTTP: public keys for encrypt, rewrap for decrypt (OPENTDF-WIRE.md §4-§6).

Rewrap sends a signed request token (SRT, RS256 with a per-client ephemeral key that is never
sent) holding the v2 request body, plus the legacy v1 fields, as otdf-python does. Transport is
REST (`POST {kas}/v2/rewrap`, JSON) or Connect (`POST {origin}/kas.AccessService/Rewrap`,
binary proto). The KAS rewraps the key share for our session key: RSA-2048 (OAEP-SHA1) or EC
P-256 (ECDH + HKDF, salt SHA-256("TDF") for ZTDF, SHA-256 of the nano magic for NanoTDF).
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.parse
from dataclasses import dataclass, field

import jwt

from tools.opentdf_proto import RewrapRequest, RewrapResponse

from .auth import TokenSource
from .constants import PROTOCOLS, SESSION_KEYS
from .crypto import (
    ZTDF_EC_SALT,
    b64d,
    b64e,
    ecdh_hkdf,
    load_public_key,
    new_ec_key,
    new_rsa_key,
    public_pem,
    rsa_unwrap,
    unseal,
)
from .errors import ConfigError, IntegrityError, KasRequestError
from .keyaccess import ALG_EC, ALG_RSA, KasKey
from .transport import Response, get, post_json, request

#: Fields of a manifest KAO the KAS understands (protobuf KeyAccess, JSON names).
KAO_FIELDS = (
    "type",
    "url",
    "protocol",
    "wrappedKey",
    "policyBinding",
    "kid",
    "sid",
    "encryptedMetadata",
    "ephemeralPublicKey",
    "schemaVersion",
)


def connect_base(kas_url: str) -> str:
    """Connect routes hang off the origin: keep the path, strip one trailing `/kas` (as py)."""
    parts = urllib.parse.urlsplit(kas_url)
    path = parts.path.rstrip("/")
    path = path.removesuffix("/kas")
    return f"{parts.scheme}://{parts.netloc}{path}"


@dataclass
class KasClient:
    """Implements PublicKeySource and KeyReleaser against real KAS servers."""

    tokens: TokenSource | None
    protocol: str = "rest"
    session_key: str = "rsa"
    _signing_key: object = field(default=None, repr=False)
    _session: object = field(default=None, repr=False)
    _public_keys: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise ConfigError(f"rewrap protocol must be one of {PROTOCOLS}, got {self.protocol!r}")
        if self.session_key not in SESSION_KEYS:
            raise ConfigError(f"session key must be one of {SESSION_KEYS}, got {self.session_key!r}")

    # --- encrypt side ---

    def public_key(self, kas_url: str, alg: str) -> KasKey:
        cache_key = (kas_url, alg)
        if cache_key not in self._public_keys:
            self._public_keys[cache_key] = self._fetch_public_key(kas_url, alg)
        return self._public_keys[cache_key]

    def _fetch_public_key(self, kas_url: str, alg: str) -> KasKey:
        query = urllib.parse.urlencode({"algorithm": alg, "v": "2"})
        resp = get(f"{kas_url.rstrip('/')}/kas_public_key?{query}")
        if resp.status != 200:
            raise KasRequestError(
                f"KAS request error: public key ({alg}) from {kas_url}: HTTP {resp.status} {resp.error_text()}"
            )
        doc = resp.json()
        if isinstance(doc, str):
            return KasKey(url=kas_url, alg=alg, pem=doc)
        if not isinstance(doc, dict) or not doc.get("publicKey"):
            raise KasRequestError(f"KAS request error: public key answer from {kas_url} has no publicKey: {doc!r}")
        return KasKey(url=kas_url, alg=alg, pem=doc["publicKey"], kid=doc.get("kid", ""))

    # --- decrypt side ---

    def _keys(self):
        if self._signing_key is None:
            self._signing_key = new_rsa_key()
            self._session = new_ec_key() if self.session_key == "ec" else new_rsa_key()
        return self._signing_key, self._session

    def rewrap(self, kao: dict, policy_b64: str) -> bytes:
        sent = {k: kao[k] for k in KAO_FIELDS if k in kao}
        sent.setdefault("type", "wrapped")
        sent.setdefault("protocol", "kas")
        alg = ALG_EC if "ec" in sent["type"] else ALG_RSA
        body = {
            "requests": [
                {
                    "keyAccessObjects": [{"keyAccessObjectId": "kao-0", "keyAccessObject": sent}],
                    "policy": {"id": "policy", "body": policy_b64},
                    "algorithm": alg,
                }
            ],
            "keyAccess": sent,
            "policy": policy_b64,
        }
        return self._rewrap(kao.get("url", ""), body, ZTDF_EC_SALT)

    def rewrap_nano(self, kas_url: str, header: bytes) -> bytes:
        kao = {
            "url": kas_url,
            "wrappedKey": "",
            "type": "wrapped",
            "protocol": "kas",
            "header": b64e(header),
        }
        body = {
            "requests": [
                {
                    "keyAccessObjects": [{"keyAccessObjectId": "kao-0", "keyAccessObject": kao}],
                    "policy": {"id": "policy"},
                    "algorithm": ALG_EC,
                }
            ],
            "keyAccess": kao,
        }
        return self._rewrap(kas_url, body, hashlib.sha256(header[:3]).digest())

    def _rewrap(self, kas_url: str, body: dict, ec_salt: bytes) -> bytes:
        signing, session = self._keys()
        body = {"clientPublicKey": public_pem(session), **body}
        now = int(time.time())
        srt = jwt.encode(
            {"requestBody": json.dumps(body), "iat": now, "exp": now + 300},
            signing,
            algorithm="RS256",
        )
        headers = self.tokens.headers() if self.tokens else {}
        if self.protocol == "connect":
            wrapped, session_pem = self._send_connect(kas_url, srt, headers)
        else:
            wrapped, session_pem = self._send_rest(kas_url, srt, headers)
        try:
            if self.session_key == "ec":
                if not session_pem:
                    raise KasRequestError(f"KAS request error: {kas_url} sent no sessionPublicKey for an EC client key")
                return unseal(
                    ecdh_hkdf(session, load_public_key(session_pem), ec_salt),
                    wrapped,
                    "rewrapped key",
                )
            return rsa_unwrap(session, wrapped)
        except IntegrityError as e:
            raise KasRequestError(f"KAS request error: cannot open the key {kas_url} rewrapped: {e}") from e

    @staticmethod
    def _fail(kas_url: str, resp: Response) -> KasRequestError:
        hint = " (bad request)" if resp.status == 400 else ""
        return KasRequestError(
            f"KAS request error: rewrap request {resp.status}{hint} from {kas_url}: {resp.error_text()}"
        )

    def _send_rest(self, kas_url: str, srt: str, headers: dict) -> tuple[bytes, str]:
        resp = post_json(f"{kas_url.rstrip('/')}/v2/rewrap", {"signedRequestToken": srt}, headers)
        if resp.status != 200:
            raise self._fail(kas_url, resp)
        doc = resp.json() or {}
        session_pem = doc.get("sessionPublicKey", "")
        for policy_result in doc.get("responses") or []:
            for result in policy_result.get("results") or []:
                if result.get("status") == "fail" or result.get("error"):
                    raise KasRequestError(f"KAS request error: {kas_url} refused the rewrap: {result.get('error')}")
                return b64d(result.get("kasWrappedKey", ""), "kasWrappedKey"), session_pem
        if doc.get("entityWrappedKey"):
            return b64d(doc["entityWrappedKey"], "entityWrappedKey"), session_pem
        raise KasRequestError(f"KAS request error: could not find policy in rewrap response from {kas_url}")

    def _send_connect(self, kas_url: str, srt: str, headers: dict) -> tuple[bytes, str]:
        url = f"{connect_base(kas_url)}/kas.AccessService/Rewrap"
        payload = RewrapRequest(signed_request_token=srt).SerializeToString()
        resp = request(
            "POST",
            url,
            payload,
            {
                "Content-Type": "application/proto",
                "Connect-Protocol-Version": "1",
                **headers,
            },
        )
        if resp.status != 200:
            raise self._fail(kas_url, resp)
        msg = RewrapResponse.FromString(resp.body)
        for policy_result in msg.responses:
            for result in policy_result.results:
                if result.status == "fail" or result.error:
                    raise KasRequestError(f"KAS request error: {kas_url} refused the rewrap: {result.error}")
                return result.kas_wrapped_key, msg.session_public_key
        if msg.entity_wrapped_key:
            return msg.entity_wrapped_key, msg.session_public_key
        raise KasRequestError(f"KAS request error: could not find policy in rewrap response from {kas_url}")
