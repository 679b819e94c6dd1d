"""Autoconfigured key splits from attribute KAS grants (XTEST-UPSTREAM.md §2.4).

Grants place the ``r1`` key of KAS alpha/beta/gamma/delta on a value, an attribute definition or a
namespace; the encrypting SDK must derive the split plan from them: ANY_OF values share one split
(equal sids), ALL_OF values need one split per KAS (distinct sids). Every case then decrypts
byte-exactly, and a client that is not entitled (``outsider``) is refused.
"""

from __future__ import annotations

import dataclasses

import pytest

from xtest import containers, roundtrip, skew, tdf_files
from xtest.sdk_runner import DecryptOptions


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


def _attribute(policy, case: Case) -> dict:
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


def _check_split(manifest: dict, case: Case, platform) -> None:
    kaos = tdf_files.key_access(manifest)
    urls = {k["url"] for k in kaos}
    want = {platform.kas_urls[name] for name in case.kas}
    assert len(kaos) == len(case.kas), f"expected {len(case.kas)} KAOs on {sorted(want)}, got {kaos}"
    assert urls == want, f"KAO urls {sorted(urls)} != {sorted(want)}"
    sids = [k.get("sid", "") for k in kaos]
    if case.same_split:
        assert len(set(sids)) == 1, f"ANY_OF: all KAOs must share one split id, got {sids}"
    else:
        assert len(set(sids)) == len(sids), f"ALL_OF: each KAO needs its own split id, got {sids}"


def _encrypt(case, encrypt_sdk, decrypt_sdk, policy, features, ciphertexts, known_issue):
    features.require(encrypt_sdk, *case.needs)
    target = skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
    attr = _attribute(policy, case)
    fqns = sorted(attr["values"][v]["fqn"] for v in case.encrypt_to)
    ct = ciphertexts.get(encrypt_sdk, roundtrip.attribute_request(encrypt_sdk, containers.ZTDF, fqns, target))
    return ct, fqns


@pytest.mark.parametrize("case", sorted(CASES))
def test_autoconfigure(case, encrypt_sdk, decrypt_sdk, policy, platform, features, ciphertexts, scratch, known_issue):
    spec = CASES[case]
    ct, fqns = _encrypt(spec, encrypt_sdk, decrypt_sdk, policy, features, ciphertexts, known_issue)
    manifest = tdf_files.read_manifest(ct)
    assert tdf_files.data_attributes(manifest) == fqns
    _check_split(manifest, spec, platform)
    roundtrip.decrypt_equals(decrypt_sdk, ct, scratch.path("out.untdf"), DecryptOptions(containers.ZTDF))


def test_autoconfigure_outsider_denied(encrypt_sdk, decrypt_sdk, policy, features, ciphertexts, scratch, known_issue):
    """A client no subject mapping entitles (``outsider``) must be refused by the KAS."""
    spec = CASES["one_attribute_standard"]
    ct, _ = _encrypt(spec, encrypt_sdk, decrypt_sdk, policy, features, ciphertexts, known_issue)
    options = DecryptOptions(containers.ZTDF, client=("outsider", "secret"))
    roundtrip.decrypt_denied(decrypt_sdk, ct, scratch.path("out.untdf"), options)
