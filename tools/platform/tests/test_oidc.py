"""IdP: discovery, well-known, token endpoint (form and HTTP Basic), JWKS, token checks."""

from __future__ import annotations

import base64
import time
from urllib.parse import urlencode

import jwt
import pytest

from tools import opentdf_proto as pb
from tools.platform.config import CLIENTS

REALM = "/auth/realms/opentdf"
TOKEN_PATH = REALM + "/protocol/openid-connect/token"


def test_well_known_points_at_the_idp(client, embedded_platform):
    r = client.get("/.well-known/opentdf-configuration")
    assert r.status == 200
    conf = r.json()["configuration"]
    assert conf["platform_issuer"] == embedded_platform.issuer
    assert conf["idp"]["token_endpoint"] == embedded_platform.issuer + "/protocol/openid-connect/token"
    assert conf["idp"]["issuer"] == embedded_platform.issuer
    assert conf["health"]["endpoint"] == "/healthz"


def test_discovery_issuer_matches_and_healthz(client, embedded_platform):
    doc = client.get(REALM + "/.well-known/openid-configuration").json()
    assert doc["issuer"] == embedded_platform.issuer  # Go/Java SDKs require exact equality
    assert doc["jwks_uri"].endswith("/protocol/openid-connect/certs")
    assert client.get("/healthz").json() == {"status": "SERVING"}


@pytest.mark.parametrize("basic", [False, True], ids=["form", "basic"])
def test_token_verifies_against_jwks(client, embedded_platform, basic):
    token = client.token("opentdf-sdk", basic=basic)
    jwks = client.get(REALM + "/protocol/openid-connect/certs").json()
    header = jwt.get_unverified_header(token)
    (jwk,) = [k for k in jwks["keys"] if k["kid"] == header["kid"]]
    key = jwt.PyJWK(jwk).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=embedded_platform.url)
    assert claims["clientId"] == claims["client_id"] == claims["azp"] == "opentdf-sdk"
    assert claims["iss"] == embedded_platform.issuer
    assert claims["exp"] > time.time()


def test_admin_client_has_admin_role(client):
    claims = jwt.decode(client.token("opentdf"), options={"verify_signature": False})
    assert "opentdf-admin" in claims["realm_access"]["roles"]


def test_token_response_shape_ignores_dpop_header(client):
    body = urlencode({"grant_type": "client_credentials", "client_id": "opentdf", "client_secret": "secret"})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "DPoP": "eyJhbGciOi.fake.proof"}
    r = client.request("POST", TOKEN_PATH, body.encode(), headers)
    assert r.status == 200
    assert r.json()["token_type"] == "Bearer"
    assert r.json()["expires_in"] > 0


@pytest.mark.parametrize(
    "form,auth,status,error",
    [
        (
            {"grant_type": "client_credentials", "client_id": "opentdf", "client_secret": "nope"},
            None,
            401,
            "invalid_client",
        ),
        (
            {"grant_type": "client_credentials", "client_id": "nobody", "client_secret": "x"},
            None,
            401,
            "invalid_client",
        ),
        (
            {"grant_type": "password", "client_id": "opentdf", "client_secret": "secret"},
            None,
            400,
            "unsupported_grant_type",
        ),
        ({"grant_type": "client_credentials"}, None, 401, "invalid_client"),
        ({"grant_type": "client_credentials"}, "Basic !!!notbase64", 401, "invalid_client"),
        (
            {"grant_type": "client_credentials"},
            "Basic " + base64.b64encode(b"opentdf:bad").decode(),
            401,
            "invalid_client",
        ),
    ],
    ids=["bad-secret", "unknown-client", "wrong-grant", "no-client", "bad-basic", "basic-bad-secret"],
)
def test_token_rejections(client, form, auth, status, error):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if auth:
        headers["Authorization"] = auth
    r = client.request("POST", TOKEN_PATH, urlencode(form).encode(), headers)
    assert r.status == status
    assert r.json()["error"] == error
    assert r.json()["error_description"]


def test_userinfo_needs_token(client):
    assert client.get(REALM + "/protocol/openid-connect/userinfo").status == 401
    r = client.request(
        "GET", REALM + "/protocol/openid-connect/userinfo", headers={"Authorization": "Bearer " + client.token()}
    )
    assert r.status == 200 and r.json()["sub"] == "opentdf"


def test_every_configured_client_gets_a_token(client):
    for c in CLIENTS:
        assert client.token(c.client_id, c.secret)


def test_protected_endpoints_check_the_token(client, embedded_platform):
    idp = embedded_platform.idp
    client_cfg = idp.clients["opentdf"]
    expired = idp.issue_token(client_cfg, lifetime=10, now=time.time() - 3600)
    forged = jwt.encode({"iss": idp.issuer, "iat": 1, "exp": 2**31}, "k" * 32, algorithm="HS256")
    path = "/policy.namespaces.NamespaceService/ListNamespaces"
    cases = {
        None: "missing Authorization",
        "Bearer not.a.jwt": "invalid access token",
        f"Bearer {expired}": "expired",
        f"Bearer {forged}": "invalid access token",
        "Token abc": "unsupported Authorization scheme",
    }
    for auth, words in cases.items():
        headers = {"Content-Type": "application/json", **({"Authorization": auth} if auth else {})}
        r = client.request("POST", path, b"{}", headers)
        assert r.status == 401, auth
        assert r.json()["code"] == "unauthenticated"
        assert words in r.json()["message"], (auth, r.json())


@pytest.mark.parametrize("codec", ["proto", "json"])
def test_well_known_connect_rpc(client, embedded_platform, codec):
    """connect-go SDKs read the configuration through the WellKnownService RPC."""
    r, reply = client.connect(
        "/wellknownconfiguration.WellKnownService/GetWellKnownConfiguration",
        pb.GetWellKnownConfigurationRequest(),
        pb.GetWellKnownConfigurationResponse,
        codec=codec,
    )
    assert r.status == 200
    conf = reply.configuration
    assert conf["platform_issuer"] == embedded_platform.issuer
    assert conf["idp"]["token_endpoint"].endswith("/protocol/openid-connect/token")


@pytest.mark.parametrize("codec", ["proto", "json"])
@pytest.mark.parametrize("listener", ["default", "km2"])
def test_grpc_health_check_connect_rpc(embedded_platform, codec, listener):
    """The Go SDK (WithConnectionValidation) calls Health/Check first, without a token; it needs SERVING."""
    from tools.platform.client import Client

    request_cls, response_cls = pb.HealthCheckRequest, pb.HealthCheckResponse
    c = Client(embedded_platform.kas_url(listener))
    try:
        r, reply = c.connect("/grpc.health.v1.Health/Check", request_cls(), response_cls, codec=codec)
    finally:
        c.close()
    assert r.status == 200 and reply.status == response_cls.ServingStatus.Value("SERVING")
    assert r.body == (b"\x08\x01" if codec == "proto" else b'{"status": "SERVING"}')
