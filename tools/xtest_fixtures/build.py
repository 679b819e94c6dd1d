"""Build one SDK's prebuilt xtest ciphertexts for one container: the body of a `tdf_fixtures` action.

    build.py --sdk js@main --container ztdf --out-dir DIR [--runfiles-env VAR=runfiles/path ...]

Starts the embedded platform on localhost:8080 (the action runs with `block-network`, so that is
its own loopback and the KAS URL inside every TDF is the canonical one), then encrypts every
deterministic scenario of xtest/scenarios.py for this SDK and container, once per target mode the
SDK can write, into DIR under the name the suite looks up (xtest.encrypt_request.ciphertext_name).

An SDK that fails to encrypt does not fail the build: the failure is recorded in DIR (the suite
fails the consuming tests with the SDK's message). Only a broken harness (platform does not
start, unknown SDK) exits non-zero. DIR/index.json lists what was built, for people and the report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from xtest import scenarios, sdks
from xtest.encrypt_request import ciphertext_name


def runfiles_root() -> Path:
    for var in ("RUNFILES_DIR", "PYTHON_RUNFILES"):
        if os.environ.get(var):
            return Path(os.environ[var])
    return Path(sys.argv[0] + ".runfiles")


def resolve_runfiles_env(pairs: list[str], root: Path) -> dict[str, str]:
    """`VAR=repo/path` (runfiles-relative, `..` allowed) -> absolute paths under ``root``."""
    env = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise ValueError(f"--runfiles-env takes VAR=runfiles/path, got {pair!r}")
        env[name] = os.path.normpath(root / value)
    return env


def target_modes(sdk: sdks.SdkRef, container: str) -> list[str | None]:
    """The target modes worth prebuilding: the SDK's default, plus both modes if it can pick."""
    if container == "nano":
        return [None]
    from xtest.sdk_runner import Sdk

    return [None, "4.2.2", "4.3.0"] if Sdk(sdk).supports("hexaflexible") else [None]


def build_all(sdk: sdks.SdkRef, container: str, out_dir: Path) -> list[dict]:
    built = []
    with tempfile.TemporaryDirectory(prefix="fixture-inputs-") as inputs:
        for name, scenario in sorted(scenarios.SCENARIOS.items()):
            if container not in scenario.containers:
                continue
            for mode in target_modes(sdk, container):
                request = scenarios.request(str(sdk), container, name, Path(inputs), mode)
                file_name = ciphertext_name(request)
                ok = scenarios.build(sdk, request, out_dir / file_name)
                built.append({"scenario": name, "target_mode": mode, "file": file_name, "encrypted": ok})
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tdf_fixtures builder", description=__doc__.split("\n")[0])
    parser.add_argument("--sdk", required=True, help="name@version")
    parser.add_argument("--container", required=True)
    parser.add_argument("--out-dir", required=True, type=Path)
    parser.add_argument("--runfiles-env", action="append", default=[], metavar="VAR=PATH")
    args = parser.parse_args(argv)
    os.environ.update(resolve_runfiles_env(args.runfiles_env, runfiles_root()))
    available = sdks.discover()
    refs = sdks.parse_specs(args.sdk, available)
    if len(refs) != 1:
        print(f"error: --sdk {args.sdk} must name exactly one installed SDK version", file=sys.stderr)
        return 2
    # Adapters run in another directory: give them an absolute path (without resolving symlinks).
    args.out_dir = args.out_dir.absolute()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    built = scenarios._with_platform(lambda: build_all(refs[0], args.container, args.out_dir))
    (args.out_dir / "index.json").write_text(json.dumps(built, indent=1) + "\n")
    failed = [b for b in built if not b["encrypted"]]
    print(
        f"{args.sdk} {args.container}: {len(built) - len(failed)} fixtures built, "
        f"{len(failed)} encrypt failures recorded"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
