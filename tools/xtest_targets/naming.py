"""Bazel target names and tags for xtest targets: pure functions, one place.

A test is owned by (the SDKs it runs, container) (see xtest/owners.py): a js→py and a py→js
roundtrip both belong to {js, py}. Each owner gets one py_test over every test file, named after
its SDKs and container (`js_x_py_ztdf`, `java_x_java_nano`); tests that run no SDK are named after their
file group (`self`). Changing one SDK thus re-runs exactly the targets that name it.
"""

from __future__ import annotations

import re

NONE = "none"
DEFAULT_VERSION = "main"

# Parameter ids are joined with "-", so a version may not contain one (v0.35.0, main, 1.2.3+build).
_SDK_TOKEN = re.compile(r"(?<![A-Za-z0-9_])([a-z][a-z0-9]*)@([A-Za-z0-9._+]*[A-Za-z0-9])")


class NamingError(ValueError):
    """An input that cannot make a valid, unique Bazel target name."""


def group_of(test_file: str) -> str:
    """`test_tdfs.py` -> `tdfs`: the file group a test belongs to."""
    base = test_file.rsplit("/", 1)[-1]
    if not (base.startswith("test_") and base.endswith(".py")):
        raise NamingError(f"{test_file!r} is not a test_*.py file")
    return base[len("test_") : -len(".py")]


def _part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()


def sdk_part(sdk: str) -> str:
    """`js@main` -> `js`; `go@v0.35.0` -> `go_v0_35_0`; `none` -> ``."""
    if sdk == NONE:
        return ""
    name, sep, version = sdk.partition("@")
    if not sep or not name or not version:
        raise NamingError(f"SDK {sdk!r} is not name@version")
    return _part(name) if version == DEFAULT_VERSION else f"{_part(name)}_{_part(version)}"


def target_name(group: str, sdks: list[str], container: str) -> str:
    """`("tdfs", ["js@main", "py@main"], "ztdf-ecwrap")` -> `js_x_py_ztdf_ecwrap`.

    One SDK is the pair with itself (`java_x_java`): a target named like a tool (`java`) would be
    found first on the test's PATH, which Bazel's test-setup.sh starts with ".". The group names
    only targets without SDKs (`("self", [], "none")` -> `self`); a "none" container is left out.
    """
    pair = sorted(sdks) * 2 if len(sdks) == 1 else sorted(sdks)
    head = "_x_".join(sdk_part(s) for s in pair) if sdks else _part(group)
    return "_".join(p for p in (head, "" if container == NONE else _part(container)) if p)


def fixtures_name(sdk: str) -> str:
    """`go@v0.35.0` -> `fixtures_go_v0_35_0`: one SDK version's prebuilt ciphertexts (every container)."""
    if sdk == NONE:
        raise NamingError("a fixture set needs an SDK, got 'none'")
    return f"fixtures_{sdk_part(sdk)}"


def sdk_name(sdk: str) -> str:
    return sdk.partition("@")[0]


def tags(sdks: list[str], container: str, workers: int = 1) -> list[str]:
    """Bazel tags: `xtest`, `block-network`, `sdk-<name>` for every SDK the target runs,
    `container-<c>`, and `cpu:<workers>` (the cores its xdist workers use)."""
    out = {"xtest", "block-network", f"cpu:{workers}"}
    out.update(f"sdk-{sdk_name(s)}" for s in sdks)
    if container != NONE:
        out.add(f"container-{container}")
    return sorted(out)


def sdks_in_nodeid(nodeid: str) -> list[str]:
    """SDK ids (`name@version`) named in a test id's parameters, in order, without duplicates."""
    _, _, params = nodeid.partition("[")
    found: list[str] = []
    for name, version in _SDK_TOKEN.findall(params):
        sdk = f"{name}@{version}"
        if sdk not in found:
            found.append(sdk)
    return found
