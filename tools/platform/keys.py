"""Test key material: loading the committed key files, and (re)generating them.

Each file in `keys/` is JSON `{"kid", "alg", "testKey": true, "note", "privateKey": PEM}`.
They are TEST KEYS, committed on purpose so encrypted fixtures stay decryptable across runs;
never use them for real data. Regenerate (only if you must) with
`python -m tools.platform.keys NAME ALG [KID]`.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

KEYS_DIR = Path(__file__).parent / "keys"

RSA_2048 = "rsa:2048"
EC_P256 = "ec:secp256r1"
ALGORITHMS = (RSA_2048, EC_P256)

# How the policy service names the algorithms (KasPublicKeyAlgEnum in the real protos).
POLICY_ALG_ENUM = {
    RSA_2048: "KAS_PUBLIC_KEY_ALG_ENUM_RSA_2048",
    EC_P256: "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP256R1",
}

TEST_KEY_NOTE = "TEST KEY for the embedded OpenTDF platform; public in this repository; never protect real data"


@dataclass(frozen=True)
class KeyPair:
    """One KAS (or IdP) key: identified by `kid`, algorithm `alg` (rsa:2048 | ec:secp256r1)."""

    kid: str
    alg: str
    private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

    @cached_property
    def public_pem(self) -> str:
        return (
            self.private_key.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode()
        )

    @property
    def is_rsa(self) -> bool:
        return self.alg == RSA_2048


def load_key_file(path: Path) -> KeyPair:
    data = json.loads(path.read_text())
    if not data.get("testKey"):
        raise ValueError(f"{path}: refusing a key file not marked testKey=true")
    if data["alg"] not in ALGORITHMS:
        raise ValueError(f"{path}: unsupported alg {data['alg']!r}; expected one of {ALGORITHMS}")
    # Our own committed test keys: skipping the RSA consistency check saves ~70 ms per key at startup.
    key = serialization.load_pem_private_key(
        data["privateKey"].encode(), password=None, unsafe_skip_rsa_key_validation=True
    )
    return KeyPair(kid=data["kid"], alg=data["alg"], private_key=key)


@functools.cache
def load_key(name: str) -> KeyPair:
    """Load `keys/<name>.json` (cached: RSA key loading checks the key and costs milliseconds)."""
    return load_key_file(KEYS_DIR / f"{name}.json")


def generate_private_key(alg: str):
    if alg == RSA_2048:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if alg == EC_P256:
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(f"unsupported alg {alg!r}; expected one of {ALGORITHMS}")


def key_file_json(kid: str, alg: str, private_key) -> str:
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    doc = {"kid": kid, "alg": alg, "testKey": True, "note": TEST_KEY_NOTE, "privateKey": pem}
    return json.dumps(doc, indent=2) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print("usage: python -m tools.platform.keys NAME ALG [KID]", file=sys.stderr)
        return 2
    name, alg = argv[0], argv[1]
    kid = argv[2] if len(argv) == 3 else name
    (KEYS_DIR / f"{name}.json").write_text(key_file_json(kid, alg, generate_private_key(alg)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
