"""Running an SDK adapter (`cli.sh`): the one place the suite starts SDK processes.

Every call gets the parent environment plus the per-call ``XT_WITH_*`` variables,
``XTEST_PYTHON`` (this interpreter, for adapters written in Python) and the repository root on
``PYTHONPATH``. A failure raises :class:`SdkCommandError`, whose message holds the SDK, the
command, the exit code and the SDK's own stdout and stderr, so a red test names its cause.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from xtest import containers
from xtest.encrypt_request import EncryptRequest
from xtest.sdks import SdkRef

REPO_ROOT = Path(__file__).absolute().parent.parent
XTEST_DIR = REPO_ROOT / "xtest"
NOT_INSTALLED_EXIT = 3
# A directory every adapter call of one run shares, for the adapters' own caches (the java
# adapter's AppCDS archive). Set per run by the suite (fixtures/sdks.py) and the fixture builder.
SDK_CACHE_ENV = "XTEST_SDK_CACHE_DIR"


def _timeout() -> float:
    """Seconds one SDK call may take (env ``XTEST_SDK_TIMEOUT``, default 300)."""
    raw = os.environ.get("XTEST_SDK_TIMEOUT", "300")
    try:
        return float(raw)
    except ValueError:
        raise SdkError(f"XTEST_SDK_TIMEOUT must be a number of seconds, got {raw!r}") from None


class SdkError(Exception):
    """Base of every SDK invocation failure."""


class SdkCommandError(SdkError):
    """`cli.sh` exited non-zero (or timed out) where success was expected."""

    def __init__(self, sdk: SdkRef, argv: list[str], returncode: int | None, output: str, env: dict[str, str]):
        self.sdk, self.argv, self.returncode, self.output, self.env = sdk, argv, returncode, output, env
        how = "timed out" if returncode is None else f"exited {returncode}"
        shown_env = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(env.items()))
        super().__init__(
            f"SDK {sdk} {how}: {shown_env + ' ' if shown_env else ''}{shlex.join(argv)}\n"
            f"--- output ---\n{output.rstrip() or '(no output)'}"
        )


class SdkNotInstalledError(SdkCommandError):
    """The adapter exists but its SDK is not installed (exit 3); the output says how to install it."""


class UnexpectedSuccessError(SdkError):
    """A decrypt that had to fail succeeded."""


class OutputError(SdkError):
    """`cli.sh` exited 0 but did not write its output file, or wrote one when it had failed."""


@dataclasses.dataclass(frozen=True)
class DecryptOptions:
    """Inputs of one `cli.sh decrypt` call besides the files."""

    container: str
    verify_assertions: bool = True
    verification_keys: Path | None = None
    kas_allowlist: str | None = None
    ignore_kas_allowlist: bool = False
    ec_session_key: bool = False  # ask for an EC session key on rewrap (XT_WITH_ECWRAP on decrypt)
    client: tuple[str, str] | None = None  # (CLIENTID, CLIENTSECRET) to decrypt as, e.g. "outsider"

    def env(self) -> dict[str, str]:
        # The container only picks FMT here: an ec-wrapped KAO is unwrapped by the KAS, and the
        # client's session key type is a separate choice (upstream sets it only when asked).
        env: dict[str, str] = {}
        if self.ec_session_key:
            env["XT_WITH_ECWRAP"] = "true"
        if not self.verify_assertions:
            env["XT_WITH_VERIFY_ASSERTIONS"] = "false"
        if self.verification_keys:
            env["XT_WITH_ASSERTION_VERIFICATION_KEYS"] = str(self.verification_keys)
        if self.kas_allowlist is not None:
            env["XT_WITH_KAS_ALLOW_LIST"] = self.kas_allowlist
        if self.ignore_kas_allowlist:
            env["XT_WITH_IGNORE_KAS_ALLOWLIST"] = "true"
        if self.client:
            env["CLIENTID"], env["CLIENTSECRET"] = self.client
        return env


# Adapter commands that talk to the platform; `supports` and `installed` never do.
PLATFORM_COMMANDS = ("encrypt", "decrypt")
_before_platform_call: Callable[[], None] | None = None


def before_platform_calls(hook: Callable[[], None] | None) -> None:
    """Run ``hook`` before every encrypt and decrypt (None removes it).

    The suite starts its embedded platform this way when the first test needs one
    (xtest/fixtures/platform.py), so a run whose tests all skip never starts it.
    """
    global _before_platform_call
    _before_platform_call = hook


def base_env() -> dict[str, str]:
    """Environment every adapter call starts from: ours, minus stale ``XT_WITH_*``, plus wiring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XT_WITH_")}
    env["XTEST_PYTHON"] = sys.executable
    paths = [str(REPO_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


@dataclasses.dataclass(frozen=True)
class Sdk:
    """An adapter ready to run: encrypt, decrypt, probe features."""

    ref: SdkRef

    def __str__(self) -> str:
        return str(self.ref)

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def version(self) -> str:
        return self.ref.version

    def run(self, args: list[str], extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run ``cli.sh ARGS`` from the xtest dir; stdout and stderr merged into ``.stdout``."""
        if _before_platform_call is not None and args[:1] and args[0] in PLATFORM_COMMANDS:
            _before_platform_call()
        env = base_env()
        env.update(extra_env or {})
        argv = [str(self.ref.cli), *args]
        try:
            return subprocess.run(
                argv,
                cwd=XTEST_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=_timeout(),
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode(errors="replace")
            raise SdkCommandError(self.ref, argv, None, out, extra_env or {}) from None
        except OSError as e:
            raise SdkCommandError(self.ref, argv, 126, f"cannot execute adapter: {e}", extra_env or {}) from None

    def _checked(self, args: list[str], extra_env: dict[str, str]) -> str:
        proc = self.run(args, extra_env)
        out = proc.stdout.decode(errors="replace")
        if proc.returncode != 0:
            cls = SdkNotInstalledError if proc.returncode == NOT_INSTALLED_EXIT else SdkCommandError
            raise cls(self.ref, [str(self.ref.cli), *args], proc.returncode, out, extra_env)
        return out

    def encrypt(self, request: EncryptRequest, src: Path, dst: Path) -> None:
        """Encrypt ``src`` to ``dst`` as ``request`` describes; raise SdkError on any failure."""
        args = ["encrypt", str(src), str(dst), containers.cli_format(request.container)]
        self._checked(args, request.env())
        if not dst.is_file():
            raise OutputError(f"SDK {self} encrypt exited 0 but wrote no {dst}")

    def decrypt(self, src: Path, dst: Path, options: DecryptOptions) -> None:
        """Decrypt ``src`` to ``dst``; raise SdkError on any failure."""
        args = ["decrypt", str(src), str(dst), containers.cli_format(options.container)]
        self._checked(args, options.env())
        if not dst.is_file():
            raise OutputError(f"SDK {self} decrypt exited 0 but wrote no {dst}")

    def decrypt_must_fail(self, src: Path, dst: Path, options: DecryptOptions) -> str:
        """Decrypt that has to fail: return the merged output for pattern checks.

        Raises UnexpectedSuccessError on exit 0 and OutputError if a failed decrypt left ``dst``
        behind (plaintext must never be written for a rejected TDF).
        """
        if dst.exists():
            dst.unlink()
        args = ["decrypt", str(src), str(dst), containers.cli_format(options.container)]
        proc = self.run(args, options.env())
        out = proc.stdout.decode(errors="replace")
        if proc.returncode == 0:
            raise UnexpectedSuccessError(f"SDK {self} decrypted {src.name} although it must fail; output:\n{out}")
        if proc.returncode == NOT_INSTALLED_EXIT:
            raise SdkNotInstalledError(self.ref, [str(self.ref.cli), *args], proc.returncode, out, options.env())
        if dst.exists() and dst.stat().st_size > 0:
            raise OutputError(f"SDK {self} failed to decrypt {src.name} but wrote {dst.stat().st_size} bytes to {dst}")
        return out

    def supports(self, feature: str) -> bool:
        """`cli.sh supports FEATURE`: exit 0 = yes; anything else (1 no, 2 unknown, 3 missing) = no."""
        return self.run(["supports", feature]).returncode == 0

    def installed(self) -> tuple[bool, str]:
        """`cli.sh installed`: (True, "") or (False, how to install). Exit 3 = missing.

        Adapters that predate the ``installed`` command answer it with a usage error; they count
        as installed, and a real absence then shows as exit 3 on encrypt/decrypt.
        """
        proc = self.run(["installed"])
        if proc.returncode == NOT_INSTALLED_EXIT:
            return False, proc.stdout.decode(errors="replace").strip()
        return True, ""
