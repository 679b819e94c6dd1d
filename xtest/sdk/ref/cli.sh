#!/usr/bin/env bash
# Upstream xtest cli.sh contract for the reference SDK (tools/tdf):
#   cli.sh encrypt|decrypt SRC DST FMT     (FMT: ztdf | nano)
#   cli.sh supports FEATURE                (exit 0 supported, 1 not, 2 unknown)
# Only maps XT_WITH_* variables to flags; all logic lives in `python -m tools.tdf`.
# Encrypt: XT_WITH_MIME_TYPE, XT_WITH_ATTRIBUTES (comma list), XT_WITH_ASSERTIONS (path or JSON),
#   XT_WITH_TARGET_MODE, XT_WITH_ECWRAP=true, XT_WITH_ECDSA_BINDING=true,
#   XT_WITH_PLAINTEXT_POLICY=true, XT_WITH_KAS_URLS (comma list; ours).
# Decrypt: XT_WITH_ASSERTION_VERIFICATION_KEYS, XT_WITH_VERIFY_ASSERTIONS=false,
#   XT_WITH_ECWRAP=true (EC session key), XT_WITH_KAS_ALLOWLIST (or XT_WITH_KAS_ALLOW_LIST),
#   XT_WITH_IGNORE_KAS_ALLOWLIST=true.
# Connection: PLATFORMURL, CLIENTID, CLIENTSECRET (read by the Python CLI).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
export PYTHONPATH="${ROOT}${PYTHONPATH:+:${PYTHONPATH}}"
run() { exec "${XTEST_PYTHON:-python3}" -m tools.tdf "$@"; }

cmd="${1:-}"
case "$cmd" in
  supports)
    [ $# -eq 2 ] || { echo "usage: $0 supports FEATURE" >&2; exit 2; }
    run supports "$2"
    ;;
  encrypt | decrypt)
    [ $# -eq 4 ] || { echo "usage: $0 $cmd SRC DST FMT" >&2; exit 2; }
    src="$2" dst="$3" fmt="$4"
    args=("$cmd" "$src" "$dst" --container "$fmt")
    if [ "$cmd" = encrypt ]; then
      [ -n "${XT_WITH_MIME_TYPE:-}" ] && args+=(--mime-type "$XT_WITH_MIME_TYPE")
      [ -n "${XT_WITH_ATTRIBUTES:-}" ] && args+=(--attr "$XT_WITH_ATTRIBUTES")
      [ -n "${XT_WITH_ASSERTIONS:-}" ] && args+=(--assertions "$XT_WITH_ASSERTIONS")
      [ -n "${XT_WITH_TARGET_MODE:-}" ] && args+=(--target-mode "$XT_WITH_TARGET_MODE")
      [ -n "${XT_WITH_KAS_URLS:-}" ] && args+=(--kas-url "$XT_WITH_KAS_URLS")
      [ "${XT_WITH_ECWRAP:-}" = true ] && args+=(--wrapping-key-algorithm ec:secp256r1)
      [ "${XT_WITH_ECDSA_BINDING:-}" = true ] && args+=(--policy-binding ecdsa)
      [ "${XT_WITH_PLAINTEXT_POLICY:-}" = true ] && args+=(--policy-mode plaintext)
    else
      [ -n "${XT_WITH_ASSERTION_VERIFICATION_KEYS:-}" ] &&
        args+=(--assertion-verification-keys "$XT_WITH_ASSERTION_VERIFICATION_KEYS")
      [ "${XT_WITH_VERIFY_ASSERTIONS:-}" = false ] && args+=(--no-verify-assertions)
      [ "${XT_WITH_ECWRAP:-}" = true ] && args+=(--session-key ec)
      allowlist="${XT_WITH_KAS_ALLOWLIST:-${XT_WITH_KAS_ALLOW_LIST:-}}"
      [ -n "$allowlist" ] && args+=(--kas-allowlist "$allowlist")
      [ "${XT_WITH_IGNORE_KAS_ALLOWLIST:-}" = true ] && args+=(--ignore-kas-allowlist)
    fi
    run "${args[@]}"
    ;;
  *)
    echo "usage: $0 encrypt|decrypt SRC DST FMT | supports FEATURE" >&2
    exit 2
    ;;
esac
