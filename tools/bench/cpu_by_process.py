"""Where a run's CPU went, by kind of process, from a system-wide `perf record` (Linux).

The benchmark's CPU column says how much a phase spent, not who spent it. This answers the second
question, e.g. for plain pytest against a cold Bazel run:

    perf record -a -e cpu-clock -F 49 -o plain.perf -- python -m pytest -n auto ...
    perf record -a -e cpu-clock -F 49 -o bazel.perf -- tools/bazel test //xtest:all
    python -m tools.bench.cpu_by_process plain.perf bazel.perf

It prints one Markdown row per kind of process (the SDKs' processes, the suite's Python, the Bazel
server, shells, the sandbox, the kernel's threads, idle), with the CPU-seconds, the kernel's share,
the number of processes and the CPU-seconds per process, one column group per recording, and the
difference against the first. `cpu-clock` sampling works in VMs without hardware counters; 49 Hz on
two cores is ~100 samples a second, a 0.02 s resolution per process and no measurable cost.

A process is classified from what `perf script` shows of it: the names of its threads, the files it
mapped executable, and how long it lived.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

from tools.bench.errors import ParseError, SetupError
from tools.bench.table import markdown_head, markdown_row

SCRIPT_FIELDS = "comm,pid,tid,time,ip,dso"
# A Python process that lives this long, or runs threads, runs the suite (pytest, an xdist worker,
# a platform); the others are one SDK call or a helper.
LONG_LIVED_SECONDS = 10.0

_LINE = re.compile(r"^\s*(?P<comm>.+?)\s+(?P<pid>-?\d+)/(?P<tid>-?\d+)\s+(?P<time>\d+\.\d+):\s+(?P<rest>.*)$")
_MMAP = re.compile(r"PERF_RECORD_MMAP2? (?P<pid>-?\d+)/\d+: .* (?P<path>\S+)$")
_FORK = re.compile(r"PERF_RECORD_FORK\((?P<pid>\d+):(?P<tid>\d+)\)")
_EXIT = re.compile(r"PERF_RECORD_EXIT\((?P<pid>\d+):(?P<tid>\d+)\)")
_FREQ = re.compile(r"sample_freq=(\d+)")

# (what the adapters' cli.sh and Bazel's test-setup.sh run)
SHELL_TOOLS = frozenset(
    ("bash", "sh", "env", "dirname", "basename", "tr", "sed", "cut", "cksum", "readlink", "stat", "mkdir", "jq")
    + ("ps", "date", "sleep", "whoami", "find", "cat", "grep", "awk", "head", "tail", "sort", "uniq", "wc")
    + ("rm", "mv", "cp", "ln", "touch", "realpath", "mktemp", "xargs")
)
SHELL_SCRIPTS = (".sh",)
SANDBOX = frozenset({"linux-sandbox", "jspawnhelper", "process-wrapper"})
KERNEL_THREAD_PREFIXES = ("kworker", "ksoftirqd", "rcu_", "kdamond", "kthreadd", "migration", "khugepaged")


@dataclasses.dataclass
class Process:
    pid: int
    samples: int = 0
    kernel_samples: int = 0
    threads: set[int] = dataclasses.field(default_factory=set)
    thread_comms: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    mapped: set[str] = dataclasses.field(default_factory=set)
    first: float | None = None
    last: float | None = None

    def seen(self, time: float) -> None:
        self.first = time if self.first is None else min(self.first, time)
        self.last = time if self.last is None else max(self.last, time)

    @property
    def lifetime(self) -> float:
        return 0.0 if self.first is None else self.last - self.first

    @property
    def main_comm(self) -> str:
        return self.thread_comms.most_common(1)[0][0] if self.thread_comms else ""


def parse_script(lines) -> dict[int, Process]:
    """Processes (by pid) from `perf script --show-task-events --show-mmap-events -F comm,pid,tid,time,ip,dso`."""
    processes: dict[int, Process] = {}

    def process(pid: int) -> Process:
        return processes.setdefault(pid, Process(pid))

    for line in lines:
        match = _LINE.match(line.rstrip("\n"))
        if not match:
            continue
        time, rest = float(match["time"]), match["rest"]
        if rest.startswith("PERF_RECORD"):
            _task_event(rest, time, process)
            continue
        proc = process(int(match["pid"]))
        proc.samples += 1
        proc.threads.add(int(match["tid"]))
        proc.thread_comms[match["comm"]] += 1
        proc.seen(time)
        if "[kernel" in rest:
            proc.kernel_samples += 1
    return processes


def _task_event(rest: str, time: float, process) -> None:
    if mmap := _MMAP.search(rest):
        process(int(mmap["pid"])).mapped.add(mmap["path"])
        return
    for pattern in (_FORK, _EXIT):
        event = pattern.search(rest)
        # The process itself, not one of its threads; time 0 marks processes that existed before.
        if event and event["pid"] == event["tid"] and time > 0:
            process(int(event["pid"])).seen(time)


def kind(proc: Process) -> str:
    """What a process was, in the terms the benchmark's readers use."""
    comm, maps = proc.main_comm, " ".join(sorted(proc.mapped))
    if proc.pid == 0:
        return "idle"
    if "libjvm" in maps or "CompilerThre" in " ".join(proc.thread_comms):
        if any(name.startswith("skyframe") for name in proc.thread_comms):
            return "Bazel server"
        return "java (Java SDK CLI)"
    if "libpython" in maps or comm.startswith("python"):
        if "pip_sdk_py" in maps or "_pyqwest" in maps:
            return "python: otdf-python calls"
        if proc.lifetime >= LONG_LIVED_SECONDS or len(proc.threads) > 1:
            return "python: the suite (pytest, workers, platform)"
        return "python: reference SDK calls and helpers"
    if comm in ("node", "otdfctl"):
        return comm
    if comm in SANDBOX:
        return "sandbox (linux-sandbox)"
    if comm in SHELL_TOOLS or comm.endswith(SHELL_SCRIPTS):
        return "shell and coreutils"
    if comm.startswith(KERNEL_THREAD_PREFIXES):
        return "kernel threads"
    return "other"


