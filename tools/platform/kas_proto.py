"""Protobuf messages of `kas.AccessService` (and the well-known service), built at runtime.

There is no protoc here, so the descriptors are assembled with descriptor_pb2 in a private pool
(field numbers and JSON names as OPENTDF-WIRE.md §6 lists them from the clients' generated code).
Only the messages the server decodes or encodes are defined; the SRT `requestBody` is JSON and is
read as a dict (`srt.py`).
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, struct_pb2

_F = descriptor_pb2.FieldDescriptorProto
_STRING, _BYTES, _MESSAGE = _F.TYPE_STRING, _F.TYPE_BYTES, _F.TYPE_MESSAGE
_OPTIONAL, _REPEATED = _F.LABEL_OPTIONAL, _F.LABEL_REPEATED


def _field(name, number, ftype, label=_OPTIONAL, type_name=None, json_name=None, oneof=None):
    f = _F(name=name, number=number, type=ftype, label=label)
    if type_name:
        f.type_name = type_name
    f.json_name = json_name or _lower_camel(name)
    if oneof is not None:
        f.oneof_index = oneof
    return f


def _lower_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _map_entry(name: str, value_type: str) -> descriptor_pb2.DescriptorProto:
    entry = descriptor_pb2.DescriptorProto(name=name)
    entry.options.map_entry = True
    entry.field.append(_field("key", 1, _STRING))
    entry.field.append(_field("value", 2, _MESSAGE, type_name=value_type))
    return entry


def _message(name, *fields, nested=(), oneofs=()):
    m = descriptor_pb2.DescriptorProto(name=name)
    m.field.extend(fields)
    m.nested_type.extend(nested)
    for o in oneofs:
        m.oneof_decl.add(name=o)
    return m


def _kas_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(name="kas/kas.proto", package="kas", syntax="proto3")
    fd.dependency.append("google/protobuf/struct.proto")
    value = ".google.protobuf.Value"
    fd.message_type.extend(
        [
            _message(
                "PublicKeyRequest", _field("algorithm", 1, _STRING), _field("fmt", 2, _STRING), _field("v", 3, _STRING)
            ),
            _message("PublicKeyResponse", _field("public_key", 1, _STRING), _field("kid", 2, _STRING)),
            _message("LegacyPublicKeyRequest", _field("algorithm", 1, _STRING)),
            _message("RewrapRequest", _field("signed_request_token", 1, _STRING)),
            _message(
                "KeyAccessRewrapResult",
                _field("metadata", 1, _MESSAGE, _REPEATED, ".kas.KeyAccessRewrapResult.MetadataEntry"),
                _field("key_access_object_id", 2, _STRING),
                _field("status", 3, _STRING),
                _field("kas_wrapped_key", 4, _BYTES, oneof=0),
                _field("error", 5, _STRING, oneof=0),
                nested=[_map_entry("MetadataEntry", value)],
                oneofs=["result"],
            ),
            _message(
                "PolicyRewrapResult",
                _field("policy_id", 1, _STRING),
                _field("results", 2, _MESSAGE, _REPEATED, ".kas.KeyAccessRewrapResult"),
            ),
            _message(
                "RewrapResponse",
                _field("metadata", 1, _MESSAGE, _REPEATED, ".kas.RewrapResponse.MetadataEntry"),
                _field("entity_wrapped_key", 2, _BYTES),
                _field("session_public_key", 3, _STRING),
                _field("schema_version", 4, _STRING),
                _field("responses", 5, _MESSAGE, _REPEATED, ".kas.PolicyRewrapResult"),
                nested=[_map_entry("MetadataEntry", value)],
            ),
        ]
    )
    return fd


def _wellknown_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(
        name="wellknownconfiguration/wellknown_configuration.proto", package="wellknownconfiguration", syntax="proto3"
    )
    fd.dependency.append("google/protobuf/struct.proto")
    fd.message_type.extend(
        [
            _message("GetWellKnownConfigurationRequest"),
            _message(
                "GetWellKnownConfigurationResponse",
                _field("configuration", 1, _MESSAGE, type_name=".google.protobuf.Struct"),
            ),
        ]
    )
    return fd


def _build_pool() -> descriptor_pool.DescriptorPool:
    pool = descriptor_pool.DescriptorPool()
    struct_fd = descriptor_pb2.FileDescriptorProto()
    struct_pb2.DESCRIPTOR.CopyToProto(struct_fd)
    pool.Add(struct_fd)
    pool.Add(_kas_file())
    pool.Add(_wellknown_file())
    return pool


POOL = _build_pool()


def message_class(full_name: str):
    return message_factory.GetMessageClass(POOL.FindMessageTypeByName(full_name))


PublicKeyRequest = message_class("kas.PublicKeyRequest")
PublicKeyResponse = message_class("kas.PublicKeyResponse")
LegacyPublicKeyRequest = message_class("kas.LegacyPublicKeyRequest")
RewrapRequest = message_class("kas.RewrapRequest")
RewrapResponse = message_class("kas.RewrapResponse")
GetWellKnownConfigurationRequest = message_class("wellknownconfiguration.GetWellKnownConfigurationRequest")
GetWellKnownConfigurationResponse = message_class("wellknownconfiguration.GetWellKnownConfigurationResponse")
