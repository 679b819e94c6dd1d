"""Test ownership: which SDKs and container "own" a collected test (pure functions).

The Bazel layer gives every (set of SDKs, container) its own target, so a change to one SDK
re-runs only the tests that run it. A test's owner SDKs are the distinct values of its
``encrypt_sdk`` and ``decrypt_sdk`` params: a js→py roundtrip and a py→js roundtrip both belong to
{js, py}, a js→js roundtrip and a js golden decrypt to {js}, a test with neither to no SDK. The
owner container is the ``container`` param; a test that runs an SDK without one (ABAC, manifest,
tamper, assertion and golden-file tests) reads and writes ZTDF, the suite's default container, so
it is owned by ``ztdf`` too; a test that runs no SDK by ``none``. Every test has exactly one owner.
"""

from __future__ import annotations

import dataclasses
import itertools

from xtest import containers, sdks

NONE = "none"


@dataclasses.dataclass(frozen=True)
class Owner:
    sdks: tuple[str, ...]  # sorted distinct "name@version"; () when the test runs no SDK
    container: str  # container name, or "none" when the test runs no SDK


def owner_of(encrypt_sdk: object | None, decrypt_sdk: object | None, container: str | None) -> Owner:
    """The owner of a test with these params (SDK params are anything whose str is name@version)."""
    named = sorted({str(sdk) for sdk in (encrypt_sdk, decrypt_sdk) if sdk is not None})
    return Owner(tuple(named), container or (containers.ZTDF if named else NONE))


def _same_sdks(owned: tuple[str, ...], specs: list[str]) -> bool:
    """Whether the specs name exactly the owner's SDKs, one spec per SDK (``none`` = no SDK)."""
    if specs == [NONE]:
        return not owned
    if NONE in specs or len(specs) != len(owned):
        return False
    orders = itertools.permutations(specs)
    return any(all(sdks.matches(o, [s]) for o, s in zip(owned, order, strict=True)) for order in orders)


def keeps(owner: Owner, sdk_specs: list[str] | None, container_names: list[str] | None) -> bool:
    """Whether ``--owner-sdks``/``--owner-containers`` (None = no filter) keep a test with ``owner``.

    ``--owner-sdks`` names the owner's whole SDK set in the ``--sdks`` syntax (``py``, ``py@*``,
    ``py@main``): ``js py`` keeps js↔py tests but neither js→js nor py→py ones; ``none`` keeps the
    tests that run no SDK.
    """
    if sdk_specs is not None and not _same_sdks(owner.sdks, sdk_specs):
        return False
    return container_names is None or owner.container in container_names
