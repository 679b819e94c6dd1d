"""NanoTDF: bindings, policy modes, header fields and tampering (XTEST-UPSTREAM.md §2.9, OPENTDF-WIRE §8).

Headers are parsed with the reference library (``tools.tdf.nanotdf``), which checks the layout
byte by byte; the binding is checked there too (GMAC = last 8 bytes of SHA-256 of the stored
policy body; ECDSA = r‖s by the ephemeral key).
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from tools.tdf import nanotdf
from xtest import containers, roundtrip, scenarios, skew, tamper
from xtest.sdk_runner import DecryptOptions

pytestmark = pytest.mark.containers(containers.NANO)
NANO_TAMPER_ERROR = re.compile(tamper.KAS_REQUEST_ERROR.pattern + r"|binding|integrity|InvalidTag", re.I)


def _nano(ciphertexts, sdk, inputs_dir, scenario="small"):
    return ciphertexts.get(sdk, scenarios.request(str(sdk), containers.NANO, scenario, inputs_dir))


@pytest.mark.parametrize("binding", ["gmac", "ecdsa"])
def test_nano_roundtrip(binding, container, encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir):
    skew.require_container(encrypt_sdk, decrypt_sdk, container, features)
    if binding == "ecdsa":
        features.require(encrypt_sdk, "nano_ecdsa")
        features.require(decrypt_sdk, "nano_ecdsa")
    ct = _nano(ciphertexts, encrypt_sdk, inputs_dir, "nano-ecdsa" if binding == "ecdsa" else "small")
    header = nanotdf.parse_header(ct.read_bytes())
    assert header.ecdsa_binding == (binding == "ecdsa"), f"binding mode byte says ecdsa={header.ecdsa_binding}"
    nanotdf.check_binding(header)
    roundtrip.decrypt_equals(decrypt_sdk, ct, scratch.path("out.untdf"), DecryptOptions(container))


def test_nano_header_fields(container, encrypt_sdk, features, ciphertexts, inputs_dir, request):
    """Magic/version, KAS locator = the default KAS, a P-256 ephemeral key, a valid binding."""
    skew.require_container(encrypt_sdk, None, container, features)
    platform = request.getfixturevalue("platform")  # after the skip: a skipped test starts no platform
    data = _nano(ciphertexts, encrypt_sdk, inputs_dir).read_bytes()
    assert data[:3] == b"L1L", f"magic+version must be 4C 31 4C (version 12), got {data[:3].hex()}"
    header = nanotdf.parse_header(data)
    want, got = urllib.parse.urlsplit(platform.kas_url), urllib.parse.urlsplit(header.kas_url)
    assert (got.hostname, got.port, got.path.rstrip("/")) == (want.hostname, want.port, want.path.rstrip("/")), (
        f"locator {header.kas_url} is not the default KAS {platform.kas_url}"
    )
    assert header.ephemeral_key.curve.name == "secp256r1"
    nanotdf.check_binding(header)


@pytest.mark.parametrize("mode", ["plaintext", "default"])
def test_nano_policy_mode(mode, container, encrypt_sdk, features, ciphertexts, inputs_dir):
    """Plaintext policy mode embeds readable JSON; the default mode is embedded plaintext or encrypted."""
    skew.require_container(encrypt_sdk, None, container, features)
    if mode == "plaintext":
        features.require(encrypt_sdk, "nano_policymode_plaintext")
    scenario = "nano-plaintext-policy" if mode == "plaintext" else "small"
    header = nanotdf.parse_header(_nano(ciphertexts, encrypt_sdk, inputs_dir, scenario).read_bytes())
    if mode == "plaintext":
        assert header.policy_mode == nanotdf.POLICY_PLAINTEXT, f"policy type {header.policy_mode}, expected 1"
    assert header.policy_mode in (nanotdf.POLICY_PLAINTEXT, nanotdf.POLICY_ENCRYPTED)
    if header.policy_mode == nanotdf.POLICY_PLAINTEXT:
        assert "body" in json.loads(header.policy_body), "a plaintext policy is the policy JSON"
    else:
        assert len(header.policy_body) > header.tag_len, "an encrypted policy is ciphertext plus tag"


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


@pytest.mark.parametrize("part", ["policy", "binding", "payload"])
def test_nano_tamper(part, container, encrypt_sdk, decrypt_sdk, features, ciphertexts, scratch, inputs_dir):
    """One flipped bit in the policy, the binding or the payload: decrypt fails, writes nothing."""
    skew.require_container(encrypt_sdk, decrypt_sdk, container, features)
    data = _nano(ciphertexts, encrypt_sdk, inputs_dir).read_bytes()
    header = nanotdf.parse_header(data)
    binding_at = header.length - nanotdf.EPHEMERAL_KEY_LEN - len(header.binding)
    index = {"policy": binding_at - 1, "binding": binding_at, "payload": len(data) - 1}[part]
    tampered = scratch.path(f"tampered-{part}.ntdf")
    tampered.write_bytes(_flip(data, index))
    output = decrypt_sdk.decrypt_must_fail(tampered, scratch.path("out.untdf"), DecryptOptions(container))
    assert NANO_TAMPER_ERROR.search(output), f"{decrypt_sdk}: no tamper/KAS error in:\n{output}"
