"""xtest_suite: one pytest target per owner (SDKs, container) of the xtest matrix, fixture sets, test_suites."""

load("//xtest/sdk:sdks.bzl", "sdk_runtime")
load(":pytest_test.bzl", "pytest_test")
load(":tdf_fixture.bzl", "tdf_fixtures")

_FIXTURE_BUILDER = str(Label("//tools/xtest_fixtures:build.py"))

def _validate(target, sdks):
    for sdk in target["sdks"]:
        if sdk not in sdks:
            fail("xtest target %s runs SDK %r, which xtest/sdk/sdks.bzl does not describe (known: %s). Add it there, or regenerate xtest/targets.bzl with --sdks naming only known SDKs." % (
                target["name"],
                sdk,
                ", ".join(sorted(sdks.keys())),
            ))

def _fixture_builder(builder, sdk_info, deps):
    """A py_binary that builds fixtures with one SDK: the builder plus that SDK's files."""
    native.py_binary(
        name = builder,
        srcs = [_FIXTURE_BUILDER],
        main = _FIXTURE_BUILDER,
        deps = deps + [str(Label("//tools/xtest_fixtures"))],
        data = sdk_info.data + sdk_info.env_data,
        python_version = "PY3",
    )
    return True

def _declare_fixtures(name, fixtures, sdks, deps):
    """One tdf_fixtures per SDK version, for every container it is read in.

    Each is built by a py_binary per SDK: the builder plus that SDK's files.
    """
    builders = {}
    for fixture in fixtures:
        sdk = fixture["sdk"].partition("@")[0]
        if sdk not in sdks:
            fail("fixture set %s uses SDK %r, which xtest/sdk/sdks.bzl does not describe" % (fixture["name"], sdk))
        builder = "%s_fixture_builder_%s" % (name, sdk)
        if builder not in builders:
            builders[builder] = _fixture_builder(builder, sdks[sdk], deps)
        tdf_fixtures(
            name = fixture["name"],
            builder = ":" + builder,
            sdk = fixture["sdk"],
            containers = fixture["containers"],
            runfiles_env = sdks[sdk].tool_env,
            tags = ["xtest-fixture", "sdk-" + sdk] + ["container-" + c for c in fixture["containers"]],
        )

def xtest_suite(name, targets, fixtures, sdks, deps = [], data = []):
    """Declares the xtest targets, their fixture sets and per-SDK / per-container test_suites.

    Args:
      name: prefix of the test_suites (`<name>_sdk_js`, `<name>_container_ztdf`).
      targets: XTEST_TARGETS from the generated xtest/targets.bzl (names, test files, SDKs, shards,
        xdist workers, tags, fixture sets).
      fixtures: XTEST_FIXTURES from the same file: one prebuilt fixture set per SDK version, with
        the containers it is built for.
      sdks: XTEST_SDKS from xtest/sdk/sdks.bzl: what each SDK needs at run time.
      deps: the suite's libraries (conftest, fixtures, platform).
      data: files every target reads (pytest.ini, golden files).
    """
    by_sdk = {}
    by_container = {}
    _declare_fixtures(name, fixtures, sdks, deps)
    for target in targets:
        _validate(target, sdks)
        runtime = sdk_runtime(target["sdks"], sdks)
        sdk_data = list(runtime.data)
        runfiles_env = dict(runtime.runfiles_env)
        if target["fixtures"]:
            sdk_data += [":" + f for f in target["fixtures"]]

            # A list of directories, ":"-separated (the runner absolutizes each).
            runfiles_env["XTEST_PREBUILT_DIR"] = ":".join(["$(rootpath :%s)" % f for f in target["fixtures"]])
        pytest_test(
            name = target["name"],
            size = "large",
            srcs = target["srcs"],
            deps = deps,
            data = data + sdk_data,
            shard_count = target["shard_count"],
            workers = target["workers"],
            pytest_args = [
                # Bazel shell-tokenizes args: a comma-separated list stays one argument.
                "--sdks=" + ",".join(target["sdks"]),
                "--owner-sdks=" + (",".join(target["owner_sdks"]) or "none"),
                "--owner-containers=" + target["container"],
            ],
            env = {"XTEST_PLATFORM_PORT": "8080"},
            runfiles_env = runfiles_env,
            tags = target["tags"],
        )
        for tag in target["tags"]:
            if tag.startswith("sdk-"):
                by_sdk.setdefault(tag[len("sdk-"):], []).append(":" + target["name"])
            elif tag.startswith("container-"):
                by_container.setdefault(tag[len("container-"):], []).append(":" + target["name"])
    for sdk, tests in sorted(by_sdk.items()):
        native.test_suite(name = "%s_sdk_%s" % (name, sdk), tests = tests)
    for container, tests in sorted(by_container.items()):
        native.test_suite(name = "%s_container_%s" % (name, container.replace("-", "_")), tests = tests)
