"""compile_pyc.py: the .pyc files a py_bytecode action writes are the ones the interpreter uses."""

import importlib.util
import marshal
import os
import subprocess
import sys

import pytest

from tools.private import compile_pyc


@pytest.fixture
def hashseed(monkeypatch):
    monkeypatch.setenv("PYTHONHASHSEED", "0")


def _value_seen_by_fresh_interpreter(directory):
    """VALUE of `mod` as a new interpreter that may not write bytecode (-B, as in Bazel) imports it."""
    env = dict(os.environ, PYTHONPATH=str(directory))  # not the cwd: tests run with PYTHONSAFEPATH
    command = [sys.executable, "-B", "-c", "import mod; print(mod.VALUE)"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_writes_the_checked_hash_pyc_the_interpreter_uses(tmp_path, hashseed):
    (tmp_path / "mod.py").write_text("VALUE = 1\n")
    [pyc] = compile_pyc.compile_sources(tmp_path / "__pycache__", [tmp_path / "mod.py"])
    assert str(pyc) == importlib.util.cache_from_source(str(tmp_path / "mod.py"))
    assert int.from_bytes(pyc.read_bytes()[4:8], "little") == 0b11, "PEP 552 flags: hash-based, checked"
    # Same header (the source's hash), other code: the interpreter reports 2 only if it ran the pyc.
    header, other_code = pyc.read_bytes()[:16], marshal.dumps(compile("VALUE = 2\n", "mod.py", "exec"))
    pyc.write_bytes(header + other_code)
    assert _value_seen_by_fresh_interpreter(tmp_path) == "2"
    # A changed source no longer matches the hash: the interpreter compiles the source instead.
    (tmp_path / "mod.py").write_text("VALUE = 3\n")
    assert _value_seen_by_fresh_interpreter(tmp_path) == "3"


def test_same_bytes_every_time(tmp_path, hashseed):
    src = tmp_path / "m.py"
    src.write_text("S = frozenset({'x', 'y', 'z'})\ndef f():\n    return S\n")
    first = compile_pyc.compile_sources(tmp_path / "a", [src])[0].read_bytes()
    second = compile_pyc.compile_sources(tmp_path / "b", [src])[0].read_bytes()
    assert first == second


def test_a_syntax_error_names_the_file(tmp_path, hashseed):
    src = tmp_path / "broken.py"
    src.write_text("def f(:\n")
    with pytest.raises(compile_pyc.CompileError, match="broken.py does not compile"):
        compile_pyc.compile_sources(tmp_path / "__pycache__", [src])


def test_refuses_a_random_hash_seed(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    with pytest.raises(compile_pyc.CompileError, match="PYTHONHASHSEED=0"):
        compile_pyc.compile_sources(tmp_path, [tmp_path / "m.py"])


def test_one_directory_per_pycache(tmp_path, hashseed):
    with pytest.raises(compile_pyc.CompileError, match="several directories"):
        compile_pyc.compile_sources(tmp_path / "out", [tmp_path / "a" / "m.py", tmp_path / "b" / "n.py"])
