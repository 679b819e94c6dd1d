"""Which SDKs plain pytest needs, where they are, and installing them into the scratch copy."""

import pytest

from tools.bench.errors import SetupError
from tools.bench.sdk_setup import (
    SdkInstall,
    adapter_env,
    check_installed,
    go_env_var,
    go_versions,
    install,
    missing,
    requirements,
)


def test_go_env_var_matches_the_adapter():
    assert go_env_var("v0.35.0") == "XTEST_OTDFCTL_V0_35_0"


def test_ref_needs_nothing():
    assert requirements(("ref",), ["v0.35.0"]) == []


def test_requirements_per_sdk_and_go_version():
    needs = {n.sdk: n for n in requirements(("ref", "py", "js", "go", "java"), ["v0.35.0", "v0.4.7"])}
    assert sorted(needs) == ["go@v0.35.0", "go@v0.4.7", "java", "js", "py"]
    assert needs["go@v0.4.7"].command == "tools/sdks/go/build_otdfctl.sh v0.4.7 xtest/sdk/go/dist/v0.4.7/bin"
    assert needs["js"].env_path == "xtest/sdk/js/node_modules"
    assert needs["java"].env == "XTEST_JAVA_CLI_DIR"


def test_go_versions_are_dist_dirs_with_an_adapter(tmp_path):
    for version in ("v0.35.0", "v0.4.7"):
        (tmp_path / "xtest/sdk/go/dist" / version).mkdir(parents=True)
        (tmp_path / "xtest/sdk/go/dist" / version / "cli.sh").write_text("")
    (tmp_path / "xtest/sdk/go/dist/v0.30.0/bin").mkdir(parents=True)  # a leftover build, no adapter
    assert go_versions(tmp_path) == ["v0.35.0", "v0.4.7"]


def test_missing_and_adapter_env(tmp_path):
    needs = requirements(("py", "js"), [])
    (tmp_path / "xtest/sdk/js/node_modules/.bin").mkdir(parents=True)
    (tmp_path / "xtest/sdk/js/node_modules/.bin/opentdf").write_text("")
    assert [n.sdk for n in missing(needs, tmp_path)] == ["py"]
    env = adapter_env(needs, tmp_path)
    assert env["XTEST_JS_SDK_NODE_MODULES"] == str(tmp_path / "xtest/sdk/js/node_modules")
    assert env["XTEST_PY_SDK_PYTHON"] == str(tmp_path / "xtest/sdk/py/.venv/bin/python")


def test_checkout_mode_names_the_install_commands_of_missing_sdks(tmp_path):
    with pytest.raises(SetupError, match=r"xtest/sdk/py/install.sh"):
        check_installed(requirements(("py",), []), tmp_path)


def test_checkout_mode_accepts_installed_sdks(tmp_path):
    need = SdkInstall("fake", "out/marker", "XTEST_FAKE", "out", "false")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/marker").write_text("")
    check_installed([need], tmp_path)  # no error, and the command ("false") is not run


def test_install_runs_every_command_in_the_tree_and_logs_it(tmp_path):
    tree, logs = tmp_path / "tree", tmp_path / "logs"
    tree.mkdir()
    logs.mkdir()
    need = SdkInstall("go@v1", "out/marker", "XTEST_FAKE", "out", "mkdir -p out && touch out/marker && echo built")
    install([need], tree, logs, timeout=30)
    assert (tree / "out/marker").exists()
    assert (logs / "install-go-v1.log").read_text() == "built\n"


def test_an_install_that_leaves_no_marker_fails_naming_its_log(tmp_path):
    need = SdkInstall("fake", "out/marker", "XTEST_FAKE", "out", "echo oops >&2")
    expected = r"installing fake failed \(exit 0, out/marker absent\); see .*install-fake.log"
    with pytest.raises(SetupError, match=expected):
        install([need], tmp_path, tmp_path, timeout=30)


def test_a_failing_install_names_its_exit_code(tmp_path):
    need = SdkInstall("fake", "out/marker", "XTEST_FAKE", "out", "exit 7")
    with pytest.raises(SetupError, match=r"exit 7"):
        install([need], tmp_path, tmp_path, timeout=30)


def test_an_install_past_its_timeout_fails(tmp_path):
    need = SdkInstall("fake", "out/marker", "XTEST_FAKE", "out", "sleep 5")
    with pytest.raises(SetupError, match=r"took over 0 s"):
        install([need], tmp_path, tmp_path, timeout=0.2)
