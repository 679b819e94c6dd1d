"""Re-wrapping a released key for the requesting client's public key.

RSA client key: RSA-OAEP SHA-1 ciphertext. EC (P-256) client key: the KAS makes one session key
pair per request; key = HKDF-SHA256(ECDH(session, client), salt) where salt is SHA-256("L1L") for
NanoTDF (as the JS SDK expects) and SHA-256("TDF") for ZTDF (as the Go platform does); output is
nonce(12) || AES-GCM ciphertext || tag(16), and the session public key goes back to the client.
"""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tools.platform.errors import InvalidArgument
from tools.platform.key_release import OAEP_SHA1, hkdf_sha256


class ClientKey:
    def __init__(self, pem: str):
        if not isinstance(pem, str) or not pem.strip():
            raise InvalidArgument("clientPublicKey is missing from the rewrap request")
        try:
            key = serialization.load_pem_public_key(pem.replace("\r\n", "\n").encode())
        except (ValueError, TypeError):
            raise InvalidArgument("clientPublicKey is not a PEM public key") from None
        if isinstance(key, rsa.RSAPublicKey):
            if key.key_size < 2048:
                raise InvalidArgument(f"clientPublicKey RSA size {key.key_size} < 2048")
        elif isinstance(key, ec.EllipticCurvePublicKey):
            if not isinstance(key.curve, ec.SECP256R1):
                raise InvalidArgument(f"clientPublicKey curve {key.curve.name} unsupported (secp256r1 only)")
        else:
            raise InvalidArgument("clientPublicKey must be RSA or EC")
        self.key = key
        self._session: ec.EllipticCurvePrivateKey | None = None

    @property
    def is_ec(self) -> bool:
        return isinstance(self.key, ec.EllipticCurvePublicKey)

    def wrap(self, secret: bytes, salt: bytes) -> bytes:
        if not self.is_ec:
            return self.key.encrypt(secret, OAEP_SHA1)
        aes = AESGCM(hkdf_sha256(self._session_key().exchange(ec.ECDH(), self.key), salt))
        nonce = os.urandom(12)
        return nonce + aes.encrypt(nonce, secret, None)

    def _session_key(self) -> ec.EllipticCurvePrivateKey:
        if self._session is None:
            self._session = ec.generate_private_key(ec.SECP256R1())
        return self._session

    @property
    def session_public_pem(self) -> str:
        """The session public key (PEM) when an EC wrap happened, else ""."""
        if self._session is None:
            return ""
        return (
            self._session.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )
