#!/usr/bin/env bash
# xtest adapter for the real Java SDK (io.opentdf.platform:sdk, pinned in pom.xml) through xtest's
# own Java CLI (src/), which mirrors the upstream cmdline.jar flags.
# Contract: docs/CONTRACTS.md "SDK adapters"; XTEST-UPSTREAM.md §1.3. Only maps arguments.
#   cli.sh encrypt SRC DST ztdf   cli.sh decrypt SRC DST ztdf
#   cli.sh supports FEATURE       cli.sh installed
# CLI dir: $XTEST_JAVA_CLI_DIR, else xtest/sdk/java/build (made by tools/sdks/java/build_cli.sh).
# The SDK speaks gRPC; the CLI carries it to the platform's Connect routes (ConnectBridge.java).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${XTEST_JAVA_CLI_DIR:-$here/build}
cli=$dir/xtest-java-cli

if [[ ! -x $cli ]]; then
  [[ ${1:-} == supports ]] && exit 1
  echo "java adapter: the Java CLI is not built at $dir; run tools/sdks/java/build_cli.sh xtest/sdk/java/build" \
    "or set XTEST_JAVA_CLI_DIR" >&2
  exit 3
fi

# The suite's per-run cache dir (XTEST_SDK_CACHE_DIR) holds the launcher's AppCDS archive: the
# first Java call of a run records it, the others start faster (xtest/sdk/java/launcher.sh).
if [[ -z ${XTEST_JAVA_CDS_DIR:-} && -n ${XTEST_SDK_CACHE_DIR:-} ]]; then
  export XTEST_JAVA_CDS_DIR=$XTEST_SDK_CACHE_DIR/java-cds
fi

# Feature answers come from --version (.version = SDK version) and help texts, as upstream. A JVM
# start costs ~0.5 s, so build_cli.sh saves those outputs next to the CLI (probe-*); run it if absent.
cached() {
  local name=$1; shift
  if [[ -f $dir/probe-$name ]]; then cat "$dir/probe-$name"; else "$cli" "$@" 2>/dev/null; fi
}
sdk_at_least() {
  local v
  v=$(cached version --version | jq -re .version)
  [[ $(printf '%s\n%s\n' "$v" "$1" | sort -V | head -1) == "$1" ]]
}
help_has() { cached "help-$1" help "$1" | grep -q -- "$2"; }

supports() {
  case $1 in
    autoconfigure | ns_grants | better-messages-2024) return 0 ;;
    assertions) help_has encrypt with-assertions ;;
    # Verifying with keys works, but SDK 0.7.3 cannot skip verification, which the feature includes.
    assertion_verification) help_has decrypt with-assertion-verification-disabled ;;
    kasallowlist) help_has decrypt kas-allowlist ;;
    mime_type) help_has encrypt mime-type ;;
    ecwrap) help_has encrypt encap-key && sdk_at_least 0.7.7 ;;
    hexless) [[ $(cached version --version | jq -re .tdfSpecVersion) == 4.3.0 ]] ;;
    hexaflexible) help_has encrypt with-target-mode ;;
    key_management) sdk_at_least 0.10.0 ;;
    mechanism-rsa-4096 | mechanism-ec-curves-384-521) sdk_at_least 0.13.0 ;;
    dpop | dpop_nonce_challenge) cached version --version | jq -e --arg f "$1" '.supported_features | index($f)' ;;
    connectrpc | attribute_traversal | obligations | bulk_rewrap | audit_logging | mechanism-xwing | \
      mechanism-secpmlkem | mechanism-mlkem) return 1 ;;
    *) echo "java adapter: unknown feature $1" >&2; return 2 ;;
  esac
}

case ${1:-} in
  installed) exit 0 ;;
  supports) supports "${2:-}" >/dev/null; exit $? ;;
  encrypt | decrypt) ;;
  *) echo "usage: cli.sh encrypt|decrypt SRC DST ztdf | supports FEATURE | installed" >&2; exit 2 ;;
esac

cmd=$1 src=$2 dst=$3 fmt=${4:-ztdf}
[[ $fmt == ztdf ]] || { echo "java adapter: unsupported container format $fmt" >&2; exit 2; }
platform=${PLATFORMURL:-http://localhost:8080}
args=(--client-id "${CLIENTID:-opentdf}" --client-secret "${CLIENTSECRET:-secret}" --platform-endpoint "$platform")
[[ $platform == http://* ]] && args+=(--plaintext)
args+=("$cmd" --file "$src" --output "$dst")
if [[ $cmd == encrypt ]]; then
  args+=(--kas-url "${KASURL:-$platform/kas}")
  [[ ${XT_WITH_ECWRAP:-} == true ]] && args+=(--encap-key-type ec:secp256r1)
  [[ ${XT_WITH_ECDSA_BINDING:-} == true ]] && args+=(--ecdsa-binding)
  [[ ${XT_WITH_PLAINTEXT_POLICY:-} == true ]] && args+=(--policy-type plaintext)
  [[ -n ${XT_WITH_MIME_TYPE:-} ]] && args+=(--mime-type "$XT_WITH_MIME_TYPE")
  [[ -n ${XT_WITH_ATTRIBUTES:-} ]] && args+=(--attr "$XT_WITH_ATTRIBUTES")
  [[ -n ${XT_WITH_ASSERTIONS:-} ]] && args+=(--with-assertions "$XT_WITH_ASSERTIONS")
  [[ -n ${XT_WITH_TARGET_MODE:-} ]] && args+=(--with-target-mode "$XT_WITH_TARGET_MODE")
else
  [[ ${XT_WITH_ECWRAP:-} == true ]] && args+=(--rewrap-key-type ec:secp256r1)
  allow=${XT_WITH_KAS_ALLOW_LIST:-${XT_WITH_KAS_ALLOWLIST:-}}
  [[ -n $allow ]] && args+=(--kas-allowlist "$allow")
  [[ ${XT_WITH_IGNORE_KAS_ALLOWLIST:-} == true ]] && args+=(--ignore-kas-allowlist)
  [[ -n ${XT_WITH_ASSERTION_VERIFICATION_KEYS:-} ]] &&
    args+=(--with-assertion-verification-keys "$XT_WITH_ASSERTION_VERIFICATION_KEYS")
  [[ ${XT_WITH_VERIFY_ASSERTIONS:-} == false ]] && args+=(--with-assertion-verification-disabled)
fi
exec "$cli" "${args[@]}"
