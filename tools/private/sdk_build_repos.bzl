"""Repository rules that build a real SDK's CLI with its own locked build script.

The scripts (tools/sdks/go/build_otdfctl.sh, tools/sdks/java/build_cli.sh) verify every module or
jar against a committed lock (go.sum, deps.lock) and keep their download caches under
~/.cache/xtest, so only the first build on a machine needs the registries. Go and the JDK are the
host toolchain. Every source and lock file is an attribute, so editing one rebuilds that SDK only.
"""

def _built_sdk_impl(rctx):
    # Resolving every source makes its content part of this repository's fingerprint.
    for src in rctx.attr.srcs:
        rctx.path(src)
    script = rctx.path(rctx.attr.script)
    out = rctx.path("out")
    env = {"PATH": rctx.os.environ.get("PATH", "/usr/bin:/bin")}
    for var in ("HOME", "XDG_CACHE_HOME", "XTEST_GO", "XTEST_GO_CACHE", "XTEST_JAVA_CACHE", "GOPROXY", "JAVA_HOME"):
        if rctx.os.environ.get(var):
            env[var] = rctx.os.environ[var]
    rctx.execute(["mkdir", "-p", str(out)])
    res = rctx.execute(["bash", str(script)] + rctx.attr.args + [str(out)], environment = env, timeout = 1800, quiet = True)
    if res.return_code != 0:
        fail("%s: %s %s failed (exit %d)\nstdout:\n%s\nstderr:\n%s" % (
            rctx.name,
            rctx.attr.script,
            " ".join(rctx.attr.args),
            res.return_code,
            res.stdout,
            res.stderr,
        ))
    rctx.file("BUILD.bazel", """\
package(default_visibility = ["//visibility:public"])

filegroup(
    name = "files",
    srcs = glob(["out/**"]),
)

exports_files(glob(["out/*"]))
""")

built_sdk = repository_rule(
    implementation = _built_sdk_impl,
    doc = "Runs `bash SCRIPT ARGS... OUTDIR` once; exposes OUTDIR's files as `:files` and `out/<name>`.",
    attrs = {
        "script": attr.label(allow_single_file = True, mandatory = True),
        "args": attr.string_list(doc = "arguments before OUTDIR (e.g. the SDK version)"),
        "srcs": attr.label_list(allow_files = True, doc = "sources and locks the build reads"),
    },
    environ = ["XTEST_GO", "XTEST_GO_CACHE", "XTEST_JAVA_CACHE"],
)

def go_repo_name(version):
    return "go_sdk_" + version.replace(".", "_")

def xtest_built_sdks(go_versions, go_sources, go_lock, java_sources):
    """Declares one repository per Go SDK version and one for the Java CLI.

    Args:
      go_versions: Go SDK versions (each has xtest/sdk/go/lock/<version>/).
      go_sources: the Go CLI's source labels.
      go_lock: function version -> its lock file labels.
      java_sources: the Java CLI's source and lock labels.
    """
    for version in go_versions:
        built_sdk(
            name = go_repo_name(version),
            script = "//tools/sdks:go/build_otdfctl.sh",
            args = [version],
            srcs = go_sources + go_lock(version),
        )
    built_sdk(
        name = "java_sdk_cli",
        script = "//tools/sdks:java/build_cli.sh",
        srcs = java_sources,
    )
