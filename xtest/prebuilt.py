"""What Bazel built ahead of the run: ciphertext directories and the SDKs' ``supports`` answers.

``XTEST_PREBUILT_DIR`` names one directory or several joined with ``os.pathsep`` (a target reads
the fixture sets of each of its SDKs). Each is a tdf_fixtures output: ``<digest>.tdf`` files, and
``supports.json``, the SDK's answer to every feature in :data:`FEATURES` (probing once at build
time spares each target a round of ``cli.sh supports`` calls, ~0.7 s each for otdf-python), and
``sdk-cache/``, what the adapters left in the action's ``XTEST_SDK_CACHE_DIR`` (the Java CLI's AppCDS
archive), which seeds a run's own cache directory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENV = "XTEST_PREBUILT_DIR"
SUPPORTS_FILE = "supports.json"
SDK_CACHE_DIR = "sdk-cache"

# The SDK features the suite asks about; one not listed here is simply probed at run time.
FEATURES = (
    "assertion_verification",
    "assertions",
    "autoconfigure",
    "better-messages-2024",
    "ecwrap",
    "hexaflexible",
    "hexless",
    "kasallowlist",
    "mime_type",
    "nano",
    "nano_ecdsa",
    "nano_policymode_plaintext",
    "ns_grants",
)


class PrebuiltError(ValueError):
    """A prebuilt directory or its supports.json is not what the fixture builder writes."""


def dirs() -> list[Path]:
    """The prebuilt directories named by ``XTEST_PREBUILT_DIR`` (none when unset)."""
    raw = os.environ.get(ENV, "")
    found = [Path(p) for p in raw.split(os.pathsep) if p]
    missing = [str(p) for p in found if not p.is_dir()]
    if missing:
        raise PrebuiltError(f"{ENV} names directories that do not exist: {', '.join(missing)}")
    return found


def write_supports(out_dir: Path, sdk: str, answers: dict[str, bool]) -> None:
    (out_dir / SUPPORTS_FILE).write_text(json.dumps({"sdk": sdk, "answers": answers}, indent=1, sort_keys=True) + "\n")


def read_supports_file(path: Path) -> tuple[str, dict[str, bool]]:
    """(sdk, {feature: answer}) from a supports table; PrebuiltError naming the file if it is not one."""
    try:
        data = json.loads(path.read_text())
        sdk, table = data["sdk"], data["answers"]
        return str(sdk), {str(feature): bool(ok) for feature, ok in table.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise PrebuiltError(f"{path}: not a supports table ({e})") from None


def supports_answers(directories: list[Path]) -> dict[tuple[str, str], bool]:
    """{(sdk, feature): answer} from every directory's supports.json (directories without one add nothing)."""
    answers: dict[tuple[str, str], bool] = {}
    for directory in directories:
        path = directory / SUPPORTS_FILE
        if path.is_file():
            sdk, table = read_supports_file(path)
            answers.update({(sdk, feature): ok for feature, ok in table.items()})
    return answers


def seed_sdk_cache(directories: list[Path], cache_dir: Path) -> list[Path]:
    """Link every file of each directory's ``sdk-cache/`` into ``cache_dir`` (a run's XTEST_SDK_CACHE_DIR).

    The adapters' caches are their own business (each names its files by what they depend on, e.g.
    the Java launcher keys its archive on the CLI's jars and the JDK); seeding spares each target
    the first, recording call. Files already present win; returns the links made.
    """
    linked = []
    for directory in directories:
        seed = directory / SDK_CACHE_DIR
        for path in sorted(seed.rglob("*")) if seed.is_dir() else []:
            target = cache_dir / path.relative_to(seed)
            if not path.is_file() or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.symlink_to(path.absolute())
            except FileExistsError:  # another xdist worker of the run linked it first
                continue
            linked.append(target)
    return linked
