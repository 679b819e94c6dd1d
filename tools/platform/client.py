"""A small client for the platform's REST and Connect routes: the tests and the load check use it.

Never imported by the server code.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import json
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from google.protobuf import json_format

from tools import opentdf_proto as pb


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class RewrapReply:
    status: int
    doc: dict  # the JSON reply (or the error JSON)
    results: list[tuple[str, bytes, str]]  # (status, kasWrappedKey, error) per key access object
    session_public_key: str
    entity_wrapped_key: bytes


class Client:
    """One keep-alive connection to one listener (not thread-safe: one per thread)."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.prefix = parts.path.rstrip("/")
        self._conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._conn:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> Reply:
        for attempt in (1, 2):  # the server may have closed an idle keep-alive connection
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self._conn.request(method, path, body=body, headers=headers or {})
                r = self._conn.getresponse()
                data = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.close()
                return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
            except (ConnectionError, http.client.RemoteDisconnected):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # --- conveniences ------------------------------------------------------------------------
    def get(self, path: str, **query) -> Reply:
        return self.request("GET", path + ("?" + urlencode(query) if query else ""))

    def post_json(self, path: str, value, token: str | None = None, content_type: str = "application/json") -> Reply:
        body = value if isinstance(value, bytes) else json.dumps(value).encode()
        return self.request("POST", path, body, _headers(content_type, token))

    def token(self, client_id: str = "opentdf", secret: str = "secret", basic: bool = False) -> str:
        form = {"grant_type": "client_credentials"}
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if basic:
            headers["Authorization"] = "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        else:
            form.update(client_id=client_id, client_secret=secret)
        r = self.request(
            "POST", "/auth/realms/opentdf/protocol/openid-connect/token", urlencode(form).encode(), headers
        )
        assert r.status == 200, (r.status, r.body)
        return r.json()["access_token"]

    def connect(self, path: str, message, reply_cls, token: str | None = None, codec: str = "proto", gzipped=False):
        """A Connect unary call; returns (Reply, decoded reply message or None on error)."""
        if codec == "proto":
            body, content_type = message.SerializeToString(), "application/proto"
        else:
            body, content_type = json_format.MessageToJson(message).encode(), "application/json"
        headers = _headers(content_type, token)
        headers["Connect-Protocol-Version"] = "1"
        if gzipped:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        r = self.request("POST", path, body, headers)
        if r.status != 200:
            return r, None
        if codec == "proto":
            return r, reply_cls.FromString(r.body)
        return r, json_format.Parse(r.body, reply_cls())

    def rewrap(self, signed_request_token: str, token: str | None, transport: str = "rest") -> RewrapReply:
        """Rewrap over `rest` (/v2/rewrap JSON), `connect` (binary, gzip as connect-python) or `connect-json`."""
        if transport == "rest":
            r = self.post_json(self.prefix + "/v2/rewrap", {"signedRequestToken": signed_request_token}, token)
            if r.status != 200:
                return RewrapReply(r.status, r.json(), [], "", b"")
            doc = r.json()
            results = [
                (x["status"], base64.b64decode(x.get("kasWrappedKey", "")), x.get("error", ""))
                for p in doc["responses"]
                for x in p["results"]
            ]
            return RewrapReply(200, doc, results, doc["sessionPublicKey"], base64.b64decode(doc["entityWrappedKey"]))
        codec = "proto" if transport == "connect" else "json"
        r, msg = self.connect(
            "/kas.AccessService/Rewrap",
            pb.RewrapRequest(signed_request_token=signed_request_token),
            pb.RewrapResponse,
            token,
            codec=codec,
            gzipped=codec == "proto",
        )
        if msg is None:
            return RewrapReply(r.status, r.json(), [], "", b"")
        results = [(x.status, x.kas_wrapped_key, x.error) for p in msg.responses for x in p.results]
        return RewrapReply(200, json_format.MessageToDict(msg), results, msg.session_public_key, msg.entity_wrapped_key)

    def rpc(self, path: str, body: dict, token: str | None, codec: str = "json") -> tuple[int, dict]:
        """A policy-service Connect call given and answered as JSON dicts; returns (status, JSON).

        codec `proto` sends the body as the real schema's binary request message and renders the
        binary reply back into its JSON form (as connect-go/-java clients see it).
        """
        if codec == "json":
            r = self.post_json(path, body, token)
            return r.status, r.json()
        request_cls, response_cls = pb.method_classes(path)
        r, reply = self.connect(path, json_format.ParseDict(body, request_cls()), response_cls, token)
        return r.status, (r.json() if reply is None else json_format.MessageToDict(reply))


def _headers(content_type: str, token: str | None) -> dict:
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers
