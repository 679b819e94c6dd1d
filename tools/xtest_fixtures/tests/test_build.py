"""The fixture builder's command line and its use of the per-SDK supports table."""

import pytest

from tools.xtest_fixtures import build
from xtest import prebuilt


def test_building_needs_container_supports_and_out_dir(capsys):
    with pytest.raises(SystemExit):
        build.parse_args(["--sdk", "js@main", "--container", "ztdf", "--out-dir", "d"])
    assert "--supports" in capsys.readouterr().err


def test_probe_mode_needs_only_the_sdk_and_the_file(tmp_path):
    args = build.parse_args(["--sdk", "js@main", "--probe-supports", str(tmp_path / "s.json")])
    assert args.probe_supports == tmp_path / "s.json" and args.container is None


def test_load_answers_reads_the_probed_table(tmp_path):
    path = tmp_path / "s.json"
    prebuilt.write_supports_file(path, "js@main", {"nano": True, "hexless": False})
    assert build.load_answers(path, "js@main") == {"nano": True, "hexless": False}


def test_load_answers_refuses_another_sdks_table(tmp_path):
    path = tmp_path / "s.json"
    prebuilt.write_supports_file(path, "py@main", {"nano": True})
    with pytest.raises(prebuilt.PrebuiltError, match="py@main, not js@main"):
        build.load_answers(path, "js@main")


def test_load_answers_names_a_broken_file(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{not json")
    with pytest.raises(prebuilt.PrebuiltError, match="s.json: not a supports table"):
        build.load_answers(path, "js@main")


def test_a_container_needs_its_feature():
    assert build.can_encrypt({"nano": True}, "nano")
    assert not build.can_encrypt({"nano": False}, "nano")
    assert not build.can_encrypt({}, "ztdf-ecwrap")
    assert build.can_encrypt({}, "ztdf")
