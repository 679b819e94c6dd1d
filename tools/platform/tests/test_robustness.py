"""Bad input gets a clear 4xx JSON error and the server keeps serving; crashes become logged 500s."""

from __future__ import annotations

import base64
import gzip
import json
import threading
import time

import pytest

from tools import opentdf_proto as pb
from tools.platform import EmbeddedPlatform
from tools.platform import rewrap_requests as tb
from tools.platform.client import Client
from tools.platform.keys import load_key

R1, E1 = load_key("r1").public_pem, load_key("e1").public_pem
REWRAP = "/kas/v2/rewrap"


@pytest.fixture
def token(client):
    return client.token("opentdf-sdk")


def _valid():
    policy = tb.policy_b64()
    _, kao = tb.wrapped_kao(R1, policy)
    return kao, policy


def _expect(reply, status, code, words):
    assert reply.status == status, reply.body
    doc = reply.json()
    assert doc["code"] == code, doc
    assert words in doc["message"], doc


@pytest.mark.parametrize(
    "body,content_type,status,code,words",
    [
        (b"{not json", "application/json", 400, "invalid_argument", "malformed JSON"),
        (b"[1, 2]", "application/json", 400, "invalid_argument", "must be an object"),
        (
            b'{"signedRequestToken": "x"}',
            "text/plain",
            415,
            "invalid_argument",
            "expected Content-Type application/json",
        ),
        (b"{}", "application/json", 400, "invalid_argument", "missing signedRequestToken"),
        (b'{"signedRequestToken": "not-a-jwt"}', "application/json", 400, "invalid_argument", "not a JWT"),
        (b"\xff\xfe", "application/json", 400, "invalid_argument", "malformed JSON"),
    ],
    ids=["malformed-json", "json-array", "wrong-content-type", "no-srt", "bad-srt", "not-utf8"],
)
def test_bad_rest_bodies(client, token, body, content_type, status, code, words):
    _expect(client.post_json(REWRAP, body, token, content_type), status, code, words)


