"""Split plans from attribute grants (pure functions, table-tested)."""

from __future__ import annotations

import pytest

from tools.tdf.splits import grant_keys, plan_from_attributes, reduce_clauses, value_kas

DEFAULT = "http://default/kas"
ALL_OF, ANY_OF, HIER = (f"ATTRIBUTE_RULE_TYPE_ENUM_{r}" for r in ("ALL_OF", "ANY_OF", "HIERARCHY"))


def kas(*uris):
    return [{"id": u, "uri": u} for u in uris]


def entry(definition: str, rule: str, value_grants=(), attr_grants=(), ns_grants=()) -> dict:
    return {
        "attribute": {
            "fqn": f"https://ns.test/attr/{definition}",
            "rule": rule,
            "grants": kas(*attr_grants),
            "namespace": {"fqn": "https://ns.test", "grants": kas(*ns_grants)},
        },
        "value": {"grants": kas(*value_grants)},
    }


def values(*entries) -> dict:
    return {
        f"https://ns.test/attr/{e['attribute']['fqn'].rsplit('/', 1)[1]}/value/v{i}": e for i, e in enumerate(entries)
    }


@pytest.mark.parametrize(
    "e, expected",
    [
        (entry("d", ANY_OF, ["v"], ["a"], ["n"]), ["v"]),
        (entry("d", ANY_OF, [], ["a"], ["n"]), ["a"]),
        (entry("d", ANY_OF, [], [], ["n"]), ["n"]),
        (entry("d", ANY_OF), []),
    ],
)
def test_most_specific_grant_wins(e, expected):
    assert value_kas(e) == expected


@pytest.mark.parametrize(
    "entries, plan",
    [
        ([], [[DEFAULT]]),
        ([entry("d", ANY_OF)], [[DEFAULT]]),
        ([entry("d", ANY_OF, ["a"]), entry("d", ANY_OF, ["b"])], [["a", "b"]]),
        ([entry("d", HIER, ["a"]), entry("d", HIER, ["b"])], [["a", "b"]]),
        ([entry("d", ALL_OF, ["a"]), entry("d", ALL_OF, ["b"])], [["a"], ["b"]]),
        ([entry("d", ALL_OF, ["a"]), entry("d", ALL_OF, ["a"])], [["a"]]),
        ([entry("d", ALL_OF, ["a", "b"]), entry("d", ALL_OF, ["c"])], [["a", "b"], ["c"]]),
        ([entry("d", ANY_OF, ["a"]), entry("e", ANY_OF, ["b"])], [["a"], ["b"]]),
        ([entry("d", ANY_OF, ["a"]), entry("e", ANY_OF, ["a", "b"])], [["a"]]),  # absorption
        ([entry("d", ALL_OF, ["a"]), entry("d", ALL_OF)], [["a"]]),  # ungranted value adds nothing
        ([entry("d", ANY_OF, [], [], ["n"]), entry("e", ALL_OF, ["b"])], [["n"], ["b"]]),
    ],
)
def test_plans(entries, plan):
    assert plan_from_attributes(values(*entries), DEFAULT) == plan


def test_reduce_keeps_order():
    assert reduce_clauses([["b"], ["a"], ["b", "a"], ["b"]]) == [["b"], ["a"]]


def test_grant_keys_from_cached_public_keys():
    e = entry("d", ANY_OF, ["a"])
    e["value"]["grants"][0]["publicKey"] = {
        "cached": {
            "keys": [
                {"kid": "r1", "alg": "KAS_PUBLIC_KEY_ALG_ENUM_RSA_2048", "pem": "RSA PEM"},
                {"kid": "e1", "alg": "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP256R1", "pem": "EC PEM"},
            ]
        }
    }
    keys = grant_keys(values(e))
    assert keys[("a", "rsa:2048")].kid == "r1" and keys[("a", "ec:secp256r1")].pem == "EC PEM"
