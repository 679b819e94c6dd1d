"""The go/java cli.sh adapters, driven against stub CLIs that record their arguments."""

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).absolute().parents[3]
GO = ROOT / "xtest/sdk/go/dist/v0.35.0/cli.sh"
JAVA = ROOT / "xtest/sdk/java/cli.sh"

# A stub CLI: answers --version/help from env, records argv, writes "ct" where the real one would.
STUB = """#!/usr/bin/env bash
if [[ $1 == --version ]]; then echo "$STUB_VERSION"; exit 0; fi
if [[ $1 == help ]]; then echo "$STUB_HELP"; exit 0; fi
printf '%s\\n' "$@" > "$STUB_ARGS"
out=""; prev=""
for a in "$@"; do
  [[ $prev == -o || $prev == --output ]] && out=$a
  prev=$a
done
[[ -n $STUB_FAIL ]] && exit 1
if [[ -n $STUB_SUFFIX ]]; then echo ct > "$out.tdf"; else echo ct > "$out"; fi
"""


def make_stub(path: Path) -> Path:
    path.write_text(STUB)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def run(script, *args, env):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("XT_", "XTEST_"))} | env
    return subprocess.run([str(script), *args], check=False, env=full, capture_output=True, text=True, timeout=30)


@pytest.fixture
def go_env(tmp_path):
    stub = make_stub(tmp_path / "otdfctl")
    version = {"sdk_version": "0.35.0", "schema_version": "4.3.0", "supported_features": ["dpop"]}
    return {
        "XTEST_OTDFCTL_V0_35_0": str(stub),
        "STUB_VERSION": json.dumps(version),
        "STUB_HELP": "--with-assertion-verification-keys --kas-allowlist --target-mode --wrapping-key-algorithm",
        "STUB_ARGS": str(tmp_path / "args"),
        "PLATFORMURL": "http://localhost:9999",
    }


def test_go_encrypt_maps_env_to_otdfctl_flags_and_renames_tdf_suffix(tmp_path, go_env):
    env = go_env | {"XT_WITH_ATTRIBUTES": "https://a/attr/x/value/y", "XT_WITH_ECWRAP": "true", "STUB_SUFFIX": "1"}
    r = run(GO, "encrypt", "pt", str(tmp_path / "out"), "ztdf", env=env)
    assert r.returncode == 0, r.stderr
    args = (tmp_path / "args").read_text().split("\n")
    assert args[0] == "encrypt" and args[-2] == "pt"
    assert args[args.index("--host") + 1] == "http://localhost:9999"
    assert args[args.index("--attr") + 1] == "https://a/attr/x/value/y"
    assert args[args.index("--wrapping-key-algorithm") + 1] == "ec:secp256r1"
    assert json.loads(args[args.index("--with-client-creds") + 1]) == {"clientId": "opentdf", "clientSecret": "secret"}
    assert (tmp_path / "out").read_text() == "ct\n"


def test_go_decrypt_ignore_allowlist_is_star(tmp_path, go_env):
    env = go_env | {"XT_WITH_IGNORE_KAS_ALLOWLIST": "true", "XT_WITH_VERIFY_ASSERTIONS": "false"}
    assert run(GO, "decrypt", "ct", str(tmp_path / "pt"), "ztdf", env=env).returncode == 0
    args = (tmp_path / "args").read_text().split("\n")
    assert args[args.index("--kas-allowlist") + 1] == "*"
    assert "--no-verify-assertions" in args


@pytest.mark.parametrize(
    "sdk, feature, code",
    [
        ("0.35.0", "key_management", 0),
        ("0.4.7", "key_management", 1),
        ("0.4.7", "connectrpc", 0),
        ("0.4.4", "connectrpc", 1),
        ("0.35.0", "dpop", 0),
        ("0.35.0", "dpop_nonce_challenge", 1),
        ("0.35.0", "mechanism-xwing", 1),
        ("0.35.0", "no-such-feature", 2),
    ],
)
def test_go_supports_follows_the_reported_sdk(go_env, sdk, feature, code):
    env = go_env | {
        "STUB_VERSION": json.dumps({"sdk_version": sdk, "schema_version": "4.3.0", "supported_features": ["dpop"]})
    }
    assert run(GO, "supports", feature, env=env).returncode == code


def test_go_not_built_says_how(tmp_path):
    env = {"XTEST_OTDFCTL_V0_35_0": str(tmp_path / "missing")}
    assert run(GO, "supports", "autoconfigure", env=env).returncode == 1
    r = run(GO, "encrypt", "a", "b", "ztdf", env=env)
    assert r.returncode == 3 and "build_otdfctl.sh v0.35.0" in r.stderr


def test_go_rejects_other_formats(go_env, tmp_path):
    assert run(GO, "encrypt", "a", str(tmp_path / "b"), "nano", env=go_env).returncode == 2


@pytest.fixture
def java_env(tmp_path):
    make_stub(tmp_path / "xtest-java-cli")
    (tmp_path / "probe-version").write_text(
        json.dumps({"version": "0.7.3", "tdfSpecVersion": "4.2.2", "supported_features": []})
    )
    (tmp_path / "probe-help-encrypt").write_text("--attr --mime-type --with-assertions\n")
    (tmp_path / "probe-help-decrypt").write_text("--with-assertion-verification-keys\n")
    return {
        "XTEST_JAVA_CLI_DIR": str(tmp_path),
        "STUB_ARGS": str(tmp_path / "args"),
        "PLATFORMURL": "http://localhost:9999",
    }


def test_java_encrypt_maps_env_to_cmdline_flags(tmp_path, java_env):
    env = java_env | {"XT_WITH_MIME_TYPE": "text/plain", "XT_WITH_ASSERTIONS": "[]"}
    assert run(JAVA, "encrypt", "pt", str(tmp_path / "out"), "ztdf", env=env).returncode == 0
    args = (tmp_path / "args").read_text().split("\n")
    assert args[:7] == [
        "--client-id",
        "opentdf",
        "--client-secret",
        "secret",
        "--platform-endpoint",
        "http://localhost:9999",
        "--plaintext",
    ]
    assert args[7] == "encrypt"
    assert args[args.index("--kas-url") + 1] == "http://localhost:9999/kas"
    assert args[args.index("--mime-type") + 1] == "text/plain"
    assert args[args.index("--output") + 1] == str(tmp_path / "out")


@pytest.mark.parametrize(
    "feature, code",
    [("assertions", 0), ("assertion_verification", 1), ("hexless", 1), ("ecwrap", 1), ("key_management", 1), ("x", 2)],
)
def test_java_supports_reads_saved_probes(java_env, feature, code):
    assert run(JAVA, "supports", feature, env=java_env).returncode == code


def test_java_failure_exit_code_passes_through(tmp_path, java_env):
    r = run(JAVA, "decrypt", "ct", str(tmp_path / "pt"), "ztdf", env=java_env | {"STUB_FAIL": "1"})
    assert r.returncode == 1
