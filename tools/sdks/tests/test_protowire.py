import gzip

import pytest
from google.protobuf import struct_pb2

from tools.sdks import protowire


def test_decodes_nested_message_text_and_varint():
    # PolicyRewrapResult-like: {1: "policy", 2: {2: "kao-0", 3: "permit", 4: b"\x00\xff"}} then {7: 300}
    inner = b"\x12\x05kao-0" + b"\x1a\x06permit" + b"\x22\x02\x00\xff"
    data = b"\x0a\x06policy" + b"\x12" + bytes([len(inner)]) + inner + b"\x38\xac\x02"
    tree = protowire.decode(data)
    assert tree[0] == {"field": 1, "wire": 2, "text": "policy"}
    assert tree[1]["message"] == [
        {"field": 2, "wire": 2, "text": "kao-0"},
        {"field": 3, "wire": 2, "text": "permit"},
        {"field": 4, "wire": 2, "hex": "00ff"},
    ]
    assert tree[2] == {"field": 7, "wire": 0, "value": 300}


def test_decodes_a_real_struct():
    s = struct_pb2.Struct()
    s.update({"platform_issuer": "http://x/auth"})
    tree = protowire.decode(s.SerializeToString())
    entry = tree[0]["message"]
    assert entry[0] == {"field": 1, "wire": 2, "text": "platform_issuer"}
    assert entry[1]["message"] == [{"field": 3, "wire": 2, "text": "http://x/auth"}]


@pytest.mark.parametrize(
    "data, error",
    [(b"\x0a\x05abc", "runs past the end"), (b"\x08", "truncated varint"), (b"\x00\x01", "field number 0")],
)
def test_malformed_input_names_the_problem(data, error):
    with pytest.raises(protowire.ProtoWireError, match=error):
        protowire.fields(data)


def test_gzip_body_is_inflated_only_when_declared():
    raw = b"\x0a\x01x"
    assert protowire.body_bytes(gzip.compress(raw), "gzip") == raw
    assert protowire.body_bytes(raw, None) == raw
