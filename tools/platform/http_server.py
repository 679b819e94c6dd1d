"""HTTP plumbing: request/response values, exact-path routing, and the one place errors become JSON.

Handlers are plain functions `Request -> Response` that raise `PlatformError` subclasses for bad
input; `Handler._dispatch` maps those to their JSON 4xx and turns any other exception into a
logged 500 (recorded on the server so tests can surface it), so a handler bug never kills the
server. HTTP/1.1 keep-alive, one thread per connection (ThreadingHTTPServer).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tools.platform.config import MAX_BODY_BYTES
from tools.platform.errors import (
    InvalidArgument,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    PlatformError,
    Unimplemented,
    UnsupportedMediaType,
)

log = logging.getLogger("tools.platform.http")

JSON = "application/json"
DRAIN_LIMIT = 4 * MAX_BODY_BYTES  # read and discard oversized bodies up to this, so the client sees the 413
# A Connect procedure path `/<package>.<Service>/<Method>` (also under a KAS's `/kas` prefix).
CONNECT_PATH = re.compile(r"^(/kas)?/[A-Za-z_]\w*(\.[A-Za-z_]\w*)+/[A-Za-z_]\w*$")


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    @property
    def content_type(self) -> str:
        return self.header("content-type").split(";")[0].strip().lower()

    def query_param(self, name: str, default: str = "") -> str:
        return self.query.get(name, [default])[0]

    def json(self) -> dict:
        """The body as a JSON object; wrong content type or malformed JSON is a 4xx."""
        if self.content_type != JSON:
            raise UnsupportedMediaType(f"expected Content-Type {JSON}, got {self.content_type or 'none'!r}")
        return parse_json_object(self.body)


def parse_json_object(body: bytes) -> dict:
    if not body.strip():
        return {}
    try:
        value = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InvalidArgument(f"malformed JSON body: {e}") from None
    if not isinstance(value, dict):
        raise InvalidArgument(f"JSON body must be an object, got {type(value).__name__}")
    return value


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, value, status: int = 200) -> Response:
        return cls(status, json.dumps(value).encode(), JSON)

    @classmethod
    def error(cls, err: PlatformError) -> Response:
        return cls.json(err.to_json(), err.status)


Handler = Callable[[Request], Response]


class Router:
    """Exact (method, path) routes. Unknown paths are 404, known paths with another method 405.

    An unknown Connect procedure (POST) is 404 with code `unimplemented`, as connect-go answers it.
    """

    def __init__(self):
        self._routes: dict[tuple[str, str], Handler] = {}

    def add(self, method: str, path: str, handler: Handler) -> None:
        self._routes[(method, path)] = handler

    def resolve(self, method: str, path: str) -> Handler:
        handler = self._routes.get((method, path))
        if handler is not None:
            return handler
        if any(p == path for _, p in self._routes):
            raise MethodNotAllowed(f"{method} not allowed on {path}")
        if method == "POST" and CONNECT_PATH.match(path):
            raise Unimplemented(f"no route for {method} {path}: Connect procedure not implemented")
        raise NotFound(f"no route for {method} {path}")


class Listener(ThreadingHTTPServer):
    """One listening socket with its router; records handler crashes for `check()`."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], router: Router):
        super().__init__(address, _RequestHandler)
        self.router = router
        self.crashes: list[str] = []
        self._crash_lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def handle_error(self, request, client_address) -> None:
        # Called for exceptions outside _dispatch (socket level): a client hanging up is normal.
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        log.error("connection error from %s", client_address, exc_info=True)

    def record_crash(self, text: str) -> None:
        with self._crash_lock:
            self.crashes.append(text)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "opentdf-embedded-platform"
    timeout = 60  # idle keep-alive connections are dropped after this
    # TCP_NODELAY: a response goes out as two writes (head, then body). With Nagle on, the body
    # waits for the client to ACK the head, and clients delay that ACK by ~40 ms: every request on
    # a keep-alive connection after the first stalled 35-45 ms (an otdfctl decrypt, 5 requests:
    # 0.35 s -> 0.17 s a call). Loopback has no use for Nagle's batching.
    disable_nagle_algorithm = True
    server: Listener

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def _dispatch(self) -> None:
        try:
            request = self._read_request()
            response = self.server.router.resolve(request.method, request.path)(request)
        except PlatformError as e:
            response = Response.error(e)
        except Exception as e:  # noqa: BLE001 - a handler bug: log, record, answer 500, keep serving
            text = traceback.format_exc()
            log.error("handler crashed on %s %s:\n%s", self.command, self.path, text)
            self.server.record_crash(f"{self.command} {self.path}\n{text}")
            response = Response.json({"code": "internal", "message": f"internal error: {type(e).__name__}: {e}"}, 500)
        self._send(response)

    def _read_request(self) -> Request:
        parts = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        body = _decode_content(self._read_body(headers), headers.get("content-encoding", ""))
        return Request(self.command, parts.path, parse_qs(parts.query), headers, body)

    def _read_body(self, headers: dict[str, str]) -> bytes:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._read_chunked()
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            self.close_connection = True
            raise InvalidArgument("malformed Content-Length header") from None
        if length < 0:
            self.close_connection = True
            raise InvalidArgument("negative Content-Length")
        if length > MAX_BODY_BYTES:
            self._drain(length)
            raise PayloadTooLarge(f"request body of {length} bytes exceeds the {MAX_BODY_BYTES}-byte limit")
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        chunks, total = [], 0
        while True:
            size = int(self.rfile.readline(100).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline(100)
                return b"".join(chunks)
            total += size
            if total > MAX_BODY_BYTES:
                self.close_connection = True
                raise PayloadTooLarge(f"chunked request body exceeds the {MAX_BODY_BYTES}-byte limit")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(100)

    def _drain(self, length: int) -> None:
        if length > DRAIN_LIMIT:
            self.close_connection = True
            return
        remaining = length
        while remaining > 0:
            got = self.rfile.read(min(remaining, 1 << 16))
            if not got:
                break
            remaining -= len(got)

    def _send(self, response: Response) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for k, v in response.headers.items():
                self.send_header(k, v)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def _decode_content(body: bytes, encoding: str) -> bytes:
    """Undo Content-Encoding (connect-python gzips every request), capping the inflated size."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding != "gzip":
        raise UnsupportedMediaType(f"Content-Encoding {encoding!r} unsupported (gzip, identity)")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, MAX_BODY_BYTES + 1)
    except zlib.error as e:
        raise InvalidArgument(f"body is not valid gzip: {e}") from None
    if len(out) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"gzip body inflates beyond the {MAX_BODY_BYTES}-byte limit")
    return out
