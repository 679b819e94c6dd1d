"""Connect unary RPC over HTTP/1.1: decoding a request message and encoding the reply.

Binary (`application/proto`, what connect-python, connect-go and connect-java send) and JSON
(`application/json`) codecs; the reply uses the request's codec. Errors are raised as
`PlatformError`s and rendered by the HTTP layer in the Connect error shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from google.protobuf import json_format
from google.protobuf.message import DecodeError

from tools.platform.errors import InvalidArgument, UnsupportedMediaType
from tools.platform.http_server import JSON, Request, Response, parse_json_object

PROTO = "application/proto"


def unary(request_cls, call: Callable[[Request, object], object]) -> Callable[[Request], Response]:
    """A route handler for a Connect unary method taking/returning protobuf messages."""

    def handle(request: Request) -> Response:
        codec = request.content_type
        message = decode(request, request_cls)
        reply = call(request, message)
        if codec == PROTO:
            return Response(200, reply.SerializeToString(), PROTO)
        return Response.json(json_format.MessageToDict(reply))

    return handle


def decode(request: Request, request_cls):
    codec = request.content_type
    if codec == PROTO:
        try:
            return request_cls.FromString(request.body)
        except DecodeError as e:
            raise InvalidArgument(f"malformed protobuf {request_cls.DESCRIPTOR.name}: {e}") from None
    if codec == JSON:
        message = request_cls()
        try:
            json_format.ParseDict(parse_json_object(request.body), message, ignore_unknown_fields=True)
        except json_format.ParseError as e:
            raise InvalidArgument(f"malformed {request_cls.DESCRIPTOR.name} JSON: {e}") from None
        return message
    raise UnsupportedMediaType(f"Connect content type must be {PROTO} or {JSON}, got {codec or 'none'!r}")


def json_unary(call: Callable[[Request, dict], dict], request_cls, response_cls) -> Callable[[Request], Response]:
    """A route handler for a Connect unary method implemented on JSON dicts (the policy services).

    JSON requests reach `call` as they came (lenient: unknown keys and shorthands pass through);
    a binary request is turned into its JSON form with the real schema's classes, and the JSON
    reply into the response message (keys the schema does not know are dropped).
    """

    def handle(request: Request) -> Response:
        if request.content_type == PROTO:
            body = json_format.MessageToDict(decode(request, request_cls))
            reply = json_format.ParseDict(call(request, body), response_cls(), ignore_unknown_fields=True)
            return Response(200, reply.SerializeToString(), PROTO)
        return Response(200, json.dumps(call(request, request.json())).encode(), JSON)

    return handle
