"""KAS public keys: REST v1/v2 and Connect, by algorithm and kid, on every KAS instance."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tools import opentdf_proto as pb
from tools.platform.client import Client
from tools.platform.keys import load_key


def test_v2_default_is_rsa_r1(client):
    r = client.get("/kas/kas_public_key", v="2")
    assert r.status == 200
    doc = r.json()
    assert doc["kid"] == "r1"
    assert isinstance(serialization.load_pem_public_key(doc["publicKey"].encode()), rsa.RSAPublicKey)
    assert doc["publicKey"] == load_key("r1").public_pem


def test_v1_ec_is_a_bare_json_string(client):
    r = client.get("/kas/kas_public_key", algorithm="ec:secp256r1")
    pem = r.json()
    assert isinstance(pem, str)
    assert isinstance(serialization.load_pem_public_key(pem.encode()), ec.EllipticCurvePublicKey)


def test_by_kid_and_v2_path(client):
    assert client.get("/kas/kas_public_key", v="2", kid="golden-r1").json()["kid"] == "golden-r1"
    assert client.get("/kas/v2/kas_public_key", algorithm="ec:secp256r1").json()["kid"] == "e1"


def test_unknown_kid_and_algorithm_are_4xx(client):
    r = client.get("/kas/kas_public_key", v="2", kid="nope")
    assert r.status == 404 and "unknown kid 'nope'" in r.json()["message"]
    r = client.get("/kas/kas_public_key", algorithm="rsa:4096")
    assert r.status == 404 and "rsa:4096" in r.json()["message"]
    r = client.get("/kas/kas_public_key", algorithm="dsa")
    assert r.status == 400


@pytest.mark.parametrize("codec", ["proto", "json"])
@pytest.mark.parametrize("algorithm,kid", [("", "r1"), ("ec:secp256r1", "e1"), ("rsa:2048", "r1")])
def test_connect_public_key(client, codec, algorithm, kid):
    r, reply = client.connect(
        "/kas.AccessService/PublicKey",
        pb.PublicKeyRequest(algorithm=algorithm),
        pb.PublicKeyResponse,
        codec=codec,
        gzipped=codec == "proto",
    )
    assert r.status == 200, r.body
    assert reply.kid == kid
    assert reply.public_key == load_key(kid).public_pem


def test_each_kas_instance_serves_its_own_keys(embedded_platform):
    for name, url in embedded_platform.kas_urls.items():
        c = Client(url)
        try:
            for path in (c.prefix + "/kas_public_key", "/kas_public_key"):
                doc = c.get(path, v="2").json()
                expected = "km1-r1" if name == "km1" else "km2-r1" if name == "km2" else "r1"
                assert doc["kid"] == expected, (name, path)
            r, reply = c.connect(
                "/kas.AccessService/PublicKey",
                pb.PublicKeyRequest(algorithm="ec:secp256r1"),
                pb.PublicKeyResponse,
            )
            assert reply.kid == ("km1-e1" if name == "km1" else "km2-e1" if name == "km2" else "e1")
        finally:
            c.close()


def test_kas_urls_follow_upstream_layout(embedded_platform):
    urls = embedded_platform.kas_urls
    assert urls["default"] == embedded_platform.url + "/kas"
    assert urls["alpha"].endswith("/kas") and not urls["km1"].endswith("/kas")
    assert len({u.rsplit(":", 1)[1].split("/")[0] for u in urls.values()}) == 7  # seven distinct ports
