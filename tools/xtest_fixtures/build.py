"""Build one SDK's prebuilt xtest ciphertexts for one container: the body of a `tdf_fixtures` action.

    build.py --sdk js@main --container ztdf --supports FILE --out-dir DIR [--runfiles-env VAR=runfiles/path ...]
    build.py --sdk js@main --probe-supports FILE [--runfiles-env ...]   # the `sdk_supports` action

Starts the embedded platform on localhost:8080 (the action runs with `block-network`, so that is
its own loopback and the KAS URL inside every TDF is the canonical one), then encrypts every
deterministic scenario of xtest/scenarios.py and every attribute-policy ciphertext of test_abac /
test_policytypes (xtest/policy_cases.py) for this SDK and container, once per target mode the SDK
can write, into DIR under the name the suite looks up (xtest.encrypt_request.ciphertext_name),
and copies the SDK's `supports` answers to DIR/supports.json (xtest/prebuilt.py). The answers are
probed once per SDK by a separate action (`--probe-supports`), not once per container.

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
        if container in scenario.containers:
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


def build_all(sdk: sdks.SdkRef, container: str, out_dir: Path, answers: dict[str, bool]) -> list[dict]:
    built = []
    with tempfile.TemporaryDirectory(prefix="fixture-inputs-") as tmp:
        (Path(tmp) / "inputs").mkdir()
        (Path(tmp) / "policy").mkdir()
        requests = scenario_requests(sdk, container, answers, Path(tmp) / "inputs")
        requests += policy_requests(sdk, container, answers, Path(tmp) / "policy")
        for label, request in requests:
            file_name = ciphertext_name(request)
            if (out_dir / file_name).exists():  # the same request twice (e.g. two labels)
                continue
            ok = scenarios.build(sdk, request, out_dir / file_name)
            built.append({"scenario": label, "target_mode": request.target_mode, "file": file_name, "encrypted": ok})
    return built


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tdf_fixtures builder", description=__doc__.split("\n")[0])
    parser.add_argument("--sdk", required=True, help="name@version")
    parser.add_argument("--probe-supports", type=Path, metavar="FILE", help="only write the SDK's supports table")
    parser.add_argument("--container")
    parser.add_argument("--supports", type=Path, metavar="FILE", help="supports table from --probe-supports")
    parser.add_argument("--out-dir", type=Path)
    parser.add_argument("--runfiles-env", action="append", default=[], metavar="VAR=PATH")
    args = parser.parse_args(argv)
    if not args.probe_supports and not (args.container and args.supports and args.out_dir):
        parser.error("building fixtures needs --container, --supports and --out-dir (or use --probe-supports FILE)")
    return args


def load_answers(path: Path, sdk: str) -> dict[str, bool]:
    """The supports table the probe action wrote for this very SDK."""
    probed_sdk, answers = prebuilt.read_supports_file(path)
    if probed_sdk != sdk:
        raise prebuilt.PrebuiltError(f"{path} holds the supports answers of {probed_sdk}, not {sdk}")
    return answers


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.update(resolve_runfiles_env(args.runfiles_env, runfiles_root()))
    available = sdks.discover()
    refs = sdks.parse_specs(args.sdk, available)
    if len(refs) != 1:
        print(f"error: --sdk {args.sdk} must name exactly one installed SDK version", file=sys.stderr)
        return 2
    sdk = refs[0]
    if args.probe_supports:
        prebuilt.write_supports_file(args.probe_supports, str(sdk), probe_supports(sdk))
        return 0
    try:
        answers = load_answers(args.supports, str(sdk))
    except prebuilt.PrebuiltError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Adapters run in another directory: give them an absolute path (without resolving symlinks).
    args.out_dir = args.out_dir.absolute()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    prebuilt.write_supports(args.out_dir, str(sdk), answers)
    built = []
    if can_encrypt(answers, args.container):  # else every consuming test skips: no platform needed
        built = scenarios._with_platform(lambda: build_all(sdk, args.container, args.out_dir, answers))
    (args.out_dir / "index.json").write_text(json.dumps(built, indent=1) + "\n")
    failed = [b for b in built if not b["encrypted"]]
    print(
        f"{args.sdk} {args.container}: {len(built) - len(failed)} fixtures built, "
        f"{len(failed)} encrypt failures recorded"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
