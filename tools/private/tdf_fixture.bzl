"""tdf_fixtures: an SDK's prebuilt xtest ciphertexts for one container, as a cacheable output.

The action starts the embedded platform on its private loopback (`block-network`) and runs the
SDK's `cli.sh encrypt` for every deterministic scenario; its output directory lands in the disk or
remote cache, so another machine downloads the ciphertexts instead of re-encrypting. An SDK that
fails to encrypt does not fail the build: the failure is recorded and the consuming test fails.
"""

def _tdf_fixtures_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    args = ctx.actions.args()
    args.add("--sdk", ctx.attr.sdk)
    args.add("--container", ctx.attr.container)
    args.add("--out-dir", out.path)
    for var, path in sorted(ctx.attr.runfiles_env.items()):
        args.add("--runfiles-env", "%s=%s" % (var, path))
    ctx.actions.run(
        executable = ctx.executable.builder,
        arguments = [args],
        outputs = [out],
        mnemonic = "TdfFixture",
        progress_message = "Encrypting xtest fixtures with %s (%s)" % (ctx.attr.sdk, ctx.attr.container),
        # Own network namespace: the platform listens on the canonical localhost:8080.
        execution_requirements = {"block-network": ""},
        env = {"XTEST_PLATFORM_PORT": "8080", "PYTHONSAFEPATH": "1", "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

tdf_fixtures = rule(
    implementation = _tdf_fixtures_impl,
    doc = "Prebuilt ciphertexts of one SDK and container (a directory named after the target).",
    attrs = {
        "builder": attr.label(
            executable = True,
            cfg = "exec",
            mandatory = True,
            doc = "py_binary running tools/xtest_fixtures/build.py with the SDK's files as data.",
        ),
        "sdk": attr.string(mandatory = True, doc = "name@version"),
        "container": attr.string(mandatory = True, values = ["ztdf", "ztdf-ecwrap", "nano"]),
        "runfiles_env": attr.string_dict(doc = "VAR -> path under the builder's runfiles (e.g. pip_sdk_py/python.sh)."),
    },
)
