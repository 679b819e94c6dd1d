"""Policy services over Connect JSON: creation, lookups, grants, KAS registry, auth and errors."""

from __future__ import annotations

import uuid

import pytest

from tools.platform.tests.policy_helpers import ATTR, KAS, NS, SM, Policy, condition, subject_sets


@pytest.fixture
def policy(client, admin_token):
    return Policy(client, admin_token)


def unique_ns() -> str:
    return f"p{uuid.uuid4().hex[:10]}.example.org"


def test_namespace_create_list_get(policy):
    name = unique_ns()
    ns = policy.namespace(name)
    assert ns["name"] == name and ns["fqn"] == f"https://{name}" and ns["id"]
    listed = policy.call(NS + "ListNamespaces", {})["namespaces"]
    assert ns["id"] in [n["id"] for n in listed]
    assert policy.call(NS + "GetNamespace", {"id": ns["id"]})["namespace"]["name"] == name
    assert policy.call(NS + "GetNamespace", {"fqn": f"https://{name}"})["namespace"]["id"] == ns["id"]


def test_attribute_shape_and_values_by_fqns(policy):
    ns = policy.namespace(unique_ns())
    attr = policy.attribute(ns, "Role", "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY", ["Top", "mid", "low"])
    assert attr["name"] == "role" and attr["rule"] == "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY"
    assert attr["fqn"] == f"{ns['fqn']}/attr/role"
    assert [v["value"] for v in attr["values"]] == ["top", "mid", "low"]  # order kept: hierarchy rank
    assert attr["namespace"]["id"] == ns["id"]
    fqn = attr["values"][1]["fqn"]
    assert fqn == f"{ns['fqn']}/attr/role/value/mid"
    got = policy.call(ATTR + "GetAttributeValuesByFqns", {"fqns": [fqn.upper().replace("HTTPS", "https")]})
    (entry,) = got["fqnAttributeValues"].values()
    assert entry["value"]["id"] == attr["values"][1]["id"]
    assert entry["attribute"]["id"] == attr["id"]
    value = policy.call(ATTR + "CreateAttributeValue", {"attributeId": attr["id"], "value": "lowest"})["value"]
    assert value["fqn"].endswith("/value/lowest")
    again = policy.call(ATTR + "GetAttribute", {"id": attr["id"]})["attribute"]
    assert [v["value"] for v in again["values"]] == ["top", "mid", "low", "lowest"]


def test_builtin_kas_are_registered_with_keys(policy, embedded_platform):
    servers = {k["uri"]: k for k in policy.kas_servers()}
    for name, url in embedded_platform.kas_urls.items():
        assert url in servers, name
        keys = servers[url]["publicKey"]["cached"]["keys"]
        algs = {k["alg"] for k in keys}
        assert algs >= {"KAS_PUBLIC_KEY_ALG_ENUM_RSA_2048", "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP256R1"}

    def kids(name):
        return {k["kid"] for k in servers[embedded_platform.kas_url(name)]["publicKey"]["cached"]["keys"]}

    assert kids("default") == {"r1", "e1", "golden-r1"}
    assert kids("km2") == {"km2-r1", "km2-e1", "golden-r1"}


def test_grants_appear_in_values_by_fqns(policy, embedded_platform):
    servers = {k["uri"]: k["id"] for k in policy.kas_servers()}
    alpha, beta, km1 = (servers[embedded_platform.kas_url(n)] for n in ("alpha", "beta", "km1"))
    ns = policy.namespace(unique_ns())
    attr = policy.attribute(ns, "country", "ATTRIBUTE_RULE_TYPE_ENUM_ALL_OF", ["us", "uk"])
    us = attr["values"][0]
    policy.call(
        NS + "AssignKeyAccessServerToNamespace",
        {"namespaceKeyAccessServer": {"namespaceId": ns["id"], "keyAccessServerId": km1}},
    )
    policy.call(
        ATTR + "AssignKeyAccessServerToAttribute",
        {"attributeKeyAccessServer": {"attributeId": attr["id"], "keyAccessServerId": beta}},
    )
    policy.call(
        ATTR + "AssignKeyAccessServerToValue",
        {"valueKeyAccessServer": {"valueId": us["id"], "keyAccessServerId": alpha}},
    )
    entry = policy.call(ATTR + "GetAttributeValuesByFqns", {"fqns": [us["fqn"]]})["fqnAttributeValues"][us["fqn"]]
    assert [g["uri"] for g in entry["value"]["grants"]] == [embedded_platform.kas_url("alpha")]
    assert [g["uri"] for g in entry["attribute"]["grants"]] == [embedded_platform.kas_url("beta")]
    assert [g["uri"] for g in entry["attribute"]["namespace"]["grants"]] == [embedded_platform.kas_url("km1")]
    key = entry["value"]["grants"][0]["publicKey"]["cached"]["keys"][0]
    assert key["kid"] == "r1" and key["pem"].startswith("-----BEGIN PUBLIC KEY-----")
    policy.call(
        ATTR + "RemoveKeyAccessServerFromValue",
        {"valueKeyAccessServer": {"valueId": us["id"], "keyAccessServerId": alpha}},
    )
    entry = policy.call(ATTR + "GetAttributeValuesByFqns", {"fqns": [us["fqn"]]})["fqnAttributeValues"][us["fqn"]]
    assert entry["value"]["grants"] == []


