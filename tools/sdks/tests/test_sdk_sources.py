"""xtest/sdk/sdk_sources.bzl lists every source and lock file the Go/Java CLI builds read.

Repository rules cannot glob, so a file missing from the list would not trigger a rebuild.
"""

import re
from pathlib import Path

ROOT = Path(__file__).absolute().parents[3]
LISTING = ROOT / "xtest" / "sdk" / "sdk_sources.bzl"


def listed() -> set[str]:
    text = LISTING.read_text()
    files = {f"xtest/sdk/{pkg}/{path}" for pkg, path in re.findall(r'"//xtest/sdk/(go|java):([^"%]+)"', text)}
    for version in re.findall(r'"(v\d+\.\d+\.\d+)"', text):
        files |= {f"xtest/sdk/go/lock/{version}/go.mod", f"xtest/sdk/go/lock/{version}/go.sum"}
    return files


def on_disk() -> set[str]:
    found = set()
    for pattern in ("go/src/**/*.go", "go/src/go.mod", "go/lock/*/go.*", "java/src/**/*.java"):
        found |= {str(p.relative_to(ROOT)) for p in (ROOT / "xtest" / "sdk").glob(pattern)}
    return found | {"xtest/sdk/java/pom.xml", "xtest/sdk/java/deps.lock", "xtest/sdk/java/launcher.sh"}


def test_every_build_input_is_listed():
    missing = on_disk() - listed()
    assert not missing, f"add to xtest/sdk/sdk_sources.bzl: {sorted(missing)}"


def test_every_listed_file_exists():
    gone = {f for f in listed() if not (ROOT / f).exists()}
    assert not gone, f"listed in xtest/sdk/sdk_sources.bzl but missing: {sorted(gone)}"
