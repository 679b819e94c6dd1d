"""ABAC on rewrap: each rule type and condition operator, through REST (403) and Connect.

Connect answers a v2 request with a per-result fail, a v1 (legacy, single keyAccess) request with
403 permission_denied for the whole call, as the real platform does.
"""

from __future__ import annotations

import uuid

import pytest

from tools.platform import rewrap_requests as tb
from tools.platform.keys import load_key
from tools.platform.subject_conditions import condition_set_holds, select
from tools.platform.tests.policy_helpers import Policy, condition, subject_sets

R1 = load_key("r1").public_pem


@pytest.fixture(scope="module")
def abac(embedded_platform, admin_token):
    """Definitions in a fresh namespace; the opentdf-sdk client is entitled as the comments say."""
    from tools.platform.client import Client

    c = Client(embedded_platform.url)
    p = Policy(c, admin_token)
    ns = p.namespace(f"abac{uuid.uuid4().hex[:8]}.example.com")
    any_of, all_of, hier = (f"ATTRIBUTE_RULE_TYPE_ENUM_{r}" for r in ("ANY_OF", "ALL_OF", "HIERARCHY"))
    dept = p.attribute(ns, "dept", any_of, ["eng", "sales"])
    p.entitle(dept, "eng", ".clientId", ["opentdf-sdk"])  # eng only
    cert = p.attribute(ns, "cert", all_of, ["a", "b", "c"])
    for v in ("a", "b"):  # a and b, not c
        p.entitle(cert, v, ".clientId", ["opentdf-sdk"])
    level = p.attribute(ns, "level", hier, ["top", "mid", "low"])
    p.entitle(level, "mid", ".clientId", ["opentdf-sdk"])  # mid (so also low)
    misc = p.attribute(ns, "misc", any_of, ["role", "contains", "notin", "andgrp", "noread"])
    p.entitle(misc, "role", ".realm_access.roles[]", ["opentdf-standard"])
    p.entitle(misc, "contains", ".preferred_username", ["account-opentdf-s"], "IN_CONTAINS")
    p.entitle(misc, "notin", ".clientId", ["outsider"], "NOT_IN")
    both = subject_sets(condition(".clientId", ["opentdf-sdk"]), condition(".sub", ["someone-else"]), boolean="AND")
    p.map_value(next(v["id"] for v in misc["values"] if v["value"] == "andgrp"), both)
    p.map_value(
        next(v["id"] for v in misc["values"] if v["value"] == "noread"),
        subject_sets(condition(".clientId", ["opentdf-sdk"])),
        actions=[{"name": "create"}],
    )
    c.close()
    return lambda attr, value: f"https://{ns['name']}/attr/{attr}/value/{value}"


CASES = [
    ([], True),
    ([("dept", "eng")], True),
    ([("dept", "sales")], False),
    ([("dept", "eng"), ("dept", "sales")], True),
    ([("cert", "a"), ("cert", "b")], True),
    ([("cert", "a"), ("cert", "c")], False),
    ([("level", "low")], True),
    ([("level", "mid")], True),
    ([("level", "top")], False),
    ([("level", "top"), ("level", "low")], False),
    ([("misc", "role")], True),
    ([("misc", "contains")], True),
    ([("misc", "notin")], True),
    ([("misc", "andgrp")], False),
    ([("misc", "noread")], False),
    ([("dept", "eng"), ("cert", "c")], False),
    ([("dept", "eng"), ("level", "low"), ("cert", "b")], True),
]


def _ids(case):
    attrs, permit = case
    return ("+".join(f"{a}.{v}" for a, v in attrs) or "none") + ("-permit" if permit else "-deny")


