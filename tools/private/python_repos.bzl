"""Repository rules: a hermetic Python toolchain from the host interpreter, and hash-locked pip repos.

Both are thin shells: the logic (lock validation, BUILD generation) lives in pip_lock.py, plain
Python with unit tests (tools/private/tests/). Every command goes through _execute_checked, which
fails with the operation, the command, its exit code and its output.
"""

def _execute_checked(rctx, op, cmd, timeout = 600, quiet = True, environment = {}):
    res = rctx.execute(cmd, timeout = timeout, quiet = quiet, environment = environment)
    if res.return_code != 0:
        fail("{op} failed (exit {code})\ncommand: {cmd}\nstdout:\n{out}\nstderr:\n{err}".format(
            op = op,
            code = res.return_code,
            cmd = " ".join([str(c) for c in cmd]),
            out = res.stdout,
            err = res.stderr,
        ))
    return res

_TOOLCHAIN_BUILD = """\
load("@bazel_tools//tools/python:toolchain.bzl", "py_runtime_pair")

exports_files(["BASE_PYTHON"])

# The interpreter is an in-build label (not interpreter_path), so no absolute path of this
# machine ends up in the stubs and remote-cache keys match across checkouts.
py_runtime(
    name = "py3",
    interpreter = "venv/bin/python3",
    files = ["venv/pyvenv.cfg"],
    python_version = "PY3",
    stub_shebang = "#!/usr/bin/env python3",
)

py_runtime_pair(name = "pair", py3_runtime = ":py3")

toolchain(
    name = "toolchain",
    toolchain = ":pair",
    toolchain_type = "@bazel_tools//tools/python:toolchain_type",
)
"""

def _local_python_impl(rctx):
    name = rctx.os.environ.get("BAZEL_PYTHON", "python3")
    py = rctx.which(name)
    if not py:
        fail("local_python: no '%s' on PATH. Install Python 3.11+ or set BAZEL_PYTHON=/path/to/python3." % name)
    res = _execute_checked(rctx, "local_python: probe interpreter", [
        py,
        "-c",
        "import os,sys;print(os.path.realpath(sys.executable));print('%d.%d' % sys.version_info[:2]);print(sys.version_info >= (3, 11))",
    ])
    real, version, recent = res.stdout.strip().split("\n")
    if recent != "True":
        fail("local_python: %s is Python %s; this workspace needs 3.11+ (PYTHONSAFEPATH). Set BAZEL_PYTHON." % (real, version))

    # A hand-made venv (symlink + pyvenv.cfg): `python -m venv` would write this checkout's absolute
    # path into pyvenv.cfg, and without the venv the host site-packages would leak into tests.
    rctx.symlink(real, "venv/bin/python3")
    rctx.file("venv/pyvenv.cfg", "home = %s\ninclude-system-site-packages = false\nversion = %s\n" % (
        real.rpartition("/")[0],
        version,
    ))
    rctx.file("BASE_PYTHON", real + "\n")
    rctx.file("BUILD.bazel", _TOOLCHAIN_BUILD)

local_python = repository_rule(
    implementation = _local_python_impl,
    doc = "Python toolchain over the host interpreter, isolated from its site-packages.",
    environ = ["BAZEL_PYTHON", "PATH"],
    local = True,
)

def _pip_locked_impl(rctx):
    py = rctx.read(rctx.attr.base_python).strip()
    tool = rctx.path(rctx.attr._tool)
    lock = rctx.path(rctx.attr.lock)

    # Refuse a lock that pip would install loosely (a line without --hash) before touching pip.
    _execute_checked(rctx, "pip_locked(%s): check %s" % (rctx.name, rctx.attr.lock), [py, tool, "check-lock", lock])

    cmd = [
        py,
        "-m",
        "pip",
        "install",
        "--require-hashes",
        "--no-deps",
        "--only-binary=:all:",
        "--no-compile",
        "--no-input",
        "--disable-pip-version-check",
        "--target",
        str(rctx.path("site-packages")),
        "-r",
        str(lock),
    ]
    wheelhouse = rctx.os.environ.get("BAZEL_PIP_WHEELHOUSE", "")
    if wheelhouse:
        cmd += ["--no-index", "--find-links", wheelhouse]
    _execute_checked(rctx, "pip_locked(%s): pip install" % rctx.name, cmd, timeout = 1200)
    _execute_checked(
        rctx,
        "pip_locked(%s): byte-compile" % rctx.name,
        [py, tool, "compile", rctx.path("site-packages")],
        timeout = 1200,
        environment = {"PYTHONHASHSEED": "0"},
    )
    _execute_checked(rctx, "pip_locked(%s): generate BUILD files" % rctx.name, [
        py,
        tool,
        "gen-build",
        "--lock",
        lock,
        "--site-packages",
        rctx.path("site-packages"),
        "--out",
        rctx.path("."),
    ])
    if rctx.attr.python_launcher:
        add_python_launcher(rctx)

pip_locked = repository_rule(
    implementation = _pip_locked_impl,
    doc = """Installs a pip-compile style lock (every line `name==version --hash=sha256:...`) with
    `pip --require-hashes` and exposes one py_library per distribution: `@<name>//pytest` or
    `requirement("pytest")`. Editing the lock file re-fetches; nothing else does (except
    BAZEL_PIP_WHEELHOUSE, a directory of wheels for fully offline installs).""",
    attrs = {
        "lock": attr.label(allow_single_file = True, mandatory = True),
        "base_python": attr.label(default = "@local_python//:BASE_PYTHON"),
        "python_launcher": attr.bool(
            default = False,
            doc = "Also make `:python`, an interpreter that sees only these packages (for real SDK CLIs).",
        ),
        "_tool": attr.label(default = "//tools/private:pip_lock.py"),
    },
    environ = ["BAZEL_PIP_WHEELHOUSE"],
)

_PYTHON_LAUNCHER = """#!/usr/bin/env bash
# Runs Python with only this repository's packages importable: a real SDK's dependencies never mix
# with the project's. The interpreter is the test's own (XTEST_PYTHON, set by the suite).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHONPATH="$here/site-packages" exec "${XTEST_PYTHON:-python3}" "$@"
"""

def add_python_launcher(rctx):
    """Writes `python.sh` (see _PYTHON_LAUNCHER) and exports it with the site-packages as data.

    Args:
      rctx: the repository context of a pip_locked repository.
    """
    rctx.file("python.sh", _PYTHON_LAUNCHER, executable = True)
    rctx.file("BUILD.bazel", rctx.read("BUILD.bazel") + """
sh_binary(
    name = "python",
    srcs = ["python.sh"],
    data = [":all"],
)
""")
