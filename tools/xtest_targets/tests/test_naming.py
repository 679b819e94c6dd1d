"""Target names and tags for xtest owners (table tests)."""

import pytest

from tools.xtest_targets.naming import NamingError, group_of, sdks_in_nodeid, tags, target_name


@pytest.mark.parametrize(
    "group, sdk, container, expected",
    [
        ("tdfs", "js@main", "ztdf", "tdfs_js_ztdf"),
        ("tdfs", "js@main", "ztdf-ecwrap", "tdfs_js_ztdf_ecwrap"),
        ("tdfs", "go@v0.35.0", "nano", "tdfs_go_v0_35_0_nano"),
        ("legacy", "py@main", "none", "legacy_py"),
        ("self", "none", "none", "self"),
        ("policytypes", "ref@main", "ztdf", "policytypes_ref_ztdf"),
    ],
)
def test_target_name(group, sdk, container, expected):
    assert target_name(group, sdk, container) == expected


@pytest.mark.parametrize("sdk", ["js", "@main", "js@"])
def test_sdk_must_be_name_at_version(sdk):
    with pytest.raises(NamingError):
        target_name("tdfs", sdk, "ztdf")


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


def test_tags_name_every_sdk_and_the_owner():
    assert tags("js@main", "ztdf", ["js@main", "py@main"], workers=2) == [
        "block-network",
        "container-ztdf",
        "cpu:2",
        "owner-js",
        "sdk-js",
        "sdk-py",
        "xtest",
    ]
    assert "container-none" not in tags("py@main", "none", ["py@main"])
