"""Deterministic, prebuildable encrypt scenarios and a CLI for the Bazel fixture layer.

A scenario fixes every encrypt input except the SDK, the container and the target mode, and uses
no per-run state (no random namespaces), so a Bazel action can build its ciphertext ahead of the
test and the suite finds it in ``XTEST_PREBUILT_DIR`` under :func:`xtest.encrypt_request.ciphertext_name`.

    python -m xtest.scenarios list                      # one JSON line per scenario
    python -m xtest.scenarios name  --sdk S --container C --scenario N [--target-mode T]
    python -m xtest.scenarios build --sdk S --container C --scenario N [--target-mode T] --out FILE

``build`` starts its own embedded platform on localhost:8080 (unless PLATFORMURL is set), runs
the adapter and writes FILE: the ciphertext, or, when the SDK fails, ``XTEST-ENCRYPT-FAILED``
plus the SDK's error (exit 0 either way: a failed encrypt is a test result, not a build error).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
from pathlib import Path

from xtest import assertion_inputs, containers, sdks
from xtest.encrypt_request import EncryptRequest, ciphertext_name

TARGET_MODES = (None, "4.2.2", "4.3.0")


@dataclasses.dataclass(frozen=True)
class Scenario:
    name: str
    plaintext: str
    containers: tuple[str, ...] = containers.ALL
    mime_type: str | None = None
    assertions: str | None = None  # assertion_inputs kind
    # Whether a test asks for it with no target mode even from an SDK that can pick one
    # (test_manifest_validity checks the SDK's default shape); others always name a mode then.
    untargeted: bool = False
    ecdsa_binding: bool = False  # nano only
    plaintext_policy: bool = False  # nano only
    # The SDK feature the encrypt needs: the tests skip an SDK without it, so nothing is built for it.
    requires: str | None = None

    def target_modes(self) -> tuple[str | None, ...]:
        return TARGET_MODES


SCENARIOS = {
    s.name: s
    for s in (
        Scenario("small", "small", untargeted=True),
        Scenario("large", "large"),
        # The mime and assertion tests are plain ZTDF tests.
        Scenario("mime-csv", "small", (containers.ZTDF,), mime_type="text/csv", requires="mime_type"),
        Scenario(
            "assertions-unkeyed",
            "small",
            (containers.ZTDF,),
            assertions="unkeyed",
            untargeted=True,
            requires="assertions",
        ),
        Scenario("assertions-keyed", "small", (containers.ZTDF,), assertions="keyed", requires="assertions"),
        # test_nano's binding and policy-mode variants.
        Scenario("nano-ecdsa", "small", (containers.NANO,), ecdsa_binding=True, requires="nano_ecdsa"),
        Scenario(
            "nano-plaintext-policy",
            "small",
            (containers.NANO,),
            plaintext_policy=True,
            requires="nano_policymode_plaintext",
        ),
    )
}


class ScenarioError(ValueError):
    """Unknown scenario, or a scenario asked for a container it does not apply to."""


def get(name: str) -> Scenario:
    try:
        return SCENARIOS[name]
    except KeyError:
        raise ScenarioError(f"unknown scenario {name!r}; valid: {', '.join(SCENARIOS)}") from None


def request(sdk: str, container: str, name: str, inputs_dir: Path, target_mode: str | None = None) -> EncryptRequest:
    """The encrypt request of scenario ``name`` for ``sdk`` (``name@version``) and ``container``.

    ``inputs_dir`` receives the assertion file the SDK reads (its content, not path, is keyed).
    """
    scenario = get(name)
    if container not in scenario.containers:
        raise ScenarioError(f"scenario {name} does not apply to container {container}")
    if target_mode not in TARGET_MODES:
        raise ScenarioError(f"target mode must be one of 4.2.2, 4.3.0 or unset, got {target_mode!r}")
    if container == containers.NANO and target_mode:
        raise ScenarioError("nano has no target mode")
    assertions = assertion_inputs.write(scenario.assertions, inputs_dir) if scenario.assertions else None
    return EncryptRequest(
        sdk=sdk,
        container=container,
        plaintext=scenario.plaintext,
        mime_type=scenario.mime_type,
        assertions=assertions,
        target_mode=target_mode,
        ecdsa_binding=scenario.ecdsa_binding,
        plaintext_policy=scenario.plaintext_policy,
    )


def _resolve_sdk(spec: str) -> sdks.SdkRef:
    refs = sdks.parse_specs(spec, sdks.discover(Path(os.environ.get("XTEST_SDK_DIR", sdks.SDK_ROOT))))
    if len(refs) != 1:
        raise sdks.SpecError(f"--sdk {spec} names {len(refs)} SDK versions; name exactly one (name@version)")
    return refs[0]


def build(ref: sdks.SdkRef, req: EncryptRequest, out: Path) -> bool:
    """Encrypt ``req`` with ``ref`` into ``out`` (or record the failure there); True on success."""
    from xtest import plaintexts
    from xtest.fixtures.ciphertext_cache import FAILURE_MAGIC, encrypt_to
    from xtest.sdk_runner import Sdk, SdkError

    with tempfile.TemporaryDirectory(prefix="xtest-build-") as tmp:
        plain = plaintexts.write(req.plaintext, Path(tmp) / "plain.txt")
        try:
            encrypt_to(Sdk(ref), req, plain, out)
            return True
        except SdkError as e:
            out.write_bytes(FAILURE_MAGIC + str(e).encode())
            return False


def _with_platform(fn):
    """Run ``fn`` with a platform: PLATFORMURL's, or an embedded one on localhost:8080."""
    if "PLATFORMURL" in os.environ:
        return fn()
    from tools.platform import EmbeddedPlatform

    with EmbeddedPlatform(port=int(os.environ.get("XTEST_PLATFORM_PORT", "8080"))) as platform:
        os.environ.update(platform.env())
        return fn()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xtest.scenarios", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="one JSON line per scenario")
    for cmd in ("name", "build"):
        p = sub.add_parser(cmd)
        p.add_argument("--sdk", required=True, help="name@version (or a name with one version)")
        p.add_argument("--container", required=True, choices=containers.ALL)
        p.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
        p.add_argument("--target-mode", choices=["4.2.2", "4.3.0"])
        if cmd == "build":
            p.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "list":
        for s in SCENARIOS.values():
            row = dataclasses.asdict(s) | {"target_modes": list(s.target_modes())}
            print(json.dumps(row, sort_keys=True))
        return 0
    try:
        ref = _resolve_sdk(args.sdk)
        with tempfile.TemporaryDirectory(prefix="xtest-inputs-") as inputs:
            req = request(str(ref), args.container, args.scenario, Path(inputs), args.target_mode)
            name = ciphertext_name(req)
            if args.command == "name":
                print(name)
                return 0
            ok = _with_platform(lambda: build(ref, req, args.out))
    except (sdks.SpecError, ScenarioError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{'built' if ok else 'encrypt FAILED (recorded)'}: {args.out} ({name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
