"""bzlmod module extension declaring the real-SDK repositories (Bazel >= 7; not exercised by CI).

WORKSPACE (Bazel 4.2.3) declares the same repositories directly; see MODULE.bazel.
"""

load("//xtest/sdk:sdk_sources.bzl", "GO_SOURCES", "GO_VERSIONS", "JAVA_SOURCES", "go_lock")
load(":node_repos.bzl", "npm_locked")
load(":python_repos.bzl", "pip_locked")
load(":sdk_build_repos.bzl", "xtest_built_sdks")

def _xtest_sdks_impl(_module_ctx):
    pip_locked(
        name = "pip_sdk_py",
        lock = "//xtest/sdk/py:requirements_lock.txt",
        python_launcher = True,
        # Under bzlmod the interpreter comes from rules_python's toolchain repository.
        base_python = "@local_python//:BASE_PYTHON",
    )
    npm_locked(
        name = "npm_sdk_js",
        lock = "//xtest/sdk/js:package-lock.json",
        package_json = "//xtest/sdk/js:package.json",
    )
    xtest_built_sdks(
        go_lock = go_lock,
        go_sources = GO_SOURCES,
        go_versions = GO_VERSIONS,
        java_sources = JAVA_SOURCES,
    )

xtest_sdks = module_extension(implementation = _xtest_sdks_impl)
