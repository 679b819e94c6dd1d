"""A binary-protobuf subset of the policy protos, for SDKs that call policy RPCs with connect-go/-java.

Only what SDK encrypt paths call: `GetAttributeValuesByFqns` (autoconfigure / split planning).
Field numbers follow opentdf/platform `service/policy/objects.proto` and
`service/policy/attributes/attributes.proto`; the service code keeps producing JSON dicts, which
`json_format` maps onto these messages (unknown JSON keys ignored).
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2

from tools.platform.protodesc import (
    ENUM,
    MESSAGE,
    REPEATED,
    STRING,
    enum,
    field,
    map_entry,
    message,
    message_class,
    new_pool,
)


def _objects_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(name="policy/objects.proto", package="policy", syntax="proto3")
    fd.dependency.append("google/protobuf/wrappers.proto")
    fd.enum_type.extend(
        [
            enum(
                "AttributeRuleTypeEnum",
                {
                    "ATTRIBUTE_RULE_TYPE_ENUM_UNSPECIFIED": 0,
                    "ATTRIBUTE_RULE_TYPE_ENUM_ALL_OF": 1,
                    "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF": 2,
                    "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY": 3,
                },
            ),
            enum(
                "KasPublicKeyAlgEnum",
                {
                    "KAS_PUBLIC_KEY_ALG_ENUM_UNSPECIFIED": 0,
                    "KAS_PUBLIC_KEY_ALG_ENUM_RSA_2048": 1,
                    "KAS_PUBLIC_KEY_ALG_ENUM_RSA_4096": 2,
                    "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP256R1": 5,
                    "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP384R1": 6,
                    "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP521R1": 7,
                },
            ),
        ]
    )
    kas = ".policy.KeyAccessServer"
    active = ".google.protobuf.BoolValue"
    fd.message_type.extend(
        [
            message(
                "KasPublicKey",
                field("pem", 1, STRING),
                field("kid", 2, STRING),
                field("alg", 3, ENUM, type_name=".policy.KasPublicKeyAlgEnum"),
            ),
            message("KasPublicKeySet", field("keys", 1, MESSAGE, REPEATED, ".policy.KasPublicKey")),
            message(
                "PublicKey",
                field("remote", 1, STRING, oneof=0),
                field("cached", 3, MESSAGE, type_name=".policy.KasPublicKeySet", oneof=0),
                oneofs=["public_key"],
            ),
            message(
                "KeyAccessServer",
                field("id", 1, STRING),
                field("uri", 2, STRING),
                field("public_key", 3, MESSAGE, type_name=".policy.PublicKey"),
                field("name", 20, STRING),
            ),
            message(
                "Namespace",
                field("id", 1, STRING),
                field("name", 2, STRING),
                field("fqn", 3, STRING),
                field("active", 4, MESSAGE, type_name=active),
                field("grants", 6, MESSAGE, REPEATED, kas),
            ),
            message(
                "Attribute",
                field("id", 1, STRING),
                field("namespace", 2, MESSAGE, type_name=".policy.Namespace"),
                field("name", 3, STRING),
                field("rule", 4, ENUM, type_name=".policy.AttributeRuleTypeEnum"),
                field("values", 5, MESSAGE, REPEATED, ".policy.Value"),
                field("grants", 6, MESSAGE, REPEATED, kas),
                field("fqn", 7, STRING),
                field("active", 8, MESSAGE, type_name=active),
            ),
            message(
                "Value",
                field("id", 1, STRING),
                field("attribute", 2, MESSAGE, type_name=".policy.Attribute"),
                field("value", 3, STRING),
                field("grants", 5, MESSAGE, REPEATED, kas),
                field("fqn", 6, STRING),
                field("active", 7, MESSAGE, type_name=active),
            ),
        ]
    )
    return fd


def _attributes_file() -> descriptor_pb2.FileDescriptorProto:
    fd = descriptor_pb2.FileDescriptorProto(
        name="policy/attributes/attributes.proto", package="policy.attributes", syntax="proto3"
    )
    fd.dependency.append("policy/objects.proto")
    response = ".policy.attributes.GetAttributeValuesByFqnsResponse"
    fd.message_type.extend(
        [
            message("GetAttributeValuesByFqnsRequest", field("fqns", 1, STRING, REPEATED)),
            message(
                "GetAttributeValuesByFqnsResponse",
                field("fqn_attribute_values", 1, MESSAGE, REPEATED, response + ".FqnAttributeValuesEntry"),
                nested=[
                    message(
                        "AttributeAndValue",
                        field("attribute", 1, MESSAGE, type_name=".policy.Attribute"),
                        field("value", 2, MESSAGE, type_name=".policy.Value"),
                    ),
                    map_entry("FqnAttributeValuesEntry", response + ".AttributeAndValue"),
                ],
            ),
        ]
    )
    return fd


def _build_pool():
    pool = new_pool()
    pool.Add(_objects_file())
    pool.Add(_attributes_file())
    return pool


POOL = _build_pool()

# '/<service>/<Method>' -> (request class, response class) for the methods served in binary form too.
PROTO_METHODS = {
    "/policy.attributes.AttributesService/GetAttributeValuesByFqns": (
        message_class(POOL, "policy.attributes.GetAttributeValuesByFqnsRequest"),
        message_class(POOL, "policy.attributes.GetAttributeValuesByFqnsResponse"),
    ),
}
