#!/usr/bin/env bash
# Build xtest's Java CLI (xtest/sdk/java) over the real Java SDK from Maven Central.
#
#   build_cli.sh OUTDIR          resolve, verify, compile: OUTDIR/lib/*.jar + OUTDIR/xtest-java-cli.jar
#   build_cli.sh --lock          rewrite xtest/sdk/java/deps.lock from a fresh resolution
#
# Maven only resolves (dependency:copy-dependencies, plugin version pinned in the pom) into a local
# repository under XTEST_JAVA_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/xtest/java/m2); it runs
# offline when that repository already has everything, so only the first build needs the network.
# Every resolved jar must match deps.lock (sha256, exact set): a changed or extra jar fails the build.
# javac (release 17) compiles the CLI; run it with: java -cp "OUTDIR/lib/*:OUTDIR/xtest-java-cli.jar"
# io.opentdf.xtest.Main, or OUTDIR/xtest-java-cli.
set -euo pipefail

die() { echo "build_cli: $*" >&2; exit 2; }
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
project=$repo/xtest/sdk/java
lockfile=$project/deps.lock
m2=${XTEST_JAVA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xtest/java}/m2

# Maven, javac and jar are short-lived JVMs: C1 alone and the serial collector halve their CPU on
# 2 cores (mvn offline 3.2 -> 1.7 CPU-s, javac 2.7 -> 1.5), the same classes and jar byte for byte.
tool_jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
export MAVEN_OPTS=${MAVEN_OPTS:-${tool_jvm[*]}}

command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
command -v javac >/dev/null || die "javac not found (a JDK >= 17 is needed)"

# resolve DIR: copy the runtime classpath jars into DIR/lib, offline if the local repo suffices.
resolve() {
  local dir=$1
  local mvn_args=(-B -q -f "$project/pom.xml" -Dmaven.repo.local="$m2" dependency:copy-dependencies
    -DincludeScope=runtime -DoutputDirectory="$dir/lib")
  rm -rf "$dir/lib"
  mvn -o "${mvn_args[@]}" >/dev/null 2>&1 || {
    echo "build_cli: local repository $m2 incomplete; resolving from Maven Central" >&2
    mvn "${mvn_args[@]}"
  }
}

checksums() { (cd "$1/lib" && sha256sum -- *.jar | LC_ALL=C sort -k2); }

if [[ ${1:-} == --lock ]]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  resolve "$tmp"
  { echo "# sha256 of every runtime jar of xtest/sdk/java/pom.xml; written by tools/sdks/java/build_cli.sh --lock"
    checksums "$tmp"; } >"$lockfile"
  echo "build_cli: wrote $lockfile ($(grep -vc '^#' "$lockfile") jars)" >&2
  exit 0
fi
[[ $# -eq 1 && $1 != -* ]] || die "usage: $0 OUTDIR | --lock"
[[ -f $lockfile ]] || die "no $lockfile; run: $0 --lock"
mkdir -p "$1"
out=$(cd "$1" && pwd)
start=$SECONDS
resolve "$out"
if ! diff <(grep -v '^#' "$lockfile") <(checksums "$out") >&2; then
  die "resolved jars differ from $lockfile (above: < lock, > resolved); refusing to build"
fi
classes=$(mktemp -d); trap 'rm -rf "$classes"' EXIT
find "$project/src/main/java" -name '*.java' -print0 |
  xargs -0 javac "${tool_jvm[@]/#/-J}" --release 17 -Xlint:-options -encoding UTF-8 -d "$classes" -cp "$out/lib/*"
# A fixed entry date: the jar is then byte-identical on every build (remote cache keys stay put).
jar "${tool_jvm[@]/#/-J}" --create --date=2000-01-01T00:00:00Z --file "$out/xtest-java-cli.jar" --main-class io.opentdf.xtest.Main -C "$classes" .
# Fixed file dates too: an AppCDS archive (launcher.sh) records each jar's date and size, so with
# these it fits this CLI built anywhere, e.g. one a fixture action made on another machine.
touch -d 2000-01-01T00:00:00Z "$out/xtest-java-cli.jar" "$out"/lib/*.jar
# The launcher: JVM options, and a shared AppCDS archive when XTEST_JAVA_CDS_DIR is set.
install -m 755 "$project/launcher.sh" "$out/xtest-java-cli"
# Saved probe answers for xtest/sdk/java/cli.sh (saves a JVM start per `supports` question).
"$out/xtest-java-cli" --version >"$out/probe-version"
for c in encrypt decrypt; do "$out/xtest-java-cli" help "$c" >"$out/probe-help-$c"; done
echo "build_cli: built $out in $((SECONDS - start))s ($(ls "$out/lib" | wc -l) jars verified)" >&2
cat "$out/probe-version"
