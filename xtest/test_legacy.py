"""Decrypting golden TDFs written by the Java SDK (XTEST-UPSTREAM.md §2.5).

Golden KAOs name ``http://localhost:8080/kas`` (kid ``golden-r1``, held by the default KAS), so
these tests need the default platform port; the key-management file names km2, which must hold
golden-r1 (upstream imports it through the key-management API).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from xtest import containers
from xtest.sdk_runner import DecryptOptions

GOLDEN = Path(__file__).absolute().parent / "golden"


@dataclasses.dataclass(frozen=True)
class Golden:
    check: Callable[[bytes], bool]
    expect: str  # what check() wants, for the failure message
    hexless: bool  # 4.3.0 integrity encoding: the decrypter must read hexless
    needs: tuple[str, ...] = ()  # further decrypt-SDK features
    platform_needs: tuple[str, ...] = ()
    verify_assertions: bool = True


def _starts_with_secret(size: int) -> Callable[[bytes], bool]:
    return lambda data: data.startswith(b"test secret data") and len(data) == size


GOLDENS = {
    "small-java-4.3.0-e0f8caf.tdf": Golden(lambda d: d == bytes(5120), "5120 zero bytes", hexless=False),
    "xstext-java-v0.7.5-94b161d53-DSP2.0.2_and_2.0.3.tdf": Golden(
        _starts_with_secret(102), "102 bytes starting 'test secret data'", hexless=False
    ),
    "xstext-java-v0.7.8-7f487c2-DSP2.0.4.tdf": Golden(
        _starts_with_secret(92), "92 bytes starting 'test secret data'", hexless=True
    ),
    "with-json-object-assertions-java.tdf": Golden(
        lambda d: d == b"text", "b'text'", hexless=True, needs=("assertion_verification",), verify_assertions=False
    ),
    "key-management-no-split-golden.tdf": Golden(
        lambda d: d.strip() == b"hello", "'hello'", hexless=True, platform_needs=("golden_r1_on_km2",)
    ),
}


@pytest.mark.parametrize("golden", sorted(n for n in GOLDENS if (GOLDEN / n).is_file()))
def test_legacy_golden(golden, decrypt_sdk, features, scratch, canonical_kas):
    spec = GOLDENS[golden]
    features.require_platform(*spec.platform_needs)
    features.require(decrypt_sdk, *(("hexless",) if spec.hexless else ()), *spec.needs)
    out = scratch.path(f"{golden}.untdf")
    decrypt_sdk.decrypt(GOLDEN / golden, out, DecryptOptions(containers.ZTDF, verify_assertions=spec.verify_assertions))
    data = out.read_bytes()
    assert spec.check(data), (
        f"{decrypt_sdk} decrypted {golden} to {len(data)} bytes {data[:40]!r}…, expected {spec.expect}"
    )
