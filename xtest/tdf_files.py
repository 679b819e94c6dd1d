"""Reading and rewriting ZTDF files: manifest access and shape checks (XTEST-UPSTREAM.md §2.1).

4.2.2 ("legacy") shape: no ``schemaVersion``; the root signature and each segment hash are base64
of a hex string of 16 (GMAC) or 32 (HS256) bytes. 4.3.0 ("hexless") shape: ``schemaVersion`` is
``4.3.0`` and the values are base64 of the raw bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import string
import zipfile
from pathlib import Path

MANIFEST = "0.manifest.json"
PAYLOAD = "0.payload"
_HEX = set(string.hexdigits.encode())


class ShapeError(AssertionError):
    """A manifest does not have the shape a check expected."""


def is_ztdf(path: Path) -> bool:
    return path.read_bytes()[:2] == b"PK"


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as z:
            return json.loads(z.read(MANIFEST))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as e:
        head = path.read_bytes()[:16]
        raise ShapeError(f"{path.name} is not a ZTDF with a JSON {MANIFEST} ({e}); first bytes {head!r}") from None


def read_members(path: Path) -> dict[str, bytes]:
    """Every zip member by name, in archive order."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_members(path: Path, members: dict[str, bytes]) -> Path:
    """Write a ZTDF zip with ``members`` (stored, in the given order)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def integrity_values(manifest: dict) -> list[tuple[str, str]]:
    """(label, base64 value) of the root signature and every segment hash."""
    integrity = manifest["encryptionInformation"]["integrityInformation"]
    values = [("rootSignature", integrity["rootSignature"]["sig"])]
    values += [(f"segments[{i}]", s["hash"]) for i, s in enumerate(integrity["segments"])]
    return values


def _decoded(label: str, value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error as e:
        raise ShapeError(f"{label}: not base64 ({e}): {value!r}") from None


def check_shape(manifest: dict, target: str) -> None:
    """Assert the manifest has the 4.2.2 or 4.3.0 integrity encoding (see module docstring)."""
    if target not in ("4.2.2", "4.3.0"):
        raise ValueError(f"unknown target {target!r}")
    version = manifest.get("schemaVersion")
    if target == "4.2.2" and version is not None:
        raise ShapeError(f"4.2.2 manifest must not carry schemaVersion, has {version!r}")
    if target == "4.3.0" and version != "4.3.0":
        raise ShapeError(f"4.3.0 manifest must have schemaVersion 4.3.0, has {version!r}")
    for label, value in integrity_values(manifest):
        raw = _decoded(label, value)
        if target == "4.2.2":
            if not set(raw) <= _HEX:
                raise ShapeError(f"{label}: 4.2.2 value must be base64 of hex, decoded to {raw[:16]!r}…")
            raw = bytes.fromhex(raw.decode())
        elif len(raw) in (32, 64) and set(raw) <= _HEX:
            raise ShapeError(f"{label}: 4.3.0 value is hex-encoded (legacy form)")
        if len(raw) not in (16, 32):
            raise ShapeError(f"{label}: {len(raw)} bytes, expected 16 (GMAC) or 32 (HS256)")


def key_access(manifest: dict) -> list[dict]:
    return manifest["encryptionInformation"]["keyAccess"]


def policy(manifest: dict) -> dict:
    """The decoded policy object (base64 JSON in the manifest)."""
    return json.loads(base64.b64decode(manifest["encryptionInformation"]["policy"]))


def data_attributes(manifest: dict) -> list[str]:
    attrs = policy(manifest).get("body", {}).get("dataAttributes") or []
    return sorted(a["attribute"] for a in attrs)


def check_kaos(manifest: dict, *, count: int, ec_wrapped: bool) -> None:
    """Assert ``count`` KAOs, all ``ec-wrapped`` with an ephemeral key, or all ``wrapped`` without."""
    kaos = key_access(manifest)
    if len(kaos) != count:
        raise ShapeError(f"expected {count} key access object(s), found {len(kaos)}: {kaos}")
    for i, kao in enumerate(kaos):
        want = "ec-wrapped" if ec_wrapped else "wrapped"
        if kao.get("type") != want:
            raise ShapeError(f"keyAccess[{i}].type is {kao.get('type')!r}, expected {want!r}")
        if bool(kao.get("ephemeralPublicKey")) != ec_wrapped:
            has = "has" if kao.get("ephemeralPublicKey") else "lacks"
            raise ShapeError(f"keyAccess[{i}] {has} ephemeralPublicKey (type {want})")
