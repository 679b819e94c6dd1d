"""A logging HTTP/1.1 reverse proxy, to record exactly what a real SDK sends to the platform.

    python -m tools.sdks.wiretap serve --upstream http://localhost:8080 --log calls.jsonl [--shim-health]
    python -m tools.sdks.wiretap show calls.jsonl

`serve` listens on 127.0.0.1 (a free port unless --port), prints `wiretap: http://127.0.0.1:P ->
UPSTREAM`, forwards every request and appends one JSON line per exchange: method, path, headers
and both bodies, decoded as far as possible (JSON, form fields, schema-less protobuf). It rewrites
the upstream origin to its own in JSON answers and in the Connect well-known configuration, so
the SDK's OIDC discovery and token calls pass through it too. --shim-health answers
`grpc.health.v1.Health/Check` with SERVING when the upstream has no such route (the Go SDK's
connection check), so the calls after it can be seen. `show` prints a log (also the Java
CLI's XTEST_JAVA_WIRELOG files, whose bodies are base64 protobuf) as readable JSON.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from google.protobuf import struct_pb2

from tools.sdks import protowire

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection", "host"}
HEALTH_CHECK = "/grpc.health.v1.Health/Check"
WELL_KNOWN_CONNECT = "/wellknownconfiguration.WellKnownService/GetWellKnownConfiguration"
# grpc.health.v1.HealthCheckResponse{status: SERVING (1)}
HEALTH_SERVING = b"\x08\x01"


class WiretapError(Exception):
    """The wiretap could not be set up or a log could not be read."""


def describe_body(content_type: str, body: bytes) -> object:
    """The body as JSON, form fields, a protobuf tree or text, whichever it is."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if not body:
        return None
    if ct.endswith("json"):
        try:
            return {"json": json.loads(body)}
        except ValueError:
            pass
    if ct == "application/x-www-form-urlencoded":
        return {"form": dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))}
    if ct in ("application/proto", "application/protobuf", "application/grpc"):
        try:
            return {"proto": protowire.decode(body)}
        except protowire.ProtoWireError as e:
            return {"proto_error": str(e), "hex": body.hex()}
    try:
        return {"text": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"hex": body.hex()}


def rewrite_json(body: bytes, origins: list[str], replacement: str) -> bytes:
    text = body.decode("utf-8")
    for origin in origins:
        text = text.replace(origin, replacement)
    return text.encode("utf-8")


def rewrite_well_known_proto(body: bytes, origins: list[str], replacement: str) -> bytes:
    """Rewrites URLs inside GetWellKnownConfigurationResponse{configuration(1): Struct}."""
    out = bytearray()
    for number, wire, value in protowire.fields(body):
        if number == 1 and wire == protowire.LEN:
            cfg = struct_pb2.Struct.FromString(value)
            _rewrite_struct(cfg, origins, replacement)
            value = cfg.SerializeToString()
        out += _encode_field(number, wire, value)
    return bytes(out)


def _rewrite_struct(s: struct_pb2.Struct, origins, replacement) -> None:
    for key in list(s.fields):
        v = s.fields[key]
        kind = v.WhichOneof("kind")
        if kind == "string_value":
            for origin in origins:
                v.string_value = v.string_value.replace(origin, replacement)
        elif kind == "struct_value":
            _rewrite_struct(v.struct_value, origins, replacement)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _encode_field(number: int, wire: int, value) -> bytes:
    key = _varint(number << 3 | wire)
    if wire == protowire.LEN:
        return key + _varint(len(value)) + value
    if wire == protowire.VARINT:
        return key + _varint(value)
    size = 8 if wire == protowire.I64 else 4
    return key + value.to_bytes(size, "little")