def test_register_kas_and_subject_mapping_listing(policy):
    uri = f"http://{uuid.uuid4().hex[:8]}.example.net/kas"
    kas = policy.call(KAS + "CreateKeyAccessServer", {"uri": uri, "name": "extra", "publicKey": {"remote": uri}})
    assert kas["keyAccessServer"]["uri"] == uri
    assert uri in [k["uri"] for k in policy.kas_servers()]
    ns = policy.namespace(unique_ns())
    attr = policy.attribute(ns, "team", "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF", ["red"])
    sm = policy.entitle(attr, "red", ".clientId", ["opentdf"])
    assert sm["attributeValue"]["id"] == attr["values"][0]["id"]
    listed = policy.call(SM + "ListSubjectMappings", {})["subjectMappings"]
    assert sm["id"] in [m["id"] for m in listed]
    body = {
        "attributeValueId": attr["values"][0]["id"],
        "actions": [{"name": "read"}],
        "newSubjectConditionSet": {"subjectSets": subject_sets(condition(".sub", ["x"]))},
    }
    assert policy.call(SM + "CreateSubjectMapping", body)["subjectMapping"]["subjectConditionSet"]["id"]


@pytest.mark.parametrize(
    "path,body,status,code,words",
    [
        (NS + "CreateNamespace", {"name": "not a host"}, 400, "invalid_argument", "namespace name"),
        (NS + "CreateNamespace", {}, 400, "invalid_argument", "namespace name"),
        (NS + "GetNamespace", {"id": "nope"}, 404, "not_found", "namespace 'nope'"),
        (
            ATTR + "CreateAttribute",
            {"namespaceId": "nope", "name": "a", "rule": "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF"},
            404,
            "not_found",
            "namespace",
        ),
        (ATTR + "CreateAttribute", {"namespaceId": "x", "name": "a", "rule": "BOGUS"}, 400, "invalid_argument", "rule"),
        (ATTR + "CreateAttribute", {"name": "a"}, 400, "invalid_argument", "namespaceId"),
        (
            ATTR + "GetAttributeValuesByFqns",
            {"fqns": ["https://nowhere.example/attr/a/value/b"]},
            404,
            "not_found",
            "nowhere",
        ),
        (ATTR + "GetAttributeValuesByFqns", {"fqns": "x"}, 400, "invalid_argument", "fqns"),
        (
            SM + "CreateSubjectConditionSet",
            {"subjectConditionSet": {"subjectSets": []}},
            400,
            "invalid_argument",
            "subjectSets",
        ),
        (
            SM + "CreateSubjectConditionSet",
            {"subjectConditionSet": {"subjectSets": subject_sets(condition("clientId", ["a"]))}},
            400,
            "invalid_argument",
            "must start with '.'",
        ),
        (
            SM + "CreateSubjectConditionSet",
            {"subjectConditionSet": {"subjectSets": subject_sets(condition(".a", ["a"], "LIKE"))}},
            400,
            "invalid_argument",
            "operator",
        ),
        (
            SM + "CreateSubjectMapping",
            {"attributeValueId": "nope", "actions": [{"name": "read"}], "existingSubjectConditionSetId": "x"},
            404,
            "not_found",
            "attribute value",
        ),
        (KAS + "CreateKeyAccessServer", {"uri": "ftp://x"}, 400, "invalid_argument", "http(s)"),
        (KAS + "GetKeyAccessServer", {"id": "nope"}, 404, "not_found", "key access server"),
        (NS + "AssignKeyAccessServerToNamespace", {}, 400, "invalid_argument", "namespaceKeyAccessServer"),
    ],
)
def test_policy_errors_are_connect_errors(client, admin_token, path, body, status, code, words):
    got_status, doc = client.rpc(path, body, admin_token)
    assert (got_status, doc["code"]) == (status, code), doc
    assert words in doc["message"]


def test_duplicates_are_already_exists(policy, client, admin_token):
    name = unique_ns()
    ns = policy.namespace(name)
    assert client.rpc(NS + "CreateNamespace", {"name": name}, admin_token) == (
        409,
        {"code": "already_exists", "message": f"namespace {name!r} already exists"},
    )
    policy.attribute(ns, "dup", "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF", ["a"])
    body = {"namespaceId": ns["id"], "name": "dup", "rule": "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF"}
    assert client.rpc(ATTR + "CreateAttribute", body, admin_token)[1]["code"] == "already_exists"


def test_writes_need_admin_role_reads_do_not(client):
    sdk_token = client.token("opentdf-sdk")
    status, doc = client.rpc(NS + "CreateNamespace", {"name": unique_ns()}, sdk_token)
    assert (status, doc["code"]) == (403, "permission_denied")
    assert "opentdf-admin" in doc["message"]
    assert client.rpc(NS + "ListNamespaces", {}, sdk_token)[0] == 200


