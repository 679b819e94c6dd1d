"""Build one SDK version's prebuilt xtest ciphertexts: the body of a `tdf_fixtures` action.

    build.py --sdk js@main --container ztdf [--container nano ...] --out-dir DIR [--runfiles-env VAR=runfiles/path ...]

Asks the SDK what it supports (`cli.sh supports`, every feature in xtest/prebuilt.py) and writes
the answers to DIR/supports.json, then starts the embedded platform on localhost:8080 once (the
action runs with `block-network`, so that is its own loopback and the KAS URL inside every TDF is
the canonical one) and, for each container, encrypts every deterministic scenario of
xtest/scenarios.py and every attribute-policy ciphertext of test_abac / test_policytypes
(xtest/policy_cases.py), once per target mode the SDK can write, into DIR under the name the suite
looks up (xtest.encrypt_request.ciphertext_name). One action per SDK version, not per container:
each action pays for a Python start, a sandbox and a platform, and an SDK change rebuilds all of
its containers anyway.

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

from xtest import containers, prebuilt, scenarios, sdks, skew
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


def chosen_modes(answers: dict[str, bool]) -> list[str | None]:
    """The modes xtest.skew.target_mode can pick for this SDK."""
    return skew.possible_target_modes(answers.get("hexaflexible", False))


def target_modes(answers: dict[str, bool], container: str, scenario: scenarios.Scenario) -> list[str | None]:
    """The target modes the tests ask for: the chosen ones, plus the default where a test checks it."""
    if container == "nano" or not answers.get("hexaflexible"):
        return [None]
    return ([None] if scenario.untargeted else []) + chosen_modes(answers)


def probe_supports(sdk: sdks.SdkRef) -> dict[str, bool]:
    """The SDK's answer to every feature the suite asks about."""
    from xtest.sdk_runner import Sdk

    return {feature: Sdk(sdk).supports(feature) for feature in prebuilt.FEATURES}


def scenario_requests(sdk: sdks.SdkRef, container: str, answers: dict[str, bool], inputs: Path) -> list[tuple]:
    """(label, request) of every deterministic scenario (xtest/scenarios.py) for this container."""
    out = []
    for name, scenario in sorted(scenarios.SCENARIOS.items()):
        if container in scenario.containers and (scenario.requires is None or answers.get(scenario.requires, False)):
            for mode in target_modes(answers, container, scenario):
                out.append((name, scenarios.request(str(sdk), container, name, inputs, mode)))
    return out


def policy_requests(sdk: sdks.SdkRef, container: str, answers: dict[str, bool], state: Path) -> list[tuple]:
    """(label, request) of every attribute-policy ciphertext test_abac / test_policytypes ask for.

    The policy is created in this action's platform under the same derived namespaces the tests'
    embedded platform uses, so the attribute FQNs (and ciphertext names) agree.
    """
    from xtest import platform_env, policy_cases
    from xtest.fixtures.policy import Policy
    from xtest.policy_client import PolicyClient

    platform = platform_env.from_env()
    client = PolicyClient(platform.url, platform.token_endpoint, platform.client_id, platform.client_secret)

    def policy(module: str) -> Policy:
        return Policy(client, state, module, platform, derived_names=True)

    modes = chosen_modes(answers)
    out = []
    if container == "ztdf":
        have = {feature for feature, ok in answers.items() if ok}
        out += [
            ("abac", r) for r in policy_cases.abac_requests(str(sdk), policy(policy_cases.ABAC_MODULE), have, modes)
        ]
    policytypes = policy(policy_cases.POLICYTYPES_MODULE)
    out += [("policytypes", r) for r in policy_cases.policytypes_requests(str(sdk), container, policytypes, modes)]
    return out


def can_encrypt(answers: dict[str, bool], container: str) -> bool:
    """Whether the SDK can write the container (else the tests skip before asking for a fixture)."""
    needed = containers.ENCRYPT_FEATURE.get(container)
    return not needed or answers.get(needed, False)


def build_container(sdk: sdks.SdkRef, container: str, out_dir: Path, answers: dict[str, bool], tmp: Path) -> list[dict]:
    """Encrypt this container's fixtures into ``out_dir``; ``tmp`` holds inputs and policy state
    shared by every container of the action (one platform, so one set of attributes)."""
    built = []
    requests = scenario_requests(sdk, container, answers, tmp / "inputs")
    requests += policy_requests(sdk, container, answers, tmp / "policy")
    for label, request in requests:
        file_name = ciphertext_name(request)
        if (out_dir / file_name).exists():  # the same request twice (e.g. two labels)
            continue
        ok = scenarios.build(sdk, request, out_dir / file_name)
        built.append(
            {
                "container": container,
                "scenario": label,
                "target_mode": request.target_mode,
                "file": file_name,
                "encrypted": ok,
            }
        )
    return built


def build_all(sdk: sdks.SdkRef, container_names: list[str], out_dir: Path, answers: dict[str, bool]) -> list[dict]:
    from xtest.sdk_runner import SDK_CACHE_ENV

    with tempfile.TemporaryDirectory(prefix="fixture-inputs-") as tmp:
        (Path(tmp) / "inputs").mkdir()
        (Path(tmp) / "policy").mkdir()
        # Shared by this action's calls, and part of its output: it seeds the tests' runs (prebuilt.py).
        os.environ.setdefault(SDK_CACHE_ENV, str(out_dir / prebuilt.SDK_CACHE_DIR))
        return [b for c in container_names for b in build_container(sdk, c, out_dir, answers, Path(tmp))]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tdf_fixtures builder", description=__doc__.split("\n")[0])
    parser.add_argument("--sdk", required=True, help="name@version")
    parser.add_argument(
        "--container",
        action="append",
        required=True,
        choices=containers.ALL,
        help="a container to build (repeat for several)",
    )
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--runfiles-env", action="append", default=[], metavar="VAR=PATH")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.update(resolve_runfiles_env(args.runfiles_env, runfiles_root()))
    available = sdks.discover()
    refs = sdks.parse_specs(args.sdk, available)
    if len(refs) != 1:
        print(f"error: --sdk {args.sdk} must name exactly one installed SDK version", file=sys.stderr)
        return 2
    sdk = refs[0]
    answers = probe_supports(sdk)
    # Adapters run in another directory: give them an absolute path (without resolving symlinks).
    out_dir = args.out_dir.absolute()
    out_dir.mkdir(parents=True, exist_ok=True)
    prebuilt.write_supports(out_dir, str(sdk), answers)
    # A container the SDK cannot write: every consuming test skips on the answers, nothing to build.
    writable = [c for c in dict.fromkeys(args.container) if can_encrypt(answers, c)]
    built = scenarios._with_platform(lambda: build_all(sdk, writable, out_dir, answers)) if writable else []
    (out_dir / "index.json").write_text(json.dumps(built, indent=1) + "\n")
    failed = [b for b in built if not b["encrypted"]]
    skipped = sorted(set(args.container) - set(writable))
    print(
        f"{args.sdk} {', '.join(writable) or 'no container'}: {len(built) - len(failed)} fixtures built, "
        f"{len(failed)} encrypt failures recorded"
        + (f"; cannot write {', '.join(skipped)} (supports says no)" if skipped else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
