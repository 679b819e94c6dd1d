"""NanoTDF header parsing, as the KAS needs it (OPENTDF-WIRE.md §8).

Only what key release needs: the KAS kid, the binding mode, the embedded policy (plaintext or
encrypted) and its binding, and the ephemeral public key. P-256 only.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec

from tools.platform.errors import InvalidArgument

KID_SIZES = {0: 0, 1: 2, 2: 8, 3: 32}
# Symmetric cipher id (low nibble) -> AES-GCM tag length in bytes.
TAG_SIZES = {0: 8, 1: 12, 2: 13, 3: 14, 4: 15, 5: 16}
P256_COMPRESSED_KEY = 33
GMAC_BINDING_SIZE = 8

POLICY_REMOTE, POLICY_PLAINTEXT, POLICY_ENCRYPTED, POLICY_ENCRYPTED_KEY_ACCESS = 0, 1, 2, 3


@dataclass(frozen=True)
class NanoHeader:
    magic: bytes  # first 3 bytes ("L1L"); their SHA-256 is the HKDF salt
    kas_url: str
    kid: str
    ecdsa_binding: bool
    tag_size: int
    policy_type: int
    policy_body: bytes
    binding: bytes
    ephemeral_key: ec.EllipticCurvePublicKey


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int, what: str) -> bytes:
        if self.pos + n > len(self.data):
            raise InvalidArgument(f"nanotdf header truncated reading {what} ({n} bytes at offset {self.pos})")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self, what: str) -> int:
        return self.take(1, what)[0]

    def remaining(self) -> int:
        return len(self.data) - self.pos


def parse_header(data: bytes) -> NanoHeader:
    r = _Reader(data)
    magic = r.take(3, "magic")
    if magic[:2] != b"L1":
        raise InvalidArgument(f"not a nanotdf header: magic {magic!r}")
    kas_url, kid = _read_locator(r, "kas locator")
    ecc_mode = r.byte("ecc mode")
    if ecc_mode & 0x07 != 0:
        raise InvalidArgument(f"nanotdf curve {ecc_mode & 0x07} unsupported (only secp256r1)")
    cipher = r.byte("symmetric config") & 0x0F
    if cipher not in TAG_SIZES:
        raise InvalidArgument(f"nanotdf symmetric cipher {cipher} unknown")
    policy_type, policy_body = _read_policy(r)
    ecdsa = bool(ecc_mode & 0x80)
    binding = r.take(_binding_size(r, ecdsa), "policy binding")
    raw_key = r.take(P256_COMPRESSED_KEY, "ephemeral key")
    try:
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw_key)
    except ValueError:
        raise InvalidArgument("nanotdf ephemeral key is not a P-256 point") from None
    return NanoHeader(magic, kas_url, kid, ecdsa, TAG_SIZES[cipher], policy_type, policy_body, binding, key)


def _read_locator(r: _Reader, what: str) -> tuple[str, str]:
    proto = r.byte(what)
    body = r.take(r.byte(what + " length"), what)
    kid_size = KID_SIZES.get(proto >> 4)
    if kid_size is None:
        raise InvalidArgument(f"nanotdf {what}: unknown identifier size {proto >> 4}")
    kid = r.take(kid_size, what + " kid").rstrip(b"\0").decode("ascii", "replace")
    scheme = {0: "http://", 1: "https://"}.get(proto & 0x0F, "")
    return scheme + body.decode("utf-8", "replace"), kid


def _read_policy(r: _Reader) -> tuple[int, bytes]:
    policy_type = r.byte("policy type")
    if policy_type in (POLICY_PLAINTEXT, POLICY_ENCRYPTED):
        length = int.from_bytes(r.take(2, "policy length"), "big")
        return policy_type, r.take(length, "policy body")
    if policy_type == POLICY_REMOTE:
        raise InvalidArgument("nanotdf remote policies are not supported by the embedded platform")
    raise InvalidArgument(f"nanotdf policy type {policy_type} unsupported")


def _binding_size(r: _Reader, ecdsa: bool) -> int:
    """GMAC mode is 8 bytes; ECDSA is whatever lies before the final ephemeral key.

    Writers disagree on the ECDSA form (raw r||s, length-prefixed r and s, or - otdf-python -
    the 8-byte GMAC-style tail with the ECDSA bit set), so the size is taken from the layout.
    """
    if not ecdsa:
        return GMAC_BINDING_SIZE
    size = r.remaining() - P256_COMPRESSED_KEY
    if size <= 0:
        raise InvalidArgument("nanotdf header too short for an ECDSA binding")
    return size
