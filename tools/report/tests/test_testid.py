import pytest

from tools.report import testid


@pytest.mark.parametrize(
    ("test_id", "function", "sdks", "container", "others"),
    [
        (
            "test_tdfs.py::test_tdf_roundtrip[js@main-py@main-ztdf-small]",
            "test_tdfs.py::test_tdf_roundtrip",
            ("js@main", "py@main"),
            "ztdf",
            ("small",),
        ),
        # a hyphenated container is one container, not ztdf + "ecwrap"
        (
            "test_tdfs.py::test_tdf_roundtrip[go@v0.35.0-ref@main-ztdf-ecwrap-large]",
            "test_tdfs.py::test_tdf_roundtrip",
            ("go@v0.35.0", "ref@main"),
            "ztdf-ecwrap",
            ("large",),
        ),
        # explicit params after the container (test_policy_types) and hyphenated other params
        (
            "test_policytypes.py::test_policy_types[java@main-go@v0.4.7-nano-and]",
            "test_policytypes.py::test_policy_types",
            ("java@main", "go@v0.4.7"),
            "nano",
            ("and",),
        ),
        (
            "test_tdfs.py::test_manifest_validity[java@main-assertions-unkeyed]",
            "test_tdfs.py::test_manifest_validity",
            ("java@main",),
            None,
            ("assertions-unkeyed",),
        ),
        ("test_tdfs.py::test_tdf_spec_target_422[go@main-js@main]", None, ("go@main", "js@main"), None, ()),
        # no SDK at all: a platform self test, and Bazel's placeholder for a crashed target
        ("test_platform.py::test_health", "test_platform.py::test_health", (), None, ()),
        ("//xtest:tdfs_js", "//xtest:tdfs_js", (), None, ()),
        ("test_x.py::test_c[nano]", "test_x.py::test_c", (), "nano", ()),
    ],
)
def test_parse(test_id, function, sdks, container, others):
    p = testid.parse(test_id)
    if function is not None:
        assert p.function == function
    assert (p.sdks, p.container, p.others) == (sdks, container, others)


def test_pair_roles_follow_id_order():
    p = testid.parse("test_tdfs.py::test_tamper_unbound_policy[py@main-js@main]")
    assert p.is_pair and (p.encrypt, p.decrypt) == ("py@main", "js@main")


def test_single_sdk_has_no_role():
    p = testid.parse("test_tdfs.py::test_manifest_validity[js@main-small]")
    assert not p.is_pair and p.encrypt is None and p.decrypt is None


@pytest.mark.parametrize(("token", "ok"), [("js@main", True), ("js@", False), ("@main", False), ("a@b@c", False)])
def test_is_sdk_id(token, ok):
    assert testid.is_sdk_id(token) is ok
