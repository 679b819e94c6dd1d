import base64
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from google.protobuf import struct_pb2

from tools.sdks import wiretap


class FakePlatform:
    """A tiny upstream: JSON discovery naming its own URL, a proto well-known, 404 for the rest."""

    def __enter__(self):
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _send(self, status, ctype, body):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                self._send(200, "application/json", json.dumps({"issuer": outer.url + "/auth"}).encode())

            def do_POST(self):
                body = wiretap.read_body(self.rfile, self.headers)
                outer.bodies.append(body)
                if self.path == wiretap.WELL_KNOWN_CONNECT:
                    s = struct_pb2.Struct()
                    s.update({"platform_issuer": outer.url + "/auth", "n": 1})
                    msg = b"\x0a" + bytes([len(s.SerializeToString())]) + s.SerializeToString()
                    self._send(200, "application/proto", msg)
                else:
                    self._send(404, "application/json", b'{"code":"not_found","message":"no route"}')

        self.bodies = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def post(url, body, headers):
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_forwards_logs_and_rewrites_origins(tmp_path):
    log = tmp_path / "calls.jsonl"
    with FakePlatform() as up, wiretap.Wiretap(up.url, log) as tap:
        with urllib.request.urlopen(tap.url + "/.well-known/openid-configuration") as r:
            assert json.loads(r.read()) == {"issuer": tap.url + "/auth"}
        status, body = post(tap.url + wiretap.WELL_KNOWN_CONNECT, b"", {"Content-Type": "application/proto"})
        assert status == 200
        cfg = struct_pb2.Struct.FromString(body[2:])
        assert cfg["platform_issuer"] == tap.url + "/auth"
        assert cfg["n"] == 1
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["path"] for e in entries] == ["/.well-known/openid-configuration", wiretap.WELL_KNOWN_CONNECT]
    # The log shows what the SDK received: the rewritten origin.
    assert entries[0]["response_body"] == {"json": {"issuer": tap.url + "/auth"}}


def test_chunked_request_reaches_upstream_whole(tmp_path):
    with FakePlatform() as up, wiretap.Wiretap(up.url, tmp_path / "l.jsonl") as tap:
        req = urllib.request.Request(
            tap.url + "/x",
            data=iter([b"grant_type=", b"client_credentials"]),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(req)
        assert up.bodies == [b"grant_type=client_credentials"]
    entry = json.loads((tmp_path / "l.jsonl").read_text())
    assert entry["request_body"] == {"form": {"grant_type": "client_credentials"}}
    assert entry["status"] == 404


def test_health_shim_only_when_asked(tmp_path):
    with FakePlatform() as up:
        with wiretap.Wiretap(up.url, tmp_path / "a.jsonl") as tap:
            assert post(tap.url + wiretap.HEALTH_CHECK, b"", {"Content-Type": "application/proto"})[0] == 404
        with wiretap.Wiretap(up.url, tmp_path / "b.jsonl", shim_health=True) as tap:
            assert post(tap.url + wiretap.HEALTH_CHECK, b"", {"Content-Type": "application/proto"}) == (
                200,
                wiretap.HEALTH_SERVING,
            )
    assert json.loads((tmp_path / "b.jsonl").read_text())["source"] == "wiretap-shim"


def test_show_decodes_java_wire_log(tmp_path):
    log = tmp_path / "java.jsonl"
    line = {"rpc": "kas.AccessService/PublicKey", "request_b64": base64.b64encode(b"\x0a\x08rsa:2048").decode()}
    log.write_text(json.dumps(line) + "\n")
    (item,) = wiretap.show(log)
    assert item["request_body"] == {"proto": [{"field": 1, "wire": 2, "text": "rsa:2048"}]}


def test_rejects_non_http_upstream(tmp_path):
    with pytest.raises(wiretap.WiretapError, match="http:// URL"):
        wiretap.Wiretap("https://example.test", tmp_path / "x")
