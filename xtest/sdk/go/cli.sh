#!/usr/bin/env bash
# xtest adapter for the Go SDK through an otdfctl-compatible CLI (upstream xtest/sdk/go/cli.sh flags).
# Contract: docs/CONTRACTS.md "SDK adapters"; XTEST-UPSTREAM.md §1.3. Only maps arguments.
#   cli.sh encrypt SRC DST ztdf   cli.sh decrypt SRC DST ztdf
#   cli.sh supports FEATURE       cli.sh installed
# Called as dist/<version>/cli.sh (which sets XTEST_GO_VERSION). Binary: $XTEST_OTDFCTL_<VERSION>
# (version upper-cased, dots as underscores: XTEST_OTDFCTL_V0_35_0), else dist/<version>/bin/otdfctl,
# made by tools/sdks/go/build_otdfctl.sh <version> xtest/sdk/go/dist/<version>/bin. A real otdfctl
# binary works there too: the flags are otdfctl's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
version=${XTEST_GO_VERSION:?go adapter: call it as xtest/sdk/go/dist/VERSION/cli.sh}
var=XTEST_OTDFCTL_$(echo "$version" | tr 'a-z.-' 'A-Z__')
otdfctl=${!var:-$here/dist/$version/bin/otdfctl}

if [[ ! -x $otdfctl ]]; then
  [[ ${1:-} == supports ]] && exit 1
  echo "go adapter: otdfctl $version is not built at $otdfctl; run tools/sdks/go/build_otdfctl.sh $version" \
    "xtest/sdk/go/dist/$version/bin or set $var" >&2
  exit 3
fi

version_json() { "$otdfctl" --version --json; }
# sdk_at_least X.Y.Z: the SDK the binary reports is X.Y.Z or newer.
sdk_at_least() { at_least "$(version_json | jq -re .sdk_version)" "$1"; }
at_least() { [[ $(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -1) == "${2#v}" ]]; }
help_has() { "$otdfctl" help "$1" | grep -q -- "$2"; }

supports() {
  case $1 in
    autoconfigure | ns_grants | mechanism-rsa-4096 | mechanism-ec-curves-384-521) return 0 ;;
    assertions | assertion_verification) help_has decrypt with-assertion-verification-keys ;;
    kasallowlist) help_has decrypt kas-allowlist ;;
    mime_type) help_has encrypt mime-type ;;
    hexaflexible) help_has encrypt target-mode ;;
    ecwrap) help_has encrypt wrapping-key && sdk_at_least 0.3.29 ;; # older SDKs used the old HKDF salt
    hexless) at_least "$(version_json | jq -re .schema_version)" 4.3.0 ;;
    connectrpc) sdk_at_least 0.4.5 ;;
    better-messages-2024) sdk_at_least 0.3.18 ;;
    key_management) sdk_at_least 0.5.1 ;;
    obligations) sdk_at_least 0.10.0 ;;
    attribute_traversal) sdk_at_least 0.12.0 ;;
    dpop | dpop_nonce_challenge) version_json | jq -e --arg f "$1" '(.supported_features // []) | index($f)' >/dev/null ;;
    # The stand-in has no `policy kas-registry key create` to list PQ mechanisms; bulk_rewrap is unused.
    mechanism-xwing | mechanism-secpmlkem | mechanism-mlkem | bulk_rewrap | audit_logging) return 1 ;;
    *) echo "go adapter: unknown feature $1" >&2; return 2 ;;
  esac
}

case ${1:-} in
  installed) exit 0 ;;
  supports) supports "${2:-}" >/dev/null; exit $? ;;
  encrypt | decrypt) ;;
  *) echo "usage: cli.sh encrypt|decrypt SRC DST ztdf | supports FEATURE | installed" >&2; exit 2 ;;
esac

cmd=$1 src=$2 dst=$3 fmt=${4:-ztdf}
[[ $fmt == ztdf ]] || { echo "go adapter: unsupported container format $fmt" >&2; exit 2; }
args=(-o "$dst" --host "${PLATFORMURL:-http://localhost:8080}" --tls-no-verify
  --with-client-creds "{\"clientId\":\"${CLIENTID:-opentdf}\",\"clientSecret\":\"${CLIENTSECRET:-secret}\"}")
if [[ $cmd == encrypt ]]; then
  [[ -n ${XT_WITH_MIME_TYPE:-} ]] && args+=(--mime-type "$XT_WITH_MIME_TYPE")
  [[ -n ${XT_WITH_ATTRIBUTES:-} ]] && args+=(--attr "$XT_WITH_ATTRIBUTES")
  [[ -n ${XT_WITH_ASSERTIONS:-} ]] && args+=(--with-assertions "$XT_WITH_ASSERTIONS")
  [[ ${XT_WITH_ECWRAP:-} == true ]] && args+=(--wrapping-key-algorithm ec:secp256r1)
  [[ -n ${XT_WITH_TARGET_MODE:-} ]] && args+=(--target-mode "$XT_WITH_TARGET_MODE")
  if [[ ${XT_WITH_ECDSA_BINDING:-} == true || ${XT_WITH_PLAINTEXT_POLICY:-} == true ]]; then
    echo "go adapter: ECDSA bindings and plaintext policies were NanoTDF options; ZTDF has neither" >&2
    exit 1
  fi
else
  [[ -n ${XT_WITH_ASSERTION_VERIFICATION_KEYS:-} ]] &&
    args+=(--with-assertion-verification-keys "$XT_WITH_ASSERTION_VERIFICATION_KEYS")
  [[ ${XT_WITH_ECWRAP:-} == true ]] && args+=(--session-key-algorithm ec:secp256r1)
  [[ ${XT_WITH_VERIFY_ASSERTIONS:-} == false ]] && args+=(--no-verify-assertions)
  allow=${XT_WITH_KAS_ALLOW_LIST:-${XT_WITH_KAS_ALLOWLIST:-}}
  [[ -n $allow ]] && args+=(--kas-allowlist "$allow")
  [[ ${XT_WITH_IGNORE_KAS_ALLOWLIST:-} == true ]] && args+=(--kas-allowlist '*')
fi
"$otdfctl" "$cmd" "${args[@]}" "$src"
# Real otdfctl appends .tdf to an encrypt output that lacks it; the contract wants DST exactly.
if [[ $cmd == encrypt && ! -e $dst && -e $dst.tdf ]]; then mv "$dst.tdf" "$dst"; fi
