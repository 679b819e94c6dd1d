"""The few `kas.AccessService` messages the Connect client needs, built at run time.

There is no protoc: the descriptors are assembled with descriptor_pb2 from the field table in
OPENTDF-WIRE.md §6, in a private pool so they never clash with another module that registers
the same `kas.*` names. Map fields (`metadata`) are left out; protobuf skips unknown fields.
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_T = descriptor_pb2.FieldDescriptorProto
_STRING, _BYTES, _MESSAGE = _T.TYPE_STRING, _T.TYPE_BYTES, _T.TYPE_MESSAGE
_OPT, _REP = _T.LABEL_OPTIONAL, _T.LABEL_REPEATED

_MESSAGES = {
    "PublicKeyRequest": [
        ("algorithm", 1, _STRING),
        ("fmt", 2, _STRING),
        ("v", 3, _STRING),
    ],
    "PublicKeyResponse": [("public_key", 1, _STRING), ("kid", 2, _STRING)],
    "RewrapRequest": [("signed_request_token", 1, _STRING)],
    "KeyAccessRewrapResult": [
        ("key_access_object_id", 2, _STRING),
        ("status", 3, _STRING),
        ("kas_wrapped_key", 4, _BYTES),
        ("error", 5, _STRING),
    ],
    "PolicyRewrapResult": [
        ("policy_id", 1, _STRING),
        ("results", 2, _MESSAGE, "KeyAccessRewrapResult", _REP),
    ],
    "RewrapResponse": [
        ("entity_wrapped_key", 2, _BYTES),
        ("session_public_key", 3, _STRING),
        ("schema_version", 4, _STRING),
        ("responses", 5, _MESSAGE, "PolicyRewrapResult", _REP),
    ],
}


def _build():
    fdp = descriptor_pb2.FileDescriptorProto(name="tools_tdf/kas.proto", package="kas", syntax="proto3")
    for name, fields in _MESSAGES.items():
        msg = fdp.message_type.add(name=name)
        for spec in fields:
            fname, number, ftype = spec[:3]
            field = msg.field.add(
                name=fname,
                number=number,
                type=ftype,
                label=spec[4] if len(spec) > 4 else _OPT,
            )
            if ftype == _MESSAGE:
                field.type_name = f".kas.{spec[3]}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"kas.{name}")) for name in _MESSAGES}


_CLASSES = _build()
PublicKeyRequest = _CLASSES["PublicKeyRequest"]
PublicKeyResponse = _CLASSES["PublicKeyResponse"]
RewrapRequest = _CLASSES["RewrapRequest"]
RewrapResponse = _CLASSES["RewrapResponse"]
