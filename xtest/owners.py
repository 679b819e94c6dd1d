"""Test ownership: which SDK and container "own" a collected test (pure functions).

The Bazel layer shards the suite by owner, so every test has exactly one: the owner SDK is the
encrypt SDK param if the test has one, else the decrypt SDK param, else ``none``; the owner
container is the container param or ``none``. A roundtrip thus belongs to its encrypting SDK and
a golden-file decrypt to its decrypting SDK.
"""

from __future__ import annotations

import dataclasses

from xtest import sdks

NONE = "none"


@dataclasses.dataclass(frozen=True)
class Owner:
    sdk: str  # "name@version" or "none"
    container: str  # container name or "none"


def owner_of(encrypt_sdk: object | None, decrypt_sdk: object | None, container: str | None) -> Owner:
    """The owner of a test with these params (SDK params are anything whose str is name@version)."""
    sdk = encrypt_sdk if encrypt_sdk is not None else decrypt_sdk
    return Owner(str(sdk) if sdk is not None else NONE, container or NONE)


def keeps(owner: Owner, sdk_specs: list[str] | None, container_names: list[str] | None) -> bool:
    """Whether ``--owner-sdks``/``--owner-containers`` (None = no filter) keep a test with ``owner``.

    SDK specs use the ``--sdks`` syntax (``py``, ``py@*``, ``py@main``) plus ``none``.
    """
    if sdk_specs is not None:
        if owner.sdk == NONE:
            if NONE not in sdk_specs:
                return False
        elif not sdks.matches(owner.sdk, [s for s in sdk_specs if s != NONE]):
            return False
    return container_names is None or owner.container in container_names
