"""Assertions: build, sign and verify (OPENTDF-WIRE.md §7.6, XTEST-UPSTREAM.md §3.5).

Input (the `--assertions` file, upstream format): a JSON list of
`{id, type, scope, appliesToState, statement: {format, schema?, value}, signingKey?: {alg, key}}`.
`signingKey` is never written to the manifest. Without it the binding is HS256 keyed with the
DEK. An HS256 key string is used as its UTF-8 bytes (as otdfctl does); an RS256 key is a PEM.

Verification keys file: `{"keys": {"<assertion id>": {"alg": "HS256"|"RS256", "key": …}}}`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

import jwt

from .crypto import b64e, load_private_key, load_public_key
from .errors import AssertionVerificationError, ConfigError

ASSERTION_FIELDS = ("id", "type", "scope", "appliesToState", "statement")


@dataclass(frozen=True)
class AssertionKey:
    alg: str  # "HS256" | "RS256"
    key: str | bytes

    def signing_key(self):
        if self.alg == "HS256":
            return self.key if isinstance(self.key, bytes) else self.key.encode()
        if self.alg == "RS256":
            return load_private_key(self.key)
        raise ConfigError(f"unsupported assertion key alg {self.alg!r}: use HS256 or RS256")

    def verifying_key(self):
        if self.alg == "HS256":
            return self.signing_key()
        if self.alg == "RS256":
            text = self.key.decode() if isinstance(self.key, bytes) else self.key
            return load_private_key(text).public_key() if "PRIVATE" in text else load_public_key(text)
        raise ConfigError(f"unsupported assertion key alg {self.alg!r}: use HS256 or RS256")


def _key_from_json(obj, where: str) -> AssertionKey:
    if not isinstance(obj, dict) or "alg" not in obj or "key" not in obj:
        raise ConfigError(f"{where}: expected {{'alg': …, 'key': …}}, got {obj!r}")
    return AssertionKey(alg=str(obj["alg"]).upper(), key=obj["key"])


def load_json_arg(value: str, what: str):
    """A CLI value that is either a path to a JSON file or inline JSON (XT_WITH_ASSERTIONS)."""
    text = value.strip()
    if not text.startswith(("[", "{")):
        try:
            text = Path(value).read_text()
        except OSError as e:
            raise ConfigError(f"{what}: cannot read {value!r}: {e}") from e
    try:
        return json.loads(text)
    except ValueError as e:
        raise ConfigError(f"{what} is not valid JSON: {e}") from e


def parse_assertion_configs(data) -> list[tuple[dict, AssertionKey | None]]:
    """Validates the assertion list; returns (manifest assertion without binding, signing key)."""
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ConfigError("assertions must be a JSON list of assertion objects")
    out = []
    for i, item in enumerate(data):
        missing = [f for f in ASSERTION_FIELDS if f not in item]
        if missing:
            raise ConfigError(f"assertion {i}: missing fields {missing}")
        assertion = {f: item[f] for f in ASSERTION_FIELDS}
        key = item.get("signingKey")
        out.append(
            (
                assertion,
                _key_from_json(key, f"assertion {item['id']} signingKey") if key else None,
            )
        )
    return out


def load_verification_keys(value: str) -> dict[str, AssertionKey]:
    data = load_json_arg(value, "assertion verification keys")
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(keys, dict):
        raise ConfigError('assertion verification keys must look like {"keys": {"<id>": {"alg", "key"}}}')
    return {aid: _key_from_json(k, f"verification key {aid}") for aid, k in keys.items()}


def assertion_hash(assertion: dict) -> str:
    """SHA-256 hex of the assertion minus `binding`, sorted compact JSON; object values stringified."""
    body = {k: v for k, v in assertion.items() if k != "binding"}
    statement = dict(body.get("statement") or {})
    if "value" in statement and not isinstance(statement["value"], str):
        statement["value"] = json.dumps(statement["value"], sort_keys=True, separators=(",", ":"))
    body["statement"] = statement
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def assertion_sig(aggregate: bytes, hash_hex: str, hexless: bool) -> str:
    tail = bytes.fromhex(hash_hex) if hexless else hash_hex.encode()
    return b64e(aggregate + tail)


def sign_assertion(assertion: dict, key: AssertionKey, aggregate: bytes, hexless: bool) -> dict:
    h = assertion_hash(assertion)
    claims = {"assertionHash": h, "assertionSig": assertion_sig(aggregate, h, hexless)}
    token = jwt.encode(claims, key.signing_key(), algorithm=key.alg, headers={"typ": None})
    return {**assertion, "binding": {"method": "JWS", "signature": token}}


def verify_assertion(assertion: dict, key: AssertionKey, aggregate: bytes, hexless: bool) -> None:
    aid = assertion.get("id", "?")
    binding = assertion.get("binding") or {}
    token = binding.get("signature", "")
    try:
        claims = jwt.decode(
            token,
            key.verifying_key(),
            algorithms=[key.alg],
            options={"verify_aud": False},
        )
    except jwt.PyJWTError as e:
        raise AssertionVerificationError(f"assertion {aid!r} binding signature does not verify ({e}): tampered") from e
    expected_hash = assertion_hash(assertion)
    if not hmac.compare_digest(str(claims.get("assertionHash", "")), expected_hash):
        raise AssertionVerificationError(f"assertion {aid!r} hash does not match its content: assertion was tampered")
    if str(claims.get("assertionSig", "")) != assertion_sig(aggregate, expected_hash, hexless):
        raise AssertionVerificationError(f"assertion {aid!r} is not bound to this payload: assertion was tampered")
