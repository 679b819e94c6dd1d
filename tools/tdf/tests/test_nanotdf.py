"""NanoTDF write → read through the in-process KAS; header layout and binding checks."""

from __future__ import annotations

import io
import json

import pytest

from tools.tdf import ALG_EC, IntegrityError, InvalidFileError, KasNotAllowedError
from tools.tdf.nanotdf import (
    MAGIC,
    POLICY_ENCRYPTED,
    POLICY_PLAINTEXT,
    decrypt_policy,
    parse_header,
    read_nano,
    write_nano,
)

KAS = "http://kas.test:8080/kas"
ATTR = "https://a.test/attr/x/value/y"


def nano(kas, data=b"nano data", **kw) -> bytes:
    out = io.BytesIO()
    write_nano(data, out, kas.public_key(KAS, ALG_EC), [ATTR], **kw)
    return out.getvalue()


@pytest.mark.parametrize("policy_mode", ["plaintext", "encrypted"])
@pytest.mark.parametrize("ecdsa", [False, True])
@pytest.mark.parametrize("include_kid", [False, True])
def test_roundtrip(kas, policy_mode, ecdsa, include_kid):
    blob = nano(kas, policy_mode=policy_mode, ecdsa_binding=ecdsa, include_kid=include_kid)
    header, plain = read_nano(blob, kas)
    assert plain == b"nano data"
    assert header.kas_url == KAS and header.ecdsa_binding == ecdsa
    assert header.kid == ("e1" if include_kid else "")
    assert header.policy_mode == (POLICY_PLAINTEXT if policy_mode == "plaintext" else POLICY_ENCRYPTED)
    key = kas.rewrap_nano(KAS, blob[: header.length])
    policy = json.loads(decrypt_policy(header, key))
    assert policy["body"]["dataAttributes"] == [{"attribute": ATTR}]


def test_header_bytes(kas):
    blob = nano(kas, policy_mode="plaintext")
    assert blob[:3] == MAGIC == b"L1L"
    body = b"kas.test:8080/kas"
    assert blob[3] == 0x10  # kid of 2 bytes, http
    assert blob[4] == len(body) and blob[5 : 5 + len(body)] == body
    assert blob[5 + len(body) : 7 + len(body)] == b"e1"
    assert blob[7 + len(body)] == 0x00  # GMAC binding, P-256
    assert nano(kas, include_kid=False)[3] == 0x00
    assert nano(kas, ecdsa_binding=True)[7 + len(body)] == 0x80


@pytest.mark.parametrize("size", [0, 1, 100_000])
def test_sizes(kas, size):
    assert read_nano(nano(kas, bytes(size)), kas)[1] == bytes(size)


def test_tampered_policy_fails_binding(kas):
    blob = bytearray(nano(kas, policy_mode="plaintext"))
    header = parse_header(bytes(blob))
    start = header.length - 33 - 8 - len(header.policy_body)
    blob[start + 2] ^= 1
    with pytest.raises(IntegrityError, match="policy binding"):
        read_nano(bytes(blob), kas)


def test_tampered_payload(kas):
    blob = bytearray(nano(kas))
    blob[-1] ^= 1
    with pytest.raises(IntegrityError, match="tampered"):
        read_nano(bytes(blob), kas)


def test_not_nano():
    with pytest.raises(InvalidFileError, match="magic"):
        parse_header(b"PK\x03\x04....")


def test_allowlist(kas):
    blob = nano(kas)
    kas.contacted.clear()
    with pytest.raises(KasNotAllowedError, match="not allowed"):
        read_nano(blob, kas, allowed=lambda url: False)
    assert kas.contacted == []
