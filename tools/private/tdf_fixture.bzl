"""tdf_fixtures: an SDK version's prebuilt xtest ciphertexts, as a cacheable output.

One action per SDK version: it records the SDK's `supports` answers, starts the embedded platform
on its private loopback (`block-network`) and runs the SDK's `cli.sh encrypt` for every
deterministic scenario of every container asked for; its output directory lands in the disk or
remote cache, so another machine downloads the ciphertexts instead of re-encrypting. An SDK that
fails to encrypt does not fail the build: the failure is recorded and the consuming test fails.
"""

# Python settings of every builder action: no .pyc written into the sandbox, no cwd on sys.path.
_PYTHON_ENV = {"PYTHONSAFEPATH": "1", "PYTHONDONTWRITEBYTECODE": "1"}

def _tdf_fixtures_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    args = ctx.actions.args()
    args.add("--sdk", ctx.attr.sdk)
    args.add_all(ctx.attr.containers, before_each = "--container")
    args.add("--out-dir", out.path)
    for var, path in sorted(ctx.attr.runfiles_env.items()):
        args.add("--runfiles-env", "%s=%s" % (var, path))
    ctx.actions.run(
        executable = ctx.executable.builder,
        arguments = [args],
        outputs = [out],
        mnemonic = "TdfFixture",
        progress_message = "Encrypting xtest fixtures with %s (%s)" % (ctx.attr.sdk, ", ".join(ctx.attr.containers)),
        # Own network namespace: the platform listens on the canonical localhost:8080.
        execution_requirements = {"block-network": ""},
        env = dict(_PYTHON_ENV, XTEST_PLATFORM_PORT = "8080"),
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

tdf_fixtures = rule(
    implementation = _tdf_fixtures_impl,
    doc = "Prebuilt ciphertexts of one SDK version for the given containers, and its supports " +
          "answers (a directory named after the target).",
    attrs = {
        "builder": attr.label(
            executable = True,
            cfg = "exec",
            mandatory = True,
            doc = "py_binary running tools/xtest_fixtures/build.py with the SDK's files as data.",
        ),
        "sdk": attr.string(mandatory = True, doc = "name@version"),
        "containers": attr.string_list(mandatory = True, allow_empty = False, doc = "ztdf, ztdf-ecwrap, nano"),
        "runfiles_env": attr.string_dict(doc = "VAR -> path under the builder's runfiles (e.g. pip_sdk_py/python.sh)."),
    },
)
