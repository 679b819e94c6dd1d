"""tdf_fixtures: an SDK's prebuilt xtest ciphertexts for one container, as a cacheable output.

The action starts the embedded platform on its private loopback (`block-network`) and runs the
SDK's `cli.sh encrypt` for every deterministic scenario; its output directory lands in the disk or
remote cache, so another machine downloads the ciphertexts instead of re-encrypting. An SDK that
fails to encrypt does not fail the build: the failure is recorded and the consuming test fails.
"""

# Python settings of every builder action: no .pyc written into the sandbox, no cwd on sys.path.
_PYTHON_ENV = {"PYTHONSAFEPATH": "1", "PYTHONDONTWRITEBYTECODE": "1"}

def _builder_args(ctx):
    args = ctx.actions.args()
    args.add("--sdk", ctx.attr.sdk)
    for var, path in sorted(ctx.attr.runfiles_env.items()):
        args.add("--runfiles-env", "%s=%s" % (var, path))
    return args

def _sdk_supports_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".json")
    args = _builder_args(ctx)
    args.add("--probe-supports", out.path)
    ctx.actions.run(
        executable = ctx.executable.builder,
        arguments = [args],
        outputs = [out],
        mnemonic = "SdkSupports",
        progress_message = "Asking %s what it supports" % ctx.attr.sdk,
        execution_requirements = {"block-network": ""},
        env = _PYTHON_ENV,
    )
    return [DefaultInfo(files = depset([out]))]

_BUILDER_ATTRS = {
    "builder": attr.label(
        executable = True,
        cfg = "exec",
        mandatory = True,
        doc = "py_binary running tools/xtest_fixtures/build.py with the SDK's files as data.",
    ),
    "sdk": attr.string(mandatory = True, doc = "name@version"),
    "runfiles_env": attr.string_dict(doc = "VAR -> path under the builder's runfiles (e.g. pip_sdk_py/python.sh)."),
}

sdk_supports = rule(
    implementation = _sdk_supports_impl,
    doc = "One SDK's `cli.sh supports` answers to every feature the suite asks about (<name>.json), " +
          "probed once and shared by the SDK's fixture sets of every container.",
    attrs = _BUILDER_ATTRS,
)

def _tdf_fixtures_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    args = _builder_args(ctx)
    args.add("--container", ctx.attr.container)
    args.add("--supports", ctx.file.supports)
    args.add("--out-dir", out.path)
    ctx.actions.run(
        executable = ctx.executable.builder,
        arguments = [args],
        inputs = [ctx.file.supports],
        outputs = [out],
        mnemonic = "TdfFixture",
        progress_message = "Encrypting xtest fixtures with %s (%s)" % (ctx.attr.sdk, ctx.attr.container),
        # Own network namespace: the platform listens on the canonical localhost:8080.
        execution_requirements = {"block-network": ""},
        env = dict(_PYTHON_ENV, XTEST_PLATFORM_PORT = "8080"),
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

tdf_fixtures = rule(
    implementation = _tdf_fixtures_impl,
    doc = "Prebuilt ciphertexts of one SDK and container (a directory named after the target).",
    attrs = dict(
        _BUILDER_ATTRS,
        container = attr.string(mandatory = True, values = ["ztdf", "ztdf-ecwrap", "nano"]),
        supports = attr.label(mandatory = True, allow_single_file = [".json"], doc = "the SDK's sdk_supports"),
    ),
)