def _rewrap(client, token, fqns, transport, v1=False):
    policy = tb.policy_b64(*fqns)
    dek, kao = tb.wrapped_kao(R1, policy)
    if v1:
        body = tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy)
    else:
        body = tb.v2_body(tb.RSA_CLIENT.public_pem, [kao], policy)
    return dek, client.rewrap(tb.srt(body), token, transport)


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_connect_decisions(client, abac, case):
    attrs, permit = case
    dek, reply = _rewrap(client, client.token("opentdf-sdk"), [abac(a, v) for a, v in attrs], "connect")
    assert reply.status == 200
    ((status, wrapped, error),) = reply.results
    if permit:
        assert status == "permit", error
        assert tb.RSA_CLIENT.open(wrapped) == dek
    else:
        assert status == "fail" and error.startswith("forbidden: "), error
        assert wrapped == b""


@pytest.mark.parametrize("transport", ["rest", "connect-json"])
def test_rest_denial_is_403_with_reason(client, abac, transport):
    fqn = abac("dept", "sales")
    _, reply = _rewrap(client, client.token("opentdf-sdk"), [fqn], transport)
    if transport == "rest":
        assert reply.status == 403
        assert reply.doc == {
            "code": "permission_denied",
            "message": "forbidden: anyOf dept: not entitled to any of ['sales']",
        }
    else:
        assert reply.results[0][0] == "fail"


@pytest.mark.parametrize("transport", ["connect", "connect-json"])
def test_connect_v1_denial_fails_the_call(client, abac, transport):
    """Java 0.7.3 sends v1 and reads only entity_wrapped_key: it needs the call to fail (rewrap.go isV1)."""
    _, reply = _rewrap(client, client.token("opentdf-sdk"), [abac("dept", "sales")], transport, v1=True)
    assert reply.status == 403
    assert reply.doc == {
        "code": "permission_denied",
        "message": "forbidden: anyOf dept: not entitled to any of ['sales']",
    }
    dek, reply = _rewrap(client, client.token("opentdf-sdk"), [abac("dept", "eng")], transport, v1=True)
    assert reply.status == 200 and tb.RSA_CLIENT.open(reply.entity_wrapped_key) == dek


def test_unknown_fqn_denies(client, abac):
    fqn = abac("dept", "eng").replace("/dept/", "/nosuch/")
    _, reply = _rewrap(client, client.token("opentdf-sdk"), [fqn], "rest")
    assert reply.status == 403 and "not defined" in reply.doc["message"]


def test_outsider_is_not_entitled(client, abac):
    _, reply = _rewrap(client, client.token("outsider"), [abac("misc", "notin")], "rest")
    assert reply.status == 403


def test_hierarchy_reason_names_the_needed_value(client, abac):
    _, reply = _rewrap(client, client.token("opentdf-sdk"), [abac("level", "top")], "rest")
    assert reply.doc["message"] == "forbidden: hierarchy level: not entitled to 'top' or a higher value"


ENTITY = {"clientId": "c", "realm_access": {"roles": ["r1", "r2"]}, "n": 3, "b": True, "list": [{"x": "1"}, {"x": "2"}]}


@pytest.mark.parametrize(
    "selector,expected",
    [
        (".clientId", ["c"]),
        (".realm_access.roles[]", ["r1", "r2"]),
        (".realm_access.roles", ["r1", "r2"]),
        (".realm_access.roles[1]", ["r2"]),
        (".list[].x", ["1", "2"]),
        (".n", ["3"]),
        (".b", ["true"]),
        (".missing.deeper", []),
        (".realm_access", []),
    ],
)
def test_selector_table(selector, expected):
    assert select(ENTITY, selector) == expected


def test_condition_set_semantics_table():
    yes, no = condition(".clientId", ["c"]), condition(".clientId", ["d"])
    assert condition_set_holds(subject_sets(yes, no, boolean="OR"), ENTITY)
    assert not condition_set_holds(subject_sets(yes, no, boolean="AND"), ENTITY)
    assert not condition_set_holds(subject_sets(yes) + subject_sets(no), ENTITY)  # subject sets AND together
    assert condition_set_holds(subject_sets(condition(".clientId", ["d"], "NOT_IN")), ENTITY)
    assert not condition_set_holds([], ENTITY)
