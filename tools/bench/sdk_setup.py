"""The real SDKs plain pytest needs: where each is installed, how to install it, how to point at it.

Plain pytest runs in the benchmark's scratch copy of the repository, whose adapters find the SDKs
through the env vars of docs/CONTRACTS.md ("SDK adapters"). By default the benchmark installs them
into that copy with the copy's own documented commands (untimed, from the download caches), so
plain pytest runs the very SDK builds the benchmarked commit describes, as Bazel does: an install
left in the user's checkout by an older commit (a Java launcher with other JVM flags, an older Go
CLI) would time something else. ``--checkout-sdks`` reuses the checkout's installs instead.
Bazel installs its own copies and needs none of this.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from subprocess import STDOUT

from tools.bench.errors import SetupError


@dataclass(frozen=True)
class SdkInstall:
    sdk: str  # e.g. "go@v0.35.0"
    marker: str  # repo-relative file that exists once installed
    env: str  # the adapter's env var naming the installation
    env_path: str  # repo-relative value of that env var
    command: str  # shell command, from the repo root, that installs it


def go_env_var(version: str) -> str:
    """`v0.35.0` -> `XTEST_OTDFCTL_V0_35_0` (the go adapter's naming)."""
    return "XTEST_OTDFCTL_" + version.upper().replace(".", "_").replace("-", "_")


def requirements(sdks: tuple[str, ...], go_versions: list[str]) -> list[SdkInstall]:
    """What these SDKs need installed for plain pytest (ref needs nothing: it is tools/tdf)."""
    needs: list[SdkInstall] = []
    if "py" in sdks:
        venv_python = "xtest/sdk/py/.venv/bin/python"
        needs.append(SdkInstall("py", venv_python, "XTEST_PY_SDK_PYTHON", venv_python, "xtest/sdk/py/install.sh"))
    if "js" in sdks:
        modules = "xtest/sdk/js/node_modules"
        command = "(cd xtest/sdk/js && npm ci)"
        needs.append(SdkInstall("js", f"{modules}/.bin/opentdf", "XTEST_JS_SDK_NODE_MODULES", modules, command))
    if "go" in sdks:
        for version in go_versions:
            bin_dir = f"xtest/sdk/go/dist/{version}/bin"
            command = f"tools/sdks/go/build_otdfctl.sh {version} {bin_dir}"
            otdfctl = f"{bin_dir}/otdfctl"
            needs.append(SdkInstall(f"go@{version}", otdfctl, go_env_var(version), otdfctl, command))
    if "java" in sdks:
        build = "xtest/sdk/java/build"
        command = f"tools/sdks/java/build_cli.sh {build}"
        needs.append(SdkInstall("java", f"{build}/xtest-java-cli", "XTEST_JAVA_CLI_DIR", build, command))
    return needs


def go_versions(tree: Path) -> list[str]:
    """Go SDK versions of a checkout: `xtest/sdk/go/dist/<version>/cli.sh` (as the suite finds them)."""
    return sorted(p.parent.name for p in (tree / "xtest" / "sdk" / "go" / "dist").glob("*/cli.sh"))


def missing(needs: list[SdkInstall], root: Path) -> list[SdkInstall]:
    return [n for n in needs if not (root / n.marker).exists()]


def adapter_env(needs: list[SdkInstall], root: Path) -> dict[str, str]:
    """Env vars that make the adapters use the SDKs installed under `root` (overriding the user's own)."""
    return {n.env: str(root / n.env_path) for n in needs}


def check_installed(needs: list[SdkInstall], checkout: Path) -> None:
    """SetupError naming the install commands of every SDK missing from `checkout`."""
    absent = missing(needs, checkout)
    if absent:
        commands = "\n".join(f"  (cd {checkout} && {n.command})" for n in absent)
        raise SetupError(f"SDKs not installed for plain pytest: {', '.join(n.sdk for n in absent)}; run:\n{commands}")


def install(needs: list[SdkInstall], tree: Path, logs: Path, timeout: float) -> None:
    """Run each SDK's install command in `tree`, its output in logs/install-<sdk>.log.

    SetupError naming the command and its log when one fails or leaves its marker absent.
    """
    for need in needs:
        log = logs / f"install-{need.sdk.replace('@', '-')}.log"
        print(f"bench: installing {need.sdk} into the scratch copy: {need.command}", file=sys.stderr, flush=True)
        try:
            with log.open("w", encoding="utf-8") as out:
                done = subprocess.run(
                    ["bash", "-c", need.command], cwd=tree, stdout=out, stderr=STDOUT, timeout=timeout, check=False
                )
        except subprocess.TimeoutExpired:
            raise SetupError(f"installing {need.sdk} took over {timeout:.0f} s; see {log}") from None
        if done.returncode != 0 or not (tree / need.marker).exists():
            state = "present" if (tree / need.marker).exists() else "absent"
            raise SetupError(
                f"installing {need.sdk} failed (exit {done.returncode}, {need.marker} {state}); see {log}, "
                f"or run it by hand: (cd {tree} && {need.command})"
            )
