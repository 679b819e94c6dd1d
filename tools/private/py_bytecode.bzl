"""py_bytecode and compiled_py_library: first-party Python modules byte-compiled at build time.

Every SDK call of the reference SDK and every test or fixture action starts a fresh interpreter in
a fresh sandbox, where nothing it compiles is kept (PYTHONDONTWRITEBYTECODE, and the sandbox is
deleted): without .pyc files each start compiled every first-party module it imported again. The
.pyc files are build outputs instead, cached like any other, laid out where the interpreter looks
for them (`<dir>/__pycache__/<module>.<tag>.pyc` next to each source in the runfiles). The
third-party repositories are compiled the same way when they are installed (pip_lock.py).
"""

_TOOLCHAIN = "@bazel_tools//tools/python:toolchain_type"
_COMPILER = Label("//tools/private:compile_pyc.py")

def _package_dir(label):
    """Where the package's sources are: `tools/tdf`, or `external/xtest/tools/tdf` from another workspace."""
    if label.workspace_root:
        return label.workspace_root + ("/" + label.package if label.package else "")
    return label.package

def _subdir(package, dirname):
    """`tools/tdf/tests` in package `tools/tdf` -> `tests/`; the package itself -> ``."""
    if dirname == package:
        return ""
    if package and not dirname.startswith(package + "/"):
        fail("%s is not under package %s: py_bytecode compiles the package's own sources" % (dirname, package))
    return dirname[len(package) + 1:] + "/" if package else dirname + "/"

def _py_bytecode_impl(ctx):
    runtime = ctx.toolchains[_TOOLCHAIN].py3_runtime
    by_dir = {}
    for src in ctx.files.srcs:
        if src.extension == "py":
            by_dir.setdefault(src.dirname, []).append(src)
    outputs = []
    for dirname, srcs in sorted(by_dir.items()):
        out = ctx.actions.declare_directory(_subdir(_package_dir(ctx.label), dirname) + "__pycache__")
        args = ctx.actions.args()
        args.add(ctx.file._compiler)
        args.add(out.path)
        args.add_all(srcs)
        ctx.actions.run(
            executable = runtime.interpreter or runtime.interpreter_path,
            arguments = [args],
            inputs = depset(srcs + [ctx.file._compiler], transitive = [runtime.files]),
            outputs = [out],
            mnemonic = "PyBytecode",
            progress_message = "Byte-compiling %d modules of %s" % (len(srcs), ctx.label),
            env = {"PYTHONHASHSEED": "0", "PYTHONSAFEPATH": "1"},
        )
        outputs.append(out)
    return [DefaultInfo(files = depset(outputs), runfiles = ctx.runfiles(files = outputs))]

py_bytecode = rule(
    implementation = _py_bytecode_impl,
    doc = "Checked-hash .pyc files of srcs, one __pycache__ tree per source directory of the package.",
    attrs = {
        "srcs": attr.label_list(allow_files = [".py"], doc = "the package's own .py files"),
        "_compiler": attr.label(default = _COMPILER, allow_single_file = True),
    },
    toolchains = [_TOOLCHAIN],
)

def compiled_py_library(name, srcs, data = [], **kwargs):
    """A py_library that carries its modules' .pyc files in its runfiles.

    Args:
      name: the py_library.
      srcs: its .py files (of this package).
      data: as for py_library.
      **kwargs: as for py_library (deps, visibility, testonly, ...).
    """
    py_bytecode(
        name = name + "_pyc",
        srcs = srcs,
        testonly = kwargs.get("testonly", False),
        visibility = ["//visibility:private"],
    )
    native.py_library(
        name = name,
        srcs = srcs,
        data = data + [":" + name + "_pyc"],
        **kwargs
    )