class Wiretap:
    """The proxy: `with Wiretap(upstream, log) as tap: tap.url`."""

    def __init__(self, upstream: str, log: Path, *, port: int = 0, shim_health: bool = False):
        u = urllib.parse.urlsplit(upstream)
        if u.scheme != "http" or not u.hostname:
            raise WiretapError(f"upstream must be an http:// URL, got {upstream!r}")
        self.upstream = u
        self.log = Path(log)
        self.shim_health = shim_health
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Wiretap:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def upstream_origins(self) -> list[str]:
        port = self.upstream.port or 80
        return [f"http://{h}:{port}" for h in {self.upstream.hostname, "localhost", "127.0.0.1"}]

    def record(self, entry: dict) -> None:
        with self._lock, self.log.open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def exchange(self, method: str, path: str, headers: dict, body: bytes) -> tuple[int, dict, bytes, str]:
        """Forwards one request; returns (status, headers, body, source)."""
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port or 80, timeout=60)
        fwd = {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP}
        fwd["Host"] = self.upstream.netloc
        try:
            conn.request(method, path, body=body or None, headers=fwd)
            resp = conn.getresponse()
            status, rheaders, rbody = resp.status, dict(resp.getheaders()), resp.read()
        finally:
            conn.close()
        if status == 404 and self.shim_health and path == HEALTH_CHECK:
            return 200, {"Content-Type": "application/proto"}, HEALTH_SERVING, "wiretap-shim"
        rbody = self._rewrite(path, rheaders, rbody)
        return status, rheaders, rbody, "upstream"

    def _rewrite(self, path: str, headers: dict, body: bytes) -> bytes:
        ct = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
        if ct.startswith("application/json"):
            return rewrite_json(body, self.upstream_origins, self.url)
        if path == WELL_KNOWN_CONNECT and ct.startswith("application/proto"):
            return rewrite_well_known_proto(body, self.upstream_origins, self.url)
        return body

    def _handler_class(self):
        tap = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # the JSON log is the record
                pass

            def _any(self) -> None:
                body = read_body(self.rfile, self.headers)
                headers = dict(self.headers.items())
                status, rheaders, rbody, source = tap.exchange(self.command, self.path, headers, body)
                tap.record(entry(self.command, self.path, headers, body, status, rheaders, rbody, source))
                self.send_response(status)
                for k, v in rheaders.items():
                    if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(rbody)))
                self.end_headers()
                self.wfile.write(rbody)

            do_GET = do_POST = do_PUT = do_DELETE = _any

        return Handler


def read_body(rfile, headers) -> bytes:
    """The request body, from Content-Length or chunked transfer coding (Go sends bodies chunked)."""
    if (headers.get("Transfer-Encoding") or "").lower() == "chunked":
        chunks = []
        while True:
            size = int(rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(rfile.read(size))
            rfile.readline()
    length = int(headers.get("Content-Length") or 0)
    return rfile.read(length) if length else b""


def entry(method, path, headers, body, status, rheaders, rbody, source) -> dict:
    lower = {k.lower(): v for k, v in headers.items()}
    rlower = {k.lower(): v for k, v in rheaders.items()}
    raw = protowire.body_bytes(body, lower.get("content-encoding"))
    return {
        "time": time.time(),
        "method": method,
        "path": path,
        "request_headers": headers,
        "request_body": describe_body(lower.get("content-type", ""), raw),
        "status": status,
        "source": source,
        "response_headers": rheaders,
        "response_body": describe_body(rlower.get("content-type", ""), rbody),
    }


def show(path: Path) -> list[dict]:
    """Reads a wiretap or Java wire log; Java lines get their base64 protobuf bodies decoded."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise WiretapError(f"cannot read log {path}: {e}") from None
    for n, line in enumerate(lines, 1):
        try:
            item = json.loads(line)
        except ValueError:
            raise WiretapError(f"{path}:{n}: not a JSON line") from None
        for key in ("request_b64", "response_b64"):
            if key in item:
                raw = base64.b64decode(item.pop(key))
                item[key.replace("_b64", "_body")] = describe_body("application/proto", raw)
        out.append(item)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.sdks.wiretap", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="run the logging proxy until interrupted")
    s.add_argument("--upstream", required=True)
    s.add_argument("--log", required=True, type=Path)
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--shim-health", action="store_true")
    sh = sub.add_parser("show", help="print a log with bodies decoded")
    sh.add_argument("log", type=Path)
    args = ap.parse_args(argv)
    try:
        if args.cmd == "show":
            json.dump(show(args.log), sys.stdout, indent=1)
            print()
            return 0
        with Wiretap(args.upstream, args.log, port=args.port, shim_health=args.shim_health) as tap:
            print(f"wiretap: {tap.url} -> {args.upstream}", flush=True)
            threading.Event().wait()
    except WiretapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
