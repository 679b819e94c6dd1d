"""The platform's policy API as the suite uses it (XTEST-UPSTREAM.md §2.8, test_self.py)."""

from __future__ import annotations

from xtest.fixtures.policy import random_namespace_name
from xtest.policy_client import PolicyError


def test_namespaces_list(policy):
    """Listing works and shows a namespace the suite created."""
    ns = policy.namespace("self-list")
    names = [n["name"] for n in policy.client.list_namespaces()]
    assert ns["name"] in names, f"{ns['name']} missing from ListNamespaces: {names}"


def test_namespace_create(policy_client):
    name = random_namespace_name()
    ns = policy_client.create_namespace(name)
    assert ns["name"] == name and ns["id"]
    assert ns.get("fqn", f"https://{name}") == f"https://{name}"


def test_namespace_duplicate_is_already_exists(policy_client):
    name = random_namespace_name()
    policy_client.create_namespace(name)
    try:
        policy_client.create_namespace(name)
    except PolicyError as e:
        assert e.code == "already_exists", f"duplicate namespace gave {e.code}: {e.message}"
    else:
        raise AssertionError(f"creating namespace {name} twice succeeded")


def test_attribute_create(policy_client):
    ns = policy_client.create_namespace(random_namespace_name())
    for name, rule in (("free", "anyOf"), ("strict", "allOf")):
        attr = policy_client.create_attribute(ns["id"], name, rule, ["1", "2", "3"])
        assert attr["fqn"] == f"https://{ns['name']}/attr/{name}"
        assert [v["value"] for v in attr["values"]] == ["1", "2", "3"]
        assert [v["fqn"] for v in attr["values"]] == [f"{attr['fqn']}/value/{v}" for v in "123"]


def test_scs_create(policy_client):
    scs = policy_client.create_condition_set(["opentdf-sdk"])
    assert scs["id"]
    (subject_set,) = scs["subjectSets"]
    (group,) = subject_set["conditionGroups"]
    (condition,) = group["conditions"]
    assert condition["subjectExternalSelectorValue"] == ".clientId"
    assert condition["subjectExternalValues"] == ["opentdf-sdk"]
