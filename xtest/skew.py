"""Version-skew and container gates shared by the test modules (XTEST-UPSTREAM.md §1.6).

Each gate skips with a reason naming the SDK and the missing feature. A pair covered by a known
issue (``known_issues.py``) is not skipped: it runs and must fail (strict xfail).
"""

from __future__ import annotations

import pytest

from xtest import containers
from xtest.fixtures.sdks import Features
from xtest.known_issues import Issue
from xtest.sdk_runner import Sdk


def target_mode(encrypt: Sdk, decrypt: Sdk, features: Features, known_issue: Issue | None = None) -> str | None:
    """Target mode for a ZTDF pair: a hexaflexible encrypter writes what the decrypter reads.

    Skips the hexless skew (encrypter writes 4.3.0 only, decrypter reads 4.2.2 only).
    """
    if features.has(encrypt, "hexaflexible"):
        return "4.3.0" if features.has(decrypt, "hexless") else "4.2.2"
    if features.sdk_has(encrypt, "hexless") and not features.has(decrypt, "hexless") and known_issue is None:
        pytest.skip(f"hexless skew: {encrypt} writes 4.3.0 only and {decrypt} does not read hexless")
    return None


def possible_target_modes(hexaflexible: bool) -> list[str | None]:
    """Every mode :func:`target_mode` can pick for an encrypter: both for a hexaflexible one (which
    depends on the decrypter), else the SDK's default (None). The fixture builder encrypts these."""
    return ["4.2.2", "4.3.0"] if hexaflexible else [None]


def expected_shape(encrypt: Sdk, target: str | None, features: Features) -> str:
    """The integrity encoding a manifest must have: 4.2.2 if targeted, or by the SDK's default."""
    if target:
        return target
    return "4.3.0" if features.sdk_has(encrypt, "hexless") else "4.2.2"


def require_container(encrypt: Sdk | None, decrypt: Sdk | None, container: str, features: Features) -> None:
    """Skip unless both sides can handle ``container`` (nano: both SDKs; ecwrap: upstream's rule)."""
    feature = containers.ENCRYPT_FEATURE.get(container)
    if feature is None:
        return
    if encrypt is not None:
        features.require(encrypt, feature)
    # An ec-wrapped KAO is unwrapped by the KAS; upstream lets js decrypt without the feature.
    if decrypt is not None and not (container == containers.ZTDF_ECWRAP and decrypt.name == "js"):
        features.require(decrypt, feature)
