"""The platform RPC schema the Go/Java SDKs use, as markdown: the shared `tools.opentdf_proto` schema.

That schema is a FileDescriptorSet dumped from the pinned Go protocol module by
xtest/sdk/go/src/cmd/descdump (committed as tools/opentdf_proto/opentdf-protocol-*.binpb), so
field numbers and names are exactly the SDKs'. Message classes for code come from
`tools.opentdf_proto`; this module keeps its pool-first helpers for the study tools:

    from tools.sdks.protoschema import load_pool, message_class
    pool = load_pool()
    Req = message_class(pool, "policy.attributes.GetAttributeValuesByFqnsRequest")

`python -m tools.sdks.protoschema SERVICE/METHOD ...` prints the request and response messages
of those methods (recursively, within the opentdf packages) as markdown.
"""

from __future__ import annotations

import sys

from google.protobuf.descriptor import FieldDescriptor

from tools.opentdf_proto import schema
from tools.opentdf_proto.schema import SCHEMA, SchemaError, load_pool

__all__ = ["SCHEMA", "SchemaError", "describe_methods", "load_pool", "message_class", "method"]

_TYPE_NAMES = {v: k.removeprefix("TYPE_").lower() for k, v in FieldDescriptor.__dict__.items() if k.startswith("TYPE_")}


def message_class(pool, full_name: str):
    return schema.message_class(full_name, pool)


def method(pool, rpc: str):
    """`package.Service/Method` → MethodDescriptor."""
    return schema.method(rpc, pool)


def _field_type(f) -> str:
    if f.message_type is not None:
        mt = f.message_type
        if mt.GetOptions().map_entry:
            return f"map<{_field_type(mt.fields_by_name['key'])}, {_field_type(mt.fields_by_name['value'])}>"
        return mt.full_name
    if f.enum_type is not None:
        return f.enum_type.full_name
    return _TYPE_NAMES.get(f.type, str(f.type))


def describe_message(desc, out: list[str], seen: set[str], prefixes: tuple[str, ...]) -> None:
    if desc.full_name in seen:
        return
    seen.add(desc.full_name)
    out.append(f"- `{desc.full_name}`")
    for f in desc.fields:
        rep = "repeated " if f.is_repeated and not _is_map(f) else ""
        oneof = f" (oneof {f.containing_oneof.name})" if f.containing_oneof else ""
        out.append(f"  - {f.number} `{f.name}` (json `{f.json_name}`): {rep}{_field_type(f)}{oneof}")
    for f in desc.fields:
        mt = f.message_type
        if mt is None:
            continue
        if mt.GetOptions().map_entry:
            mt = mt.fields_by_name["value"].message_type
        if mt is not None and mt.full_name.startswith(prefixes):
            describe_message(mt, out, seen, prefixes)


def _is_map(f) -> bool:
    return f.message_type is not None and f.message_type.GetOptions().map_entry


def describe_methods(rpcs: list[str], pool=None, prefixes=("policy.", "kas.", "wellknown", "grpc.", "common.")) -> str:
    pool = pool or load_pool()
    out, seen = [], set()
    for rpc in rpcs:
        m = method(pool, rpc)
        out.append(f"\n#### `POST /{m.containing_service.full_name}/{m.name}`")
        out.append(f"{m.input_type.full_name} → {m.output_type.full_name}\n")
        describe_message(m.input_type, out, seen, prefixes)
        describe_message(m.output_type, out, seen, prefixes)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    try:
        sys.stdout.write(describe_methods(sys.argv[1:]))
    except SchemaError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