def _srt_case(name):
    kao, policy = _valid()
    good = tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)
    if name == "expired":
        return tb.srt(good, exp_offset=-3600)
    if name == "future-iat":
        return tb.srt(good, iat_offset=3600)
    if name == "body-not-json":
        import jwt as pyjwt

        return pyjwt.encode({"requestBody": "{nope", "exp": time.time() + 60}, tb.SRT_KEY, algorithm="RS256")
    if name == "bad-client-key":
        return tb.srt({**good, "clientPublicKey": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"})
    if name == "no-client-key":
        return tb.srt({k: v for k, v in good.items() if k != "clientPublicKey"})
    if name == "bad-base64":
        return tb.srt({**good, "keyAccess": {**kao, "wrappedKey": "@@not base64@@"}})
    if name == "tampered-policy":
        return tb.srt({**good, "policy": tb.policy_b64("https://example.com/attr/a/value/b")})
    if name == "unknown-kid":
        return tb.srt({**good, "keyAccess": {**kao, "kid": "nope"}})
    if name == "wrong-key":
        _, other = tb.wrapped_kao(load_key("km1-r1").public_pem, policy, kid="")
        return tb.srt({**good, "keyAccess": other})
    if name == "no-binding":
        return tb.srt({**good, "keyAccess": {k: v for k, v in kao.items() if k != "policyBinding"}})
    if name == "no-kao":
        return tb.srt({"clientPublicKey": tb.RSA_CLIENT.public_pem})
    if name == "nano-truncated":
        _, header = tb.nano_header(E1)
        return tb.srt({**good, "keyAccess": {"header": tb.b64(header[:20])}})
    if name == "nano-tampered":
        _, header = tb.nano_header(E1, fqns=["https://example.com/attr/a/value/b"])
        tampered = header.replace(b"value/b", b"value/c")
        return tb.srt({**good, "keyAccess": {"header": tb.b64(tampered)}})
    if name == "nano-tampered-ecdsa":
        _, header = tb.nano_header(E1, fqns=["https://example.com/attr/a/value/b"], ecdsa=True)
        return tb.srt({**good, "keyAccess": {"header": tb.b64(header.replace(b"value/b", b"value/c"))}})
    raise AssertionError(name)


SRT_CASES = [
    ("expired", 401, "unauthenticated", "expired"),
    ("future-iat", 401, "unauthenticated", "future"),
    ("body-not-json", 400, "invalid_argument", "requestBody is not JSON"),
    ("bad-client-key", 400, "invalid_argument", "clientPublicKey is not a PEM"),
    ("no-client-key", 400, "invalid_argument", "clientPublicKey is missing"),
    ("bad-base64", 400, "invalid_argument", "not valid base64"),
    ("tampered-policy", 400, "invalid_argument", "policy binding mismatch"),
    ("unknown-kid", 404, "not_found", "unknown kid 'nope'"),
    ("wrong-key", 400, "invalid_argument", "does not unwrap"),
    ("no-binding", 400, "invalid_argument", "no policyBinding"),
    ("no-kao", 400, "invalid_argument", "neither requests nor keyAccess"),
    ("nano-truncated", 400, "invalid_argument", "truncated"),
    ("nano-tampered", 400, "invalid_argument", "nanotdf policy binding mismatch"),
    ("nano-tampered-ecdsa", 400, "invalid_argument", "ECDSA policy binding does not verify"),
]


@pytest.mark.parametrize("name,status,code,words", SRT_CASES, ids=[c[0] for c in SRT_CASES])
def test_bad_rewrap_requests(client, token, name, status, code, words):
    """Every case is a v1 request: REST and Connect both fail the whole call (real rewrap.go, isV1)."""
    signed = _srt_case(name)
    rest = client.post_json(REWRAP, {"signedRequestToken": signed}, token)
    _expect(rest, status, code, words)
    reply = client.rewrap(signed, token, "connect")
    assert reply.status == status and reply.doc["code"] == code and words in reply.doc["message"]


@pytest.mark.parametrize("name", ["tampered-policy", "unknown-kid", "wrong-key"])
def test_v2_kao_errors_are_per_result_on_connect(client, token, name):
    """A v2 request keeps going: Connect answers 200 with a failed result carrying the reason."""
    kao, policy = _valid()
    bad = {
        "tampered-policy": (kao, tb.policy_b64("https://example.com/attr/a/value/b")),
        "unknown-kid": ({**kao, "kid": "nope"}, policy),
        "wrong-key": (tb.wrapped_kao(load_key("km1-r1").public_pem, policy, kid="")[1], policy),
    }[name]
    words = dict((c[0], c[3]) for c in SRT_CASES)[name]
    reply = client.rewrap(tb.srt(tb.v2_body(tb.RSA_CLIENT.public_pem, [bad[0]], bad[1])), token, "connect")
    assert reply.status == 200
    ((result, wrapped, error),) = reply.results
    assert result == "fail" and words in error and wrapped == b""


def test_rewrap_needs_a_token(client):
    kao, policy = _valid()
    r = client.post_json(REWRAP, {"signedRequestToken": tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy))})
    _expect(r, 401, "unauthenticated", "missing Authorization")


def test_huge_body_is_413_and_connection_survives(client, token):
    r = client.post_json(REWRAP, b"x" * (9 * 1024 * 1024), token)
    _expect(r, 413, "resource_exhausted", "exceeds")
    assert client.get("/healthz").status == 200


def test_gzip_bomb_and_bad_gzip(client, token):
    headers = {"Content-Type": "application/proto", "Content-Encoding": "gzip", "Authorization": f"Bearer {token}"}
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    _expect(client.request("POST", "/kas.AccessService/Rewrap", bomb, headers), 413, "resource_exhausted", "inflates")
    _expect(
        client.request("POST", "/kas.AccessService/Rewrap", b"nope", headers), 400, "invalid_argument", "not valid gzip"
    )
    headers["Content-Encoding"] = "br"
    _expect(
        client.request("POST", "/kas.AccessService/Rewrap", b"", headers), 415, "invalid_argument", "Content-Encoding"
    )


