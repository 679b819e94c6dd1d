"""ZTDF/NanoTDF roundtrips, target modes, manifest shape and assertions (XTEST-UPSTREAM.md §2.1)."""

from __future__ import annotations

import pytest

from xtest import containers, manifest_schema, roundtrip, scenarios, skew, tamper, tdf_files
from xtest.sdk_runner import DecryptOptions


def _encrypt(ciphertexts, sdk, container, scenario, inputs_dir, target=None):
    return ciphertexts.get(sdk, scenarios.request(str(sdk), container, scenario, inputs_dir, target))


def _decrypt_equals(decrypt_sdk, ct, scratch, options, plaintext_id, label="out"):
    roundtrip.decrypt_equals(decrypt_sdk, ct, scratch.path(f"{label}.untdf"), options, plaintext_id)


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


def test_tdf_spec_target_422(encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir):
    features.require(encrypt_sdk, "hexaflexible")
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, "small", inputs_dir, "4.2.2")
    tdf_files.check_shape(tdf_files.read_manifest(ct), "4.2.2")
    _decrypt_equals(decrypt_sdk, ct, scratch, DecryptOptions(containers.ZTDF), "small")


def test_tdf_spec_target_430(encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir):
    features.require(encrypt_sdk, "hexaflexible")
    features.require(decrypt_sdk, "hexless")
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, "small", inputs_dir, "4.3.0")
    tdf_files.check_shape(tdf_files.read_manifest(ct), "4.3.0")
    _decrypt_equals(decrypt_sdk, ct, scratch, DecryptOptions(containers.ZTDF), "small")


@pytest.mark.parametrize("scenario", ["small", "assertions-unkeyed"])
def test_manifest_validity(encrypt_sdk, scenario, features, ciphertexts, inputs_dir):
    if scenario.startswith("assertions"):
        features.require(encrypt_sdk, "assertions")
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, scenario, inputs_dir)
    manifest_schema.validate_manifest(tdf_files.read_manifest(ct))


def test_mime_type(encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir, known_issue):
    features.require(encrypt_sdk, "mime_type")
    target = skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, "mime-csv", inputs_dir, target)
    assert tdf_files.read_manifest(ct)["payload"].get("mimeType") == "text/csv"
    _decrypt_equals(decrypt_sdk, ct, scratch, DecryptOptions(containers.ZTDF), "small")


def test_tdf_assertions_unkeyed(encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir, known_issue):
    features.require(encrypt_sdk, "assertions")
    features.require(decrypt_sdk, "assertions")
    target = skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, "assertions-unkeyed", inputs_dir, target)
    assert len(tdf_files.read_manifest(ct)["assertions"]) == 1
    _decrypt_equals(decrypt_sdk, ct, scratch, DecryptOptions(containers.ZTDF), "small")


@pytest.mark.parametrize("verify", ["keys", "off"])
def test_tdf_assertions_with_keys(
    encrypt_sdk, decrypt_sdk, verify, features, ciphertexts, scratch, inputs_dir, verification_keys, known_issue
):
    """HS256 + RS256 signed assertions: verified with the keys file, or with verification off."""
    features.require(encrypt_sdk, "assertions")
    features.require(decrypt_sdk, "assertion_verification")
    target = skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, "assertions-keyed", inputs_dir, target)
    manifest = tdf_files.read_manifest(ct)
    assert [a["id"] for a in manifest["assertions"]] == ["assertion1", "assertion2"]
    if verify == "keys":
        options = DecryptOptions(containers.ZTDF, verification_keys=verification_keys)
    else:
        options = DecryptOptions(containers.ZTDF, verify_assertions=False)
    _decrypt_equals(decrypt_sdk, ct, scratch, options, "small")


def test_tdf_assertions_422_format(
    encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir, verification_keys
):
    features.require(encrypt_sdk, "assertions", "hexaflexible")
    features.require(decrypt_sdk, "assertion_verification")
    ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, "assertions-keyed", inputs_dir, "4.2.2")
    tdf_files.check_shape(tdf_files.read_manifest(ct), "4.2.2")
    options = DecryptOptions(containers.ZTDF, verification_keys=verification_keys)
    _decrypt_equals(decrypt_sdk, ct, scratch, options, "small")


# --- tamper cases (§2.2): each must fail to decrypt and write no plaintext ------------------------


