"""Table tests of the suite's pure functions: specs, owners, containers, keys, tamper, schema."""

from __future__ import annotations

import base64
import os
import random
from pathlib import Path

import pytest

from xtest import containers, known_issues, manifest_schema, owners, plaintexts, platform_env, sdks, tamper
from xtest.encrypt_request import EncryptRequest, ciphertext_name, key_digest

from .conftest import STUB, write_adapter


@pytest.fixture
def available(sdk_dir: Path) -> dict:
    write_adapter(sdk_dir, "go", STUB, "v0.1.0")
    write_adapter(sdk_dir, "go", STUB, "main")
    write_adapter(sdk_dir, "go", STUB)  # shared implementation of the dist versions: not a version
    write_adapter(sdk_dir, "py", STUB)
    (sdk_dir / "empty").mkdir()
    return sdks.discover(sdk_dir)


def test_discover(available):
    assert {n: [r.version for r in refs] for n, refs in available.items()} == {"go": ["main", "v0.1.0"], "py": ["main"]}


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("go", ["go@main", "go@v0.1.0"]),
        ("go@*", ["go@main", "go@v0.1.0"]),
        ("go@v0.1.0", ["go@v0.1.0"]),
        ("py go@main", ["py@main", "go@main"]),
        ("py,py@main", ["py@main"]),
        ("", []),
    ],
)
def test_parse_specs(available, spec, expected):
    assert [str(r) for r in sdks.parse_specs(spec, available)] == expected


@pytest.mark.parametrize(
    "spec, message",
    [
        ("java", "unknown SDK 'java' in spec 'java'; valid SDK names: go, py"),
        ("go@", "empty version in spec 'go@'"),
        ("go@v9", "SDK go has no version 'v9'"),
        ("empty", "unknown SDK 'empty'"),
    ],
)
def test_parse_specs_errors(available, spec, message):
    with pytest.raises(sdks.SpecError, match=message.replace("(", r"\(").replace(")", r"\)")):
        sdks.parse_specs(spec, available)


Own = owners.Owner


@pytest.mark.parametrize(
    "enc, dec, container, owner",
    [
        ("py@main", "js@main", "ztdf", Own(("js@main", "py@main"), "ztdf")),
        ("js@main", "py@main", "ztdf", Own(("js@main", "py@main"), "ztdf")),
        ("js@main", "js@main", "nano", Own(("js@main",), "nano")),
        # A test that runs an SDK without a container param (ABAC, tamper, golden files) is a ZTDF test.
        (None, "js@main", None, Own(("js@main",), "ztdf")),
        (None, None, None, Own((), "none")),
        ("go@v1", None, "nano", Own(("go@v1",), "nano")),
        ("go@v1", "go@v2", None, Own(("go@v1", "go@v2"), "ztdf")),
    ],
)
def test_owner_of(enc, dec, container, owner):
    assert owners.owner_of(enc, dec, container) == owner


@pytest.mark.parametrize(
    "owner, sdk_specs, container_names, kept",
    [
        (Own(("py@main",), "ztdf"), ["py"], None, True),
        (Own(("py@main",), "ztdf"), ["py@v1"], None, False),
        (Own(("py@main",), "ztdf"), ["py@*"], ["nano"], False),
        (Own(("js@main", "py@main"), "ztdf"), ["py", "js@main"], ["ztdf"], True),
        (Own(("js@main", "py@main"), "ztdf"), ["py"], None, False),
        (Own(("py@main",), "ztdf"), ["py", "js"], None, False),
        (Own(("go@v1", "go@v2"), "ztdf"), ["go@v2", "go@v1"], None, True),
        (Own(("go@v1", "go@v2"), "ztdf"), ["go", "go@v3"], None, False),
        (Own((), "none"), ["py"], None, False),
        (Own((), "none"), ["none"], ["none"], True),
        (Own(("py@main",), "ztdf"), ["none"], None, False),
        (Own(("go@v1",), "nano"), None, ["nano"], True),
    ],
)
def test_owner_filter(owner, sdk_specs, container_names, kept):
    assert owners.keeps(owner, sdk_specs, container_names) is kept


def test_containers():
    assert containers.parse("nano ztdf") == ["ztdf", "nano"]
    assert containers.cli_format("ztdf-ecwrap") == "ztdf"
    assert containers.cli_env("ztdf-ecwrap") == {"XT_WITH_ECWRAP": "true"}
    with pytest.raises(containers.ContainerError, match="valid: ztdf, ztdf-ecwrap, nano"):
        containers.parse("zip")


def test_cache_key_names_every_input(tmp_path):
    base = EncryptRequest(sdk="py@main", container="ztdf", plaintext="small")
    a1 = tmp_path / "a1.json"
    a1.write_text("[1]")
    a2 = tmp_path / "sub" / "a1.json"
    a2.parent.mkdir()
    a2.write_text("[1]")
    variants = [
        base,
        EncryptRequest(sdk="py@v2", container="ztdf", plaintext="small"),
        EncryptRequest(sdk="py@main", container="nano", plaintext="small"),
        EncryptRequest(sdk="py@main", container="ztdf", plaintext="large"),
        EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", mime_type="text/csv"),
        EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", attributes=("a",)),
        EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", target_mode="4.2.2"),
        EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", assertions=a1),
    ]
    names = [ciphertext_name(v) for v in variants]
    assert len(set(names)) == len(names), "every input must change the name"
    same_content = EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", assertions=a2)
    assert ciphertext_name(same_content) == names[-1], "assertions are keyed by content, not path"
    attrs = EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", attributes=("b", "a"))
    attrs2 = EncryptRequest(sdk="py@main", container="ztdf", plaintext="small", attributes=("a", "b"))
    assert ciphertext_name(attrs) == ciphertext_name(attrs2)
    assert key_digest({"a": 1}) == key_digest({"a": 1}) and len(key_digest({"a": 1})) == 32


