"""End to end through the real embedded platform over HTTP: the CLI, cli.sh, autoconfigure,
both rewrap transports and session key types, the allowlist, tamper texts and the goldens."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from tools.tdf.auth import TokenSource
from tools.tdf.cli import inspect as cli_inspect
from tools.tdf.cli import main
from tools.tdf.transport import post_json

from . import tamper
from .conftest import GOLDEN_DIR

platform_mod = pytest.importorskip("tools.platform", reason="tools.platform (embedded platform) not available")

ROOT = Path(__file__).absolute().parents[3]
CLI_SH = ROOT / "xtest" / "sdk" / "ref" / "cli.sh"
PLAIN = os.urandom(300_000)


@pytest.fixture(scope="module")
def platform():
    with platform_mod.EmbeddedPlatform(port=0) as p:
        yield p


@pytest.fixture(scope="module")
def plain_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plain") / "plain.bin"
    path.write_bytes(PLAIN)
    return path


@dataclass
class Result:
    returncode: int
    stderr: str


@pytest.fixture(scope="module")
def cli(platform, tmp_path_factory):
    """`cli(cmd, src, dst, fmt, **XT_WITH_*)`: cli.sh maps the env to flags (run for real, with an
    interpreter that only echoes its argv); that `python -m tools.tdf` argv then runs in process,
    saving an interpreter start and the crypto imports per call. test_real_cli_sh_process runs
    the whole chain as separate processes."""
    echo = tmp_path_factory.mktemp("bin") / "echo-python"
    echo.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    echo.chmod(0o755)
    base = {k: v for k, v in os.environ.items() if not k.startswith("XT_WITH_")}

    def run(cmd, src, dst, fmt="ztdf", **xt) -> Result:
        env = {**base, **platform.env(), "XTEST_PYTHON": str(echo), **xt}
        argv = [str(CLI_SH), cmd, str(src), str(dst), fmt]
        mapped = subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout.splitlines()
        assert mapped[:2] == ["-m", "tools.tdf"], mapped
        err = io.StringIO()
        with mock.patch.dict(os.environ, platform.env()), contextlib.redirect_stderr(err):
            code = main(mapped[2:])
        return Result(code, err.getvalue())

    return run


def roundtrip(cli, tmp_path, plain_file, enc_env=None, dec_env=None, fmt="ztdf") -> dict | None:
    ct, rt = tmp_path / f"ct.{fmt}", tmp_path / "rt.bin"
    enc = cli("encrypt", plain_file, ct, fmt, **(enc_env or {}))
    assert enc.returncode == 0, enc.stderr
    dec = cli("decrypt", ct, rt, fmt, **(dec_env or {}))
    assert dec.returncode == 0, dec.stderr
    assert rt.read_bytes() == plain_file.read_bytes()
    return inspect(ct)


def inspect(path: Path) -> dict:
    return cli_inspect(str(path))


@pytest.mark.parametrize(
    "enc_env, dec_env",
    [
        ({}, {}),
        ({"XT_WITH_TARGET_MODE": "4.2.2"}, {}),
        ({"XT_WITH_ECWRAP": "true"}, {}),
        ({}, {"XT_WITH_ECWRAP": "true"}),
        ({"XT_WITH_MIME_TYPE": "text/plain"}, {}),
    ],
)
def test_ztdf_roundtrip(platform, cli, tmp_path, plain_file, enc_env, dec_env):
    info = roundtrip(cli, tmp_path, plain_file, enc_env, dec_env)
    (kao,) = info["manifest"]["encryptionInformation"]["keyAccess"]
    assert kao["url"] == platform.kas_url()
    assert kao["type"] == ("ec-wrapped" if enc_env.get("XT_WITH_ECWRAP") else "wrapped")
    assert ("schemaVersion" in info["manifest"]) == (enc_env.get("XT_WITH_TARGET_MODE") != "4.2.2")


@pytest.mark.parametrize("session_key", ["rsa", "ec"])
def test_connect_rewrap(platform, cli, tmp_path, plain_file, session_key):
    ct, rt = tmp_path / "ct.tdf", tmp_path / "rt.bin"
    assert cli("encrypt", plain_file, ct).returncode == 0
    out = subprocess.run(
        [sys.executable, "-m", "tools.tdf", "decrypt", str(ct), str(rt), "--rewrap-protocol", "connect"]
        + ["--session-key", session_key],
        cwd=ROOT,
        env={**os.environ, **platform.env()},
        check=False,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert rt.read_bytes() == PLAIN


@pytest.mark.parametrize(
    "enc_env", [{}, {"XT_WITH_ECDSA_BINDING": "true"}, {"XT_WITH_PLAINTEXT_POLICY": "true"}], ids=str
)
@pytest.mark.parametrize("dec_env", [{}, {"XT_WITH_ECWRAP": "true"}], ids=str)
def test_nano_roundtrip(platform, cli, tmp_path, plain_file, enc_env, dec_env):
    info = roundtrip(cli, tmp_path, plain_file, enc_env, dec_env, fmt="nano")
    assert info["kasUrl"] == platform.kas_url()
    assert info["ecdsaBinding"] == bool(enc_env.get("XT_WITH_ECDSA_BINDING"))


def test_keyed_assertions(platform, cli, tmp_path, plain_file):
    from tools.tdf.crypto import new_rsa_key, private_pem, public_pem

    rsa = new_rsa_key()
    statement = {"format": "json+stanag5636", "schema": "urn:x", "value": '{"ocl":{}}'}
    base = {"type": "handling", "scope": "tdo", "appliesToState": "encrypted", "statement": statement}
    hs = "0123456789abcdef0123456789abcdef"
    assertions = [
        {**base, "id": "assertion1", "signingKey": {"alg": "HS256", "key": hs}},
        {**base, "id": "assertion2", "signingKey": {"alg": "RS256", "key": private_pem(rsa)}},
    ]
    keys = {"keys": {"assertion1": {"alg": "HS256", "key": hs}, "assertion2": {"alg": "RS256", "key": public_pem(rsa)}}}
    keys_file = tmp_path / "keys.json"
    keys_file.write_text(json.dumps(keys))
    roundtrip(
        cli,
        tmp_path,
        plain_file,
        {"XT_WITH_ASSERTIONS": json.dumps(assertions)},
        {"XT_WITH_ASSERTION_VERIFICATION_KEYS": str(keys_file)},
    )
    bad = tmp_path / "bad.tdf"
    bad.write_bytes(tamper.rezip((tmp_path / "ct.ztdf").read_bytes(), tamper.altered_assertion_statement))
    out = cli("decrypt", bad, tmp_path / "x", XT_WITH_ASSERTION_VERIFICATION_KEYS=str(keys_file))
    assert out.returncode != 0 and "assertion" in out.stderr and "tamper" in out.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    "change, words",
    [
        (tamper.unbound_policy, ["KAS request error"]),
        (tamper.altered_policy_binding, ["KAS request error"]),
        (tamper.altered_root_sig, ["root", "IntegrityError", "tamper"]),
        (tamper.altered_seg_sig, ["signature", "IntegrityError", "tamper"]),
        (tamper.altered_enc_seg_size, ["IntegrityError", "tamper"]),
        (tamper.malicious_kao, ["not allowed"]),
    ],
)
def test_tamper_messages(cli, tmp_path, plain_file, change, words):
    ct = tmp_path / "ct.tdf"
    assert cli("encrypt", plain_file, ct).returncode == 0
    bad = tmp_path / "bad.tdf"
    bad.write_bytes(tamper.rezip(ct.read_bytes(), change))
    out = cli("decrypt", bad, tmp_path / "rt", XT_WITH_VERIFY_ASSERTIONS="false")
    assert out.returncode == 1
    assert all(w in out.stderr for w in words), out.stderr
    assert not (tmp_path / "rt").exists()


def test_payload_tamper_message(cli, tmp_path, plain_file):
    ct = tmp_path / "ct.tdf"
    assert cli("encrypt", plain_file, ct).returncode == 0
    bad = tmp_path / "bad.tdf"
    bad.write_bytes(tamper.rezip(ct.read_bytes(), payload_fn=tamper.change_last_three))
    out = cli("decrypt", bad, tmp_path / "rt")
    assert out.returncode == 1 and "segment" in out.stderr and "tamper" in out.stderr


def test_unreachable_extra_kaos_without_sid(platform, cli, tmp_path, plain_file):
    """Like upstream's no-splitids golden: 3 KAOs, no sid, two on hosts that do not exist."""
    ct = tmp_path / "ct.tdf"
    assert cli("encrypt", plain_file, ct).returncode == 0

    def add_dead_kaos(m):
        (kao,) = m["encryptionInformation"]["keyAccess"]
        kao.pop("sid", None)
        dead = [{**kao, "url": url} for url in ("http://no-such-host.invalid/kas", "http://127.0.0.1:9/kas")]
        m["encryptionInformation"]["keyAccess"] = [*dead, kao]

    odd = tmp_path / "nosid.tdf"
    odd.write_bytes(tamper.rezip(ct.read_bytes(), add_dead_kaos))
    out = cli("decrypt", odd, tmp_path / "rt", XT_WITH_IGNORE_KAS_ALLOWLIST="true")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "rt").read_bytes() == PLAIN
    # With the default allowlist the dead hosts are refused, and the platform KAS still serves.
    out = cli("decrypt", odd, tmp_path / "rt2")
    assert out.returncode == 0, out.stderr


