#!/usr/bin/env bash
# Launcher of xtest's Java CLI; tools/sdks/java/build_cli.sh installs it as OUTDIR/xtest-java-cli,
# next to OUTDIR/lib/*.jar and OUTDIR/xtest-java-cli.jar.
#
#   XTEST_JAVA_OPTS       JVM options (default -XX:+UseSerialGC: on 2 cores the parallel collectors
#                         and C1-only JIT both cost more; docs/notes/go-java.md §3)
#   XTEST_JAVA_LOG_LEVEL  slf4j level (default warn), to stderr
#   XTEST_JAVA_CDS_DIR    a directory calls share: the first call records the ~5,000 classes it
#                         loads into an AppCDS archive there (-XX:ArchiveClassesAtExit) and later
#                         calls map it instead of loading and verifying them again, about a third
#                         less CPU per call. Unset: no archive.
#
# The JVM runs in the CLI's directory with a relative class path, so an archive fits every copy of
# this CLI with the same jars (the JVM checks the class path string and each jar's date and size;
# build_cli.sh fixes the dates): an archive recorded in one Bazel sandbox serves the others, e.g.
# the one a tdf_fixtures action leaves in its output. The caller's directory goes to the CLI as
# -Dxtest.cwd, against which it resolves relative file arguments.
#
# JVM messages (e.g. an archive made by another JVM build, which the JVM then ignores) go to stderr,
# never into the CLI's stdout.
set -uo pipefail
caller=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 3
# Jars in a fixed order (the JVM expands lib/* in directory order, which differs between copies).
IFS=: read -ra jars <<<"$(LC_ALL=C && printf '%s:' lib/*.jar)xtest-java-cli.jar"
classpath=$(IFS=: && echo "${jars[*]}")
# shellcheck disable=SC2206 # XTEST_JAVA_OPTS is a word list by design
java=(java -Xlog:disable -Xlog:all=warning:stderr ${XTEST_JAVA_OPTS:--XX:+UseSerialGC}
  -Dorg.slf4j.simpleLogger.logFile=System.err -Dorg.slf4j.simpleLogger.defaultLogLevel="${XTEST_JAVA_LOG_LEVEL:-warn}"
  -Dxtest.cwd="$caller")
main=(-cp "$classpath" io.opentdf.xtest.Main "$@")
plain() { exec "${java[@]}" "${main[@]}"; }

cds=${XTEST_JAVA_CDS_DIR:-}
[[ -n $cds ]] || plain
[[ $cds == /* ]] || cds=$caller/$cds
# One archive per CLI build and JDK (names, dates and sizes of the jars and of the JDK's modules):
# the JVM refuses an archive whose jars or JVM changed, so a rebuilt CLI or another JDK records a
# new one instead of never using any.
jdk_modules=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/modules
key=$(stat -L -c '%n %Y %s' "${jars[@]}" "$jdk_modules" 2>/dev/null | cksum | cut -d' ' -f1)
archive=$cds/xtest-java-cli-$key.jsa
[[ -s $archive ]] && exec "${java[@]}" -XX:SharedArchiveFile="$archive" "${main[@]}"
# A recording that wrote nothing (e.g. no room) is not retried on every call: each costs ~3 CPU-s more.
[[ -e $archive.none ]] && plain
# First call: record into a private file, publish it with a rename (concurrent calls may race;
# each publishes a complete archive, the last one stays).
mkdir -p "$cds" 2>/dev/null || plain
partial=$archive.$$.part
# (its notes on classes CDS cannot keep, e.g. generated reflection accessors, are noise: errors only)
"${java[@]}" -Xlog:cds*=error:stderr -XX:ArchiveClassesAtExit="$partial" "${main[@]}"
code=$?
if [[ -s $partial ]]; then mv -f "$partial" "$archive"; else rm -f "$partial" && : >"$archive.none"; fi
exit "$code"
