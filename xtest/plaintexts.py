"""Deterministic plaintexts, named by id so that a ciphertext cache key can name its input.

Content follows upstream: 16-byte lines holding the byte offset right-aligned to width 15 with
thousands separators, then a newline. ``large`` spans several segments for every SDK we drive
(2 MiB segments in the reference/Java/py SDKs, 1 MiB in JS) without costing minutes.
"""

from __future__ import annotations

import functools
from pathlib import Path

SIZES = {"small": 128, "large": 5 * 1024 * 1024 + 100}


class PlaintextError(KeyError):
    """An unknown plaintext id."""


@functools.cache  # ~0.3 CPU-s to make `large`, and every roundtrip compares against it
def content(plaintext_id: str) -> bytes:
    """The bytes of plaintext ``plaintext_id``."""
    try:
        size = SIZES[plaintext_id]
    except KeyError:
        raise PlaintextError(f"unknown plaintext {plaintext_id!r}; valid: {', '.join(SIZES)}") from None
    return "".join([f"{offset:15,}\n" for offset in range(0, size, 16)]).encode()[:size]


def write(plaintext_id: str, path: Path) -> Path:
    """Write plaintext ``plaintext_id`` to ``path`` unless an identical file is already there."""
    data = content(plaintext_id)
    if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path