# --- autoconfigure against the policy service -----------------------------------------------


class Admin:
    def __init__(self, platform):
        self.url = platform.url
        self.tokens = TokenSource(platform.url, "opentdf", "secret")

    def call(self, method: str, body: dict) -> dict:
        resp = post_json(f"{self.url}/{method}", body, self.tokens.headers())
        assert resp.status == 200, (method, resp.status, resp.body)
        return resp.json()

    def kas_ids(self) -> dict[str, str]:
        doc = self.call("policy.kasregistry.KeyAccessServerRegistryService/ListKeyAccessServers", {})
        return {k["uri"]: k["id"] for k in doc["keyAccessServers"]}

    def attribute(self, rule: str, values: list[str], entitled: bool = True) -> dict:
        ns = self.call("policy.namespaces.NamespaceService/CreateNamespace", {"name": f"{uuid.uuid4().hex[:8]}.com"})
        attr = self.call(
            "policy.attributes.AttributesService/CreateAttribute",
            {
                "namespaceId": ns["namespace"]["id"],
                "name": "attr",
                "rule": f"ATTRIBUTE_RULE_TYPE_ENUM_{rule}",
                "values": values,
            },
        )["attribute"]
        scs = self.call(
            "policy.subjectmapping.SubjectMappingService/CreateSubjectConditionSet",
            {
                "subjectConditionSet": {
                    "subjectSets": [
                        {
                            "conditionGroups": [
                                {
                                    "booleanOperator": "CONDITION_BOOLEAN_TYPE_ENUM_OR",
                                    "conditions": [
                                        {
                                            "subjectExternalSelectorValue": ".clientId",
                                            "operator": "SUBJECT_MAPPING_OPERATOR_ENUM_IN",
                                            "subjectExternalValues": ["opentdf"],
                                        }
                                    ],
                                }
                            ]
                        }
                    ]
                }
            },
        )["subjectConditionSet"]
        for value in attr["values"] if entitled else []:
            self.call(
                "policy.subjectmapping.SubjectMappingService/CreateSubjectMapping",
                {
                    "attributeValueId": value["id"],
                    "actions": [{"name": "read"}],
                    "existingSubjectConditionSetId": scs["id"],
                },
            )
        attr["namespace_id"] = ns["namespace"]["id"]
        return attr

    def grant_value(self, value_id: str, kas_id: str) -> None:
        self.call(
            "policy.attributes.AttributesService/AssignKeyAccessServerToValue",
            {"valueKeyAccessServer": {"valueId": value_id, "keyAccessServerId": kas_id}},
        )

    def grant_namespace(self, ns_id: str, kas_id: str) -> None:
        self.call(
            "policy.namespaces.NamespaceService/AssignKeyAccessServerToNamespace",
            {"namespaceKeyAccessServer": {"namespaceId": ns_id, "keyAccessServerId": kas_id}},
        )


