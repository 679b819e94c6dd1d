"""Autoconfigured key splits from attribute KAS grants (XTEST-UPSTREAM.md §2.4).

Grants place the ``r1`` key of KAS alpha/beta/gamma/delta on a value, an attribute definition or a
namespace; the encrypting SDK must derive the split plan from them: ANY_OF values share one split
(equal sids), ALL_OF values need one split per KAS (distinct sids). Every case then decrypts
byte-exactly, and a client that is not entitled (``outsider``) is refused.
"""

from __future__ import annotations

import pytest

from xtest import containers, roundtrip, skew, tdf_files
from xtest.policy_cases import CASES, Case, abac_attribute, fqns_of
from xtest.sdk_runner import DecryptOptions


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
    fqns = fqns_of(abac_attribute(policy, case), case.encrypt_to)
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
