"""Crypto primitives shared by ZTDF, NanoTDF, assertions and the KAS client.

Everything here is a thin, named wrapper over `cryptography` so the container code reads as
the spec does (OPENTDF-WIRE.md §5.4, §7.3, §8.2).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import ConfigError, IntegrityError

GCM_NONCE_LEN = 12
GCM_TAG_LEN = 16
#: HKDF salt for `ec-wrapped` KAOs and EC session keys of ZTDF: SHA-256("TDF").
ZTDF_EC_SALT = hashlib.sha256(b"TDF").digest()


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str | bytes, what: str = "value") -> bytes:
    try:
        return base64.b64decode(text, validate=False)
    except (ValueError, TypeError) as e:
        raise IntegrityError(f"{what} is not valid base64: {e}") from e


def random_key() -> bytes:
    return os.urandom(32)


def xor_bytes(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def hmac_sha256(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def gcm_encrypt(key: bytes, nonce: bytes, plaintext: bytes, tag_len: int = GCM_TAG_LEN) -> tuple[bytes, bytes]:
    """AES-GCM without AAD; returns (ciphertext, tag truncated to tag_len)."""
    enc = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    ct = enc.update(plaintext) + enc.finalize()
    return ct, enc.tag[:tag_len]


def gcm_decrypt(key: bytes, nonce: bytes, ciphertext: bytes, tag: bytes, what: str) -> bytes:
    """AES-GCM decrypt; a bad tag raises IntegrityError naming `what`."""
    try:
        dec = Cipher(algorithms.AES(key), modes.GCM(nonce, tag, min_tag_length=len(tag))).decryptor()
        return dec.update(ciphertext) + dec.finalize()
    except (InvalidTag, ValueError) as e:
        raise IntegrityError(f"{what} failed its integrity check (AES-GCM tag mismatch): tampered or wrong key") from e


def seal(key: bytes, plaintext: bytes) -> bytes:
    """nonce(12) ‖ ct ‖ tag(16): the layout of ZTDF segments, encryptedMetadata and EC wraps."""
    nonce = os.urandom(GCM_NONCE_LEN)
    ct, tag = gcm_encrypt(key, nonce, plaintext)
    return nonce + ct + tag


def unseal(key: bytes, sealed: bytes, what: str) -> bytes:
    if len(sealed) < GCM_NONCE_LEN + GCM_TAG_LEN:
        raise IntegrityError(f"{what} is too short ({len(sealed)} bytes) for nonce+tag")
    return gcm_decrypt(
        key,
        sealed[:GCM_NONCE_LEN],
        sealed[GCM_NONCE_LEN:-GCM_TAG_LEN],
        sealed[-GCM_TAG_LEN:],
        what,
    )


# --- keys ---------------------------------------------------------------------------------


def load_public_key(pem: str | bytes):
    """SPKI PEM or X.509 certificate PEM → public key object."""
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        if b"CERTIFICATE" in data:
            from cryptography import x509

            return x509.load_pem_x509_certificate(data).public_key()
        return serialization.load_pem_public_key(data)
    except ValueError as e:
        raise ConfigError(f"not a usable public key PEM: {e}") from e


def load_private_key(pem: str | bytes):
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        return serialization.load_pem_private_key(data, password=None)
    except ValueError as e:
        raise ConfigError(f"not a usable private key PEM: {e}") from e


def public_pem(key) -> str:
    pub = key.public_key() if hasattr(key, "public_key") else key
    return pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def private_pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def new_rsa_key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def new_ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def is_ec(key) -> bool:
    return isinstance(key, ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey)


# --- RSA-OAEP (SHA-1, MGF1-SHA-1), the KAO `wrapped` form --------------------------------

_OAEP_SHA1 = padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)


def rsa_wrap(public_key, data: bytes) -> bytes:
    return public_key.encrypt(data, _OAEP_SHA1)


def rsa_unwrap(private_key, wrapped: bytes) -> bytes:
    try:
        return private_key.decrypt(wrapped, _OAEP_SHA1)
    except ValueError as e:
        raise IntegrityError(f"RSA-OAEP unwrap failed: {e}") from e


# --- ECDH + HKDF ---------------------------------------------------------------------------


def ecdh_hkdf(private_key, peer_public_key, salt: bytes) -> bytes:
    """HKDF-SHA256(ikm = ECDH x-coordinate, salt, info = empty) → 32-byte AES key."""
    shared = private_key.exchange(ec.ECDH(), peer_public_key)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"").derive(shared)


def ec_wrap(kas_public_key, dek: bytes, salt: bytes = ZTDF_EC_SALT) -> tuple[bytes, str]:
    """`ec-wrapped` KAO: returns (nonce‖ct‖tag, ephemeral public key PEM)."""
    eph = new_ec_key()
    return seal(ecdh_hkdf(eph, kas_public_key, salt), dek), public_pem(eph)


def ec_unwrap(private_key, ephemeral_pem: str, wrapped: bytes, salt: bytes = ZTDF_EC_SALT) -> bytes:
    return unseal(
        ecdh_hkdf(private_key, load_public_key(ephemeral_pem), salt),
        wrapped,
        "EC-wrapped key",
    )


def compressed_point(public_key) -> bytes:
    return public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)


def point_to_key(data: bytes):
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), data)
    except ValueError as e:
        raise IntegrityError(f"bad EC point: {e}") from e


# --- ECDSA r‖s (NanoTDF ECDSA policy binding) ---------------------------------------------


def ecdsa_sign_raw(private_key, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def ecdsa_verify_raw(public_key, signature: bytes, data: bytes) -> bool:
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    half = len(signature) // 2
    der = encode_dss_signature(int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big"))
    try:
        public_key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False