@pytest.mark.parametrize("rule, distinct_sids", [("ALL_OF", True), ("ANY_OF", False), ("HIERARCHY", False)])
def test_autoconfigure_value_grants(platform, cli, tmp_path, plain_file, rule, distinct_sids):
    admin = Admin(platform)
    attr = admin.attribute(rule, ["alpha", "beta"])
    ids = admin.kas_ids()
    a, b = platform.kas_urls["alpha"], platform.kas_urls["beta"]
    admin.grant_value(attr["values"][0]["id"], ids[a])
    admin.grant_value(attr["values"][1]["id"], ids[b])
    fqns = ",".join(v["fqn"] for v in attr["values"])
    info = roundtrip(cli, tmp_path, plain_file, {"XT_WITH_ATTRIBUTES": fqns})
    kaos = info["manifest"]["encryptionInformation"]["keyAccess"]
    assert sorted(k["url"] for k in kaos) == sorted([a, b])
    assert (kaos[0]["sid"] != kaos[1]["sid"]) == distinct_sids


def test_autoconfigure_namespace_grant(platform, cli, tmp_path, plain_file):
    admin = Admin(platform)
    attr = admin.attribute("ANY_OF", ["one"])
    delta = platform.kas_urls["delta"]
    admin.grant_namespace(attr["namespace_id"], admin.kas_ids()[delta])
    info = roundtrip(cli, tmp_path, plain_file, {"XT_WITH_ATTRIBUTES": attr["values"][0]["fqn"]})
    assert [k["url"] for k in info["manifest"]["encryptionInformation"]["keyAccess"]] == [delta]


