"""Protobuf messages of `kas.AccessService` (and the well-known service), built at runtime.

There is no protoc here, so the descriptors are assembled with descriptor_pb2 in a private pool
(field numbers and JSON names as OPENTDF-WIRE.md §6 lists them from the clients' generated code).
Only the messages the server decodes or encodes are defined; the SRT `requestBody` is JSON and is
read as a dict (`srt.py`).
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2

from tools.platform.protodesc import (
    BYTES,
    MESSAGE,
    REPEATED,
    STRING,
    field,
    map_entry,
    message,
    message_class,
    new_pool,
)


def _kas_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(name="kas/kas.proto", package="kas", syntax="proto3")
    fd.dependency.append("google/protobuf/struct.proto")
    value = ".google.protobuf.Value"
    fd.message_type.extend(
        [
            message("PublicKeyRequest", field("algorithm", 1, STRING), field("fmt", 2, STRING), field("v", 3, STRING)),
            message("PublicKeyResponse", field("public_key", 1, STRING), field("kid", 2, STRING)),
            message("LegacyPublicKeyRequest", field("algorithm", 1, STRING)),
            message("RewrapRequest", field("signed_request_token", 1, STRING)),
            message(
                "KeyAccessRewrapResult",
                field("metadata", 1, MESSAGE, REPEATED, ".kas.KeyAccessRewrapResult.MetadataEntry"),
                field("key_access_object_id", 2, STRING),
                field("status", 3, STRING),
                field("kas_wrapped_key", 4, BYTES, oneof=0),
                field("error", 5, STRING, oneof=0),
                nested=[map_entry("MetadataEntry", value)],
                oneofs=["result"],
            ),
            message(
                "PolicyRewrapResult",
                field("policy_id", 1, STRING),
                field("results", 2, MESSAGE, REPEATED, ".kas.KeyAccessRewrapResult"),
            ),
            message(
                "RewrapResponse",
                field("metadata", 1, MESSAGE, REPEATED, ".kas.RewrapResponse.MetadataEntry"),
                field("entity_wrapped_key", 2, BYTES),
                field("session_public_key", 3, STRING),
                field("schema_version", 4, STRING),
                field("responses", 5, MESSAGE, REPEATED, ".kas.PolicyRewrapResult"),
                nested=[map_entry("MetadataEntry", value)],
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
            message("GetWellKnownConfigurationRequest"),
            message(
                "GetWellKnownConfigurationResponse",
                field("configuration", 1, MESSAGE, type_name=".google.protobuf.Struct"),
            ),
        ]
    )
    return fd


def _build_pool():
    pool = new_pool()
    pool.Add(_kas_file())
    pool.Add(_wellknown_file())
    return pool


POOL = _build_pool()


def _cls(full_name: str):
    return message_class(POOL, full_name)


PublicKeyRequest = _cls("kas.PublicKeyRequest")
PublicKeyResponse = _cls("kas.PublicKeyResponse")
LegacyPublicKeyRequest = _cls("kas.LegacyPublicKeyRequest")
RewrapRequest = _cls("kas.RewrapRequest")
RewrapResponse = _cls("kas.RewrapResponse")
GetWellKnownConfigurationRequest = _cls("wellknownconfiguration.GetWellKnownConfigurationRequest")
GetWellKnownConfigurationResponse = _cls("wellknownconfiguration.GetWellKnownConfigurationResponse")
