"""Under Bazel the reference SDK's modules come with build-made .pyc files the interpreter uses.

Every `cli.sh` call of the reference SDK starts a fresh interpreter in a fresh sandbox that may not
write bytecode; without the compiled_py_library .pyc files each call recompiled the SDK. This
checks the layout in runfiles: for every module, the .pyc where the interpreter looks, holding the
hash of the very source next to it (so it is used, not recompiled).
"""

import importlib.util
import os
from pathlib import Path

import pytest

import tools.tdf

pytestmark = pytest.mark.skipif(
    "TEST_SRCDIR" not in os.environ, reason="the .pyc files come from the Bazel build (compiled_py_library)"
)


def _modules() -> list[Path]:
    return sorted(Path(tools.tdf.__file__).parent.glob("*.py"))


def test_every_module_has_a_pyc_of_its_current_source():
    assert _modules(), "no modules found next to tools/tdf/__init__.py"
    for source in _modules():
        pyc = Path(importlib.util.cache_from_source(str(source)))
        assert pyc.is_file(), f"{source.name}: no {pyc} in runfiles"
        header = pyc.read_bytes()[:16]
        assert int.from_bytes(header[4:8], "little") == 0b11, f"{pyc.name} is not a checked-hash pyc"
        assert header[8:16] == importlib.util.source_hash(source.read_bytes()), f"{pyc.name} is stale"