def test_bad_connect_bodies(client, token):
    auth = {"Authorization": f"Bearer {token}"}
    r = client.request(
        "POST", "/kas.AccessService/Rewrap", b"\xff\xff\xff", {"Content-Type": "application/proto", **auth}
    )
    _expect(r, 400, "invalid_argument", "malformed protobuf")
    r = client.request(
        "POST", "/kas.AccessService/Rewrap", b'{"signedRequestToken": 5}', {"Content-Type": "application/json", **auth}
    )
    _expect(r, 400, "invalid_argument", "RewrapRequest JSON")
    r = client.request("POST", "/kas.AccessService/PublicKey", b"", {"Content-Type": "text/xml"})
    _expect(r, 415, "invalid_argument", "Connect content type")


def test_unknown_route_and_method(client):
    _expect(client.get("/nope"), 404, "not_found", "no route for GET /nope")
    # connect-go answers an unknown procedure 404 = `unimplemented`; the Go SDK falls back only on that code.
    for path in ("/policy.attributes.AttributesService/Nope", "/kas/kas.AccessService/Nope", "/a.B/C"):
        _expect(client.post_json(path, {}), 404, "unimplemented", f"no route for POST {path}")
    _expect(client.post_json("/malicious/kas.AccessService/Rewrap", {}), 404, "not_found", "no route")
    _expect(client.request("DELETE", "/healthz"), 405, "unimplemented", "DELETE not allowed")
    _expect(
        client.request("POST", "/healthz", b"", {"Content-Length": "abc"}), 400, "invalid_argument", "Content-Length"
    )


def test_bad_token_endpoint_body(client):
    r = client.request("POST", "/auth/realms/opentdf/protocol/openid-connect/token", b"\xff\xfe=\x00", {})
    assert r.status == 400 and r.json()["error"] == "unsupported_grant_type"


def test_still_serving_after_abuse(client, token):
    kao, policy = _valid()
    assert client.rewrap(tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)), token).status == 200


def test_handler_crash_is_a_500_and_recorded():
    with EmbeddedPlatform(port=0) as p:
        kas = p.kas()

        def boom(*a, **k):
            raise RuntimeError("injected failure")

        kas.ring.public_key = boom
        c = Client(p.url)
        r = c.get("/kas/kas_public_key", v="2")
        assert r.status == 500 and "injected failure" in r.json()["message"]
        assert c.get("/healthz").status == 200
        assert len(p.crashes()) == 1 and "RuntimeError: injected failure" in p.crashes()[0]
        with pytest.raises(AssertionError, match="1 platform handler crash"):
            p.check()
        c.close()


def test_requests_are_served_in_parallel():
    with EmbeddedPlatform(port=0) as p:
        real = p.kas().ring.public_key

        def slow(*a, **k):
            time.sleep(0.3)
            return real(*a, **k)

        p.kas().ring.public_key = slow
        statuses = []

        def call():
            c = Client(p.url)
            statuses.append(c.get("/kas/kas_public_key").status)
            c.close()

        threads = [threading.Thread(target=call) for _ in range(8)]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        assert statuses == [200] * 8
        assert elapsed < 8 * 0.3 / 2, f"8 requests of 0.3 s took {elapsed:.2f} s: not served in parallel"


def test_basic_auth_json_error_shape_is_oauth(client):
    bad = base64.b64encode(b"nocolon").decode()
    r = client.request(
        "POST",
        "/auth/realms/opentdf/protocol/openid-connect/token",
        b"grant_type=client_credentials",
        {"Authorization": f"Basic {bad}"},
    )
    assert r.status == 401 and json.loads(r.body)["error_description"] == "HTTP Basic credentials lack ':'"


def test_connect_public_key_unknown_algorithm(client):
    r, reply = client.connect(
        "/kas.AccessService/PublicKey",
        pb.PublicKeyRequest(algorithm="ec:secp384r1"),
        pb.PublicKeyResponse,
    )
    assert reply is None and r.status == 404 and "ec:secp384r1" in r.json()["message"]
