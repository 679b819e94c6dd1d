"""Choosing the Bazel matrix that matches plain pytest's --sdks."""

import pytest

from tools.bench.errors import ParseError, SetupError
from tools.bench.matrix import BazelMatrix, choose, count_tests, parse_sdks, read_targets, selected

TARGETS_BZL = '''"""GENERATED"""

XTEST_SDK_SET = "ref py js go java"

XTEST_TARGETS = [
    {"name": "ref", "sdks": ["ref"], "tests": 5, "tags": ["sdk-ref"]},
    {"name": "self", "sdks": [], "tests": 5, "tags": []},
    {"name": "js_x_ref_ztdf", "sdks": ["js", "ref"], "tests": 40, "tags": ["sdk-js", "sdk-ref"]},
    {"name": "py_x_ref_ztdf", "sdks": ["py", "ref"], "tests": 20, "tags": ["sdk-py", "sdk-ref"]},
]
'''


def test_parse_sdks_orders_like_bazel_and_accepts_commas():
    assert parse_sdks("js, ref  py js") == ("ref", "py", "js")


@pytest.mark.parametrize("text", ["", "  ", "ref rust"])
def test_parse_sdks_rejects_unknown_or_empty(text):
    with pytest.raises(SetupError):
        parse_sdks(text)


def test_auto_is_full_only_for_every_sdk():
    assert choose(("ref", "py", "js", "go", "java")).mode == "full"
    assert choose(("ref",)).mode == "tags"
    assert choose(("ref",), "regenerated").flags == ()


def test_full_refuses_a_smaller_sdk_set():
    with pytest.raises(SetupError, match="plain pytest would run only"):
        choose(("ref", "py"), "full")


def test_tags_excludes_the_other_sdks_and_builds_tests_only():
    matrix = choose(("ref", "py"), "tags")
    assert matrix.flags == ("--test_tag_filters=-sdk-js,-sdk-go,-sdk-java", "--build_tests_only")
    assert "same tests as plain pytest" in matrix.describe()


def test_tags_with_every_sdk_needs_no_filter():
    assert choose(("ref", "py", "js", "go", "java"), "tags").flags == ()


def test_describe_names_the_mode():
    assert "regenerated" in choose(("ref",), "regenerated").describe()
    assert "as committed" in choose(("ref", "py", "js", "go", "java")).describe()


def test_read_targets_and_count_tests():
    targets = read_targets(TARGETS_BZL)
    assert [t["name"] for t in targets] == ["ref", "self", "js_x_ref_ztdf", "py_x_ref_ztdf"]
    assert count_tests(targets) == 70


def test_tags_mode_selects_targets_using_only_requested_sdks():
    names = [t["name"] for t in selected(read_targets(TARGETS_BZL), choose(("ref", "py"), "tags"))]
    assert names == ["ref", "self", "py_x_ref_ztdf"]


def test_other_modes_select_every_target():
    targets = read_targets(TARGETS_BZL)
    assert selected(targets, BazelMatrix("regenerated", ("ref",))) == targets


@pytest.mark.parametrize("text", ["nothing here", "XTEST_TARGETS = [call()]", "XTEST_TARGETS = {}"])
def test_read_targets_rejects_other_shapes(text):
    with pytest.raises(ParseError):
        read_targets(text)
