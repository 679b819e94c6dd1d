"""The OpenTDF protocol (KAS, well-known, health, policy services) as protobuf message classes.

One source of protobuf truth for the embedded platform (`tools.platform`), the reference SDK
(`tools.tdf`) and the SDK study tools (`tools.sdks`): everything comes from the committed
FileDescriptorSet (`schema.py`), nothing is assembled by hand.
"""

from tools.opentdf_proto.schema import SCHEMA, SchemaError, load_pool, message_class, method, method_classes, pool

__all__ = ["SCHEMA", "SchemaError", "load_pool", "message_class", "method", "method_classes", "pool"]
