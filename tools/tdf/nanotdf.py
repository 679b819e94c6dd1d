"""NanoTDF: the compact binary container (OPENTDF-WIRE.md §8).

Header: magic `L1L`, KAS locator (+ optional kid), ECC/binding mode, cipher, embedded policy
(plaintext or encrypted), binding (8-byte "GMAC" = last 8 bytes of SHA-256 of the stored policy
body, or ECDSA r‖s by the ephemeral key), 33-byte compressed ephemeral P-256 key. Payload:
3-byte length, 3-byte IV (GCM nonce = 9 zero bytes ‖ IV), ciphertext, tag.
The payload key = HKDF-SHA256(ECDH(ephemeral, KAS EC key), salt = SHA-256(magic)).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import urllib.parse
from dataclasses import dataclass
from typing import BinaryIO

from .crypto import (
    compressed_point,
    ecdh_hkdf,
    ecdsa_sign_raw,
    ecdsa_verify_raw,
    gcm_decrypt,
    gcm_encrypt,
    load_public_key,
    new_ec_key,
    point_to_key,
)
from .errors import ConfigError, IntegrityError, InvalidFileError, KasNotAllowedError
from .keyaccess import KasKey, KeyReleaser
from .policy import build_policy

MAGIC = b"L1L"
SALT = hashlib.sha256(MAGIC).digest()
TAG_LENGTHS = {0: 8, 1: 12, 2: 13, 3: 14, 4: 15, 5: 16}
KID_SIZES = {0: 0, 1: 2, 2: 8, 3: 32}
POLICY_REMOTE, POLICY_PLAINTEXT, POLICY_ENCRYPTED, POLICY_ENCRYPTED_PKA = 0, 1, 2, 3
POLICY_MODES = {"plaintext": POLICY_PLAINTEXT, "encrypted": POLICY_ENCRYPTED}
GMAC_BINDING_LEN = 8
ECDSA_BINDING_LEN = 64
EPHEMERAL_KEY_LEN = 33
MAX_PAYLOAD = (1 << 24) - 1


@dataclass(frozen=True)
class NanoHeader:
    kas_url: str
    kid: str
    ecdsa_binding: bool
    cipher: int
    policy_mode: int
    policy_body: bytes
    binding: bytes
    ephemeral_key: object
    length: int

    @property
    def tag_len(self) -> int:
        return TAG_LENGTHS[self.cipher]


def _locator(url: str, kid: str) -> bytes:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ConfigError(f"NanoTDF KAS URL must be http or https, got {url!r}")
    body = (parts.netloc + parts.path).encode()
    kid_bytes = kid.encode()
    kid_type = next((t for t, n in KID_SIZES.items() if len(kid_bytes) <= n and (n or not kid_bytes)), None)
    if kid_type is None:
        raise ConfigError(f"kid {kid!r} is longer than 32 bytes")
    protocol = 1 if parts.scheme == "https" else 0
    return bytes([kid_type << 4 | protocol, len(body)]) + body + kid_bytes.ljust(KID_SIZES[kid_type], b"\0")


def policy_binding(body: bytes) -> bytes:
    """The "GMAC" binding every writer uses: the last 8 bytes of SHA-256(stored policy body)."""
    return hashlib.sha256(body).digest()[-GMAC_BINDING_LEN:]


def write_nano(
    data: bytes,
    out: BinaryIO,
    kas: KasKey,
    attributes: list[str] | None = None,
    *,
    policy_mode: str = "encrypted",
    ecdsa_binding: bool = False,
    include_kid: bool = True,
    cipher: int = 5,
) -> None:
    if policy_mode not in POLICY_MODES:
        raise ConfigError(f"policy mode must be one of {sorted(POLICY_MODES)}, got {policy_mode!r}")
    if len(data) + 3 + TAG_LENGTHS[cipher] > MAX_PAYLOAD:
        raise ConfigError(f"NanoTDF payloads are limited to {MAX_PAYLOAD} bytes; use ZTDF for {len(data)} bytes")
    ephemeral = new_ec_key()
    key = ecdh_hkdf(ephemeral, load_public_key(kas.pem), SALT)
    tag_len = TAG_LENGTHS[cipher]
    policy = build_policy(attributes)
    body = json.dumps(policy, separators=(",", ":")).encode()
    if POLICY_MODES[policy_mode] == POLICY_ENCRYPTED:
        ct, tag = gcm_encrypt(key, bytes(12), body, tag_len)
        body = ct + tag
    binding = ecdsa_sign_raw(ephemeral, body) if ecdsa_binding else policy_binding(body)
    header = (
        MAGIC
        + _locator(kas.url, kas.kid if include_kid else "")
        + bytes([0x80 if ecdsa_binding else 0x00, cipher, POLICY_MODES[policy_mode]])
        + len(body).to_bytes(2, "big")
        + body
        + binding
        + compressed_point(ephemeral.public_key())
    )
    iv = os.urandom(3)
    while iv == b"\0\0\0":  # the all-zero nonce is the policy's; never reuse it
        iv = os.urandom(3)
    ct, tag = gcm_encrypt(key, bytes(9) + iv, data, tag_len)
    out.write(header + (3 + len(ct) + tag_len).to_bytes(3, "big") + iv + ct + tag)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int, what: str) -> bytes:
        if self.pos + n > len(self.data):
            raise InvalidFileError(f"NanoTDF truncated while reading {what}")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self, what: str) -> int:
        return self.take(1, what)[0]


def parse_header(data: bytes) -> NanoHeader:
    r = _Reader(data)
    if r.take(3, "magic") != MAGIC:
        raise InvalidFileError(f"not a NanoTDF: magic is {data[:3]!r}, expected {MAGIC!r}")
    loc = r.byte("locator")
    protocol, kid_type = loc & 0x0F, loc >> 4
    if protocol not in (0, 1) or kid_type not in KID_SIZES:
        raise InvalidFileError(f"unsupported KAS locator byte 0x{loc:02x}")
    host = r.take(r.byte("locator length"), "locator").decode()
    kid = r.take(KID_SIZES[kid_type], "kid").rstrip(b"\0").decode()
    mode = r.byte("binding mode")
    if mode & 0x07 != 0:
        raise InvalidFileError(f"unsupported curve {mode & 0x07} (only P-256)")
    sym = r.byte("symmetric config")
    if sym & 0x80:
        raise InvalidFileError("signed NanoTDF payloads are not supported")
    if sym & 0x0F not in TAG_LENGTHS:
        raise InvalidFileError(f"unsupported cipher {sym & 0x0F}")
    policy_mode = r.byte("policy type")
    if policy_mode not in (POLICY_PLAINTEXT, POLICY_ENCRYPTED):
        raise InvalidFileError(f"unsupported policy type {policy_mode} (only embedded plaintext/encrypted)")
    body = r.take(int.from_bytes(r.take(2, "policy length"), "big"), "policy body")
    ecdsa = bool(mode & 0x80)
    binding = r.take(ECDSA_BINDING_LEN if ecdsa else GMAC_BINDING_LEN, "policy binding")
    ephemeral = point_to_key(r.take(EPHEMERAL_KEY_LEN, "ephemeral key"))
    return NanoHeader(
        kas_url=f"{'https' if protocol else 'http'}://{host}",
        kid=kid,
        ecdsa_binding=ecdsa,
        cipher=sym & 0x0F,
        policy_mode=policy_mode,
        policy_body=body,
        binding=binding,
        ephemeral_key=ephemeral,
        length=r.pos,
    )


def check_binding(header: NanoHeader) -> None:
    if header.ecdsa_binding:
        ok = ecdsa_verify_raw(header.ephemeral_key, header.binding, header.policy_body)
    else:
        ok = hmac.compare_digest(header.binding, policy_binding(header.policy_body))
    if not ok:
        raise IntegrityError("NanoTDF policy binding does not match the policy: policy was tampered")


def read_nano(data: bytes, releaser: KeyReleaser, allowed=lambda _url: True) -> tuple[NanoHeader, bytes]:
    header = parse_header(data)
    check_binding(header)
    if not allowed(header.kas_url):
        raise KasNotAllowedError(f"KAS {header.kas_url} is not allowed by the KAS allowlist")
    key = releaser.rewrap_nano(header.kas_url, data[: header.length])
    r = _Reader(data)
    r.pos = header.length
    size = int.from_bytes(r.take(3, "payload length"), "big")
    if size < 3 + header.tag_len or header.length + 3 + size != len(data):
        raise IntegrityError(f"NanoTDF payload length {size} does not match the file: tampered")
    iv = r.take(3, "payload iv")
    rest = r.take(size - 3, "payload")
    plain = gcm_decrypt(key, bytes(9) + iv, rest[: -header.tag_len], rest[-header.tag_len :], "NanoTDF payload segment")
    return header, plain


def decrypt_policy(header: NanoHeader, key: bytes) -> bytes:
    """The policy JSON (needs the payload key when the policy is encrypted)."""
    if header.policy_mode == POLICY_PLAINTEXT:
        return header.policy_body
    body = header.policy_body
    return gcm_decrypt(key, bytes(12), body[: -header.tag_len], body[-header.tag_len :], "NanoTDF policy")
