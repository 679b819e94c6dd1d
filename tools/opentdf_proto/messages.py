"""The message classes code constructs by name: KAS, well-known configuration and gRPC health.

Policy RPCs are reached generically (`method_classes("/policy.<pkg>.<Service>/<Method>")`); these
are the ones the platform and the reference SDK name in code.
"""

from __future__ import annotations

from tools.opentdf_proto.schema import method_classes

PublicKeyRequest, PublicKeyResponse = method_classes("kas.AccessService/PublicKey")
LegacyPublicKeyRequest, LegacyPublicKeyResponse = method_classes("kas.AccessService/LegacyPublicKey")  # StringValue
RewrapRequest, RewrapResponse = method_classes("kas.AccessService/Rewrap")
GetWellKnownConfigurationRequest, GetWellKnownConfigurationResponse = method_classes(
    "wellknownconfiguration.WellKnownService/GetWellKnownConfiguration"
)
HealthCheckRequest, HealthCheckResponse = method_classes("grpc.health.v1.Health/Check")
