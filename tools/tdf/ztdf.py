"""ZTDF: the zip container with `0.payload` and `0.manifest.json` (OPENTDF-WIRE.md §7).

Writing: DEK = XOR of one random share per split; every KAS of a split gets a KAO holding that
split's share (RSA-OAEP `wrapped` or ECDH `ec-wrapped`), a policy binding and optional
encryptedMetadata. The payload is AES-256-GCM segments; integrity is GMAC or HS256 segment
hashes plus an HS256 root signature, in hexless (4.3.0) or legacy hex (4.2.2) encoding.

Reading accepts every variant the real writers produce (§7.2): `IsStreamable`, missing `iv`,
missing per-segment sizes, `payload.schemaVersion`, null lists, manifest-first zips (entries are
found through the central directory), empty kid, no sid.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from . import integrity
from .assertions import AssertionKey, sign_assertion, verify_assertion
from .constants import DEFAULT_SEGMENT_SIZE
from .crypto import (
    GCM_NONCE_LEN,
    GCM_TAG_LEN,
    b64d,
    b64e,
    ec_wrap,
    gcm_decrypt,
    load_public_key,
    random_key,
    rsa_wrap,
    seal,
    unseal,
    xor_bytes,
)
from .errors import (
    ConfigError,
    IntegrityError,
    InvalidFileError,
    KasNotAllowedError,
    KeyReleaseError,
    TdfError,
)
from .keyaccess import ALG_EC, KasKey, KeyReleaser
from .policy import binding_hash, build_policy, encode_policy

PAYLOAD_NAME = "0.payload"
MANIFEST_NAME = "0.manifest.json"

ZIP64_THRESHOLD = 1 << 30


@dataclass
class EncryptOptions:
    """What to put in a ZTDF. `splits`: one list of KAS keys per split (see splits.py)."""

    splits: list[list[KasKey]]
    attributes: list[str] = field(default_factory=list)
    dissem: list[str] = field(default_factory=list)
    mime_type: str = "application/octet-stream"
    target_mode: str = integrity.TARGET_HEXLESS
    segment_size: int = DEFAULT_SEGMENT_SIZE
    segment_hash_alg: str = "GMAC"
    metadata: str | None = None
    assertions: list[tuple[dict, AssertionKey | None]] = field(default_factory=list)

    def validate(self) -> None:
        if not self.splits or any(not s for s in self.splits):
            raise ConfigError("at least one KAS is needed for every split")
        if self.segment_size <= 0:
            raise ConfigError(f"segment size must be positive, got {self.segment_size}")
        if self.segment_hash_alg not in integrity.SEGMENT_HASH_ALGS:
            raise ConfigError(f"segment hash alg must be one of {integrity.SEGMENT_HASH_ALGS}")
        integrity.is_hexless(self.target_mode)


# --- writing --------------------------------------------------------------------------------


def _key_access_object(key: KasKey, share: bytes, sid: str, policy_b64: str, metadata: str | None) -> dict:
    public_key = load_public_key(key.pem)
    kao: dict = {"type": "wrapped", "url": key.url, "protocol": "kas"}
    if key.alg == ALG_EC:
        wrapped, ephemeral_pem = ec_wrap(public_key, share)
        kao.update(type="ec-wrapped", ephemeralPublicKey=ephemeral_pem)
    else:
        wrapped = rsa_wrap(public_key, share)
    kao.update(
        wrappedKey=b64e(wrapped),
        policyBinding={"alg": "HS256", "hash": binding_hash(share, policy_b64)},
        kid=key.kid,
        sid=sid,
        schemaVersion="1.0",
    )
    if metadata is not None:
        sealed = seal(share, metadata.encode())
        kao["encryptedMetadata"] = b64e(
            json.dumps({"ciphertext": b64e(sealed), "iv": b64e(sealed[:GCM_NONCE_LEN])}).encode()
        )
    return kao


def _key_access(opts: EncryptOptions, policy_b64: str) -> tuple[bytes, list[dict]]:
    """Draws one share per split; DEK = XOR of the shares."""
    dek = bytes(32)
    kaos = []
    for i, split in enumerate(opts.splits):
        share = random_key()
        dek = xor_bytes(dek, share)
        sid = f"s-{i}" if len(opts.splits) > 1 else ""
        kaos += [_key_access_object(k, share, sid, policy_b64, opts.metadata) for k in split]
    return dek, kaos


def _chunks(src: BinaryIO, size: int) -> Iterator[bytes]:
    while chunk := src.read(size):
        yield chunk


def write_ztdf(src: BinaryIO, dst: BinaryIO, opts: EncryptOptions, size_hint: int = 0) -> dict:
    """Encrypts `src` into the zip written to `dst`; returns the manifest."""
    opts.validate()
    hexless = integrity.is_hexless(opts.target_mode)
    policy_b64 = encode_policy(build_policy(opts.attributes, opts.dissem))
    dek, kaos = _key_access(opts, policy_b64)
    segments, raw_hashes = [], []
    with zipfile.ZipFile(dst, "w", compression=zipfile.ZIP_STORED) as zf:
        with zf.open(PAYLOAD_NAME, "w", force_zip64=size_hint > ZIP64_THRESHOLD) as out:
            for chunk in _chunks(src, opts.segment_size):
                sealed = seal(dek, chunk)
                out.write(sealed)
                raw = integrity.segment_hash(opts.segment_hash_alg, dek, sealed)
                raw_hashes.append(raw)
                segments.append(
                    {
                        "hash": integrity.encode_hash(raw, hexless),
                        "segmentSize": len(chunk),
                        "encryptedSegmentSize": len(sealed),
                    }
                )
        manifest = {
            "encryptionInformation": {
                "type": "split",
                "policy": policy_b64,
                "keyAccess": kaos,
                "method": {"algorithm": "AES-256-GCM", "iv": "", "isStreamable": True},
                "integrityInformation": {
                    "rootSignature": {
                        "alg": "HS256",
                        "sig": integrity.root_signature(dek, raw_hashes, hexless),
                    },
                    "segmentHashAlg": opts.segment_hash_alg,
                    "segmentSizeDefault": opts.segment_size,
                    "encryptedSegmentSizeDefault": opts.segment_size + GCM_NONCE_LEN + GCM_TAG_LEN,
                    "segments": segments,
                },
            },
            "payload": {
                "type": "reference",
                "url": PAYLOAD_NAME,
                "protocol": "zip",
                "mimeType": opts.mime_type,
                "isEncrypted": True,
            },
        }
        if hexless:
            manifest["schemaVersion"] = integrity.TARGET_HEXLESS
        aggregate = integrity.aggregate(raw_hashes, hexless)
        if opts.assertions:
            manifest["assertions"] = [
                sign_assertion(a, key or AssertionKey("HS256", dek), aggregate, hexless) for a, key in opts.assertions
            ]
        zf.writestr(MANIFEST_NAME, json.dumps(manifest, indent=None))
    return manifest


# --- reading ----------------------------------------------------------------------------------


def open_container(path: str | os.PathLike) -> tuple[zipfile.ZipFile, dict]:
    """Opens the zip through its central directory and parses the manifest."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise InvalidFileError(f"not a ZTDF zip: {e}") from e
    names = set(zf.namelist())
    for needed in (MANIFEST_NAME, PAYLOAD_NAME):
        if needed not in names:
            zf.close()
            raise InvalidFileError(f"ZTDF has no {needed} entry (entries: {sorted(names)})")
    try:
        manifest = json.loads(zf.read(MANIFEST_NAME))
    except (ValueError, zipfile.BadZipFile) as e:
        zf.close()
        raise InvalidFileError(f"{MANIFEST_NAME} is not JSON: {e}") from e
    if not isinstance(manifest, dict) or not isinstance(manifest.get("encryptionInformation"), dict):
        zf.close()
        raise InvalidFileError("manifest has no encryptionInformation object")
    return zf, manifest


