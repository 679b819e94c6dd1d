"""Segment hashes and the root signature in both encodings (OPENTDF-WIRE.md §7.3).

Legacy (target 4.2.2, no top-level `schemaVersion`) stores hex text inside base64; hexless
(4.3.0) stores raw bytes. The aggregate the root signature covers follows the same rule:
concatenated hex strings vs concatenated raw hashes.
"""

from __future__ import annotations

import binascii
import hmac

from .constants import SEGMENT_HASH_ALGS, TARGET_HEXLESS, TARGET_LEGACY  # noqa: F401 - re-exported
from .crypto import GCM_TAG_LEN, b64d, b64e, hmac_sha256
from .errors import ConfigError, IntegrityError


def is_hexless(target_mode: str) -> bool:
    if target_mode not in (TARGET_LEGACY, TARGET_HEXLESS):
        raise ConfigError(f"unknown target mode {target_mode!r}: use {TARGET_LEGACY} or {TARGET_HEXLESS}")
    return target_mode == TARGET_HEXLESS


def segment_hash(alg: str, key: bytes, encrypted_segment: bytes) -> bytes:
    """GMAC = the segment's 16-byte GCM tag; HS256 = HMAC-SHA256(DEK, nonce‖ct‖tag)."""
    if alg == "GMAC":
        return encrypted_segment[-GCM_TAG_LEN:]
    if alg == "HS256":
        return hmac_sha256(key, encrypted_segment)
    raise IntegrityError(f"unsupported segmentHashAlg {alg!r}")


def encode_hash(raw: bytes, hexless: bool) -> str:
    return b64e(raw if hexless else raw.hex().encode())


def decode_hash(value: str, hexless: bool, what: str) -> bytes:
    raw = b64d(value, what)
    if hexless:
        return raw
    try:
        return binascii.unhexlify(raw)
    except binascii.Error as e:
        raise IntegrityError(f"{what} is not hex inside base64 (legacy format): tampered") from e


def aggregate(raw_hashes: list[bytes], hexless: bool) -> bytes:
    return b"".join(h if hexless else h.hex().encode() for h in raw_hashes)


def root_signature(key: bytes, raw_hashes: list[bytes], hexless: bool) -> str:
    return encode_hash(hmac_sha256(key, aggregate(raw_hashes, hexless)), hexless)


def check_root_signature(key: bytes, raw_hashes: list[bytes], hexless: bool, sig: str, alg: str) -> None:
    if alg not in ("HS256", ""):
        raise IntegrityError(f"unsupported root signature alg {alg!r}")
    expected = hmac_sha256(key, aggregate(raw_hashes, hexless))
    try:
        got = decode_hash(sig, hexless, "root signature")
    except IntegrityError as e:
        raise IntegrityError(f"root signature is malformed: manifest was tampered ({e})") from e
    if not hmac.compare_digest(expected, got):
        raise IntegrityError("root signature does not match the segment hashes: manifest was tampered")
