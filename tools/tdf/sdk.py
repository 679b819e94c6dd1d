"""File-level encrypt/decrypt: picks the container, resolves KAS keys, writes atomically.

This is the layer the CLI drives; it takes the outside world as two objects
(a `PublicKeySource` and a `KeyReleaser`, see keyaccess.py) plus, for autoconfigure, a
`PlatformClient`, so every path can run against an in-process `LocalKas` in tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import nanotdf, ztdf
from .atomic import atomic_output
from .constants import CONTAINERS
from .errors import ConfigError, InvalidFileError
from .keyaccess import ALG_EC, ALG_RSA, KeyReleaser, PublicKeySource
from .platform_client import PlatformClient
from .splits import grant_keys, plan_from_attributes, resolve_keys


@dataclass
class EncryptRequest:
    """Everything `encrypt_file` needs besides the key sources. KAS URLs: the explicit list,
    used as one split when there are no attributes or autoconfigure is off; its first entry is
    the default KAS of an autoconfigured plan."""

    kas_urls: list[str]
    container: str = "ztdf"
    attributes: list[str] = field(default_factory=list)
    autoconfigure: bool = True
    wrapping_alg: str = ALG_RSA
    ztdf: dict = field(default_factory=dict)  # extra ztdf.EncryptOptions fields
    nano: dict = field(default_factory=dict)  # extra nanotdf.write_nano keyword arguments


def detect_container(path: str | os.PathLike) -> str:
    with open(path, "rb") as f:
        head = f.read(4)
    if head.startswith(b"PK"):
        return "ztdf"
    if head.startswith(nanotdf.MAGIC):
        return "nano"
    raise InvalidFileError(f"{path} is neither a ZTDF (zip) nor a NanoTDF (L1L): starts with {head!r}")


def plan_splits(req: EncryptRequest, keys: PublicKeySource, platform: PlatformClient | None):
    if not req.kas_urls:
        raise ConfigError("no KAS URL: give --kas-url or --platform-url")
    if req.attributes and req.autoconfigure:
        if platform is None:
            raise ConfigError("autoconfigure needs the platform URL (or pass --no-autoconfigure)")
        values = platform.attribute_values(req.attributes)
        plan = plan_from_attributes(values, req.kas_urls[0])
        return resolve_keys(plan, req.wrapping_alg, keys, grant_keys(values))
    return resolve_keys([list(dict.fromkeys(req.kas_urls))], req.wrapping_alg, keys)


def encrypt_file(
    src: str | os.PathLike,
    dst: str | os.PathLike,
    req: EncryptRequest,
    keys: PublicKeySource,
    platform: PlatformClient | None = None,
) -> None:
    if req.container not in CONTAINERS:
        raise ConfigError(f"container must be one of {CONTAINERS}, got {req.container!r}")
    if req.container == "nano":
        kas = keys.public_key(req.kas_urls[0], ALG_EC) if req.kas_urls else None
        if kas is None:
            raise ConfigError("no KAS URL: give --kas-url or --platform-url")
        data = Path(src).read_bytes()
        with atomic_output(dst) as out:
            nanotdf.write_nano(data, out, kas, req.attributes, **req.nano)
        return
    splits = plan_splits(req, keys, platform)
    opts = ztdf.EncryptOptions(splits=splits, attributes=req.attributes, **req.ztdf)
    with open(src, "rb") as plain, atomic_output(dst) as out:
        ztdf.write_ztdf(plain, out, opts, size_hint=os.fstat(plain.fileno()).st_size)


def decrypt_file(
    src: str | os.PathLike,
    dst: str | os.PathLike,
    releaser: KeyReleaser,
    opts: ztdf.DecryptOptions,
    expect_container: str | None = None,
) -> str:
    """Decrypts either container into `dst` (only on success); returns the container found."""
    container = detect_container(src)
    if expect_container and expect_container != container:
        raise InvalidFileError(f"{src} is a {container} file, not {expect_container}")
    with atomic_output(dst) as out:
        if container == "nano":
            _, plain = nanotdf.read_nano(Path(src).read_bytes(), releaser, opts.allowed)
            out.write(plain)
        else:
            ztdf.read_ztdf(src, out, releaser, opts)
    return container
