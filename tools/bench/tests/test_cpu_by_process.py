"""CPU by kind of process, from `perf script` text."""

import pytest

from tools.bench import cpu_by_process as cbp
from tools.bench.errors import ParseError

# What `perf script --show-task-events --show-mmap-events -F comm,pid,tid,time,ip,dso` prints:
# task events name their process inside the record; samples in the prefix.
SCRIPT = """\
         swapper     0/0         0.000000: PERF_RECORD_MMAP -1/0: [0x0(0x1) @ 0]: x [kernel.kallsyms]_text
         swapper     0/0       10.000000:  ffffffff81000001 ([kernel.kallsyms])
         swapper     0/0       10.500000:  ffffffff81000001 ([kernel.kallsyms])
            java   900/900     10.000000: PERF_RECORD_MMAP2 900/900: [0x1(0x2) @ 0]: r-xp /j/libjvm.so
            java   900/900     10.100000:      7f0000000001 (/j/libjvm.so)
 skyframe-evalua   900/905     70.100000:      7f0000000001 (/j/libjvm.so)
            java   700/700     20.000000: PERF_RECORD_MMAP2 700/700: [0x1(0x2) @ 0]: r-xp /j/libjvm.so
 C2 CompilerThre   700/702     20.100000:      7f0000000001 (/j/libjvm.so)
            java   700/700     20.200000:  ffffffff81000001 ([kernel.kallsyms])
         python3   800/800     30.000000: PERF_RECORD_MMAP2 800/800: [0x1(0x2) @ 0]: r-xp /x/lib/libpython3.11.so.1.0
         python3   800/800     30.100000:      7f0000000002 (/x/lib/libpython3.11.so.1.0)
         python3   801/801     30.000000: PERF_RECORD_MMAP2 801/801: [0x1(0x2) @ 0]: r-xp /e/pip_sdk_py/x.so
         python3   801/801     30.200000:      7f0000000002 (/x/lib/libpython3.11.so.1.0)
         python3   802/802     31.000000:      7f0000000002 (/x/lib/libpython3.11.so.1.0)
         python3   802/802     45.000000:      7f0000000002 (/x/lib/libpython3.11.so.1.0)
         python3   803/803     32.000000:      7f0000000002 (/x/lib/libpython3.11.so.1.0)
         python3   803/804     32.100000:      7f0000000002 (/x/lib/libpython3.11.so.1.0)
            node   600/600     40.000000:      7f0000000003 (/usr/bin/node)
         otdfctl   500/500     41.000000:      7f0000000004 (/o/otdfctl)
         dirname   400/400     42.000000:      7f0000000005 (/usr/bin/dirname)
          cli.sh   401/401     42.000000:      7f0000000005 (/usr/bin/bash)
   linux-sandbox   300/300     43.000000:      7f0000000006 (/l/linux-sandbox)
     kworker/0:1   20/20       44.000000:  ffffffff81000001 ([kernel.kallsyms])
            xyzq   21/21       44.000000:      7f0000000006 (/x/xyzq)
not a perf line at all
"""


@pytest.fixture
def processes():
    return cbp.parse_script(SCRIPT.splitlines(keepends=True))


def test_samples_and_kernel_samples_are_counted_per_process(processes):
    assert processes[700].samples == 2
    assert processes[700].kernel_samples == 1
    assert processes[0].samples == 2
    assert processes[700].mapped == {"/j/libjvm.so"}


def test_each_process_gets_its_kind(processes):
    kinds = {pid: cbp.kind(proc) for pid, proc in processes.items() if proc.samples}
    assert kinds == {
        0: "idle",
        900: "Bazel server",
        700: "java (Java SDK CLI)",
        800: "python: reference SDK calls and helpers",
        801: "python: otdf-python calls",
        802: "python: the suite (pytest, workers, platform)",  # lived 14 s
        803: "python: the suite (pytest, workers, platform)",  # ran two threads
        600: "node",
        500: "otdfctl",
        400: "shell and coreutils",
        401: "shell and coreutils",
        300: "sandbox (linux-sandbox)",
        20: "kernel threads",
        21: "other",
    }


def test_totals_turn_samples_into_seconds(processes):
    totals = cbp.totals(processes, hz=2.0)
    assert totals["java (Java SDK CLI)"].seconds == 1.0
    assert totals["java (Java SDK CLI)"].kernel_seconds == 0.5
    assert totals["python: the suite (pytest, workers, platform)"].processes == 2
    assert totals["python: the suite (pytest, workers, platform)"].seconds == 2.0


def test_table_lists_every_kind_with_the_difference_to_the_first_run(processes):
    first = cbp.totals(processes, hz=1.0)
    second = cbp.totals(processes, hz=0.5)  # every process twice the CPU
    text = cbp.table(["plain", "bazel"], [first, second]).splitlines()
    assert text[0].startswith("| kind | plain CPU-s (kernel) | processes | per process | bazel CPU-s")
    assert text[0].endswith("| bazel - plain |")
    java = next(row for row in text if row.startswith("| java"))
    assert java == "| java (Java SDK CLI) | 2.0 (1.0) | 1 | 2.00 | 4.0 (2.0) | 1 | 4.00 | +2.0 |"
    total = text[-1]
    busy = sum(t.seconds for k, t in first.items() if k != "idle")
    assert total.startswith(f"| total (without idle) | {busy:.1f} ")
    assert total.endswith(f"| +{busy:.1f} |")


def test_sample_rate_comes_from_perf_evlist():
    assert cbp.sample_rate("cpu-clock: sample_freq=49\ndummy:HG: sample_freq=49\n") == 49.0
    with pytest.raises(ParseError, match="sample_freq"):
        cbp.sample_rate("cycles\n")


def test_a_missing_recording_is_named(tmp_path, capsys):
    assert cbp.main([str(tmp_path / "none.perf")]) == 2
    assert "none.perf: no such perf recording" in capsys.readouterr().err
