"""Schema-less protobuf decoding, to show what an SDK sent without its .proto files.

Every field becomes `{"field": N, "wire": T, ...}`; a length-delimited value is shown as a nested
message when it parses as one completely, else as text when it is printable UTF-8, else as hex.
That is a guess (a short string can also parse as a message), so the raw bytes stay available.
"""

from __future__ import annotations

import gzip

VARINT, I64, LEN, I32 = 0, 1, 2, 5


class ProtoWireError(ValueError):
    """The bytes are not a well-formed protobuf message."""


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """Returns (value, next position); raises ProtoWireError on a truncated or overlong varint."""
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ProtoWireError("truncated varint")
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ProtoWireError("varint longer than 10 bytes")


def fields(data: bytes) -> list[tuple[int, int, int | bytes]]:
    """Splits a message into (field number, wire type, raw value); groups are not supported."""
    out = []
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise ProtoWireError("field number 0")
        if wire == VARINT:
            value, pos = read_varint(data, pos)
        elif wire in (I64, I32):
            size = 8 if wire == I64 else 4
            if pos + size > len(data):
                raise ProtoWireError("truncated fixed-width field")
            value, pos = int.from_bytes(data[pos : pos + size], "little"), pos + size
        elif wire == LEN:
            size, pos = read_varint(data, pos)
            if pos + size > len(data):
                raise ProtoWireError(f"field {number}: length {size} runs past the end")
            value, pos = data[pos : pos + size], pos + size
        else:
            raise ProtoWireError(f"unsupported wire type {wire}")
        out.append((number, wire, value))
    return out


def _printable(b: bytes) -> str | None:
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return s if all(c.isprintable() or c in "\r\n\t" for c in s) else None


def decode(data: bytes, depth: int = 0) -> list[dict]:
    """A readable tree of the message (see the module docstring for the guessing rules)."""
    tree = []
    for number, wire, value in fields(data):
        item: dict = {"field": number, "wire": wire}
        if wire != LEN:
            item["value"] = value
        else:
            item.update(_decode_len(value, depth))
        tree.append(item)
    return tree


def _decode_len(value: bytes, depth: int) -> dict:
    text = _printable(value)
    # Text wins for printable bytes: PEMs, URLs and JWTs would otherwise often "parse" as messages.
    if text is not None and (len(value) > 0):
        return {"text": text}
    if depth < 12 and value:
        try:
            return {"message": decode(value, depth + 1)}
        except ProtoWireError:
            pass
    return {"hex": value.hex()}


def body_bytes(body: bytes, content_encoding: str | None) -> bytes:
    """The body with a gzip Content-Encoding (as connect-python sends) undone."""
    if (content_encoding or "").strip().lower() == "gzip":
        return gzip.decompress(body)
    return body
