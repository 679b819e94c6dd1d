"""Recovering the key a key access object (KAO) protects, and checking its policy binding.

Three forms (OPENTDF-WIRE.md §5.4, §8):
- `wrapped`: RSA-OAEP (SHA-1) of the DEK share under a KAS RSA key;
- `ec-wrapped`: ECDH with the KAO's ephemeral key, HKDF-SHA256(salt=SHA-256("TDF")), AES-GCM;
- NanoTDF header: ECDH with the header's ephemeral key, HKDF-SHA256(salt=SHA-256(magic)).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tools.platform import nanotdf
from tools.platform.errors import InvalidArgument, NotFound
from tools.platform.keys import KeyPair

ZTDF_SALT = hashlib.sha256(b"TDF").digest()
OAEP_SHA1 = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None)


@dataclass(frozen=True)
class ReleasedKey:
    """A recovered key plus what the access decision and the client wrapping need."""

    key: bytes
    policy: dict  # the decoded policy JSON ({"uuid", "body": {"dataAttributes", "dissem"}})
    salt: bytes  # HKDF salt when wrapping for an EC client key


def b64decode(value, what: str) -> bytes:
    if not isinstance(value, str):
        raise InvalidArgument(f"{what} must be a base64 string, got {type(value).__name__}")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        try:  # some writers use unpadded or URL-safe base64
            return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except (binascii.Error, ValueError):
            raise InvalidArgument(f"{what} is not valid base64") from None


def hkdf_sha256(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"").derive(shared)


def decode_policy(policy_b64: str) -> dict:
    try:
        policy = json.loads(b64decode(policy_b64, "policy"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidArgument("policy is not base64 of JSON") from None
    if not isinstance(policy, dict):
        raise InvalidArgument("policy JSON is not an object")
    return policy


class KeyRing:
    """The keys of one KAS instance, by kid, with RSA and EC defaults (the first of each)."""

    def __init__(self, keys: list[KeyPair]):
        self.by_kid = {k.kid: k for k in keys}
        self.rsa = [k for k in keys if k.is_rsa]
        self.ec = [k for k in keys if not k.is_rsa]

    def public_key(self, algorithm: str = "", kid: str = "") -> KeyPair:
        """The key a PublicKey request names: by kid if given, else the default for the algorithm."""
        if kid:
            key = self.by_kid.get(kid)
            if key is None:
                raise NotFound(f"unknown kid {kid!r}; this KAS has {sorted(self.by_kid)}")
            return key
        algorithm = (algorithm or "rsa:2048").lower()
        if algorithm.startswith("ec"):
            if algorithm not in ("ec:secp256r1", "ec"):
                raise NotFound(f"no key for algorithm {algorithm!r}; supported: rsa:2048, ec:secp256r1")
            return self.ec[0]
        if algorithm.startswith("rsa"):
            if algorithm not in ("rsa:2048", "rsa"):
                raise NotFound(f"no key for algorithm {algorithm!r}; supported: rsa:2048, ec:secp256r1")
            return self.rsa[0]
        raise InvalidArgument(f"unknown algorithm {algorithm!r}; supported: rsa:2048, ec:secp256r1")

    def candidates(self, kid: str, want_rsa: bool) -> list[KeyPair]:
        family = self.rsa if want_rsa else self.ec
        if not kid:
            return family
        key = self.by_kid.get(kid)
        if key is None or key.is_rsa != want_rsa:
            raise NotFound(f"unknown kid {kid!r} for a {'wrapped' if want_rsa else 'ec-wrapped'} key access object")
        return [key]


# --- ZTDF --------------------------------------------------------------------------------------


def release_ztdf(ring: KeyRing, kao: dict, policy_b64: str) -> ReleasedKey:
    key_type = kao.get("type") or kao.get("keyType") or kao.get("key_type") or "wrapped"
    wrapped = b64decode(kao.get("wrappedKey") or kao.get("wrapped_key") or "", "keyAccess.wrappedKey")
    kid = kao.get("kid") or ""
    if key_type == "wrapped":
        key = _rsa_unwrap(ring.candidates(kid, want_rsa=True), wrapped)
    elif key_type == "ec-wrapped":
        key = _ec_unwrap(ring.candidates(kid, want_rsa=False), wrapped, kao)
    else:
        raise InvalidArgument(f"key access type {key_type!r} unsupported (wrapped, ec-wrapped)")
    if not isinstance(policy_b64, str) or not policy_b64:
        raise InvalidArgument("rewrap request carries no policy for a ZTDF key access object")
    check_hmac_binding(key, policy_b64, kao.get("policyBinding") or kao.get("policy_binding"))
    return ReleasedKey(key, decode_policy(policy_b64), ZTDF_SALT)


def _rsa_unwrap(keys: list[KeyPair], wrapped: bytes) -> bytes:
    for k in keys:
        try:
            return k.private_key.decrypt(wrapped, OAEP_SHA1)
        except ValueError:
            continue
    raise InvalidArgument(
        f"wrappedKey does not unwrap with {'kid ' + keys[0].kid if len(keys) == 1 else 'any RSA key'}"
    )


def _ec_unwrap(keys: list[KeyPair], wrapped: bytes, kao: dict) -> bytes:
    pem = kao.get("ephemeralPublicKey") or kao.get("ephemeral_public_key")
    if not pem:
        raise InvalidArgument("ec-wrapped key access object lacks ephemeralPublicKey")
    try:
        ephemeral = serialization.load_pem_public_key(pem.encode())
    except ValueError:
        raise InvalidArgument("ephemeralPublicKey is not a PEM public key") from None
    if not isinstance(ephemeral, ec.EllipticCurvePublicKey):
        raise InvalidArgument("ephemeralPublicKey is not an EC key")
    if len(wrapped) < 12 + 16:
        raise InvalidArgument("ec-wrapped wrappedKey too short (nonce 12 + tag 16)")
    for k in keys:
        try:
            aes = AESGCM(hkdf_sha256(k.private_key.exchange(ec.ECDH(), ephemeral), ZTDF_SALT))
            return aes.decrypt(wrapped[:12], wrapped[12:], None)
        except (InvalidTag, ValueError):
            continue
    raise InvalidArgument("ec-wrapped wrappedKey does not unwrap with this KAS's EC keys")


def check_hmac_binding(key: bytes, policy_b64: str, binding) -> None:
    """HMAC-SHA256(key, policy base64 text) against `hash`, given as raw or as hex text."""
    if isinstance(binding, dict):
        binding = binding.get("hash")
    if not binding:
        raise InvalidArgument("key access object has no policyBinding")
    given = b64decode(binding, "policyBinding.hash")
    if len(given) == 64:
        try:
            given = bytes.fromhex(given.decode("ascii"))
        except (UnicodeDecodeError, ValueError):
            pass
    expected = hmac.new(key, policy_b64.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(given, expected):
        raise InvalidArgument("policy binding mismatch: policy was tampered with or the key is wrong")


# --- NanoTDF -------------------------------------------------------------------------------------


def release_nano(ring: KeyRing, header_bytes: bytes) -> ReleasedKey:
    header = nanotdf.parse_header(header_bytes)
    kas_key = ring.by_kid.get(header.kid)
    if kas_key is None or kas_key.is_rsa:
        kas_key = ring.ec[0]  # otdf-python always writes kid "e1"; JS writes none
    salt = hashlib.sha256(header.magic).digest()
    key = hkdf_sha256(kas_key.private_key.exchange(ec.ECDH(), header.ephemeral_key), salt)
    _check_nano_binding(header)
    body = header.policy_body
    if header.policy_type == nanotdf.POLICY_ENCRYPTED:
        body = _gcm_decrypt(key, bytes(12), body, header.tag_size, "nanotdf embedded policy")
    try:
        policy = json.loads(body) if body else {}
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidArgument("nanotdf embedded policy is not JSON") from None
    return ReleasedKey(key, policy if isinstance(policy, dict) else {}, salt)


def _check_nano_binding(header: nanotdf.NanoHeader) -> None:
    """GMAC mode (and otdf-python's 8-byte 'ecdsa'): last 8 bytes of SHA-256(policy as stored)."""
    digest = hashlib.sha256(header.policy_body).digest()
    if len(header.binding) == nanotdf.GMAC_BINDING_SIZE:
        if not hmac.compare_digest(header.binding, digest[-8:]):
            raise InvalidArgument("nanotdf policy binding mismatch: policy was tampered with")
        return
    r, s = _split_ecdsa(header.binding)
    try:
        header.ephemeral_key.verify(encode_dss_signature(r, s), header.policy_body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise InvalidArgument("nanotdf ECDSA policy binding does not verify: policy was tampered with") from None


def _split_ecdsa(binding: bytes) -> tuple[int, int]:
    """r||s (64 bytes) or the Go SDK's length-prefixed form (len r, r, len s, s)."""
    if len(binding) == 64:
        return int.from_bytes(binding[:32], "big"), int.from_bytes(binding[32:], "big")
    rlen = binding[0]
    if 1 + rlen < len(binding):
        slen = binding[1 + rlen]
        if 2 + rlen + slen == len(binding):
            r = binding[1 : 1 + rlen]
            return int.from_bytes(r, "big"), int.from_bytes(binding[2 + rlen :], "big")
    raise InvalidArgument(f"nanotdf ECDSA binding of {len(binding)} bytes has an unknown layout")


def _gcm_decrypt(key: bytes, nonce: bytes, data: bytes, tag_size: int, what: str) -> bytes:
    if len(data) < tag_size:
        raise InvalidArgument(f"{what} shorter than its tag")
    try:
        decryptor = Cipher(algorithms.AES(key), modes.GCM(nonce, data[-tag_size:], min_tag_length=tag_size)).decryptor()
        return decryptor.update(data[:-tag_size]) + decryptor.finalize()
    except (InvalidTag, ValueError):
        raise InvalidArgument(f"{what} does not decrypt (tampered, or not for this KAS key)") from None
