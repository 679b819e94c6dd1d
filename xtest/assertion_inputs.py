"""Assertion input files (XTEST-UPSTREAM.md §3.5), written deterministically.

The keyed assertions are signed with the committed test keys in ``testdata/`` so a ciphertext
made by one process (another worker, a Bazel fixture action) verifies with the keys any other
process writes. File contents are a pure function of the kind, so they also key the cache.
"""

from __future__ import annotations

import json
from pathlib import Path

TEST_KEYS = Path(__file__).absolute().parent / "testdata" / "assertion-test-keys.json"
KINDS = ("unkeyed", "keyed")

_STANAG_VALUE = (
    '{"ocl":{"pol":"62c76c68-d73d-4628-8ccc-4c1e18118c22","cls":"SECRET","catl":[{"type":"P","name":"Releasable To",'
    '"vals":["usa"]}],"dcr":"2024-10-21T20:47:36Z"},"context":{"@base":"urn:nato:stanag:5636:A:1:elements:json"}}'
)


def _statement() -> dict:
    return {"format": "json+stanag5636", "schema": "urn:nato:stanag:5636:A:1:elements:json", "value": _STANAG_VALUE}


def _assertion(assertion_id: str, signing_key: dict | None = None) -> dict:
    body = {
        "id": assertion_id,
        "type": "handling",
        "scope": "tdo",
        "appliesToState": "encrypted",
        "statement": _statement(),
    }
    if signing_key:
        body["signingKey"] = signing_key
    return body


def test_keys() -> dict:
    return json.loads(TEST_KEYS.read_text())


def assertions(kind: str) -> list[dict]:
    """The assertion list of ``kind``: one unkeyed assertion, or an HS256 and an RS256 one."""
    if kind == "unkeyed":
        return [_assertion("424ff3a3-50ca-4f01-a2ae-ef851cd3cac0")]
    if kind == "keyed":
        keys = test_keys()
        return [
            _assertion("assertion1", {"alg": "HS256", "key": keys["hs256_key"]}),
            _assertion("assertion2", {"alg": "RS256", "key": keys["rs256_private_pem"]}),
        ]
    raise ValueError(f"unknown assertion kind {kind!r}; valid: {', '.join(KINDS)}")


def verification_keys() -> dict:
    """Keys to verify the ``keyed`` assertions (the upstream verification-keys file format)."""
    keys = test_keys()
    return {
        "keys": {
            "assertion1": {"alg": "HS256", "key": keys["hs256_key"]},
            "assertion2": {"alg": "RS256", "key": keys["rs256_public_pem"]},
        }
    }


def write(kind: str, directory: Path) -> Path:
    """Write ``assertions-<kind>.json`` into ``directory`` (idempotent) and return its path."""
    path = directory / f"assertions-{kind}.json"
    text = json.dumps(assertions(kind), indent=2, sort_keys=True)
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)
    return path


def write_verification_keys(directory: Path) -> Path:
    path = directory / "assertion-verification-keys.json"
    path.write_text(json.dumps(verification_keys(), indent=2, sort_keys=True))
    return path