def group_splits(kaos: list[dict]) -> dict[str, list[tuple[int, dict]]]:
    """KAOs by split id, in manifest order; KAOs without sid all form the split ''."""
    splits: dict[str, list[tuple[int, dict]]] = {}
    for i, kao in enumerate(kaos):
        splits.setdefault(kao.get("sid") or "", []).append((i, kao))
    return splits


def unwrap_dek(
    kaos: list[dict],
    policy_b64: str,
    releaser: KeyReleaser,
    allowed: Callable[[str], bool] = lambda _url: True,
) -> bytes:
    """For each split, tries its KAOs in order until one rewraps; DEK = XOR of the split shares.

    A KAO whose URL the allowlist refuses is never contacted. If every KAO of a split fails, the
    error names each KAO's failure (allowlist refusals raise KasNotAllowedError).
    """
    if not kaos:
        raise InvalidFileError("manifest has no keyAccess objects")
    dek = None
    for sid, members in group_splits(kaos).items():
        share, failures, refused = None, [], []
        for index, kao in members:
            url = kao.get("url", "")
            if not allowed(url):
                refused.append(f"KAO {index}: KAS {url} is not allowed by the KAS allowlist")
                continue
            try:
                share = releaser.rewrap(kao, policy_b64)
                break
            except TdfError as e:
                failures.append(f"KAO {index} ({url}): {e}")
        if share is None:
            label = f"split {sid!r}" if sid else "the key"
            detail = "; ".join(refused + failures)
            if refused and not failures:
                raise KasNotAllowedError(f"cannot unwrap {label}: {detail}")
            raise KeyReleaseError(f"unable to reconstruct split key: no KAO of {label} could be rewrapped: {detail}")
        if len(share) != 32:
            raise IntegrityError(f"KAS returned a {len(share)}-byte key share for {sid!r}, expected 32")
        dek = share if dek is None else xor_bytes(dek, share)
    return dek


