"""npm_locked: installs a package-lock.json with `npm ci` (integrity-checked) into an external repo.

Node itself is the host toolchain (/usr/bin/node); the packages are pinned by the lock's
integrity hashes. Editing package.json or the lock re-fetches; nothing else does.
"""

def _npm_locked_impl(rctx):
    rctx.symlink(rctx.attr.package_json, "package.json")
    rctx.symlink(rctx.attr.lock, "package-lock.json")
    npm = rctx.which("npm")
    if not npm:
        fail("npm_locked(%s): npm is not on PATH; install Node.js 20 (Debian: nodejs npm)" % rctx.name)
    res = rctx.execute(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        timeout = 1200,
        quiet = True,
    )
    if res.return_code != 0:
        fail("npm_locked(%s): npm ci failed (exit %d)\\nstdout:\\n%s\\nstderr:\\n%s" % (rctx.name, res.return_code, res.stdout, res.stderr))
    rctx.file("BUILD.bazel", """\
package(default_visibility = ["//visibility:public"])

# Every installed file node can load (names with spaces cannot be labels). Type declarations,
# TypeScript sources, source maps and docs are never read at run time; leaving them out spares
# every action that uses the packages ~30% of its input symlinks and digests.
filegroup(
    name = "node_modules",
    srcs = glob(
        ["node_modules/**"],
        exclude = ["**/* *", "**/*.ts", "**/*.d.mts", "**/*.d.cts", "**/*.map", "**/*.md"],
    ),
)

exports_files(glob(["node_modules/.bin/*"]))
""")

npm_locked = repository_rule(
    implementation = _npm_locked_impl,
    doc = "`npm ci` of a committed package-lock.json; exposes `:node_modules` and `node_modules/.bin/*`.",
    attrs = {
        "package_json": attr.label(allow_single_file = True, mandatory = True),
        "lock": attr.label(allow_single_file = True, mandatory = True),
    },
    environ = ["npm_config_registry"],
)
