"""Rewrap without attributes: every key form, both client key types, REST and Connect."""

from __future__ import annotations

import hashlib

import pytest

from tools.platform import rewrap_requests as tb
from tools.platform.keys import load_key

TRANSPORTS = ["rest", "connect", "connect-json"]
ZTDF_SALT = hashlib.sha256(b"TDF").digest()
NANO_SALT = hashlib.sha256(b"L1L").digest()
R1, E1 = load_key("r1").public_pem, load_key("e1").public_pem


@pytest.fixture
def token(client):
    return client.token("opentdf-sdk")


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("hex_binding", [True, False], ids=["hex-binding", "raw-binding"])
def test_wrapped_v1_rsa_client(client, token, transport, hex_binding):
    policy = tb.policy_b64()
    dek, kao = tb.wrapped_kao(R1, policy, hex_binding=hex_binding)
    reply = client.rewrap(tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)), token, transport)
    assert reply.status == 200, reply.doc
    ((status, wrapped, error),) = reply.results
    assert (status, error) == ("permit", "")
    assert tb.RSA_CLIENT.open(wrapped) == dek
    assert tb.RSA_CLIENT.open(reply.entity_wrapped_key) == dek
    assert reply.session_public_key == ""


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_v2_several_kaos(client, token, transport):
    policy = tb.policy_b64()
    (dek1, kao1), (dek2, kao2) = tb.wrapped_kao(R1, policy), tb.ec_wrapped_kao(E1, policy)
    reply = client.rewrap(tb.srt(tb.v2_body(tb.RSA_CLIENT.public_pem, [kao1, kao2], policy)), token, transport)
    assert [r[0] for r in reply.results] == ["permit", "permit"]
    assert [tb.RSA_CLIENT.open(r[1]) for r in reply.results] == [dek1, dek2]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_ec_client_gets_session_key_with_tdf_salt(client, token, transport):
    policy = tb.policy_b64()
    dek, kao = tb.wrapped_kao(R1, policy)
    reply = client.rewrap(tb.srt(tb.v1_body(tb.EC_CLIENT.public_pem, kao, policy, "ec:secp256r1")), token, transport)
    ((status, wrapped, _),) = reply.results
    assert status == "permit"
    assert tb.EC_CLIENT.open(wrapped, reply.session_public_key, ZTDF_SALT) == dek


def test_empty_kid_tries_every_rsa_key(client, token):
    policy = tb.policy_b64()
    dek, kao = tb.wrapped_kao(load_key("golden-r1").public_pem, policy, kid="")
    reply = client.rewrap(tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)), token)
    assert reply.status == 200, reply.doc
    assert tb.RSA_CLIENT.open(reply.entity_wrapped_key) == dek


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain-policy", "encrypted-policy"])
@pytest.mark.parametrize("ecdsa", [False, True], ids=["gmac", "ecdsa"])
def test_nano_ec_client_l1l_salt(client, token, transport, encrypted, ecdsa):
    key, header = tb.nano_header(E1, encrypted_policy=encrypted, ecdsa=ecdsa)
    kao = {"type": "remote", "url": "", "protocol": "kas", "header": tb.b64(header)}
    body = tb.v1_body(tb.EC_CLIENT.public_pem, kao, None, "ec:secp256r1")
    reply = client.rewrap(tb.srt(body), token, transport)
    assert reply.status == 200, reply.doc
    ((status, wrapped, _),) = reply.results
    assert status == "permit"
    assert tb.EC_CLIENT.open(wrapped, reply.session_public_key, NANO_SALT) == key


@pytest.mark.parametrize("kid", [b"e1", b"zz"], ids=["kid-e1", "unknown-kid-falls-back"])
def test_nano_py_style_rsa_client_v2(client, token, kid):
    key, header = tb.nano_header(E1, kid=kid)
    kao = {
        "url": "http://localhost/kas",
        "wrappedKey": "",
        "type": "wrapped",
        "protocol": "kas",
        "header": tb.b64(header),
    }
    body = tb.v2_body(tb.RSA_CLIENT.public_pem, [kao], None)
    reply = client.rewrap(tb.srt(body), token, "connect")
    ((status, wrapped, error),) = reply.results
    assert status == "permit", error
    assert tb.RSA_CLIENT.open(wrapped) == key


def test_each_kas_instance_unwraps_with_its_own_keys(embedded_platform, token):
    from tools.platform.client import Client

    for name, url in embedded_platform.kas_urls.items():
        key_name = f"{name}-r1" if name.startswith("km") else "r1"
        policy = tb.policy_b64()
        dek, kao = tb.wrapped_kao(load_key(key_name).public_pem, policy, kid=key_name)
        c = Client(url)
        try:
            reply = c.rewrap(tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)), token)
        finally:
            c.close()
        assert reply.status == 200, (name, reply.doc)
        assert tb.RSA_CLIENT.open(reply.entity_wrapped_key) == dek


@pytest.mark.parametrize("kas_name", ["default", "km2"])
def test_golden_key_unwraps_with_empty_kid(embedded_platform, token, kas_name):
    """Upstream imports golden-r1 onto km2 too: the key-management golden's KAO names km2 and no kid."""
    from tools.platform.client import Client

    policy = tb.policy_b64()
    dek, kao = tb.wrapped_kao(load_key("golden-r1").public_pem, policy, kid="")
    c = Client(embedded_platform.kas_url(kas_name))
    try:
        reply = c.rewrap(tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)), token)
    finally:
        c.close()
    assert reply.status == 200, reply.doc
    assert tb.RSA_CLIENT.open(reply.entity_wrapped_key) == dek


def test_golden_key_is_not_on_the_other_kas(embedded_platform, token):
    from tools.platform.client import Client

    policy = tb.policy_b64()
    _, kao = tb.wrapped_kao(load_key("golden-r1").public_pem, policy, kid="")
    c = Client(embedded_platform.kas_url("km1"))
    try:
        reply = c.rewrap(tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)), token)
    finally:
        c.close()
    assert reply.status == 400 and "does not unwrap" in reply.doc["message"]
