"""The Java-made golden files (xtest/golden) decrypt through the in-process KAS holding golden-r1."""

from __future__ import annotations

import io

import pytest

from tools.tdf import LocalKas
from tools.tdf.ztdf import DecryptOptions, decrypt_metadata, open_container, read_ztdf

from .conftest import GOLDEN_DIR


@pytest.fixture
def golden_kas(golden_kas_keys) -> LocalKas:
    return LocalKas.from_pems(golden_kas_keys)


def decrypt_golden(kas: LocalKas, name: str, verify: bool = True) -> bytes:
    out = io.BytesIO()
    read_ztdf(GOLDEN_DIR / name, out, kas, DecryptOptions(verify_assertions=verify))
    return out.getvalue()


def test_small_java(golden_kas):
    assert decrypt_golden(golden_kas, "small-java-4.3.0-e0f8caf.tdf") == bytes(5120)


@pytest.mark.parametrize(
    "name, size",
    [("xstext-java-v0.7.5-94b161d53-DSP2.0.2_and_2.0.3.tdf", 102), ("xstext-java-v0.7.8-7f487c2-DSP2.0.4.tdf", 92)],
)
def test_xstext(golden_kas, name, size):
    plain = decrypt_golden(golden_kas, name)
    assert plain.startswith(b"test secret data") and len(plain) == size
    zf, manifest = open_container(GOLDEN_DIR / name)
    zf.close()
    (kao,) = manifest["encryptionInformation"]["keyAccess"]
    share = golden_kas.rewrap(kao, manifest["encryptionInformation"]["policy"])
    assert decrypt_metadata(kao, share) == "here is some metadata"


@pytest.mark.parametrize("verify", [False, True])
def test_json_object_assertions(golden_kas, verify):
    assert decrypt_golden(golden_kas, "with-json-object-assertions-java.tdf", verify=verify) == b"text"


def test_key_management_no_split(golden_kas):
    """kid "" and a KAO URL without /kas: the KAS falls back to its RSA key."""
    assert decrypt_golden(golden_kas, "key-management-no-split-golden.tdf") == b"hello\n"
