import pytest
from google.protobuf import json_format

from tools.sdks import protoschema


@pytest.fixture(scope="module")
def pool():
    return protoschema.load_pool()


def test_rewrap_request_has_the_sdk_field_numbers(pool):
    req = protoschema.message_class(pool, "kas.RewrapRequest")(signed_request_token="jwt")
    assert req.SerializeToString() == b"\x0a\x03jwt"  # field 1, length-delimited


def test_policy_json_round_trips_through_proto(pool):
    cls = protoschema.message_class(pool, "policy.attributes.GetAttributeValuesByFqnsRequest")
    msg = json_format.ParseDict({"fqns": ["https://e.com/attr/a/value/b"]}, cls())
    again = cls.FromString(msg.SerializeToString())
    assert json_format.MessageToDict(again) == {"fqns": ["https://e.com/attr/a/value/b"]}


def test_describe_lists_fields_with_numbers(pool):
    text = protoschema.describe_methods(["grpc.health.v1.Health/Check"], pool)
    assert "#### `POST /grpc.health.v1.Health/Check`" in text
    assert "  - 1 `status` (json `status`): grpc.health.v1.HealthCheckResponse.ServingStatus" in text


@pytest.mark.parametrize("rpc", ["kas.AccessService/Nope", "no.Such/Method"])
def test_unknown_method_is_a_schema_error(pool, rpc):
    with pytest.raises(protoschema.SchemaError, match="no method"):
        protoschema.method(pool, rpc)


def test_unknown_message_is_a_schema_error(pool):
    with pytest.raises(protoschema.SchemaError, match="no message nope.Nope"):
        protoschema.message_class(pool, "nope.Nope")
