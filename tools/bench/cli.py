"""python3 -m tools.bench: plain pytest versus Bazel on one machine, in one run.

    python3 -m tools.bench [--sdks "ref py js"] [--runs N] [--out FILE.md] [--matrix auto|full|regenerated|tags]
                           [--touch SDK] [--python PY] [--checkout-sdks] [--keep] [--rev REV]

Phases, per repetition, all in a scratch copy of the repository (`git archive REV`):
  0. (untimed) the SDKs plain pytest needs are installed into the copy by its own commands;
  1. plain `pytest -n auto --sdks …` from xtest/;
  2. `tools/bazel test //xtest:all` cold: a fresh --output_user_root and an empty remote cache (the
     repository rules install every SDK first);
  3. cold again with the SDKs installed, as plain pytest has them: `bazel clean` (no outputs, no
     action cache) and `--remote_accept_cached=false`, so every fixture and test runs again;
  4. the same again, nothing changed;
  5. after appending a comment to one SDK adapter (xtest/sdk/<touch>/cli.sh) in the copy;
  6. after `bazel clean --expunge`, with the remote cache still full.
Prints a Markdown table (and writes it to --out): wall time, ratio to plain pytest, test shards and
actions executed versus cached (tools.ci.bazel_stats).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.bench import matrix as matrix_mod
from tools.bench import phases, scratch, sdk_setup
from tools.bench.errors import BenchError, PhaseError, SetupError
from tools.bench.report import Context, render_report
from tools.bench.table import Row, executed_targets, merge_repetitions
from tools.remote_cache import server as remote_cache

CHECKOUT = Path(__file__).absolute().parents[2]
PHASES = (
    "plain pytest -n auto",
    "bazel cold (fresh output root, empty remote cache)",
    "bazel cold, SDKs installed (bazel clean, remote cache not read)",
    "bazel warm (no change)",
    "bazel after touching {touched}",
    "bazel after clean --expunge (remote cache warm)",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sdks", default=matrix_mod.BAZEL_SDKS, help=f'SDKs (default "{matrix_mod.BAZEL_SDKS}")')
    parser.add_argument("--runs", type=int, default=1, help="repetitions of all six phases (default 1)")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--matrix", choices=matrix_mod.MODES, default="auto", help="how Bazel selects the matrix")
    parser.add_argument("--touch", help="SDK whose adapter phase 4 touches (default js if in --sdks, else the first)")
    parser.add_argument("--python", default=sys.executable, help="Python with pytest and pytest-xdist (plain pytest)")
    parser.add_argument(
        "--checkout-sdks",
        action="store_true",
        help="plain pytest uses the SDKs installed in this checkout (faster set-up; they may be older than --rev)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory (copy, logs, Bazel output)")
    parser.add_argument("--rev", default="HEAD", help="commit to benchmark (default HEAD)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command (default 3600)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def check_python(python: str) -> None:
    done = subprocess.run([python, "-c", "import pytest, xdist"], capture_output=True, check=False)
    if done.returncode != 0:
        raise SetupError(
            f"{python} lacks pytest or pytest-xdist, which plain pytest needs: pass --python PATH to a Python with "
            "requirements_lock.txt installed (e.g. python3 -m venv V && V/bin/pip install --require-hashes "
            "-r requirements_lock.txt)"
        )


def touched_sdk(sdks: tuple[str, ...], wanted: str | None) -> str:
    if wanted:
        if wanted not in sdks:
            raise SetupError(f"--touch {wanted}: not in --sdks {' '.join(sdks)}, so no test would notice")
        return wanted
    return "js" if "js" in sdks else sdks[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    """1-minute load average: other users of the machine show up here (and in every wall time)."""
    return f"{os.getloadavg()[0]:.1f}"


class Benchmark:
    def __init__(self, args: argparse.Namespace, workdir: Path):
        self.args = args
        self.workdir = workdir
        self.sdks = matrix_mod.parse_sdks(args.sdks)
        self.matrix = matrix_mod.choose(self.sdks, args.matrix)
        self.touch = touched_sdk(self.sdks, args.touch)
        self.tree = workdir / "repo"
        self.logs = workdir / "logs"
        self.commands: list[str] = []
        self.notes: list[str] = []
        self.bazel_release = "Bazel release unknown"

    def prepare(self) -> tuple[str, int, dict[str, str]]:
        """Copy the tree, select the Bazel matrix, make sure the SDKs are installed; (commit, tests, env)."""
        check_python(self.args.python)
        self.logs.mkdir(parents=True)
        commit = scratch.make_copy(CHECKOUT, self.args.rev, self.tree)
        env = {**os.environ, **self.install_sdks()}
        if self.matrix.mode == "regenerated":
            cmd = [self.args.python, "-m", "tools.xtest_targets.generate", "--sdks", " ".join(self.sdks)]
            timed = phases.run_logged(cmd, self.tree, self.logs / "generate.log", env, self.args.timeout)
            if timed.exit_code != 0:
                raise PhaseError(f"regenerating xtest/targets.bzl failed; see {timed.log}")
            self.commands.append(f'python -m tools.xtest_targets.generate --sdks "{" ".join(self.sdks)}"')
        targets = matrix_mod.read_targets((self.tree / "xtest" / "targets.bzl").read_text(encoding="utf-8"))
        return commit, matrix_mod.count_tests(matrix_mod.selected(targets, self.matrix)), env

    def install_sdks(self) -> dict[str, str]:
        """Install plain pytest's SDKs (or find them in the checkout); the env vars that point at them."""
        needs = sdk_setup.requirements(self.sdks, sdk_setup.go_versions(self.tree))
        if self.args.checkout_sdks:
            sdk_setup.check_installed(needs, CHECKOUT)
            self.notes.append(f"plain pytest used the SDKs installed in {CHECKOUT}, which may be older than the commit")
            return sdk_setup.adapter_env(needs, CHECKOUT)
        sdk_setup.install(needs, self.tree, self.logs, self.args.timeout)
        if needs:
            self.notes.append("plain pytest's SDKs were installed from the commit into the scratch copy before timing")
        return sdk_setup.adapter_env(needs, self.tree)

    def plain_pytest(self, env: dict[str, str], n: int) -> Row:
        if not wait_for_free_port(8080, PORT_WAIT_SECONDS):
            env = {**env, "XTEST_PLATFORM_PORT": "0"}
            self.notes.append(
                f"port 8080 stayed busy for {PORT_WAIT_SECONDS}s: plain pytest ran its platform on free ports "
                "(XTEST_PLATFORM_PORT=0), so its golden-file tests skipped "
                "(under Bazel each shard has its own loopback and port 8080)"
            )
        row = phases.plain_pytest(
            self.tree, self.args.python, self.sdks, env, self.logs / f"pytest-{n}.log", self.args.timeout
        )
        if n == 0:
            self.commands.insert(0, f'cd xtest && python -m pytest -n auto --sdks "{" ".join(self.sdks)}"')
        return row

    def repetition(self, env: dict[str, str], n: int) -> tuple[list[Row], object]:
        """One pass of the six phases; returns the rows and the touched phase's stats."""
        rows = [self.plain_pytest(env, n)]
        cache_dir = self.workdir / f"remote-cache-{n}"
        port = free_port()
        try:
            url = remote_cache.start(cache_dir, port)
        except remote_cache.CacheError as error:
            raise SetupError(f"remote cache: {error}") from None
        bazel = phases.Bazel(self.tree, self.workdir / f"bazel-root-{n}", url, self.logs, self.args.timeout)
        try:
            row, _ = bazel.test_row(PHASES[1], f"cold-{n}", self.matrix)
            rows.append(row)
            bazel.run(f"clean-{n}", "clean")
            row, _ = bazel.test_row(PHASES[2], f"installed-{n}", self.matrix, read_cache=False)
            rows.append(row)
            row, _ = bazel.test_row(PHASES[3], f"warm-{n}", self.matrix)
            rows.append(row)
            touched = scratch.touch_adapter(self.tree, self.touch, n)
            row, touched_stats = bazel.test_row(
                PHASES[4].format(touched=touched.relative_to(self.tree)), f"touched-{n}", self.matrix
            )
            rows.append(row)
            bazel.run(f"expunge-{n}", "clean", "--expunge")
            row, _ = bazel.test_row(PHASES[5], f"expunged-{n}", self.matrix)
            rows.append(row)
            self.bazel_release = bazel.release()
            if n == 0:
                # The cache's port is gone with it: show where a reader's own cache URL goes.
                flags = " ".join(bazel.test_flags(self.matrix, Path("BEP.json"))).replace(url, "http://127.0.0.1:PORT")
                self.commands += [
                    f"tools/bazel --output_user_root=ROOT test {flags}   # cold, warm, touched",
                    "tools/bazel --output_user_root=ROOT clean && <the same> --remote_accept_cached=false  # installed",
                    "tools/bazel --output_user_root=ROOT clean --expunge && <the same test command>",
                ]
        finally:
            bazel.shutdown()
            remote_cache.stop(cache_dir)
            if not self.args.keep:
                scratch.remove_tree(self.workdir / f"bazel-root-{n}")
                scratch.remove_tree(cache_dir)
        return rows, touched_stats

    def run(self) -> str:
        load_at_start = load_average()
        commit, bazel_tests, env = self.prepare()
        passes = []
        touched_stats = None
        for n in range(self.args.runs):
            print(f"bench: repetition {n + 1} of {self.args.runs} (logs in {self.logs})", file=sys.stderr, flush=True)
            rows, touched_stats = self.repetition(env, n)
            passes.append(rows)
        rows = [merge_repetitions([p[i] for p in passes]) for i in range(len(passes[0]))]
        ctx = Context(
            commit=commit,
            sdks=self.sdks,
            matrix=self.matrix.describe(),
            bazel_tests=bazel_tests,
            touched=f"xtest/sdk/{self.touch}/cli.sh",
            runs=self.args.runs,
            machine=f"{os.cpu_count()} cores, load average {load_at_start} at the start, {load_average()} at the end",
            bazel_release=self.bazel_release,
            commands=self.commands,
            notes=self.notes + CAVEATS,
        )
        return render_report(ctx, rows, executed_targets(touched_stats))


CAVEATS = [
    "cold includes starting a Bazel server, extracting its install base and running the repository rules "
    "(pip/npm/Go/Maven installs use the user's own pip/npm/Go/Maven download caches, so no network time is "
    "measured for packages already downloaded); after clean --expunge the repository rules run again",
    "other processes share this machine: compare rows of this run only; CPU busy is every core's busy time "
    "(/proc/stat) during the phase, whoever spent it: more CPU than plain pytest means more work, "
    "less wall per CPU-s means idle cores",
]


def port_in_use(port: int) -> bool:
    """True when something listens on 127.0.0.1:port."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# Another user's plain pytest holds 8080 for its run only: wait for it rather than skip golden tests.
PORT_WAIT_SECONDS = 180


def wait_for_free_port(port: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while port_in_use(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(2)
    return True


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="xtest-bench-"))
    try:
        text = Benchmark(args, workdir).run()
    except BenchError as error:
        # The copy and logs stay for a look; Bazel's output roots are already gone.
        print(f"bench: error: {error}\nbench: logs kept in {workdir}", file=sys.stderr)
        return 1
    if args.keep:
        print(f"bench: kept {workdir}", file=sys.stderr)
    else:
        scratch.remove_tree(workdir)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0
