"""ZTDF/NanoTDF roundtrips, target modes, manifest shape and assertions (XTEST-UPSTREAM.md §2.1)."""

from __future__ import annotations

import pytest

from xtest import containers, plaintexts, scenarios, skew, tdf_files
from xtest.sdk_runner import DecryptOptions


def _encrypt(ciphertexts, sdk, container, scenario, inputs_dir, target=None):
    return ciphertexts.get(sdk, scenarios.request(str(sdk), container, scenario, inputs_dir, target))


def _decrypt_equals(decrypt_sdk, ct, scratch, options, plaintext_id, label="out"):
    out = scratch.path(f"{label}.untdf")
    decrypt_sdk.decrypt(ct, out, options)
    expected = plaintexts.content(plaintext_id)
    got = out.read_bytes()
    assert got == expected, (
        f"{decrypt_sdk} decrypted {len(got)} bytes that differ from the {len(expected)}-byte plaintext"
    )


@pytest.mark.parametrize("size", ["small", "large"])
def test_tdf_roundtrip(
    encrypt_sdk, decrypt_sdk, container, size, features, ciphertexts, scratch, inputs_dir, known_issue
):
    skew.require_container(encrypt_sdk, decrypt_sdk, container, features)
    target = None
    if container != containers.NANO:
        target = skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
    ct = _encrypt(ciphertexts, encrypt_sdk, container, size, inputs_dir, target)
    if container == containers.NANO:
        assert ct.read_bytes()[:3] == b"L1L", "a NanoTDF starts with magic+version 4C 31 4C"
    else:
        manifest = tdf_files.read_manifest(ct)
        assert manifest["payload"]["isEncrypted"] is True
        tdf_files.check_kaos(manifest, count=1, ec_wrapped=container == containers.ZTDF_ECWRAP)
        tdf_files.check_shape(manifest, skew.expected_shape(encrypt_sdk, target, features))
    _decrypt_equals(decrypt_sdk, ct, scratch, DecryptOptions(container), size)
    if container != containers.NANO and features.has(decrypt_sdk, "ecwrap"):
        _decrypt_equals(decrypt_sdk, ct, scratch, DecryptOptions(container, ec_session_key=True), size, "ec-session")
