"""Runfiles-path variables become absolute before pytest starts."""

import pytest

from tools.pytest_bazel.runfiles_env import LIST_ENV, RunfilesEnvError, absolutized


def test_listed_variables_become_absolute_and_normalized(tmp_path):
    (tmp_path / "repo" / "node_modules" / ".bin").mkdir(parents=True)
    (tmp_path / "repo" / "node_modules" / ".bin" / "tool").write_text("")
    work = tmp_path / "ws"
    work.mkdir()
    env = {
        LIST_ENV: "MODULES,TOOL",
        "MODULES": "../repo/node_modules/.bin/tool/../..",
        "TOOL": "../repo/node_modules/.bin/tool",
    }
    assert absolutized(env, str(work)) == {
        "MODULES": str(tmp_path / "repo" / "node_modules"),
        "TOOL": str(tmp_path / "repo" / "node_modules" / ".bin" / "tool"),
    }


def test_unlisted_variables_are_left_alone(tmp_path):
    assert absolutized({"OTHER": "rel/path"}, str(tmp_path)) == {}


def test_listed_but_unset_is_an_error(tmp_path):
    with pytest.raises(RunfilesEnvError, match="MISSING is listed"):
        absolutized({LIST_ENV: "MISSING"}, str(tmp_path))


def test_path_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(RunfilesEnvError, match="NOPE=gone: 'gone' resolves to"):
        absolutized({LIST_ENV: "NOPE", "NOPE": "gone"}, str(tmp_path))


def test_a_colon_separated_list_is_absolutized_path_by_path(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    env = {LIST_ENV: "DIRS", "DIRS": "a:b/../b"}
    assert absolutized(env, str(tmp_path)) == {"DIRS": f"{tmp_path / 'a'}:{tmp_path / 'b'}"}
    with pytest.raises(RunfilesEnvError, match="'gone' resolves to"):
        absolutized({LIST_ENV: "DIRS", "DIRS": "a:gone"}, str(tmp_path))
