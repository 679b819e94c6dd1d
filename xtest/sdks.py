"""SDK discovery and `--sdks` spec parsing (pure functions over a directory tree).

An SDK under test is an adapter script: ``xtest/sdk/<name>/cli.sh`` (version ``main``) or
``xtest/sdk/<name>/dist/<version>/cli.sh`` (XTEST-UPSTREAM.md §1.3). A spec names SDKs the way
upstream does: ``go`` or ``go@*`` = every version of ``go``; ``go@v0.18.0`` = exactly that one.
Listing order is sorted so that every xdist worker collects the same tests in the same order.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

SDK_ROOT = Path(__file__).absolute().parent / "sdk"
TOP_LEVEL_VERSION = "main"


class SpecError(ValueError):
    """A `--sdks*` / `--owner-sdks` spec names something that is not installed or is malformed."""


@dataclasses.dataclass(frozen=True, order=True)
class SdkRef:
    """One installed adapter: an SDK name, a version and the `cli.sh` that drives it."""

    name: str
    version: str
    cli: Path = dataclasses.field(compare=False)

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


def discover(root: Path = SDK_ROOT) -> dict[str, list[SdkRef]]:
    """Every adapter under ``root``, by SDK name, versions sorted.

    An SDK is either versioned (``dist/<version>/cli.sh``; a top-level ``cli.sh`` beside them is
    their shared implementation) or single (a top-level ``cli.sh``, version ``main``).
    """
    found: dict[str, list[SdkRef]] = {}
    if not root.is_dir():
        return found
    for sdk_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        versions: dict[str, Path] = {}
        dist = sdk_dir / "dist"
        if dist.is_dir():
            for vdir in sorted(p for p in dist.iterdir() if (p / "cli.sh").is_file()):
                versions[vdir.name] = vdir / "cli.sh"
        # With dist/ versions, a top-level cli.sh is their shared implementation, not a version.
        if not versions and (sdk_dir / "cli.sh").is_file():
            versions[TOP_LEVEL_VERSION] = sdk_dir / "cli.sh"
        if versions:
            found[sdk_dir.name] = [SdkRef(sdk_dir.name, v, versions[v]) for v in sorted(versions)]
    return found


def parse_specs(text: str, available: dict[str, list[SdkRef]]) -> list[SdkRef]:
    """The SDKs a whitespace/comma separated spec list selects, in spec order, without duplicates."""
    chosen: list[SdkRef] = []
    for spec in text.replace(",", " ").split():
        for ref in _parse_one(spec, available):
            if ref not in chosen:
                chosen.append(ref)
    return chosen


def _parse_one(spec: str, available: dict[str, list[SdkRef]]) -> list[SdkRef]:
    name, sep, version = spec.partition("@")
    if name not in available:
        valid = ", ".join(sorted(available)) or "(none: no xtest/sdk/<name>/cli.sh found)"
        raise SpecError(f"unknown SDK {name!r} in spec {spec!r}; valid SDK names: {valid}")
    if sep and not version:
        raise SpecError(f"empty version in spec {spec!r}; write {name}, {name}@* or {name}@<version>")
    refs = available[name]
    if not sep or version == "*":
        return list(refs)
    for ref in refs:
        if ref.version == version:
            return [ref]
    versions = ", ".join(r.version for r in refs)
    raise SpecError(
        f"SDK {name} has no version {version!r} (no xtest/sdk/{name}/dist/{version}/cli.sh); "
        f"installed versions: {versions}"
    )


def matches(ref_text: str, specs: list[str]) -> bool:
    """Whether ``name@version`` text is selected by any of ``specs`` (``name``, ``name@*``, ``name@v``).

    Used for ownership filters, where the owner may also be the pseudo-SDK ``none``.
    """
    name, _, version = ref_text.partition("@")
    for spec in specs:
        sname, sep, sversion = spec.partition("@")
        if sname == name and (not sep or sversion in ("*", version)):
            return True
    return False
