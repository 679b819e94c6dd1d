#!/usr/bin/env bash
# xtest adapter for the real Python SDK CLI (otdf-python, `python -m otdf_python`).
# Contract: docs/CONTRACTS.md "SDK adapters"; flags: OPENTDF-WIRE.md §1. Only maps arguments.
#   cli.sh encrypt SRC DST ztdf|nano   cli.sh decrypt SRC DST ztdf|nano
#   cli.sh supports FEATURE            cli.sh installed
# Interpreter: $XTEST_PY_SDK_PYTHON, else xtest/sdk/py/.venv/bin/python (made by install.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=${XTEST_PY_SDK_PYTHON:-$here/.venv/bin/python}

not_installed() {
  echo "py adapter: otdf-python is not installed at $py; run xtest/sdk/py/install.sh or set XTEST_PY_SDK_PYTHON" >&2
  exit 3
}
refuse() { echo "py adapter: otdf-python 0.11.0 cannot $1" >&2; exit 1; }

# find_spec locates the package without importing it (an import costs a whole CLI start).
[[ -x $py ]] && "$py" -c 'import importlib.util as u, sys; sys.exit(u.find_spec("otdf_python") is None)' 2>/dev/null || {
  [[ ${1:-} == supports ]] && exit 1
  not_installed
}

case ${1:-} in
  installed) exit 0 ;;
  supports)
    case ${2:-} in
      # Answered by the CLI itself: autoconfigure connectrpc hexless kasallowlist.
      autoconfigure | connectrpc | hexless | kasallowlist) exec "$py" -m otdf_python supports "$2" ;;
      nano | mime_type | nano_policymode_plaintext) exit 0 ;;  # py always embeds a plaintext nano policy
      # 0.11.0 writes only 4.3.0, no assertions, no EC wrapping, no ECDSA nano binding it can read back.
      assertions | assertion_verification | ecwrap | hexaflexible | nano_ecdsa | better-messages-2024 | ns_grants | \
        key_management | dpop | attribute_traversal | obligations) exit 1 ;;
      *) exit 2 ;;
    esac
    ;;
  encrypt | decrypt) ;;
  *) echo "usage: cli.sh encrypt|decrypt SRC DST ztdf|nano | supports FEATURE | installed" >&2; exit 2 ;;
esac

cmd=$1 src=$2 dst=$3 fmt=$4
global=(--platform-url "$PLATFORMURL" --client-id "${CLIENTID:-opentdf}" --client-secret "${CLIENTSECRET:-secret}")
[[ $PLATFORMURL == http://* ]] && global+=(--plaintext)
[[ ${XT_WITH_ECWRAP:-} == true ]] && refuse "wrap keys with EC (XT_WITH_ECWRAP)"

if [[ $cmd == encrypt ]]; then
  case $fmt in ztdf) ctype=tdf ;; nano) ctype=nano ;; *) echo "py adapter: unknown format $fmt" >&2; exit 2 ;; esac
  args=(encrypt "$src" -o "$dst" --container-type "$ctype")
  [[ -n ${XT_WITH_MIME_TYPE:-} ]] && args+=(--mime-type "$XT_WITH_MIME_TYPE")
  [[ -n ${XT_WITH_ATTRIBUTES:-} ]] && args+=(--attributes "$XT_WITH_ATTRIBUTES" --autoconfigure)
  [[ ${XT_WITH_ECDSA_BINDING:-} == true ]] && args+=(--policy-binding ecdsa)
  [[ -n ${XT_WITH_ASSERTIONS:-} ]] && refuse "embed assertions (XT_WITH_ASSERTIONS)"
  [[ -n ${XT_WITH_TARGET_MODE:-} && $XT_WITH_TARGET_MODE != 4.3.0 ]] && refuse "target $XT_WITH_TARGET_MODE"
else
  # Default allowlist: every KAS the test environment names (the upstream Go SDK trusts the registry).
  allow=${XT_WITH_KAS_ALLOW_LIST:-$(printf '%s,' "${KASURL:-}" "${KASURL1:-}" "${KASURL2:-}" "${KASURL3:-}" \
    "${KASURL4:-}" "${KASURL5:-}" "${KASURL6:-}" | tr -s , | sed 's/^,//; s/,$//')}
  [[ -n $allow ]] && global+=(--kas-allowlist "$allow")
  [[ ${XT_WITH_IGNORE_KAS_ALLOWLIST:-} == true ]] && global+=(--ignore-kas-allowlist)
  [[ -n ${XT_WITH_ASSERTION_VERIFICATION_KEYS:-} ]] && refuse "verify assertions with keys"
  args=(decrypt "$src" -o "$dst")
fi
exec "$py" -m otdf_python "${global[@]}" "${args[@]}"
