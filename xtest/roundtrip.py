"""Encrypt/decrypt steps shared by the test modules: byte-exact success and access denial."""

from __future__ import annotations

import re
from pathlib import Path

from xtest import plaintexts
from xtest.encrypt_request import EncryptRequest
from xtest.sdk_runner import DecryptOptions, Sdk

DENIED = re.compile(r"forbidden|unable to reconstruct split key", re.IGNORECASE)


def attribute_request(sdk: Sdk, container: str, fqns: list[str], target: str | None = None) -> EncryptRequest:
    """Encrypt the small plaintext with data attributes ``fqns``."""
    return EncryptRequest(
        sdk=str(sdk), container=container, plaintext="small", attributes=tuple(fqns), target_mode=target
    )


def decrypt_equals(sdk: Sdk, ct: Path, out: Path, options: DecryptOptions, plaintext_id: str = "small") -> None:
    """Decrypt ``ct`` to ``out`` and require the exact plaintext bytes."""
    sdk.decrypt(ct, out, options)
    expected, got = plaintexts.content(plaintext_id), out.read_bytes()
    assert got == expected, f"{sdk} decrypted {len(got)} bytes that differ from the {len(expected)}-byte plaintext"


def decrypt_denied(sdk: Sdk, ct: Path, out: Path, options: DecryptOptions) -> str:
    """Decrypt that the access decision must refuse; the output must say so."""
    output = sdk.decrypt_must_fail(ct, out, options)
    assert DENIED.search(output), f"{sdk}: expected an access denial /{DENIED.pattern}/; output:\n{output}"
    return output
