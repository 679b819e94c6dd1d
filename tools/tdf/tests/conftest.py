"""Fixtures: an in-process KAS (`LocalKas`) with test keys generated once per session."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tools.tdf import ALG_EC, ALG_RSA, LocalKas
from tools.tdf.crypto import new_ec_key, new_rsa_key
from tools.tdf.ztdf import DecryptOptions, EncryptOptions, read_ztdf, write_ztdf

KAS = "http://kas.test/kas"
GOLDEN_DIR = Path(__file__).absolute().parents[3] / "xtest" / "golden"


@pytest.fixture(scope="session")
def test_keys() -> dict:
    return {"r1": new_rsa_key(), "e1": new_ec_key()}


@pytest.fixture
def kas(test_keys) -> LocalKas:
    return LocalKas(dict(test_keys))


@pytest.fixture(scope="session")
def golden_kas_keys() -> dict:
    entries = json.loads((GOLDEN_DIR / "extra-keys.json").read_text())
    return {e["kid"]: e["privateKey"] for e in entries}


def encrypt_bytes(kas: LocalKas, data: bytes, urls=(KAS,), alg=ALG_RSA, splits=None, **opts) -> bytes:
    """ZTDF bytes of `data`; `splits` = list of URL lists (default: one split over `urls`)."""
    plan = splits or [list(urls)]
    keys = [[kas.public_key(u, alg) for u in clause] for clause in plan]
    out = io.BytesIO()
    write_ztdf(io.BytesIO(data), out, EncryptOptions(splits=keys, **opts))
    return out.getvalue()


def decrypt_bytes(kas: LocalKas, tdf: bytes, tmp_path: Path, **opts) -> bytes:
    path = tmp_path / "in.tdf"
    path.write_bytes(tdf)
    out = io.BytesIO()
    read_ztdf(path, out, kas, DecryptOptions(**opts))
    return out.getvalue()


__all__ = ["ALG_EC", "ALG_RSA", "KAS", "GOLDEN_DIR", "encrypt_bytes", "decrypt_bytes"]
