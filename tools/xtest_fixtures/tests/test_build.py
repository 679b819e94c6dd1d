"""The fixture builder's command line and its choice of what to build."""

from pathlib import Path

import pytest

from tools.xtest_fixtures import build
from xtest import scenarios, sdks
from xtest.encrypt_request import ciphertext_name


def test_building_needs_a_container_and_an_out_dir(capsys):
    with pytest.raises(SystemExit):
        build.parse_args(["--sdk", "js@main", "--out-dir", "d"])
    assert "--container" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        build.parse_args(["--sdk", "js@main", "--container", "ztdf"])
    assert "--out-dir" in capsys.readouterr().err


def test_several_containers_in_one_action():
    args = build.parse_args(["--sdk", "js@main", "--container", "ztdf", "--container", "nano", "--out-dir", "d"])
    assert args.container == ["ztdf", "nano"]


def test_an_unknown_container_is_named(capsys):
    with pytest.raises(SystemExit):
        build.parse_args(["--sdk", "js@main", "--container", "zip", "--out-dir", "d"])
    assert "'zip'" in capsys.readouterr().err


def test_a_container_needs_its_feature():
    assert build.can_encrypt({"nano": True}, "nano")
    assert not build.can_encrypt({"nano": False}, "nano")
    assert not build.can_encrypt({}, "ztdf-ecwrap")
    assert build.can_encrypt({}, "ztdf")


def _scenario_names(answers, container, tmp_path):
    sdk = sdks.SdkRef("ref", "main", Path("cli.sh"))
    return {label for label, _ in build.scenario_requests(sdk, container, answers, tmp_path)}


def test_a_scenario_needing_a_feature_is_built_only_for_sdks_with_it(tmp_path):
    have = {"nano": True, "nano_ecdsa": True, "nano_policymode_plaintext": True}
    assert _scenario_names(have, "nano", tmp_path) == {"small", "large", "nano-ecdsa", "nano-plaintext-policy"}
    lacking = {"nano": True, "nano_ecdsa": False}
    assert _scenario_names(lacking, "nano", tmp_path) == {"small", "large"}
    assert "nano-ecdsa" not in _scenario_names(have, "ztdf", tmp_path)
    assert _scenario_names({}, "ztdf", tmp_path) == {"small", "large"}
    ztdf_features = {"assertions": True, "mime_type": True}
    assert _scenario_names(ztdf_features, "ztdf", tmp_path) == {
        "small",
        "large",
        "mime-csv",
        "assertions-unkeyed",
        "assertions-keyed",
    }


def test_test_nano_asks_for_the_prebuilt_variants(tmp_path):
    """The names test_nano looks up are the ones the builder writes (same request, same digest)."""
    ecdsa = scenarios.request("ref@main", "nano", "nano-ecdsa", tmp_path)
    plain_policy = scenarios.request("ref@main", "nano", "nano-plaintext-policy", tmp_path)
    assert (ecdsa.ecdsa_binding, ecdsa.plaintext_policy) == (True, False)
    assert (plain_policy.ecdsa_binding, plain_policy.plaintext_policy) == (False, True)
    assert ciphertext_name(ecdsa) != ciphertext_name(scenarios.request("ref@main", "nano", "small", tmp_path))
