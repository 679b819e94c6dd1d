"""Access decisions per attribute rule: the OR / AND / HIERARCHY matrices (XTEST-UPSTREAM.md §2.3).

Each attribute lives in the module's random namespace with no key grants, so the default KAS wraps
the key and the KAS's access decision alone decides. Entitlement = a ``read`` subject mapping of
the value to the entitled clients (opentdf, opentdf-sdk, opentdf-dpop).
"""

from __future__ import annotations

import pytest

from xtest import containers, roundtrip, skew, tdf_files
from xtest.policy_cases import MATRICES, fqns_of, policytypes_attribute
from xtest.sdk_runner import DecryptOptions


def _run_matrix(name, encrypt_sdk, decrypt_sdk, container, request, features, ciphertexts, scratch, known_issue):
    samples = MATRICES[name][3]
    skew.require_container(encrypt_sdk, decrypt_sdk, container, features)
    target = None if container == containers.NANO else skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
    policy = request.getfixturevalue("policy")  # after the skips: a skipped test starts no platform
    attr = policytypes_attribute(policy, name)
    for i, (chosen, allowed) in enumerate(samples):
        fqns = fqns_of(attr, chosen)
        ct = ciphertexts.get(encrypt_sdk, roundtrip.attribute_request(encrypt_sdk, container, fqns, target))
        if container != containers.NANO:
            manifest = tdf_files.read_manifest(ct)
            assert not tdf_files.policy(manifest)["body"].get("dissem"), "policy must have no dissem"
            assert tdf_files.data_attributes(manifest) == fqns
        out = scratch.path(f"{name}-{i}.untdf")
        if allowed:
            roundtrip.decrypt_equals(decrypt_sdk, ct, out, DecryptOptions(container))
        else:
            roundtrip.decrypt_denied(decrypt_sdk, ct, out, DecryptOptions(container))


@pytest.mark.parametrize("name", sorted(MATRICES))
def test_policy_types(name, encrypt_sdk, decrypt_sdk, container, request, features, ciphertexts, scratch, known_issue):
    _run_matrix(name, encrypt_sdk, decrypt_sdk, container, request, features, ciphertexts, scratch, known_issue)
