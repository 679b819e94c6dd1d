#!/usr/bin/env bash
# xtest adapter for the real JS CLI (@opentdf/cli, bin `opentdf`).
# Contract: docs/CONTRACTS.md "SDK adapters"; flags: OPENTDF-WIRE.md §1. Only maps arguments.
#   cli.sh encrypt SRC DST ztdf|nano   cli.sh decrypt SRC DST ztdf|nano
#   cli.sh supports FEATURE            cli.sh installed
# node_modules: $XTEST_JS_SDK_NODE_MODULES, else xtest/sdk/js/node_modules (made by `npm ci`).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
modules=${XTEST_JS_SDK_NODE_MODULES:-$here/node_modules}
opentdf=$modules/.bin/opentdf

refuse() { echo "js adapter: @opentdf/cli 2.0.0-beta.1412 cannot $1" >&2; exit 1; }

if [[ ! -x $opentdf ]]; then
  [[ ${1:-} == supports ]] && exit 1
  echo "js adapter: @opentdf/cli is not installed at $opentdf; run (cd xtest/sdk/js && npm ci) or set XTEST_JS_SDK_NODE_MODULES" >&2
  exit 3
fi

case ${1:-} in
  installed) exit 0 ;;
  supports)
    case ${2:-} in
      # Legacy (hex) ZTDF only, RSA wrapping only, no mime type/assertions/autoconfigure; nano with GMAC.
      nano | better-messages-2024) exit 0 ;;
      assertions | assertion_verification | autoconfigure | connectrpc | ecwrap | hexaflexible | hexless | \
        kasallowlist | key_management | mime_type | nano_ecdsa | ns_grants | dpop | attribute_traversal | \
        obligations | nano_policymode_plaintext) exit 1 ;;
      *) exit 2 ;;
    esac
    ;;
  encrypt | decrypt) ;;
  *) echo "usage: cli.sh encrypt|decrypt SRC DST ztdf|nano | supports FEATURE | installed" >&2; exit 2 ;;
esac

cmd=$1 src=$2 dst=$3 fmt=$4
case $fmt in ztdf) ctype=tdf3 ;; nano) ctype=nano ;; *) echo "js adapter: unknown format $fmt" >&2; exit 2 ;; esac
args=(--kasEndpoint "$KASURL" --oidcEndpoint "$KCFULLURL" --auth "${CLIENTID:-opentdf}:${CLIENTSECRET:-secret}"
  -t "$ctype" --output "$dst")
[[ ${XT_WITH_ECWRAP:-} == true ]] && refuse "wrap keys with EC (XT_WITH_ECWRAP)"
if [[ $cmd == encrypt ]]; then
  [[ -n ${XT_WITH_ATTRIBUTES:-} ]] && args+=(--attributes "$XT_WITH_ATTRIBUTES")
  [[ -n ${XT_WITH_MIME_TYPE:-} ]] && refuse "set a mime type"
  [[ -n ${XT_WITH_ASSERTIONS:-} ]] && refuse "embed assertions"
  [[ -n ${XT_WITH_TARGET_MODE:-} && $XT_WITH_TARGET_MODE != 4.2.2 ]] && refuse "target $XT_WITH_TARGET_MODE"
  [[ ${XT_WITH_ECDSA_BINDING:-} == true ]] && refuse "write ECDSA nano bindings"
else
  [[ -n ${XT_WITH_ASSERTION_VERIFICATION_KEYS:-} ]] && refuse "verify assertions with keys"
fi
exec "$opentdf" "${args[@]}" "$cmd" "$src"
