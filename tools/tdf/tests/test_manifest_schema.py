"""Our manifests satisfy the upstream manifest.schema.json (upstream test_manifest_validity).

jsonschema is not a dependency, so this checks the subset of JSON Schema the file uses:
type, properties, required, enum, items, oneOf.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tools.tdf import ALG_EC, ALG_RSA

from .conftest import GOLDEN_DIR, encrypt_bytes
from .test_assertions import config

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": (int, float),
    "null": type(None),
}


def violations(value, schema: dict, path: str = "$") -> list[str]:
    found = []
    expected = schema.get("type")
    if expected:
        kinds = expected if isinstance(expected, list) else [expected]
        if not any(isinstance(value, TYPES[k]) for k in kinds):
            return [f"{path}: expected {expected}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "oneOf" in schema and sum(not violations(value, s, path) for s in schema["oneOf"]) != 1:
        found.append(f"{path}: matches not exactly one of oneOf")
    if isinstance(value, dict):
        found += [f"{path}: missing {k!r}" for k in schema.get("required", []) if k not in value]
        for key, sub in (schema.get("properties") or {}).items():
            if key in value:
                found += violations(value[key], sub, f"{path}.{key}")
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            found += violations(item, schema["items"], f"{path}[{i}]")
    return found


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((GOLDEN_DIR / "manifest.schema.json").read_text())


def test_validator_catches_a_missing_field(schema):
    assert violations({"payload": {}}, schema)


@pytest.mark.parametrize("alg", [ALG_RSA, ALG_EC])
@pytest.mark.parametrize("target", ["4.2.2", "4.3.0"])
def test_written_manifest_is_valid(kas, schema, alg, target):
    tdf = encrypt_bytes(kas, b"data", alg=alg, target_mode=target, assertions=[(config("a"), None)], metadata="m")
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(tdf)).read("0.manifest.json"))
    assert violations(manifest, schema) == []
