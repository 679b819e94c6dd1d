"""Byte-compile one directory's Python sources into its __pycache__ (the body of a py_bytecode action).

    python compile_pyc.py OUT_DIR SOURCE.py [SOURCE.py ...]

Writes OUT_DIR/<module>.<cache tag>.pyc for every source, the name the interpreter running this
looks for next to the source. Checked-hash .pyc files (PEP 552) carry the source's hash instead of
its mtime: they stay valid in any checkout and sandbox, are never used for a changed source, and
with PYTHONHASHSEED=0 their bytes are the same on every machine (remote-cache hits).
"""

from __future__ import annotations

import os
import py_compile
import sys
from pathlib import Path


class CompileError(Exception):
    """A source that does not compile, or a command line that cannot be followed."""


def pyc_name(source: Path) -> str:
    if source.suffix != ".py":
        raise CompileError(f"{source} is not a .py file")
    return f"{source.stem}.{sys.implementation.cache_tag}.pyc"


def compile_sources(out_dir: Path, sources: list[Path]) -> list[Path]:
    if os.environ.get("PYTHONHASHSEED") != "0":
        raise CompileError("needs PYTHONHASHSEED=0 (set-constant order must not vary between builds)")
    directories = sorted({str(s.parent) for s in sources})
    if len(directories) > 1:
        raise CompileError(f"sources from several directories for one __pycache__: {directories}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        target = out_dir / pyc_name(source)
        try:
            py_compile.compile(
                str(source),
                cfile=str(target),
                dfile=str(source),  # relative: no machine path in the bytes (imports show the real one)
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
            )
        except py_compile.PyCompileError as error:
            raise CompileError(f"{source} does not compile: {error.msg}") from None
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: compile_pyc.py OUT_DIR SOURCE.py [SOURCE.py ...]", file=sys.stderr)
        return 2
    try:
        compile_sources(Path(argv[0]), [Path(a) for a in argv[1:]])
    except CompileError as error:
        print(f"compile_pyc: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
