"""Client-side rewrap crypto for the tests and the load check, written independently of the server code it checks.

Builds ZTDF key access objects (wrapped / ec-wrapped), NanoTDF headers, signed request tokens,
and opens what the KAS sends back. Never imported by the server code; importing it generates
three throwaway keys (the SRT signer and the RSA/EC session clients).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time

import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

OAEP = padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)
SRT_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def pem(public_key) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def hkdf(shared: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"").derive(shared)


def policy_b64(*fqns: str) -> str:
    body = {"dataAttributes": [{"attribute": f} for f in fqns] or None, "dissem": []}
    return b64(json.dumps({"uuid": "00000000-0000-0000-0000-000000000000", "body": body}).encode())


def binding_hash(dek: bytes, policy: str, hex_form: bool = True) -> str:
    mac = hmac.new(dek, policy.encode(), hashlib.sha256).digest()
    return b64(mac.hex().encode() if hex_form else mac)


def wrapped_kao(kas_public_pem: str, policy: str, kid: str = "r1", url: str = "", hex_binding: bool = True):
    """(dek, KAO) for a `wrapped` (RSA-OAEP) key access object."""
    dek = os.urandom(32)
    kas_key = serialization.load_pem_public_key(kas_public_pem.encode())
    kao = {
        "type": "wrapped",
        "url": url,
        "protocol": "kas",
        "wrappedKey": b64(kas_key.encrypt(dek, OAEP)),
        "policyBinding": {"alg": "HS256", "hash": binding_hash(dek, policy, hex_binding)},
        "kid": kid,
        "sid": "",
    }
    return dek, kao


def ec_wrapped_kao(kas_public_pem: str, policy: str, kid: str = "e1"):
    dek = os.urandom(32)
    kas_key = serialization.load_pem_public_key(kas_public_pem.encode())
    eph = ec.generate_private_key(ec.SECP256R1())
    key = hkdf(eph.exchange(ec.ECDH(), kas_key), hashlib.sha256(b"TDF").digest())
    nonce = os.urandom(12)
    kao = {
        "type": "ec-wrapped",
        "url": "",
        "protocol": "kas",
        "wrappedKey": b64(nonce + AESGCM(key).encrypt(nonce, dek, None)),
        "policyBinding": {"alg": "HS256", "hash": binding_hash(dek, policy)},
        "kid": kid,
        "ephemeralPublicKey": pem(eph.public_key()),
    }
    return dek, kao


def nano_header(
    kas_public_pem: str,
    fqns=(),
    encrypted_policy: bool = False,
    ecdsa: bool = False,
    kid: bytes = b"",
    locator: bytes = b"localhost:8080/kas",
):
    """(symmetric key, header bytes) for a NanoTDF with an embedded policy."""
    kas_key = serialization.load_pem_public_key(kas_public_pem.encode())
    eph = ec.generate_private_key(ec.SECP256R1())
    magic = b"L1L"
    key = hkdf(eph.exchange(ec.ECDH(), kas_key), hashlib.sha256(magic).digest())
    policy = json.dumps({"uuid": "u", "body": {"dataAttributes": [{"attribute": f} for f in fqns], "dissem": []}})
    body = policy.encode()
    if encrypted_policy:
        body = AESGCM(key).encrypt(bytes(12), body, None)  # 16-byte tag: cipher id 5
    kid_nibble = {0: 0, 2: 1, 8: 2, 32: 3}[len(kid)]
    out = bytearray(magic)
    out += bytes([(kid_nibble << 4) | 0x00, len(locator)]) + locator + kid
    out += bytes([0x80 if ecdsa else 0x00, 0x05, 2 if encrypted_policy else 1])
    out += len(body).to_bytes(2, "big") + body
    if ecdsa:
        r, s = decode_dss_signature(eph.sign(body, ec.ECDSA(hashes.SHA256())))
        out += r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        out += hashlib.sha256(body).digest()[-8:]
    out += eph.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    return key, bytes(out)


def srt(request_body: dict, exp_offset: int = 3600, iat_offset: int = 0) -> str:
    now = int(time.time())
    claims = {"requestBody": json.dumps(request_body), "iat": now + iat_offset, "exp": now + exp_offset}
    return jwt.encode(claims, SRT_KEY, algorithm="RS256")


def v1_body(client_public_pem: str, kao: dict, policy: str | None, algorithm: str = "RS256") -> dict:
    body = {"algorithm": algorithm, "keyAccess": kao, "clientPublicKey": client_public_pem}
    if policy is not None:
        body["policy"] = policy
    return body


def v2_body(client_public_pem: str, kaos: list[dict], policy: str | None) -> dict:
    return {
        "clientPublicKey": client_public_pem,
        "requests": [
            {
                "keyAccessObjects": [
                    {"keyAccessObjectId": f"kao-{i}", "keyAccessObject": k} for i, k in enumerate(kaos)
                ],
                "policy": {"id": "policy", **({"body": policy} if policy else {})},
                "algorithm": "rsa:2048",
            }
        ],
    }


class RsaClient:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.public_pem = pem(self.key.public_key())

    def open(self, wrapped: bytes, session_pem: str = "", salt: bytes = b"") -> bytes:
        return self.key.decrypt(wrapped, OAEP)


class EcClient:
    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.public_pem = pem(self.key.public_key())

    def open(self, wrapped: bytes, session_pem: str, salt: bytes) -> bytes:
        session = serialization.load_pem_public_key(session_pem.encode())
        key = hkdf(self.key.exchange(ec.ECDH(), session), salt)
        return AESGCM(key).decrypt(wrapped[:12], wrapped[12:], None)


RSA_CLIENT = RsaClient()
EC_CLIENT = EcClient()
