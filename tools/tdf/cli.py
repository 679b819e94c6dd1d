"""`python -m tools.tdf`: encrypt, decrypt, supports, inspect.

Exit codes: 0 success, 1 failure (one line `error: <Class>: <message>` on stderr), 2 usage.
`supports FEATURE` exits 0 supported / 1 known but unsupported / 2 unknown.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from pathlib import Path

from . import constants as c
from . import features
from .errors import TdfError

DEFAULT_PLATFORM = "http://localhost:8080"


def _split_list(values: list[str] | None) -> list[str]:
    """Repeated and/or comma-separated option values, in order, empty items dropped."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _connection_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("connection")
    g.add_argument(
        "--platform-url",
        default=os.environ.get("PLATFORMURL", DEFAULT_PLATFORM),
        help="platform base URL: well-known config, token endpoint, policy service, default KAS "
        "at {platform}/kas (env PLATFORMURL; default %(default)s)",
    )
    g.add_argument("--client-id", default=os.environ.get("CLIENTID", "opentdf"), help="env CLIENTID")
    g.add_argument("--client-secret", default=os.environ.get("CLIENTSECRET", "secret"), help="env CLIENTSECRET")


def _encrypt_parser(sub) -> None:
    p = sub.add_parser("encrypt", help="encrypt SRC into DST", description="Encrypt SRC into a ZTDF or NanoTDF at DST.")
    p.add_argument("src", help="plaintext file")
    p.add_argument("dst", help="output file (written only on success)")
    _connection_options(p)
    p.add_argument("--container", choices=c.CONTAINERS, default="ztdf", help="default %(default)s")
    p.add_argument(
        "--kas-url",
        action="append",
        metavar="URL[,URL]",
        help="KAS to wrap for (repeatable). Without attributes (or with --no-autoconfigure) all of "
        "them hold one split; with attributes the first is the default KAS. Default {platform}/kas",
    )
    p.add_argument(
        "--attr", "--attributes", action="append", dest="attr", metavar="FQN[,FQN]", help="data attribute value FQNs"
    )
    p.add_argument(
        "--no-autoconfigure",
        dest="autoconfigure",
        action="store_false",
        help="do not derive the split plan from the attributes' KAS grants",
    )
    p.add_argument("--mime-type", default="application/octet-stream", help="payload mimeType (default %(default)s)")
    p.add_argument("--dissem", action="append", metavar="EMAIL[,EMAIL]", help="policy dissem entries")
    z = p.add_argument_group("ZTDF")
    z.add_argument(
        "--target-mode",
        choices=(c.TARGET_LEGACY, c.TARGET_HEXLESS),
        default=c.TARGET_HEXLESS,
        help="4.3.0 = hexless integrity values, 4.2.2 = legacy hex (default %(default)s)",
    )
    z.add_argument(
        "--wrapping-key-algorithm",
        choices=(c.ALG_RSA, c.ALG_EC),
        default=c.ALG_RSA,
        help="KAO type: rsa:2048 = `wrapped`, ec:secp256r1 = `ec-wrapped` (default %(default)s)",
    )
    z.add_argument("--segment-size", type=int, default=c.DEFAULT_SEGMENT_SIZE, help="plaintext bytes per segment")
    z.add_argument("--segment-hash-alg", choices=c.SEGMENT_HASH_ALGS, default="GMAC")
    z.add_argument("--assertions", metavar="PATH|JSON", help="assertion list (file or inline JSON), upstream format")
    z.add_argument("--metadata", help="text stored as encryptedMetadata in every KAO")
    n = p.add_argument_group("NanoTDF")
    n.add_argument("--policy-binding", choices=("gmac", "ecdsa"), default="gmac")
    n.add_argument("--policy-mode", choices=c.NANO_POLICY_MODES, default="encrypted")
    n.add_argument("--no-nano-kid", dest="nano_kid", action="store_false", help="omit the kid from the KAS locator")


