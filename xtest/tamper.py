"""The nine ZTDF manipulations of XTEST-UPSTREAM.md §2.2 and the error texts each must produce.

Each manipulation copies a ZTDF, changes exactly one thing (the manifest is edited as JSON, so
unknown fields survive, unlike upstream's typed re-serialization) and writes the result. The
"random" choices are seeded by the scenario name, so a tampered file is reproducible.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from xtest import tdf_files

MALICIOUS_KAS = "http://localhost:8585/malicious/kas"  # upstream's: a path on km1's origin


def malicious_kas_url(km1_url: str) -> str:
    """Upstream's malicious KAO URL for any port layout: ``/malicious/kas`` on km1's origin."""
    parts = urllib.parse.urlsplit(km1_url)
    return f"{parts.scheme}://{parts.netloc}/malicious/kas"


_ALNUM = string.ascii_lowercase + string.digits


def last3(value: str, rng: random.Random) -> str:
    """Base64-decode, replace the final 3 bytes with 3 random [a-z0-9] (never the same), re-encode."""
    raw = base64.b64decode(value)
    while True:
        tail = "".join(rng.choice(_ALNUM) for _ in range(3)).encode()
        if tail != raw[-3:]:
            return base64.b64encode(raw[:-3] + tail).decode()


def _unbound_policy(m: dict, rng: random.Random) -> None:
    policy = tdf_files.policy(m)
    policy.setdefault("body", {})["dataAttributes"] = []
    policy["body"]["dissem"] = ["yves@dropp.er"]
    m["encryptionInformation"]["policy"] = base64.b64encode(json.dumps(policy).encode()).decode()


def _altered_policy_binding(m: dict, rng: random.Random) -> None:
    kao = tdf_files.key_access(m)[0]
    binding = kao["policyBinding"]
    if isinstance(binding, dict):
        binding["hash"] = last3(binding["hash"], rng)
    else:
        kao["policyBinding"] = last3(binding, rng)


def _altered_root_sig(m: dict, rng: random.Random) -> None:
    root = m["encryptionInformation"]["integrityInformation"]["rootSignature"]
    root["sig"] = last3(root["sig"], rng)


def _segment(m: dict, rng: random.Random) -> dict:
    return rng.choice(m["encryptionInformation"]["integrityInformation"]["segments"])


def _altered_seg_sig_wrong(m: dict, rng: random.Random) -> None:
    seg = _segment(m, rng)
    seg["hash"] = last3(seg["hash"], rng)


def _altered_enc_seg_size(m: dict, rng: random.Random) -> None:
    seg = _segment(m, rng)
    info = m["encryptionInformation"]["integrityInformation"]
    seg["encryptedSegmentSize"] = seg.get("encryptedSegmentSize", info["encryptedSegmentSizeDefault"]) - 1


def _altered_assertion_statement(m: dict, rng: random.Random) -> None:
    m["assertions"][0]["statement"]["value"] = "tampered"


def _malicious_kao(m: dict, rng: random.Random, url: str = MALICIOUS_KAS) -> None:
    tdf_files.key_access(m)[0]["url"] = url


MANIFEST_EDITS: dict[str, Callable[[dict, random.Random], None]] = {
    "unbound_policy": _unbound_policy,
    "altered_policy_binding": _altered_policy_binding,
    "altered_root_sig": _altered_root_sig,
    "altered_seg_sig_wrong": _altered_seg_sig_wrong,
    "altered_enc_seg_size": _altered_enc_seg_size,
    "altered_assertion_statement": _altered_assertion_statement,
    "malicious_kao": _malicious_kao,
}


def tamper(src: Path, dst: Path, scenario: str, malicious_kas: str = MALICIOUS_KAS) -> Path:
    """Write ``src`` with manipulation ``scenario`` applied to ``dst``."""
    rng = random.Random(scenario)
    members = tdf_files.read_members(src)
    if scenario == "altered_payload_end":
        payload = members[tdf_files.PAYLOAD]
        tail = bytes(b ^ 0x5A for b in payload[-3:])
        members[tdf_files.PAYLOAD] = payload[:-3] + tail
    else:
        try:
            edit = MANIFEST_EDITS[scenario]
        except KeyError:
            valid = ", ".join([*MANIFEST_EDITS, "altered_payload_end"])
            raise ValueError(f"unknown tamper scenario {scenario!r}; valid: {valid}") from None
        manifest = json.loads(members[tdf_files.MANIFEST])
        if scenario == "malicious_kao":
            _malicious_kao(manifest, rng, malicious_kas)
        else:
            edit(manifest, rng)
        members[tdf_files.MANIFEST] = json.dumps(manifest).encode()
    return tdf_files.write_members(dst, members)


KAS_REQUEST_ERROR = re.compile(
    r"KAS request error|rewrap request 400|bad request|InvalidArgument|tamper|InvalidFileError"
    r"|could not find policy in rewrap response",
    re.IGNORECASE,
)
ALLOWLIST_ERROR = re.compile(r"allowlist|not allowed|disallowed KASes|AggregateError", re.IGNORECASE)
_OLD_TAMPER = re.compile(r"integrity|signature|bad request", re.IGNORECASE)
_TAMPER_SIG = re.compile(r"tamper|IntegrityError", re.IGNORECASE)
_TAMPER_OTHER = re.compile(r"tamper|IntegrityError|integrity check", re.IGNORECASE)


def tamper_error_problem(output: str, word: str | None, better_messages: bool, signature_kind: bool) -> str | None:
    """Why ``output`` is not an acceptable tamper error (None if it is).

    ``word`` must appear (case-insensitive); then SDKs without better-messages-2024 must say
    integrity/signature/bad request, others tamper/IntegrityError (plus "integrity check" when the
    tampered thing is not a signature).
    """
    if word and word.lower() not in output.lower():
        return f"the error does not mention {word!r}"
    pattern = (_TAMPER_SIG if signature_kind else _TAMPER_OTHER) if better_messages else _OLD_TAMPER
    if not pattern.search(output):
        return f"the error matches none of /{pattern.pattern}/"
    return None
