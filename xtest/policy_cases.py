"""The attribute policies of test_abac.py and test_policytypes.py, and their ciphertext requests.

Shared by the tests and the Bazel fixture builder: with the embedded platform, namespaces are
named after the test module (xtest/fixtures/policy.py), so a fixture action that creates the same
policy in its own platform encrypts to the same attribute FQNs, and its ciphertexts are the ones
the tests ask for (same :func:`xtest.encrypt_request.ciphertext_name`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from xtest import containers, roundtrip
from xtest.encrypt_request import EncryptRequest

ABAC_MODULE = "test_abac"
POLICYTYPES_MODULE = "test_policytypes"


@dataclasses.dataclass(frozen=True)
class Case:
    attribute: str
    rule: str
    values: list[str]
    entitled: tuple[str, ...]
    encrypt_to: list[str]
    kas: set[str]  # KAS names the KAOs must point at
    same_split: bool  # all KAOs share one sid (ANY_OF) or each has its own (ALL_OF)
    value_grants: dict[str, str] = dataclasses.field(default_factory=dict)
    attribute_grant: str | None = None
    namespace_grant: str | None = None
    own_namespace: bool = False

    @property
    def needs(self) -> tuple[str, ...]:
        return ("autoconfigure", "ns_grants") if self.namespace_grant else ("autoconfigure",)


CASES = {
    "one_attribute_standard": Case("letter", "anyOf", ["a"], ("a",), ["a"], {"alpha"}, True, {"a": "alpha"}),
    "two_kas_or_standard": Case(
        "letra", "anyOf", ["alpha", "beta"], ("alpha",), ["alpha", "beta"], {"alpha", "beta"}, True,
        {"alpha": "alpha", "beta": "beta"},
    ),
    "double_kas_and": Case(
        "ot", "allOf", ["alef", "bet", "gimmel"], ("alef", "bet"), ["alef", "bet"], {"alpha", "beta"}, False,
        {"alef": "alpha", "bet": "beta"},
    ),
    "one_attribute_attr_grant": Case(
        "attrgrant", "anyOf", ["alpha"], ("alpha",), ["alpha"], {"gamma"}, True, attribute_grant="gamma"
    ),
    "two_kas_or_attr_and_value_grant": Case(
        "attrorvalgrant", "anyOf", ["alpha", "beta"], ("alpha",), ["alpha", "beta"], {"gamma", "alpha"}, True,
        {"beta": "alpha"}, attribute_grant="gamma",
    ),
    "two_kas_and_attr_and_value_grant": Case(
        "attrandvalgrant", "allOf", ["alpha", "beta"], ("alpha", "beta"), ["alpha", "beta"], {"gamma", "alpha"},
        False, {"beta": "alpha"}, attribute_grant="gamma",
    ),
    "one_attribute_ns_grant": Case(
        "nsgrant", "anyOf", ["alpha"], ("alpha",), ["alpha"], {"delta"}, True, namespace_grant="delta",
        own_namespace=True,
    ),
    "two_kas_or_ns_and_value_grant": Case(
        "nsorvalgrant", "anyOf", ["alpha", "beta"], ("alpha",), ["alpha", "beta"], {"delta", "alpha"}, True,
        {"beta": "alpha"}, namespace_grant="delta", own_namespace=True,
    ),
    "two_kas_and_ns_and_value_grant": Case(
        "nsandvalgrant", "allOf", ["alpha", "beta"], ("alpha", "beta"), ["alpha", "beta"], {"delta", "alpha"},
        False, {"beta": "alpha"}, namespace_grant="delta", own_namespace=True,
    ),
}  # fmt: skip


def abac_attribute(policy, case: Case) -> dict:
    return policy.attribute(
        case.attribute,
        case.rule,
        case.values,
        entitled=case.entitled,
        value_grants=case.value_grants,
        attribute_grant=case.attribute_grant,
        namespace_grant=case.namespace_grant,
        namespace=case.attribute if case.own_namespace else "module",
    )


# Access decisions per attribute rule (test_policytypes.py): no key grants, so the default KAS
# wraps the key and the KAS's access decision alone decides.
# (attribute name, rule, values, entitled values, [(values encrypted to, decrypt allowed)])
MATRICES = {
    "or": ("anyOf", ["alpha", "beta"], ("alpha",), [(["alpha"], True), (["beta"], False), (["alpha", "beta"], True)]),
    "and": ("allOf", ["alpha", "beta"], ("alpha",), [(["alpha"], True), (["beta"], False), (["alpha", "beta"], False)]),
    "hierarchy": (
        "hierarchy",
        ["alpha", "beta", "gamma"],
        ("beta",),
        [(["alpha"], False), (["beta"], True), (["gamma"], True)],
    ),
}


def policytypes_attribute(policy, name: str) -> dict:
    rule, values, entitled, _ = MATRICES[name]
    return policy.attribute(name, rule, values, entitled=entitled)


def fqns_of(attr: dict, chosen: list[str]) -> list[str]:
    return sorted(attr["values"][v]["fqn"] for v in chosen)


def abac_requests(sdk: str, abac_policy, features: set[str], target_modes) -> Iterator[EncryptRequest]:
    """Every ZTDF request test_abac makes for encrypting SDK ``sdk`` (with ``features``)."""
    for case in CASES.values():
        if not set(case.needs) <= features:
            continue
        fqns = fqns_of(abac_attribute(abac_policy, case), case.encrypt_to)
        for mode in target_modes:
            yield roundtrip.attribute_request(sdk, containers.ZTDF, fqns, mode)


def policytypes_requests(sdk: str, container: str, policy, target_modes) -> Iterator[EncryptRequest]:
    """Every request test_policytypes makes for ``sdk`` and ``container``."""
    modes = [None] if container == containers.NANO else target_modes
    for name, (_, _, _, samples) in sorted(MATRICES.items()):
        attr = policytypes_attribute(policy, name)
        for chosen, _ in samples:
            for mode in modes:
                yield roundtrip.attribute_request(sdk, container, fqns_of(attr, chosen), mode)
