"""The OpenTDF protocol (KAS, well-known, health, policy services) as protobuf message classes.

One source of protobuf truth for the embedded platform (`tools.platform`), the reference SDK
(`tools.tdf`) and the SDK study tools (`tools.sdks`): everything comes from the committed
FileDescriptorSet (`schema.py`), nothing is assembled by hand. Importing this package loads the
schema once (~15 ms).

    from tools.opentdf_proto import RewrapRequest, method_classes
    Req, Resp = method_classes("/policy.attributes.AttributesService/GetAttributeValuesByFqns")
"""

from tools.opentdf_proto.messages import (
    GetWellKnownConfigurationRequest,
    GetWellKnownConfigurationResponse,
    HealthCheckRequest,
    HealthCheckResponse,
    LegacyPublicKeyRequest,
    LegacyPublicKeyResponse,
    PublicKeyRequest,
    PublicKeyResponse,
    RewrapRequest,
    RewrapResponse,
)
from tools.opentdf_proto.schema import SCHEMA, SchemaError, load_pool, message_class, method, method_classes, pool

__all__ = [
    "SCHEMA",
    "GetWellKnownConfigurationRequest",
    "GetWellKnownConfigurationResponse",
    "HealthCheckRequest",
    "HealthCheckResponse",
    "LegacyPublicKeyRequest",
    "LegacyPublicKeyResponse",
    "PublicKeyRequest",
    "PublicKeyResponse",
    "RewrapRequest",
    "RewrapResponse",
    "SchemaError",
    "load_pool",
    "message_class",
    "method",
    "method_classes",
    "pool",
]