def _must_fail(decrypt_sdk, tdf, scratch, options=None):
    return decrypt_sdk.decrypt_must_fail(
        tdf, scratch.path("tampered.untdf"), options or DecryptOptions(containers.ZTDF)
    )


def _assert_tamper_error(output, word, decrypt_sdk, features, signature_kind=False):
    better = features.sdk_has(decrypt_sdk, "better-messages-2024")
    problem = tamper.tamper_error_problem(output, word, better, signature_kind)
    assert problem is None, f"{decrypt_sdk}: {problem}; output:\n{output}"


def _assert_kas_request_error(output, decrypt_sdk):
    assert tamper.KAS_REQUEST_ERROR.search(output), (
        f"{decrypt_sdk}: expected a KAS request error /{tamper.KAS_REQUEST_ERROR.pattern}/; output:\n{output}"
    )


@pytest.fixture
def tamper_case(encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir, known_issue, platform):
    """``tamper_case(manipulation, scenario="small")`` → path of the tampered copy."""

    def make(manipulation, scenario="small"):
        target = skew.target_mode(encrypt_sdk, decrypt_sdk, features, known_issue)
        ct = _encrypt(ciphertexts, encrypt_sdk, containers.ZTDF, scenario, inputs_dir, target)
        dst = scratch.path(f"{ct.stem}-{manipulation}.tdf")
        return tamper.tamper(ct, dst, manipulation, tamper.malicious_kas_url(platform.kas_urls["km1"]))

    return make


def test_tamper_unbound_policy(decrypt_sdk, tamper_case, scratch):
    _assert_kas_request_error(_must_fail(decrypt_sdk, tamper_case("unbound_policy"), scratch), decrypt_sdk)


def test_tamper_altered_policy_binding(decrypt_sdk, tamper_case, scratch):
    _assert_kas_request_error(_must_fail(decrypt_sdk, tamper_case("altered_policy_binding"), scratch), decrypt_sdk)


def test_tamper_altered_root_sig(decrypt_sdk, tamper_case, scratch, features):
    out = _must_fail(decrypt_sdk, tamper_case("altered_root_sig"), scratch)
    _assert_tamper_error(out, "root", decrypt_sdk, features, signature_kind=True)


def test_tamper_altered_seg_sig_wrong(decrypt_sdk, tamper_case, scratch, features):
    tdf = tamper_case("altered_seg_sig_wrong")
    out = _must_fail(decrypt_sdk, tdf, scratch, DecryptOptions(containers.ZTDF, verify_assertions=False))
    _assert_tamper_error(out, "signature", decrypt_sdk, features, signature_kind=True)


def test_tamper_altered_enc_seg_size(decrypt_sdk, tamper_case, scratch, features):
    out = _must_fail(decrypt_sdk, tamper_case("altered_enc_seg_size"), scratch)
    _assert_tamper_error(out, None, decrypt_sdk, features)


def test_tamper_altered_payload_end(decrypt_sdk, tamper_case, scratch, features):
    out = _must_fail(decrypt_sdk, tamper_case("altered_payload_end"), scratch)
    _assert_tamper_error(out, "segment", decrypt_sdk, features)


def test_tamper_altered_assertion_statement(encrypt_sdk, decrypt_sdk, tamper_case, scratch, features):
    features.require(encrypt_sdk, "assertions")
    features.require(decrypt_sdk, "assertions")
    out = _must_fail(decrypt_sdk, tamper_case("altered_assertion_statement", "assertions-unkeyed"), scratch)
    _assert_tamper_error(out, "assertion", decrypt_sdk, features)


def test_tamper_altered_assertion_with_keys(
    encrypt_sdk, decrypt_sdk, tamper_case, scratch, features, verification_keys
):
    features.require(encrypt_sdk, "assertions")
    features.require(decrypt_sdk, "assertion_verification")
    tdf = tamper_case("altered_assertion_statement", "assertions-keyed")
    out = _must_fail(decrypt_sdk, tdf, scratch, DecryptOptions(containers.ZTDF, verification_keys=verification_keys))
    _assert_tamper_error(out, "assertion", decrypt_sdk, features)


def test_tamper_malicious_kao(decrypt_sdk, tamper_case, scratch, features):
    features.require(decrypt_sdk, "kasallowlist")
    out = _must_fail(decrypt_sdk, tamper_case("malicious_kao"), scratch)
    assert tamper.ALLOWLIST_ERROR.search(out), (
        f"{decrypt_sdk} must refuse a KAO on a KAS outside its allowlist before contacting it; output:\n{out}"
    )