def test_last3_changes_only_the_tail():
    value = base64.b64encode(b"0123456789abcdef").decode()
    out = base64.b64decode(tamper.last3(value, random.Random(1)))
    assert out[:-3] == b"0123456789abc" and out[-3:] != b"def" and len(out) == 16


@pytest.mark.parametrize(
    "output, word, better, sig, ok",
    [
        ("root signature IntegrityError", "root", True, True, True),
        ("IntegrityError", "root", True, True, False),
        ("root: integrity check failed", "root", False, True, True),
        ("root: something", "root", True, True, False),
        ("segment: integrity check failed", "segment", True, False, True),
    ],
)
def test_tamper_error_classes(output, word, better, sig, ok):
    assert (tamper.tamper_error_problem(output, word, better, sig) is None) is ok


def test_known_issue_lookup():
    issue = known_issues.lookup("py@main", "js@main", "ztdf", "test_tdf_roundtrip[small]")
    assert issue and "hexless" in issue.reason
    assert known_issues.lookup("ref@main", "ref@main", "ztdf", "test_tdf_roundtrip[small]") is None
    assert known_issues.lookup("py@main", "js@main", "ztdf-ecwrap", "test_tdf_roundtrip[small]") is None
    assert known_issues.lookup("js@main", "go@v0.4.7", "ztdf", "test_tdf_roundtrip[large]") is not None
    assert known_issues.lookup("js@main", "go@v0.4.7", "ztdf", "test_tdf_roundtrip[small]") is None


def test_manifest_schema_subset():
    schema = {"type": "object", "required": ["a"], "properties": {"a": {"type": "array", "items": {"enum": [1, 2]}}}}
    manifest_schema.validate({"a": [1, 2]}, schema)
    for bad, where in (({}, "missing required property 'a'"), ({"a": [3]}, r"\$.a\[0\]: 3 not one of")):
        with pytest.raises(manifest_schema.SchemaError, match=where):
            manifest_schema.validate(bad, schema)
    with pytest.raises(manifest_schema.UnsupportedSchema, match="pattern"):
        manifest_schema.validate("x", {"pattern": "^x$"})


def test_platform_env_defaults_and_gates():
    s = platform_env.from_env({})
    assert s.kas_url == "http://localhost:8080/kas" and s.kas_urls["km2"] == "http://localhost:8686"
    assert s.canonical_kas
    old = platform_env.platform_features(
        platform_env.from_env({"PLATFORMURL": "http://x", "PLATFORM_VERSION": "0.4.30"})
    )
    assert "connectrpc" in old and "hexless" not in old
    with pytest.raises(ValueError, match="PLATFORM_VERSION"):
        platform_env.parse_semver("latest")


def test_prebuilt_dirs_and_supports_answers(tmp_path, monkeypatch):
    from xtest import prebuilt

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    prebuilt.write_supports(a, "js@main", {"hexless": False, "nano": True})
    monkeypatch.setenv(prebuilt.ENV, f"{a}{os.pathsep}{b}")
    assert prebuilt.dirs() == [a, b]
    assert prebuilt.supports_answers([a, b]) == {("js@main", "hexless"): False, ("js@main", "nano"): True}
    (b / prebuilt.SUPPORTS_FILE).write_text("[]")
    with pytest.raises(prebuilt.PrebuiltError, match="not a supports table"):
        prebuilt.supports_answers([a, b])
    monkeypatch.setenv(prebuilt.ENV, str(tmp_path / "gone"))
    with pytest.raises(prebuilt.PrebuiltError, match="do not exist"):
        prebuilt.dirs()


def test_sdk_cache_seeds_link_what_fixture_actions_cached(tmp_path):
    from xtest import prebuilt

    java, js, run = tmp_path / "fixtures_java", tmp_path / "fixtures_js", tmp_path / "run"
    (java / prebuilt.SDK_CACHE_DIR / "java-cds").mkdir(parents=True)
    (java / prebuilt.SDK_CACHE_DIR / "java-cds" / "cli-1.jsa").write_text("archive")
    js.mkdir()  # an SDK that caches nothing
    (run / "java-cds").mkdir(parents=True)
    (run / "java-cds" / "mine.jsa").write_text("this run's own")
    (java / prebuilt.SDK_CACHE_DIR / "java-cds" / "mine.jsa").write_text("seed")

    linked = prebuilt.seed_sdk_cache([java, js], run)

    assert linked == [run / "java-cds" / "cli-1.jsa"]
    assert linked[0].is_symlink() and linked[0].read_text() == "archive"
    assert (run / "java-cds" / "mine.jsa").read_text() == "this run's own"  # present files win
    assert prebuilt.seed_sdk_cache([java, js], run) == []  # a second worker links nothing twice


def test_plaintexts_are_upstreams_offset_lines():
    small = plaintexts.content("small")
    assert small[:32] == b"              0\n             16\n" and len(small) == 128
    large = plaintexts.content("large")
    assert len(large) == plaintexts.SIZES["large"]
    assert large[1_048_576 : 1_048_576 + 16] == b"      1,048,576\n"  # thousands separators, width 15
    assert plaintexts.content("large") is large  # made once per process
    with pytest.raises(plaintexts.PlaintextError, match="unknown plaintext 'huge'"):
        plaintexts.content("huge")


@pytest.mark.parametrize("size", [0, 1, 16, 1999, 2000, 2001, 2016, 6015, 1_000_000, plaintexts.SIZES["large"]])
def test_offset_lines_match_the_definition(size):
    assert plaintexts.offset_lines(size) == plaintexts.reference_lines(size)
