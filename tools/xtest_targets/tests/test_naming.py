"""Target names and tags for xtest owners (table tests)."""

import pytest

from tools.xtest_targets.naming import (
    NamingError,
    fixtures_name,
    group_of,
    sdks_in_nodeid,
    tags,
    target_name,
)


@pytest.mark.parametrize(
    "group, sdks, container, expected",
    [
        ("tdfs", ["js@main", "py@main"], "ztdf", "js_x_py_ztdf"),
        ("abac", ["py@main", "js@main"], "ztdf-ecwrap", "js_x_py_ztdf_ecwrap"),
        ("nano", ["go@v0.35.0"], "nano", "go_v0_35_0_x_go_v0_35_0_nano"),
        ("tdfs", ["go@v0.35.0", "go@v0.4.7"], "none", "go_v0_35_0_x_go_v0_4_7"),
        ("legacy", ["java@main"], "none", "java_x_java"),
        ("self", [], "none", "self"),
        ("policytypes", [], "nano", "policytypes_nano"),
    ],
)
def test_target_name(group, sdks, container, expected):
    assert target_name(group, sdks, container) == expected


@pytest.mark.parametrize("sdk", ["js", "@main", "js@"])
def test_sdk_must_be_name_at_version(sdk):
    with pytest.raises(NamingError):
        target_name("tdfs", [sdk], "ztdf")


def test_fixtures_name():
    assert fixtures_name("go@v0.35.0") == "fixtures_go_v0_35_0"
    assert fixtures_name("js@main") == "fixtures_js"
    with pytest.raises(NamingError, match="needs an SDK"):
        fixtures_name("none")


def test_group_of():
    assert group_of("test_tdfs.py") == "tdfs"
    assert group_of("xtest/test_abac.py") == "abac"
    with pytest.raises(NamingError, match="not a test_"):
        group_of("conftest.py")


def test_sdks_in_nodeid_in_order_without_duplicates():
    nodeid = "test_tdfs.py::test_tdf_roundtrip[js@main-py@main-ztdf-small]"
    assert sdks_in_nodeid(nodeid) == ["js@main", "py@main"]
    assert sdks_in_nodeid("test_tdfs.py::test_x[go@v0.35.0-go@v0.35.0-nano]") == ["go@v0.35.0"]
    assert sdks_in_nodeid("test_self.py::test_namespaces") == []


def test_tags_name_every_sdk_and_the_container():
    assert tags(["js@main", "py@main"], "ztdf", workers=2) == [
        "block-network",
        "container-ztdf",
        "cpu:2",
        "sdk-js",
        "sdk-py",
        "xtest",
    ]
    assert tags(["go@v0.35.0", "go@v0.4.7"], "none") == ["block-network", "cpu:1", "sdk-go", "xtest"]
