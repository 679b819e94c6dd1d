"""The HTTP layer on its own: a Listener with one route, spoken to over a real loopback socket."""

from __future__ import annotations

import http.client
import socket
import threading

import pytest

from tools.platform import http_server
from tools.platform.http_server import Listener, Response, Router


@pytest.fixture
def listener():
    router = Router()
    router.add("GET", "/ping", lambda request: Response.json({"pong": True}))
    server = Listener(("127.0.0.1", 0), router)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_accepted_connections_do_not_wait_for_nagle(listener, monkeypatch):
    """A response is two writes (head, body): with Nagle on, each keep-alive request waited ~40 ms
    for the client's delayed ACK. The handler's socket must have TCP_NODELAY set."""
    seen = []
    original_setup = http_server._RequestHandler.setup

    def recording_setup(handler):
        original_setup(handler)
        seen.append(handler.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    monkeypatch.setattr(http_server._RequestHandler, "setup", recording_setup)
    connection = http.client.HTTPConnection("127.0.0.1", listener.port, timeout=10)
    try:
        for _ in range(2):  # the same keep-alive connection serves both
            connection.request("GET", "/ping")
            reply = connection.getresponse()
            assert (reply.status, reply.read()) == (200, b'{"pong": true}')
    finally:
        connection.close()
    assert len(seen) == 1, f"expected one accepted connection, saw {len(seen)}"
    assert seen[0] != 0, "TCP_NODELAY is off on the platform's accepted connection"
