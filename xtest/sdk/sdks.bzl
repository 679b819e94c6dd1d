"""What each SDK adapter needs at run time under Bazel: its files, and env vars naming them.

The SDK itself is an input (a label), so changing one SDK's lock, sources or adapter re-runs only
the targets whose tests use that SDK. `runfiles_env` values are runfiles paths the test runner
makes absolute (tools/pytest_bazel/runfiles_env.py); `tool_env` is the same for a fixture-building
tool, as paths under the tool's runfiles root.
"""

XTEST_SDKS = {
    "go": struct(
        data = [
            "//xtest/sdk/go:cli.sh",
            "//xtest/sdk/go:dist/v0.35.0/cli.sh",
            "//xtest/sdk/go:dist/v0.4.7/cli.sh",
        ],
        runfiles_env = {
            "XTEST_OTDFCTL_V0_35_0": "$(rootpath @go_sdk_v0_35_0//:out/otdfctl)",
            "XTEST_OTDFCTL_V0_4_7": "$(rootpath @go_sdk_v0_4_7//:out/otdfctl)",
        },
        env_data = [
            "@go_sdk_v0_35_0//:out/otdfctl",
            "@go_sdk_v0_4_7//:out/otdfctl",
        ],
        tool_env = {
            "XTEST_OTDFCTL_V0_35_0": "go_sdk_v0_35_0/out/otdfctl",
            "XTEST_OTDFCTL_V0_4_7": "go_sdk_v0_4_7/out/otdfctl",
        },
    ),
    "java": struct(
        data = [
            "//xtest/sdk/java:cli.sh",
            "@java_sdk_cli//:files",
        ],
        runfiles_env = {
            "XTEST_JAVA_CLI_DIR": "$(rootpath @java_sdk_cli//:out/xtest-java-cli)/..",
        },
        env_data = ["@java_sdk_cli//:out/xtest-java-cli"],
        tool_env = {"XTEST_JAVA_CLI_DIR": "java_sdk_cli/out"},
    ),
    "js": struct(
        data = [
            "//xtest/sdk/js:cli.sh",
            "@npm_sdk_js//:node_modules",
        ],
        runfiles_env = {
            # node_modules/.bin/opentdf/../.. is node_modules (normalized lexically by the runner).
            "XTEST_JS_SDK_NODE_MODULES": "$(rootpath @npm_sdk_js//:node_modules/.bin/opentdf)/../..",
        },
        env_data = ["@npm_sdk_js//:node_modules/.bin/opentdf"],
        tool_env = {"XTEST_JS_SDK_NODE_MODULES": "npm_sdk_js/node_modules"},
    ),
    "py": struct(
        data = [
            "//xtest/sdk/py:cli.sh",
            "@pip_sdk_py//:python",
        ],
        runfiles_env = {
            "XTEST_PY_SDK_PYTHON": "$(rootpath @pip_sdk_py//:python.sh)",
        },
        env_data = ["@pip_sdk_py//:python.sh"],
        tool_env = {"XTEST_PY_SDK_PYTHON": "pip_sdk_py/python.sh"},
    ),
    "ref": struct(
        data = [
            "//xtest/sdk/ref:cli.sh",
            "//tools/tdf",
        ],
        runfiles_env = {},
        env_data = [],
        tool_env = {},
    ),
}

def sdk_runtime(names, sdks = XTEST_SDKS):
    """What a test running these SDKs needs: (data labels, runfiles_env dict).

    Args:
      names: SDK names (keys of `sdks`).
      sdks: the SDK descriptions (default XTEST_SDKS).

    Returns:
      A struct with `data` (list of labels) and `runfiles_env` (dict).
    """
    data = []
    env = {}
    for name in names:
        for label in sdks[name].data + sdks[name].env_data:
            if label not in data:
                data.append(label)
        env.update(sdks[name].runfiles_env)
    return struct(data = data, runfiles_env = env)
