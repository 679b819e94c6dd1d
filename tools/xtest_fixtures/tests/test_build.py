"""The fixture builder's command line and its choice of what to build."""

import pytest

from tools.xtest_fixtures import build


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