def test_autoconfigure_without_grants_uses_default_kas(platform, cli, tmp_path, plain_file):
    attr = Admin(platform).attribute("ANY_OF", ["x"])
    info = roundtrip(cli, tmp_path, plain_file, {"XT_WITH_ATTRIBUTES": attr["values"][0]["fqn"]})
    assert [k["url"] for k in info["manifest"]["encryptionInformation"]["keyAccess"]] == [platform.kas_url()]


# --- goldens through the platform on :8080 (their KAO URLs) ---------------------------------


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the platform's servers do
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


GOLDENS_8080 = {
    "small-java-4.3.0-e0f8caf.tdf": lambda p: p == bytes(5120),
    "xstext-java-v0.7.5-94b161d53-DSP2.0.2_and_2.0.3.tdf": lambda p: p.startswith(b"test secret data"),
    "xstext-java-v0.7.8-7f487c2-DSP2.0.4.tdf": lambda p: p.startswith(b"test secret data"),
    "with-json-object-assertions-java.tdf": lambda p: p == b"text",
}


def test_goldens_through_platform_on_8080(tmp_path):
    if not port_free(8080):
        pytest.skip("port 8080 is in use, so the golden KAO URLs (http://localhost:8080/kas) cannot be served")
    others = {name: 0 for name in ("alpha", "beta", "gamma", "delta", "km1", "km2")}
    goldens = dict(GOLDENS_8080)
    if port_free(8686):  # km2's upstream port: the key-management golden's KAO URL
        others["km2"] = 8686
        goldens["key-management-no-split-golden.tdf"] = lambda p: p == b"hello\n"
    p = platform_mod.EmbeddedPlatform(port=8080, kas_ports=others)
    try:
        p.start()
    except platform_mod.StartupError as e:  # lost a race for the port since the check
        pytest.skip(f"could not start the platform on 8080: {e}")
    try:
        env = {**os.environ, **p.env(), "XTEST_PYTHON": sys.executable}
        for name, check in goldens.items():
            src = tmp_path / name
            shutil.copy(GOLDEN_DIR / name, src)
            out = subprocess.run(
                [str(CLI_SH), "decrypt", str(src), str(tmp_path / f"{name}.out"), "ztdf"],
                env={**env, "XT_WITH_VERIFY_ASSERTIONS": "false"},
                check=False,
                capture_output=True,
                text=True,
            )
            assert out.returncode == 0, (name, out.stderr)
            assert check((tmp_path / f"{name}.out").read_bytes()), name
    finally:
        p.stop()


