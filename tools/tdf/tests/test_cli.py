"""The CLI surface: supports, help, exit codes, atomic output, and cli.sh's env → flag mapping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.tdf import IntegrityError, LocalKas
from tools.tdf.cli import main
from tools.tdf.features import KNOWN_UNSUPPORTED, SUPPORTED
from tools.tdf.sdk import decrypt_file
from tools.tdf.ztdf import DecryptOptions

from . import tamper
from .conftest import encrypt_bytes

ROOT = Path(__file__).absolute().parents[3]
CLI_SH = ROOT / "xtest" / "sdk" / "ref" / "cli.sh"


@pytest.mark.parametrize("feature", sorted(SUPPORTED))
def test_supported(feature):
    assert main(["supports", feature]) == 0


@pytest.mark.parametrize("feature, code", [("dpop", 1), ("key_management", 1), ("no-such-feature", 2)])
def test_unsupported_and_unknown(feature, code):
    assert feature in KNOWN_UNSUPPORTED or code == 2
    assert main(["supports", feature]) == code


def run_module(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tools.tdf", *args],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            **env,
        },
        check=False,
        capture_output=True,
        text=True,
    )


def test_help_documents_options():
    out = run_module("decrypt", "--help")
    assert out.returncode == 0
    for flag in ("--rewrap-protocol", "--session-key", "--kas-allowlist", "--no-verify-assertions"):
        assert flag in out.stdout


def test_usage_error_is_exit_2():
    assert run_module("encrypt").returncode == 2


def test_failure_is_one_error_line(tmp_path):
    out = run_module("decrypt", str(tmp_path / "missing.tdf"), str(tmp_path / "out"))
    assert out.returncode == 1
    assert out.stderr.startswith("error: FileNotFoundError") and out.stderr.count("\n") == 1


def test_failed_decrypt_writes_nothing(kas: LocalKas, tmp_path):
    bad = tmp_path / "bad.tdf"
    bad.write_bytes(tamper.rezip(encrypt_bytes(kas, b"secret"), tamper.altered_root_sig))
    with pytest.raises(IntegrityError):
        decrypt_file(bad, tmp_path / "out.txt", kas, DecryptOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.tdf"]


@pytest.fixture
def echo_python(tmp_path) -> Path:
    """Stands in for the interpreter: prints the argv cli.sh built, one per line."""
    fake = tmp_path / "fake-python"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    return fake


def cli_sh(echo_python, *args, **env) -> tuple[int, list[str]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("XT_WITH_")}
    out = subprocess.run(
        [str(CLI_SH), *args],
        env={**clean, "XTEST_PYTHON": str(echo_python), **env},
        check=False,
        capture_output=True,
        text=True,
    )
    return out.returncode, out.stdout.splitlines()


def test_cli_sh_encrypt_mapping(echo_python):
    code, argv = cli_sh(
        echo_python,
        "encrypt",
        "in.txt",
        "out.tdf",
        "ztdf",
        XT_WITH_MIME_TYPE="text/plain",
        XT_WITH_ATTRIBUTES="https://a/attr/b/value/c,https://a/attr/b/value/d",
        XT_WITH_ASSERTIONS="/tmp/a.json",
        XT_WITH_TARGET_MODE="4.2.2",
        XT_WITH_ECWRAP="true",
        XT_WITH_KAS_URLS="http://k1/kas,http://k2/kas",
    )
    assert code == 0
    assert argv[:7] == ["-m", "tools.tdf", "encrypt", "in.txt", "out.tdf", "--container", "ztdf"]
    joined = " ".join(argv)
    for expected in (
        "--mime-type text/plain",
        "--attr https://a/attr/b/value/c,https://a/attr/b/value/d",
        "--assertions /tmp/a.json",
        "--target-mode 4.2.2",
        "--wrapping-key-algorithm ec:secp256r1",
        "--kas-url http://k1/kas,http://k2/kas",
    ):
        assert expected in joined


def test_cli_sh_nano_and_decrypt_mapping(echo_python):
    _, argv = cli_sh(
        echo_python, "encrypt", "a", "b", "nano", XT_WITH_ECDSA_BINDING="true", XT_WITH_PLAINTEXT_POLICY="true"
    )
    assert "--policy-binding ecdsa --policy-mode plaintext" in " ".join(argv)
    _, argv = cli_sh(
        echo_python,
        "decrypt",
        "a",
        "b",
        "ztdf",
        XT_WITH_ASSERTION_VERIFICATION_KEYS="/k.json",
        XT_WITH_VERIFY_ASSERTIONS="false",
        XT_WITH_ECWRAP="true",
        XT_WITH_KAS_ALLOWLIST="http://x/kas",
        XT_WITH_IGNORE_KAS_ALLOWLIST="true",
    )
    joined = " ".join(argv)
    for expected in (
        "--assertion-verification-keys /k.json",
        "--no-verify-assertions",
        "--session-key ec",
        "--kas-allowlist http://x/kas",
        "--ignore-kas-allowlist",
    ):
        assert expected in joined
    _, plain = cli_sh(echo_python, "decrypt", "a", "b", "ztdf")
    assert plain == ["-m", "tools.tdf", "decrypt", "a", "b", "--container", "ztdf"]


def test_cli_sh_supports_and_usage(echo_python):
    assert cli_sh(echo_python, "supports", "hexless") == (0, ["-m", "tools.tdf", "supports", "hexless"])
    assert cli_sh(echo_python, "encrypt", "only-one-arg")[0] == 2
    assert cli_sh(echo_python, "frobnicate")[0] == 2


def test_cli_sh_real_supports():
    env = {**os.environ, "XTEST_PYTHON": sys.executable}
    assert subprocess.run([str(CLI_SH), "supports", "nano_ecdsa"], check=False, env=env).returncode == 0
    assert subprocess.run([str(CLI_SH), "supports", "obligations"], check=False, env=env).returncode == 1
    assert subprocess.run([str(CLI_SH), "supports", "bogus"], check=False, env=env).returncode == 2
