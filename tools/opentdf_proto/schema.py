"""The OpenTDF protocol schema, loaded from the committed FileDescriptorSet (there is no protoc here).

`opentdf-protocol-v0.42.0.binpb` was dumped by `xtest/sdk/go/src/cmd/descdump` from the Go
protocol module the Go SDK v0.35.0 is built with, so message names, field numbers and JSON names
are exactly what the real SDKs put on the wire. It is loaded once into a private descriptor pool
(so it never clashes with other code that registers the same `kas.*` or `policy.*` names).
"""

from __future__ import annotations

import functools
from pathlib import Path

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

SCHEMA = Path(__file__).absolute().parent / "opentdf-protocol-v0.42.0.binpb"


class SchemaError(LookupError):
    """A service, method or message name is not in the schema."""


def load_pool(path: Path = SCHEMA) -> descriptor_pool.DescriptorPool:
    """A fresh pool holding every file of the descriptor set at `path` (dependencies come first)."""
    fds = descriptor_pb2.FileDescriptorSet.FromString(Path(path).read_bytes())
    pool = descriptor_pool.DescriptorPool()
    for f in fds.file:
        pool.Add(f)
    return pool


@functools.cache
def pool() -> descriptor_pool.DescriptorPool:
    """The shared pool of the committed schema (loaded on first use, ~10 ms)."""
    return load_pool()


def message_class(full_name: str, in_pool: descriptor_pool.DescriptorPool | None = None):
    """The generated message class for `package.Message` (nested: `package.Outer.Inner`)."""
    in_pool = in_pool or pool()
    try:
        return message_factory.GetMessageClass(in_pool.FindMessageTypeByName(full_name))
    except KeyError:
        raise SchemaError(f"no message {full_name} in the schema") from None


def method(rpc: str, in_pool: descriptor_pool.DescriptorPool | None = None):
    """`package.Service/Method` (a leading `/` is allowed) -> its MethodDescriptor."""
    in_pool = in_pool or pool()
    service, _, name = rpc.lstrip("/").partition("/")
    try:
        return in_pool.FindServiceByName(service).methods_by_name[name]
    except KeyError:
        raise SchemaError(f"no method {rpc} in the schema") from None


def method_classes(rpc: str, in_pool: descriptor_pool.DescriptorPool | None = None) -> tuple[type, type]:
    """(request class, response class) of `package.Service/Method`."""
    m = method(rpc, in_pool)
    return (
        message_class(m.input_type.full_name, m.input_type.file.pool),
        message_class(m.output_type.full_name, m.output_type.file.pool),
    )
