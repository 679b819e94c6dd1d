"""The shared schema: the classes carry the real SDKs' field numbers, and lookups fail clearly."""

from __future__ import annotations

import pytest

from tools import opentdf_proto as pb


def _numbers(cls) -> dict[str, int]:
    return {f.name: f.number for f in cls.DESCRIPTOR.fields}


def test_kas_messages_have_the_sdk_field_numbers():
    assert _numbers(pb.RewrapRequest) == {"signed_request_token": 1}
    assert _numbers(pb.RewrapResponse) == {
        "metadata": 1,
        "entity_wrapped_key": 2,
        "session_public_key": 3,
        "schema_version": 4,
        "responses": 5,
    }
    assert _numbers(pb.PublicKeyRequest) == {"algorithm": 1, "fmt": 2, "v": 3}
    assert pb.PublicKeyResponse(public_key="p", kid="r1").SerializeToString() == b"\x0a\x01p\x12\x02r1"
    assert pb.LegacyPublicKeyResponse.DESCRIPTOR.full_name == "google.protobuf.StringValue"


def test_health_serving_is_08_01():
    serving = pb.HealthCheckResponse.ServingStatus.Value("SERVING")
    assert pb.HealthCheckResponse(status=serving).SerializeToString() == b"\x08\x01"


def test_policy_method_classes_by_path():
    request_cls, response_cls = pb.method_classes("/policy.attributes.AttributesService/GetKeyMappingsByFqns")
    assert request_cls.DESCRIPTOR.full_name == "policy.attributes.GetKeyMappingsByFqnsRequest"
    assert response_cls.DESCRIPTOR.fields_by_name["fqn_key_mappings"].json_name == "fqnKeyMappings"


@pytest.mark.parametrize("rpc", ["kas.AccessService/Nope", "no.Such/Method", "kas.AccessService"])
def test_unknown_method_is_a_schema_error(rpc):
    with pytest.raises(pb.SchemaError, match="no method"):
        pb.method_classes(rpc)


def test_unknown_message_is_a_schema_error():
    with pytest.raises(pb.SchemaError, match="no message nope.Nope"):
        pb.message_class("nope.Nope")