def _decrypt_parser(sub) -> None:
    p = sub.add_parser(
        "decrypt",
        help="decrypt SRC into DST",
        description="Decrypt a ZTDF or NanoTDF (detected from its first bytes). Keys come from the "
        "KAS servers named in the file, never from local private keys.",
    )
    p.add_argument("src", help="ZTDF or NanoTDF file")
    p.add_argument("dst", help="plaintext output (written only on success)")
    _connection_options(p)
    p.add_argument("--container", choices=c.CONTAINERS, help="fail unless SRC is this container")
    p.add_argument("--rewrap-protocol", choices=c.PROTOCOLS, default="rest", help="REST v2 JSON or Connect proto")
    p.add_argument("--session-key", choices=c.SESSION_KEYS, default="rsa", help="key type the KAS rewraps for")
    p.add_argument(
        "--kas-allowlist",
        action="append",
        metavar="URL[,URL]",
        help="KAS URLs decrypt may contact (default: the platform origin plus the platform's KAS registry)",
    )
    p.add_argument("--ignore-kas-allowlist", action="store_true", help="contact any KAS a KAO names")
    p.add_argument("--assertion-verification-keys", metavar="PATH|JSON", help='{"keys": {"<id>": {"alg", "key"}}}')
    p.add_argument("--no-verify-assertions", dest="verify_assertions", action="store_false")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tools.tdf", description="OpenTDF reference SDK (ZTDF and NanoTDF).")
    sub = p.add_subparsers(dest="command", required=True)
    _encrypt_parser(sub)
    _decrypt_parser(sub)
    s = sub.add_parser("supports", help="exit 0 if FEATURE is supported, 1 if not, 2 if unknown")
    s.add_argument("feature")
    i = sub.add_parser("inspect", help="print a TDF's manifest/header and policy as JSON (no keys needed)")
    i.add_argument("src")
    return p


def _tokens(args):
    from .auth import TokenSource

    return TokenSource(args.platform_url, args.client_id, args.client_secret)


def _encrypt(args) -> None:
    from .assertions import load_json_arg, parse_assertion_configs
    from .kas_client import KasClient
    from .platform_client import PlatformClient
    from .sdk import EncryptRequest, encrypt_file

    kas_urls = _split_list(args.kas_url) or [f"{args.platform_url.rstrip('/')}/kas"]
    req = EncryptRequest(
        kas_urls=kas_urls,
        container=args.container,
        attributes=_split_list(args.attr),
        autoconfigure=args.autoconfigure,
        wrapping_alg=args.wrapping_key_algorithm,
        ztdf={
            "dissem": _split_list(args.dissem),
            "mime_type": args.mime_type,
            "target_mode": args.target_mode,
            "segment_size": args.segment_size,
            "segment_hash_alg": args.segment_hash_alg,
            "metadata": args.metadata,
            "assertions": parse_assertion_configs(load_json_arg(args.assertions, "assertions"))
            if args.assertions
            else [],
        },
        nano={
            "policy_mode": args.policy_mode,
            "ecdsa_binding": args.policy_binding == "ecdsa",
            "include_kid": args.nano_kid,
        },
    )
    tokens = _tokens(args)
    encrypt_file(args.src, args.dst, req, KasClient(tokens), PlatformClient(args.platform_url, tokens))


def _allowlist(args, tokens):
    """The allowlist as a predicate; the registry is only fetched when a KAO is first checked."""
    from .allowlist import Allowlist, origin
    from .platform_client import PlatformClient

    if args.ignore_kas_allowlist:
        return Allowlist.build(allow_all=True)
    explicit = _split_list(args.kas_allowlist)
    if explicit:
        return Allowlist.build(urls=explicit)

    @functools.cache
    def default() -> Allowlist:
        registered = PlatformClient(args.platform_url, tokens).registered_kas_uris()
        return Allowlist.build(urls=registered, origins=[origin(args.platform_url)])

    return lambda url: default()(url)


def _decrypt(args) -> None:
    from . import ztdf
    from .assertions import load_verification_keys
    from .kas_client import KasClient
    from .sdk import decrypt_file

    tokens = _tokens(args)
    opts = ztdf.DecryptOptions(
        allowed=_allowlist(args, tokens),
        verify_assertions=args.verify_assertions,
        assertion_keys=load_verification_keys(args.assertion_verification_keys)
        if args.assertion_verification_keys
        else {},
    )
    releaser = KasClient(tokens, protocol=args.rewrap_protocol, session_key=args.session_key)
    decrypt_file(args.src, args.dst, releaser, opts, expect_container=args.container)


def inspect(path: str) -> dict:
    from . import nanotdf, ztdf
    from .policy import decode_policy
    from .sdk import detect_container

    container = detect_container(path)
    if container == "nano":
        h = nanotdf.parse_header(Path(path).read_bytes())
        out = {
            "container": "nano",
            "kasUrl": h.kas_url,
            "kid": h.kid,
            "ecdsaBinding": h.ecdsa_binding,
            "cipher": h.cipher,
            "policyMode": h.policy_mode,
            "headerLength": h.length,
        }
        if h.policy_mode == nanotdf.POLICY_PLAINTEXT:
            out["policy"] = json.loads(h.policy_body)
        return out
    zf, manifest = ztdf.open_container(path)
    zf.close()
    return {
        "container": "ztdf",
        "manifest": manifest,
        "policy": decode_policy(manifest["encryptionInformation"].get("policy", "")),
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "supports":
            return features.supports(args.feature)
        if args.command == "inspect":
            print(json.dumps(inspect(args.src), indent=2))
        elif args.command == "encrypt":
            _encrypt(args)
        else:
            _decrypt(args)
    except TdfError as e:
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0
