"""xtest/sdk/java/launcher.sh: JVM options and the shared AppCDS archive, with a stand-in `java`.

The stand-in records its directory and arguments, writes the archive file `-XX:ArchiveClassesAtExit=F` names (as
the JVM does at exit) unless told not to, and exits with $FAKE_JAVA_EXIT.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

LAUNCHER = Path(__file__).absolute().parents[3] / "xtest" / "sdk" / "java" / "launcher.sh"

FAKE_JAVA = """#!/usr/bin/env bash
printf '%s\\n' "cwd=$PWD" "$@" >>"$FAKE_JAVA_LOG"
echo ---- >>"$FAKE_JAVA_LOG"
for a in "$@"; do
  case $a in -XX:ArchiveClassesAtExit=*) [[ -n ${FAKE_JAVA_NO_DUMP:-} ]] || echo archive >"${a#*=}" ;; esac
done
echo "cli output"
exit "${FAKE_JAVA_EXIT:-0}"
"""


def make_cli(cli_dir: Path) -> Path:
    """A CLI directory as build_cli.sh installs it: launcher, jars with fixed dates."""
    (cli_dir / "lib").mkdir(parents=True)
    shutil.copy(LAUNCHER, cli_dir / "xtest-java-cli")
    for jar in ("lib/sdk.jar", "lib/Bouncy.jar", "lib/asm.jar", "xtest-java-cli.jar"):
        (cli_dir / jar).write_text(jar)
        os.utime(cli_dir / jar, (946684800, 946684800))
    return cli_dir


@pytest.fixture
def cli(tmp_path: Path):
    """A CLI dir with the launcher, and a function that runs it; returns (run, calls, cds_dir)."""
    cli_dir = make_cli(tmp_path / "cli")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").write_text(FAKE_JAVA)
    (bin_dir / "java").chmod(0o755)
    log = tmp_path / "java.log"
    cds = tmp_path / "cds"

    def run(*args: str, cli_dir: Path = cli_dir, cwd: Path = tmp_path, **env: str) -> subprocess.CompletedProcess:
        outer = {k: v for k, v in os.environ.items() if not k.startswith("XTEST_JAVA_")}
        full_env = {**outer, "PATH": f"{bin_dir}:{os.environ['PATH']}", "FAKE_JAVA_LOG": str(log), **env}
        return subprocess.run(
            ["bash", str(cli_dir / "xtest-java-cli"), *args],
            env=full_env,
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )

    def calls() -> list[list[str]]:
        return [c.strip("\n").split("\n") for c in log.read_text().split("----\n") if c.strip()]

    return run, calls, cds


def test_without_a_cds_dir_no_archive_flags(cli):
    run, calls, cds = cli
    done = run("--version")
    assert (done.returncode, done.stdout) == (0, "cli output\n")
    (argv,) = calls()
    assert argv[-2:] == ["io.opentdf.xtest.Main", "--version"]
    assert "-XX:+UseSerialGC" in argv
    assert not [a for a in argv if "Archive" in a]
    assert not cds.exists()


def test_the_jvm_runs_in_the_cli_dir_with_a_relative_class_path_in_a_fixed_order(cli, tmp_path):
    run, calls, _ = cli
    caller = tmp_path / "caller"
    caller.mkdir()
    run("encrypt", "--file", "in.txt", cwd=caller)
    (argv,) = calls()
    # One class path string for every copy of the CLI: an archive records it and the JVM compares.
    assert argv[0] == f"cwd={tmp_path / 'cli'}"
    assert argv[argv.index("-cp") + 1] == "lib/Bouncy.jar:lib/asm.jar:lib/sdk.jar:xtest-java-cli.jar"
    assert f"-Dxtest.cwd={caller}" in argv  # the CLI resolves in.txt against it
    assert argv[-3:] == ["encrypt", "--file", "in.txt"]


def test_an_archive_recorded_by_one_copy_of_the_cli_serves_another(cli, tmp_path):
    run, calls, cds = cli
    other = make_cli(tmp_path / "elsewhere" / "cli")  # e.g. another Bazel sandbox, same jars
    run("encrypt", XTEST_JAVA_CDS_DIR=str(cds))
    run("decrypt", cli_dir=other, XTEST_JAVA_CDS_DIR=str(cds))
    (archive,) = cds.iterdir()
    assert f"-XX:SharedArchiveFile={archive}" in calls()[1]


def test_a_relative_cds_dir_is_the_callers(cli, tmp_path):
    run, _, _ = cli
    run("encrypt", XTEST_JAVA_CDS_DIR="cds-here")
    assert len(list((tmp_path / "cds-here").glob("*.jsa"))) == 1


def test_the_first_call_records_the_archive_and_later_calls_map_it(cli):
    run, calls, cds = cli
    assert run("encrypt", "a", XTEST_JAVA_CDS_DIR=str(cds)).returncode == 0
    (archive,) = cds.iterdir()
    assert archive.name.endswith(".jsa") and archive.read_text() == "archive\n"
    assert run("decrypt", "b", XTEST_JAVA_CDS_DIR=str(cds)).returncode == 0
    first, second = calls()
    recorded = [a for a in first if a.startswith("-XX:ArchiveClassesAtExit=")]
    assert len(recorded) == 1 and recorded[0].endswith(".part")  # published by rename, never half-written
    assert f"-XX:SharedArchiveFile={archive}" in second
    assert not [a for a in second if a.startswith("-XX:ArchiveClassesAtExit")]
    assert second[-2:] == ["decrypt", "b"]


def test_the_exit_code_and_output_pass_through_the_recording_call(cli):
    run, _, cds = cli
    done = run("decrypt", "x", XTEST_JAVA_CDS_DIR=str(cds), FAKE_JAVA_EXIT="1")
    assert (done.returncode, done.stdout) == (1, "cli output\n")


def test_a_recording_that_wrote_nothing_is_not_retried(cli):
    run, calls, cds = cli
    assert run("encrypt", XTEST_JAVA_CDS_DIR=str(cds), FAKE_JAVA_NO_DUMP="1").returncode == 0
    assert [p.suffix for p in cds.iterdir()] == [".none"]  # no partial archive left behind
    assert run("decrypt", XTEST_JAVA_CDS_DIR=str(cds)).returncode == 0
    assert not [a for a in calls()[1] if "Archive" in a]


def test_a_rebuilt_cli_records_a_new_archive(cli, tmp_path):
    run, calls, cds = cli
    run("encrypt", XTEST_JAVA_CDS_DIR=str(cds))
    jar = tmp_path / "cli" / "xtest-java-cli.jar"
    jar.write_text("rebuilt")  # the JVM would refuse the old archive for it
    run("encrypt", XTEST_JAVA_CDS_DIR=str(cds))
    assert len(list(cds.glob("*.jsa"))) == 2
    assert [a for a in calls()[1] if a.startswith("-XX:ArchiveClassesAtExit=")]


def test_an_unwritable_cds_dir_runs_without_an_archive(cli, tmp_path):
    run, calls, _ = cli
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = run("encrypt", XTEST_JAVA_CDS_DIR=str(blocker / "cds"))
    assert (done.returncode, done.stderr) == (0, "")
    assert not [a for a in calls()[0] if "Archive" in a]


def test_java_opts_replace_the_default_and_come_after_the_log_settings(cli):
    run, calls, _ = cli
    run("--version", XTEST_JAVA_OPTS="-Xint -Xmx64m")
    (argv,) = calls()
    assert "-XX:+UseSerialGC" not in argv
    assert argv.index("-Xlog:all=warning:stderr") < argv.index("-Xint") < argv.index("-Xmx64m")
