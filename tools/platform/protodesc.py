"""Helpers to assemble protobuf descriptors at runtime (there is no protoc in this environment).

Field numbers and names must match the real .proto files; JSON names default to lowerCamel as
protoc would derive them.
"""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, struct_pb2, wrappers_pb2

_F = descriptor_pb2.FieldDescriptorProto
STRING, BYTES, MESSAGE, ENUM = _F.TYPE_STRING, _F.TYPE_BYTES, _F.TYPE_MESSAGE, _F.TYPE_ENUM
OPTIONAL, REPEATED = _F.LABEL_OPTIONAL, _F.LABEL_REPEATED


def lower_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def field(name, number, ftype, label=OPTIONAL, type_name=None, json_name=None, oneof=None):
    f = _F(name=name, number=number, type=ftype, label=label)
    if type_name:
        f.type_name = type_name
    f.json_name = json_name or lower_camel(name)
    if oneof is not None:
        f.oneof_index = oneof
    return f


def map_entry(name: str, value_type: str) -> descriptor_pb2.DescriptorProto:
    """The synthetic entry message of a `map<string, Message>` field."""
    entry = descriptor_pb2.DescriptorProto(name=name)
    entry.options.map_entry = True
    entry.field.append(field("key", 1, STRING))
    entry.field.append(field("value", 2, MESSAGE, type_name=value_type))
    return entry


def message(name, *fields, nested=(), oneofs=()):
    m = descriptor_pb2.DescriptorProto(name=name)
    m.field.extend(fields)
    m.nested_type.extend(nested)
    for o in oneofs:
        m.oneof_decl.add(name=o)
    return m


def enum(name: str, values: dict[str, int]) -> descriptor_pb2.EnumDescriptorProto:
    e = descriptor_pb2.EnumDescriptorProto(name=name)
    for value_name, number in values.items():
        e.value.add(name=value_name, number=number)
    return e


def new_pool() -> descriptor_pool.DescriptorPool:
    """A private pool holding the well-known types our files depend on."""
    pool = descriptor_pool.DescriptorPool()
    for module in (struct_pb2, wrappers_pb2):
        fd = descriptor_pb2.FileDescriptorProto()
        module.DESCRIPTOR.CopyToProto(fd)
        pool.Add(fd)
    return pool


def message_class(pool: descriptor_pool.DescriptorPool, full_name: str):
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(full_name))
