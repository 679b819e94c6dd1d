"""A small JSON-Schema validator for ``golden/manifest.schema.json`` (jsonschema is not a dependency).

Supports the keywords that schema uses: ``type``, ``properties``, ``required``, ``items``, ``enum``,
``oneOf``/``anyOf``/``allOf``. Any other validation keyword raises :class:`UnsupportedSchema`, so a
schema change can never make validation silently weaker.
"""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).absolute().parent / "golden" / "manifest.schema.json"
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples"}
_HANDLED = {"type", "properties", "required", "items", "enum", "oneOf", "anyOf", "allOf"}
_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


class SchemaError(ValueError):
    """The instance does not match the schema; the message names the JSON path."""


class UnsupportedSchema(Exception):
    """The schema uses a keyword this validator does not implement."""


def _type_ok(value: object, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def validate(instance: object, schema: dict, path: str = "$") -> None:
    """Raise SchemaError at the first violation."""
    unknown = set(schema) - _ANNOTATIONS - _HANDLED
    if unknown:
        raise UnsupportedSchema(
            f"{path}: schema keyword(s) {sorted(unknown)} not supported by xtest/manifest_schema.py"
        )
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(instance, n) for n in names):
            raise SchemaError(f"{path}: expected {'/'.join(names)}, got {type(instance).__name__}")
    if "enum" in schema and instance not in schema["enum"]:
        raise SchemaError(f"{path}: {instance!r} not one of {schema['enum']}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                raise SchemaError(f"{path}: missing required property {key!r}")
        for key, sub in schema.get("properties", {}).items():
            if key in instance:
                validate(instance[key], sub, f"{path}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            validate(item, schema["items"], f"{path}[{i}]")
    for sub in schema.get("allOf", []):
        validate(instance, sub, path)
    for keyword, want in (("oneOf", 1), ("anyOf", None)):
        if keyword in schema:
            passed = sum(_passes(instance, sub, path) for sub in schema[keyword])
            if (want is None and passed == 0) or (want is not None and passed != want):
                raise SchemaError(f"{path}: {passed} of the {keyword} alternatives match")


def _passes(instance: object, schema: dict, path: str) -> bool:
    try:
        validate(instance, schema, path)
    except SchemaError:
        return False
    return True


def validate_manifest(manifest: dict, schema_file: Path = SCHEMA_FILE) -> None:
    validate(manifest, json.loads(schema_file.read_text()))