@dataclasses.dataclass
class KindTotal:
    processes: int = 0
    seconds: float = 0.0
    kernel_seconds: float = 0.0


def totals(processes: dict[int, Process], hz: float) -> dict[str, KindTotal]:
    out: dict[str, KindTotal] = collections.defaultdict(KindTotal)
    for proc in processes.values():
        if not proc.samples:
            continue
        total = out[kind(proc)]
        total.processes += 1
        total.seconds += proc.samples / hz
        total.kernel_seconds += proc.kernel_samples / hz
    return dict(out)


def sample_rate(evlist_text: str) -> float:
    """The `cpu-clock` sampling frequency from `perf evlist -F`."""
    match = _FREQ.search(evlist_text)
    if not match:
        raise ParseError(f"no sample_freq in perf evlist output: {evlist_text.strip()!r}")
    return float(match.group(1))


def table(names: list[str], runs: list[dict[str, KindTotal]]) -> str:
    """Markdown: one row per kind, busiest first, then the busy total; per run CPU-s (kernel),
    processes, per process, and each run's difference to the first."""
    kinds = sorted(
        {k for run in runs for k in run}, key=lambda k: -max(run.get(k, KindTotal()).seconds for run in runs)
    )
    header = ["kind"]
    for name in names:
        header += [f"{name} CPU-s (kernel)", "processes", "per process"]
    header += [f"{name} - {names[0]}" for name in names[1:]]
    rows = markdown_head(header)
    rows += [_row(k, [run.get(k, KindTotal()) for run in runs]) for k in kinds]
    rows.append(_row("total (without idle)", [busy_total(run) for run in runs]))
    return "\n".join(rows)


def busy_total(run: dict[str, KindTotal]) -> KindTotal:
    """Every kind but idle, summed."""
    busy = [t for k, t in run.items() if k != "idle"]
    return KindTotal(sum(t.processes for t in busy), sum(t.seconds for t in busy), sum(t.kernel_seconds for t in busy))


def _row(label: str, totals_per_run: list[KindTotal]) -> str:
    cells = [label]
    for total in totals_per_run:
        per = f"{total.seconds / total.processes:.2f}" if total.processes else "-"
        cells += [f"{total.seconds:.1f} ({total.kernel_seconds:.1f})", str(total.processes), per]
    first = totals_per_run[0].seconds
    cells += [f"{total.seconds - first:+.1f}" for total in totals_per_run[1:]]
    return markdown_row(cells)


def read_recording(path: Path) -> dict[str, KindTotal]:
    """Run `perf` on one recording and total it by kind."""
    if not path.is_file():
        raise SetupError(f"{path}: no such perf recording")
    evlist = subprocess.run(["perf", "evlist", "-F", "-i", str(path)], capture_output=True, text=True, check=False)
    if evlist.returncode != 0:
        raise SetupError(f"perf evlist -i {path} failed: {evlist.stderr.strip()}")
    hz = sample_rate(evlist.stdout)
    cmd = ["perf", "script", "-i", str(path), "--show-task-events", "--show-mmap-events", "-F", SCRIPT_FIELDS]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as script:
        processes = parse_script(script.stdout)
    if script.returncode != 0:
        raise SetupError(f"perf script -i {path} exited {script.returncode}")
    return totals(processes, hz)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.cpu_by_process", description=__doc__.split("\n")[0])
    parser.add_argument("recordings", nargs="+", type=Path, help="perf.data files (`perf record -a -e cpu-clock`)")
    args = parser.parse_args(argv)
    try:
        runs = [read_recording(path) for path in args.recordings]
    except (SetupError, ParseError) as error:
        print(f"cpu_by_process: {error}", file=sys.stderr)
        return 2
    print(table([path.stem for path in args.recordings], runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
