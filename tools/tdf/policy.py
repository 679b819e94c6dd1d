"""The TDF policy object and its binding to a key share (OPENTDF-WIRE.md §5.4, §7.4)."""

from __future__ import annotations

import binascii
import hmac
import json
import uuid

from .crypto import b64d, b64e, hmac_sha256
from .errors import InvalidFileError


def build_policy(attributes: list[str] | None = None, dissem: list[str] | None = None) -> dict:
    """Policy JSON as the JS/Go writers produce it: a v4 uuid, dataAttributes and dissem lists."""
    return {
        "uuid": str(uuid.uuid4()),
        "body": {
            "dataAttributes": [{"attribute": fqn} for fqn in attributes or []],
            "dissem": list(dissem or []),
        },
    }


def encode_policy(policy: dict) -> str:
    return b64e(json.dumps(policy, separators=(",", ":")).encode())


def decode_policy(policy_b64: str) -> dict:
    try:
        return json.loads(b64d(policy_b64, "policy"))
    except ValueError as e:
        raise InvalidFileError(f"policy is not base64 JSON: {e}") from e


def policy_attributes(policy: dict) -> list[str]:
    """Attribute FQNs of a policy; tolerates the null lists Java and py write."""
    body = policy.get("body") or {}
    return [a.get("attribute", "") for a in body.get("dataAttributes") or [] if isinstance(a, dict)]


def binding_hash(share: bytes, policy_b64: str) -> str:
    """`policyBinding.hash`: base64 of the *hex* HMAC-SHA256 (every writer uses this form)."""
    return b64e(hmac_sha256(share, policy_b64.encode()).hex().encode())


def binding_matches(share: bytes, policy_b64: str, binding) -> bool:
    """Checks a KAO binding in object (`{alg, hash}`) or bare-string form, hex or raw."""
    value = binding.get("hash", "") if isinstance(binding, dict) else binding
    if not isinstance(value, str):
        return False
    try:
        raw = b64d(value, "policy binding")
    except Exception:  # noqa: BLE001 - any undecodable binding simply does not match
        return False
    if len(raw) == 64:
        try:
            raw = binascii.unhexlify(raw)
        except binascii.Error:
            return False
    return hmac.compare_digest(raw, hmac_sha256(share, policy_b64.encode()))
