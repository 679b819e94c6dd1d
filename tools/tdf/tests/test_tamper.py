"""Every upstream tamper case is refused with the words upstream greps for (§2.2)."""

from __future__ import annotations

import re

import pytest

from tools.tdf import IntegrityError, KasNotAllowedError, KeyReleaseError
from tools.tdf.allowlist import Allowlist
from tools.tdf.assertions import AssertionKey

from . import tamper
from .conftest import KAS, decrypt_bytes, encrypt_bytes

UNKEYED = {
    "id": "424ff3a3-50ca-4f01-a2ae-ef851cd3cac0",
    "type": "handling",
    "scope": "tdo",
    "appliesToState": "encrypted",
    "statement": {"format": "json+stanag5636", "schema": "urn:x", "value": '{"ocl":{"cls":"SECRET"}}'},
}
KAS_REQUEST_CLASS = re.compile(r"KAS request error|rewrap request 400|bad request", re.I)


def tamper_class(word: str, message: str) -> bool:
    """Upstream's assert_tamper_error for an SDK with better-messages-2024."""
    return word in message and re.search(r"tamper|IntegrityError|integrity check", message, re.I) is not None


@pytest.fixture(params=["4.2.2", "4.3.0"])
def tdf(request, kas):
    return encrypt_bytes(kas, bytes(5000), segment_size=1000, target_mode=request.param, assertions=[(UNKEYED, None)])


@pytest.mark.parametrize("change", [tamper.unbound_policy, tamper.altered_policy_binding])
def test_policy_tamper_is_a_kas_request_error(kas, tdf, tmp_path, change):
    with pytest.raises(KeyReleaseError) as e:
        decrypt_bytes(kas, tamper.rezip(tdf, change), tmp_path)
    assert KAS_REQUEST_CLASS.search(str(e.value))


@pytest.mark.parametrize(
    "change, word",
    [
        (tamper.altered_root_sig, "root"),
        (tamper.altered_seg_sig, "signature"),
        (tamper.altered_enc_seg_size, ""),
        (tamper.altered_assertion_statement, "assertion"),
    ],
)
def test_manifest_integrity_tamper(kas, tdf, tmp_path, change, word):
    verify = change is tamper.altered_assertion_statement
    with pytest.raises(IntegrityError) as e:
        decrypt_bytes(kas, tamper.rezip(tdf, change), tmp_path, verify_assertions=verify)
    assert tamper_class(word, f"{type(e.value).__name__}: {e.value}"), str(e.value)


def test_payload_end_tamper(kas, tdf, tmp_path):
    with pytest.raises(IntegrityError) as e:
        decrypt_bytes(kas, tamper.rezip(tdf, payload_fn=tamper.change_last_three), tmp_path)
    assert tamper_class("segment", str(e.value))


def test_payload_middle_tamper_is_caught_by_gcm(kas, tmp_path):
    """With HS256 hashes over nonce‖ct‖tag, a flipped ciphertext byte fails the hash first."""
    tdf = encrypt_bytes(kas, bytes(3000), segment_size=1000)
    flip = tamper.rezip(tdf, payload_fn=lambda p: p[:1500] + bytes([p[1500] ^ 1]) + p[1501:])
    with pytest.raises(IntegrityError, match="segment 1"):
        decrypt_bytes(kas, flip, tmp_path)


def test_assertion_with_keys_tamper(kas, tmp_path):
    hs = AssertionKey("HS256", "k" * 32)
    keyed = {**UNKEYED, "id": "assertion1"}
    tdf = encrypt_bytes(kas, b"data", assertions=[(keyed, hs)])
    assert decrypt_bytes(kas, tdf, tmp_path, assertion_keys={"assertion1": hs}) == b"data"
    with pytest.raises(IntegrityError) as e:
        decrypt_bytes(
            kas, tamper.rezip(tdf, tamper.altered_assertion_statement), tmp_path, assertion_keys={"assertion1": hs}
        )
    assert tamper_class("assertion", str(e.value))


def test_malicious_kao_refused_before_contact(kas, tdf, tmp_path):
    allow = Allowlist.build(urls=[KAS, "http://localhost:8585"])
    kas.contacted.clear()
    with pytest.raises(KasNotAllowedError, match="not allowed"):
        decrypt_bytes(kas, tamper.rezip(tdf, tamper.malicious_kao), tmp_path, allowed=allow)
    assert kas.contacted == []
    assert decrypt_bytes(kas, tdf, tmp_path, allowed=allow) == bytes(5000)


@pytest.mark.parametrize("where", ["first", "last"])
def test_in_place_payload_change_without_crc_fix(kas, tmp_path, where):
    """Bytes flipped inside the zip (CRC left stale) are still reported as segment tampering."""
    import io
    import zipfile

    tdf = bytearray(encrypt_bytes(kas, bytes(3000), segment_size=1000))
    info = zipfile.ZipFile(io.BytesIO(bytes(tdf))).getinfo("0.payload")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    tdf[start + (20 if where == "first" else info.compress_size - 20)] ^= 1
    with pytest.raises(IntegrityError) as e:
        decrypt_bytes(kas, bytes(tdf), tmp_path)
    assert tamper_class("segment", str(e.value)), str(e.value)