def test_explicit_kas_urls_one_split_and_registry_allowlist(platform, cli, tmp_path, plain_file):
    """alpha and beta listen on their own ports: the default allowlist admits them only because
    they are in the platform's KAS registry."""
    a, b = platform.kas_urls["alpha"], platform.kas_urls["beta"]
    info = roundtrip(cli, tmp_path, plain_file, {"XT_WITH_KAS_URLS": f"{a},{b}"})
    kaos = info["manifest"]["encryptionInformation"]["keyAccess"]
    assert [k["url"] for k in kaos] == [a, b] and kaos[0]["sid"] == kaos[1]["sid"]
    out = cli("decrypt", tmp_path / "ct.ztdf", tmp_path / "rt3", XT_WITH_KAS_ALLOWLIST=platform.kas_url())
    assert out.returncode == 1 and "not allowed" in out.stderr


# golden -> the KAS its KAO names: the key-management golden names km2 (http://localhost:8686).
GOLDEN_KAS = {**{name: "default" for name in GOLDENS_8080}, "key-management-no-split-golden.tdf": "km2"}


@pytest.mark.parametrize("name", GOLDEN_KAS)
def test_goldens_through_platform_with_rewritten_kao_url(platform, cli, tmp_path, name):
    """The KAO URL is covered by neither the policy binding nor the root signature, so pointing it
    at this platform's instance of the KAS it names (default or km2, both hold golden-r1) keeps
    the file valid."""

    def retarget(m):
        for kao in m["encryptionInformation"]["keyAccess"]:
            kao["url"] = platform.kas_url(GOLDEN_KAS[name])

    src = tmp_path / name
    src.write_bytes(tamper.rezip((GOLDEN_DIR / name).read_bytes(), retarget))
    out = cli("decrypt", src, tmp_path / "out", XT_WITH_VERIFY_ASSERTIONS="false")
    assert out.returncode == 0, out.stderr
    check = GOLDENS_8080.get(name, lambda p: p == b"hello\n")
    assert check((tmp_path / "out").read_bytes())


def test_access_denied_names_forbidden(platform, cli, tmp_path, plain_file):
    attr = Admin(platform).attribute("ANY_OF", ["secret"], entitled=False)
    ct = tmp_path / "ct.tdf"
    assert cli("encrypt", plain_file, ct, XT_WITH_ATTRIBUTES=attr["values"][0]["fqn"]).returncode == 0
    out = cli("decrypt", ct, tmp_path / "rt")
    assert out.returncode == 1 and "forbidden" in out.stderr, out.stderr
    assert "unable to reconstruct split key" in out.stderr
    assert not (tmp_path / "rt").exists()


def test_real_cli_sh_process(platform, tmp_path, plain_file):
    """The whole chain as the harness runs it: bash cli.sh → python -m tools.tdf → platform."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XT_WITH_")}
    env.update(platform.env(), XTEST_PYTHON=sys.executable)
    ct, rt = tmp_path / "ct.tdf", tmp_path / "rt.bin"
    for argv in (["encrypt", plain_file, ct, "ztdf"], ["decrypt", ct, rt, "ztdf"]):
        out = subprocess.run([str(CLI_SH), *map(str, argv)], env=env, check=False, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
    assert rt.read_bytes() == PLAIN