@dataclass
class DecryptOptions:
    allowed: Callable[[str], bool] = lambda _url: True
    verify_assertions: bool = True
    assertion_keys: dict[str, AssertionKey] = field(default_factory=dict)


def _segment_table(info: dict, hexless: bool) -> list[tuple[int, bytes]]:
    """(encrypted size, raw hash) per segment; sizes default to the manifest defaults (JS)."""
    default_enc = info.get("encryptedSegmentSizeDefault")
    if default_enc is None and info.get("segmentSizeDefault") is not None:
        default_enc = int(info["segmentSizeDefault"]) + GCM_NONCE_LEN + GCM_TAG_LEN
    table = []
    for i, seg in enumerate(info.get("segments") or []):
        size = seg.get("encryptedSegmentSize", default_enc)
        if not isinstance(size, int) or size < GCM_NONCE_LEN + GCM_TAG_LEN:
            raise IntegrityError(f"segment {i} has an impossible encryptedSegmentSize {size!r}: tampered")
        try:
            raw = integrity.decode_hash(seg.get("hash", ""), hexless, f"segment {i} hash")
        except IntegrityError as e:
            raise IntegrityError(f"segment {i} signature (hash) is malformed: manifest was tampered ({e})") from e
        table.append((size, raw))
    return table


def _verify_assertions(manifest: dict, dek: bytes, aggregate: bytes, hexless: bool, opts: DecryptOptions) -> None:
    for assertion in manifest.get("assertions") or []:
        key = opts.assertion_keys.get(assertion.get("id", "")) or AssertionKey("HS256", dek)
        verify_assertion(assertion, key, aggregate, hexless)


def _decrypt_segments(zf: zipfile.ZipFile, table: list[tuple[int, bytes]], alg: str, dek: bytes, out) -> None:
    """Checks each segment's hash against the manifest, then its GCM tag, and writes it out.
    A zip-level CRC failure (bytes changed in place) is reported as payload tampering too."""
    try:
        with zf.open(PAYLOAD_NAME) as payload:
            for i, (size, expected) in enumerate(table):
                sealed = payload.read(size)
                if integrity.segment_hash(alg, dek, sealed) != expected:
                    raise IntegrityError(f"segment {i} hash does not match the manifest: payload segment was tampered")
                nonce, body, tag = sealed[:GCM_NONCE_LEN], sealed[GCM_NONCE_LEN:-GCM_TAG_LEN], sealed[-GCM_TAG_LEN:]
                out.write(gcm_decrypt(dek, nonce, body, tag, f"payload segment {i}"))
    except zipfile.BadZipFile as e:
        raise IntegrityError(f"payload segment data fails the zip CRC check ({e}): payload was tampered") from e


def read_ztdf(path: str | os.PathLike, out: BinaryIO, releaser: KeyReleaser, opts: DecryptOptions) -> dict:
    """Decrypts the ZTDF at `path` into `out`; returns the manifest. Checks, in order: key
    release (with the KAS's binding check), root signature, assertions, then each segment."""
    zf, manifest = open_container(path)
    with zf:
        enc = manifest["encryptionInformation"]
        hexless = bool(manifest.get("schemaVersion"))
        info = enc.get("integrityInformation") or {}
        table = _segment_table(info, hexless)
        dek = unwrap_dek(enc.get("keyAccess") or [], enc.get("policy", ""), releaser, opts.allowed)
        raw_hashes = [h for _, h in table]
        sig = (info.get("rootSignature") or {}).get("sig", "")
        integrity.check_root_signature(
            dek,
            raw_hashes,
            hexless,
            sig,
            (info.get("rootSignature") or {}).get("alg", ""),
        )
        if opts.verify_assertions:
            _verify_assertions(manifest, dek, integrity.aggregate(raw_hashes, hexless), hexless, opts)
        payload_size = zf.getinfo(PAYLOAD_NAME).file_size
        if sum(size for size, _ in table) != payload_size:
            raise IntegrityError(
                f"segment sizes in the manifest add up to {sum(s for s, _ in table)} bytes but the payload "
                f"has {payload_size}: segment table was tampered"
            )
        _decrypt_segments(zf, table, info.get("segmentHashAlg") or "GMAC", dek, out)
    return manifest


def decrypt_metadata(kao: dict, share: bytes) -> str | None:
    """The plaintext of a KAO's encryptedMetadata (needs the split's share)."""
    value = kao.get("encryptedMetadata")
    if not value:
        return None
    try:
        doc = json.loads(b64d(value, "encryptedMetadata"))
    except ValueError as e:
        raise InvalidFileError(f"encryptedMetadata is not base64 JSON: {e}") from e
    return unseal(
        share,
        b64d(doc.get("ciphertext", ""), "metadata ciphertext"),
        "encryptedMetadata",
    ).decode()
