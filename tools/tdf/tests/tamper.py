"""Manifest/payload manipulations of XTEST-UPSTREAM.md §2.2, shared by the tamper tests."""

from __future__ import annotations

import base64
import io
import json
import random
import string
import zipfile
from collections.abc import Callable


def rezip(tdf: bytes, manifest_fn: Callable[[dict], None] | None = None, payload_fn=None) -> bytes:
    """Re-zips a ZTDF changing only the targeted part (entry order kept)."""
    src = zipfile.ZipFile(io.BytesIO(tdf))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "0.manifest.json" and manifest_fn:
                manifest = json.loads(data)
                manifest_fn(manifest)
                data = json.dumps(manifest).encode()
            if info.filename == "0.payload" and payload_fn:
                data = payload_fn(data)
            dst.writestr(info.filename, data)
    return out.getvalue()


def change_last_three(data: bytes) -> bytes:
    while True:
        tail = "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(3)).encode()
        if tail != data[-3:]:
            return data[:-3] + tail


def last3_b64(value: str) -> str:
    return base64.b64encode(change_last_three(base64.b64decode(value))).decode()


def unbound_policy(m: dict) -> None:
    enc = m["encryptionInformation"]
    policy = json.loads(base64.b64decode(enc["policy"]))
    policy["body"]["dataAttributes"] = []
    policy["body"]["dissem"] = ["yves@dropp.er"]
    enc["policy"] = base64.b64encode(json.dumps(policy).encode()).decode()


def altered_policy_binding(m: dict) -> None:
    binding = m["encryptionInformation"]["keyAccess"][0]["policyBinding"]
    binding["hash"] = last3_b64(binding["hash"])


def altered_root_sig(m: dict) -> None:
    root = m["encryptionInformation"]["integrityInformation"]["rootSignature"]
    root["sig"] = last3_b64(root["sig"])


def altered_seg_sig(m: dict) -> None:
    seg = random.choice(m["encryptionInformation"]["integrityInformation"]["segments"])
    seg["hash"] = last3_b64(seg["hash"])


def altered_enc_seg_size(m: dict) -> None:
    seg = random.choice(m["encryptionInformation"]["integrityInformation"]["segments"])
    seg["encryptedSegmentSize"] -= 1


def altered_assertion_statement(m: dict) -> None:
    m["assertions"][0]["statement"]["value"] = "tampered"


def malicious_kao(m: dict) -> None:
    m["encryptionInformation"]["keyAccess"][0]["url"] = "http://localhost:8585/malicious/kas"
