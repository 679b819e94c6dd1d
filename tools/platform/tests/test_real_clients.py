"""The real SDK CLIs against the embedded platform: roundtrips, and ABAC denials they report.

SDKs are found through `XTEST_PY_SDK_PYTHON` (an interpreter with otdf-python) and
`XTEST_JS_SDK_NODE_MODULES` (a node_modules with @opentdf/cli), else the default install
locations `xtest/sdk/py/.venv/bin/python` (xtest/sdk/py/install.sh) and `xtest/sdk/js/node_modules`
(`npm ci` in xtest/sdk/js). A missing SDK skips its tests with the install command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.platform.client import Client
from tools.platform.tests.policy_helpers import Policy

REPO = Path(__file__).absolute().parents[3]
PLAINTEXT = b"hello from the embedded platform\n" * 3


@dataclass(frozen=True)
class RealCli:
    name: str
    argv: tuple[str, ...]  # how to start the CLI
    missing: str  # why it cannot run ("" if it can)

    def run(self, platform, op: str, src: Path, dst: Path, container: str, attrs: list[str]):
        argv = [
            *self.argv,
            *(self._py_args if self.name == "py" else self._js_args)(platform, op, src, dst, container, attrs),
        ]
        return subprocess.run(argv, check=False, capture_output=True, text=True, timeout=120, cwd=src.parent)

    @staticmethod
    def _py_args(platform, op, src, dst, container, attrs):
        args = ["--platform-url", platform.url, "--client-id", "opentdf", "--client-secret", "secret", op, str(src)]
        if op == "encrypt":
            args += ["--container-type", "nano" if container == "nano" else "tdf", "--mime-type", "text/plain"]
            if attrs:
                args += ["--attributes", ",".join(attrs)]
        return [*args, "-o", str(dst)]

    @staticmethod
    def _js_args(platform, op, src, dst, container, attrs):
        args = ["--kasEndpoint", platform.kas_url(), "--oidcEndpoint", platform.issuer, "--auth", "opentdf:secret"]
        args += ["-t", "nano" if container == "nano" else "tdf3"]
        if op == "encrypt" and attrs:
            args += ["--attributes", ",".join(attrs)]
        return [*args, op, str(src), "--output", str(dst)]


def find_py_cli() -> RealCli:
    python = os.environ.get("XTEST_PY_SDK_PYTHON") or str(REPO / "xtest/sdk/py/.venv/bin/python")
    missing = ""
    if not Path(python).exists():
        missing = (
            f"otdf-python not installed ({python} missing): run xtest/sdk/py/install.sh or set XTEST_PY_SDK_PYTHON"
        )
    return RealCli("py", (python, "-m", "otdf_python"), missing)


def find_js_cli() -> RealCli:
    modules = Path(os.environ.get("XTEST_JS_SDK_NODE_MODULES") or REPO / "xtest/sdk/js/node_modules")
    cli = modules / "@opentdf/cli/bin/opentdf.mjs"
    if not cli.exists():
        cli = modules / ".bin/opentdf"
    missing = ""
    if not cli.exists():
        missing = (
            f"@opentdf/cli not installed in {modules}: run `npm ci` in xtest/sdk/js or set XTEST_JS_SDK_NODE_MODULES"
        )
    elif shutil.which("node") is None:
        missing = "node is not on PATH (needed by @opentdf/cli)"
    return RealCli("js", (str(cli),), missing)


CLIS = {"py": find_py_cli(), "js": find_js_cli()}


@pytest.fixture(params=sorted(CLIS))
def cli(request) -> RealCli:
    found = CLIS[request.param]
    if found.missing:
        pytest.skip(found.missing)
    return found


@pytest.fixture(scope="module")
def attrs(embedded_platform, admin_token):
    """A namespace whose `level` attribute has a value the `opentdf` client is entitled to, and one it is not."""
    c = Client(embedded_platform.url)
    try:
        policy = Policy(c, admin_token)
        # Not a ".test" TLD: @opentdf/client's attribute regex has `[^s]` (a lost backslash of `[^\s]`),
        # so any host whose last label contains an "s" is rejected as "attribute is in invalid format".
        ns = policy.namespace(f"real-{uuid.uuid4().hex[:8]}.example.com")
        attr = policy.attribute(ns, "level", "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF", ["allowed", "denied"])
        policy.entitle(attr, "allowed", ".clientId", ["opentdf"])
        return {v["value"]: v["fqn"] for v in attr["values"]}
    finally:
        c.close()


def _run_ok(cli, platform, op, src, dst, container, attrs=()):
    r = cli.run(platform, op, src, dst, container, list(attrs))
    assert r.returncode == 0, f"{cli.name} {op} failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}"
    return r


@pytest.mark.parametrize("container", ["ztdf", "nano"])
def test_roundtrip(cli, embedded_platform, attrs, tmp_path, container):
    """Encrypt with an attribute the client is entitled to, then decrypt (the plain no-attribute
    path is the same code minus the decision; each CLI call costs ~1 s, so it is not repeated)."""
    src = tmp_path / "plain.txt"
    src.write_bytes(PLAINTEXT)
    ct, out = tmp_path / f"ct.{container}", tmp_path / "decrypted.txt"
    _run_ok(cli, embedded_platform, "encrypt", src, ct, container, [attrs["allowed"]])
    _run_ok(cli, embedded_platform, "decrypt", ct, out, container)
    assert out.read_bytes() == PLAINTEXT


# What each CLI prints when the KAS denies: py shows the per-result error; the JS tdf3 path dumps the
# axios error with our JSON body, the JS nano path only the HTTP status line.
DENIAL_TEXT = {
    ("py", "ztdf"): "forbidden: anyOf level: not entitled to any of ['denied']",
    ("py", "nano"): "forbidden: anyOf level: not entitled to any of ['denied']",
    ("js", "ztdf"): "forbidden: anyOf level: not entitled to any of ['denied']",
    ("js", "nano"): "403 Forbidden",
}


@pytest.mark.parametrize("container", ["ztdf", "nano"])
def test_unentitled_attribute_is_denied(cli, embedded_platform, attrs, tmp_path, container):
    src = tmp_path / "plain.txt"
    src.write_bytes(PLAINTEXT)
    ct, out = tmp_path / f"ct.{container}", tmp_path / "decrypted.txt"
    _run_ok(cli, embedded_platform, "encrypt", src, ct, container, [attrs["denied"]])
    r = cli.run(embedded_platform, "decrypt", ct, out, container, [])
    assert r.returncode != 0, f"{cli.name} decrypted data it is not entitled to"
    assert DENIAL_TEXT[(cli.name, container)] in r.stdout + r.stderr, r.stderr[-3000:]
    assert not out.exists() or out.read_bytes() != PLAINTEXT