def test_every_policy_rpc_speaks_binary_protobuf(client, admin_token, embedded_platform):
    """connect-go/-java send application/proto: a whole policy setup through the real schema's messages."""
    p = Policy(client, admin_token, codec="proto")
    ns = p.namespace(unique_ns())
    attr = p.attribute(ns, "clearance", "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF", ["open", "secret"])
    assert attr["rule"] == "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF" and attr["namespace"]["id"] == ns["id"]
    servers = {k["uri"]: k for k in p.kas_servers()}
    km1 = servers[embedded_platform.kas_url("km1")]
    assert {k["kid"] for k in km1["publicKey"]["cached"]["keys"]} == {"km1-r1", "km1-e1"}
    grant = {"attributeId": attr["id"], "keyAccessServerId": km1["id"]}
    assert p.call(ATTR + "AssignKeyAccessServerToAttribute", {"attributeKeyAccessServer": grant}) == {
        "attributeKeyAccessServer": grant
    }
    sm = p.entitle(attr, "open", ".clientId", ["opentdf"])
    assert sm["attributeValue"]["id"] == attr["values"][0]["id"]
    assert sm["subjectConditionSet"]["subjectSets"][0]["conditionGroups"][0]["conditions"][0]["operator"] == (
        "SUBJECT_MAPPING_OPERATOR_ENUM_IN"
    )
    assert sm["id"] in [m["id"] for m in p.call(SM + "ListSubjectMappings", {})["subjectMappings"]]
    assert ns["id"] in [n["id"] for n in p.call(NS + "ListNamespaces", {})["namespaces"]]
    # the binary reply carries what the JSON reply does
    json_servers = Policy(client, admin_token).kas_servers()
    assert sorted(k["uri"] for k in json_servers) == sorted(servers)


def test_binary_policy_errors_are_connect_errors(client, admin_token):
    status, doc = client.rpc(
        ATTR + "GetAttributeValuesByFqns", {"fqns": ["https://nowhere.example/attr/a/value/b"]}, admin_token, "proto"
    )
    assert (status, doc["code"]) == (404, "not_found") and "nowhere" in doc["message"]
    r = client.request(
        "POST",
        NS + "ListNamespaces",
        b"\xff\xff",
        {"Content-Type": "application/proto", "Authorization": f"Bearer {admin_token}"},
    )
    assert r.status == 400 and "malformed protobuf ListNamespacesRequest" in r.json()["message"]


@pytest.mark.parametrize("codec", ["json", "proto"])
def test_key_mappings_by_fqns(client, admin_token, codec):
    """Grants are not mapped keys: every value answers its rule and no keys, so the Go SDK falls back per value."""
    p = Policy(client, admin_token, codec=codec)
    ns = p.namespace(unique_ns())
    attr = p.attribute(ns, "km", "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY", ["hi", "lo"])
    fqn = attr["values"][1]["fqn"]
    got = p.call(ATTR + "GetKeyMappingsByFqns", {"fqns": [fqn.upper().replace("HTTPS", "https")]})
    assert got == {
        "fqnKeyMappings": {
            fqn: {"rule": "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY"} | ({"keys": []} if codec == "json" else {})
        }
    }
    status, doc = client.rpc(ATTR + "GetKeyMappingsByFqns", {"fqns": [fqn.replace("/lo", "/nope")]}, admin_token, codec)
    assert (status, doc["code"]) == (404, "not_found")


def test_values_by_fqns_in_binary_protobuf(policy, client, admin_token, embedded_platform):
    """connect-go/-java SDKs call this RPC with application/proto (autoconfigure)."""
    from tools.opentdf_proto import method_classes

    path = ATTR + "GetAttributeValuesByFqns"
    request_cls, response_cls = method_classes(path)
    servers = {k["uri"]: k["id"] for k in policy.kas_servers()}
    ns = policy.namespace(unique_ns())
    attr = policy.attribute(ns, "bin", "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY", ["hi", "lo"])
    lo = attr["values"][1]
    grant = {"valueId": lo["id"], "keyAccessServerId": servers[embedded_platform.kas_url("alpha")]}
    policy.call(ATTR + "AssignKeyAccessServerToValue", {"valueKeyAccessServer": grant})
    r, reply = client.connect(path, request_cls(fqns=[lo["fqn"]]), response_cls, admin_token, gzipped=True)
    assert r.status == 200 and r.headers["content-type"] == "application/proto"
    entry = reply.fqn_attribute_values[lo["fqn"]]
    assert entry.value.id == lo["id"] and entry.value.fqn == lo["fqn"] and entry.value.active.value
    assert entry.attribute.rule == 3  # HIERARCHY
    assert [v.value for v in entry.attribute.values] == ["hi", "lo"]
    assert entry.attribute.namespace.name == ns["name"]
    (kas,) = entry.value.grants
    assert kas.uri == embedded_platform.kas_url("alpha")
    assert {k.kid: k.alg for k in kas.public_key.cached.keys} == {"r1": 1, "e1": 5}
