"""Benchmark the suite's parallelism and its shared ciphertext cache, in one run, as ratios.

    python -m xtest.bench [--repeat N] [-- PYTEST ARGS…]

Runs the same selection (default: ``test_tdfs.py test_policytypes.py --sdks ref``) serially,
with ``-n 2`` and with ``-n auto``, each with the shared cache on and off
(``XTEST_CIPHERTEXT_CACHE=0``), and prints wall time, encrypt operations and cache hits per
configuration plus time ratios against the serial cached run. Absolute seconds are only
comparable within one run on one machine; the ratios are the result. Every run starts its own
platform on free ports (``XTEST_PLATFORM_PORT=0``), so golden-file tests skip.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import subprocess
import sys
import time
from pathlib import Path

XTEST = Path(__file__).absolute().parent
DEFAULT_ARGS = ["test_tdfs.py", "test_policytypes.py", "--sdks", "ref"]
CONFIGS = [("serial", "0"), ("-n 2", "2"), ("-n auto", "auto")]
_STATS = re.compile(r"xtest ciphertexts: encrypt operations=(\d+) cache hits=(\d+)")
_OUTCOME = re.compile(r"^=*\s*(\d+ (?:passed|failed|error|skipped|xfailed).*?) in [\d.]+s", re.MULTILINE)


@dataclasses.dataclass
class Result:
    label: str
    cache: bool
    seconds: float
    encrypts: int
    hits: int
    outcome: str
    returncode: int


def run_once(label: str, workers: str, cache: bool, pytest_args: list[str]) -> Result:
    env = dict(os.environ, XTEST_PLATFORM_PORT="0", XTEST_CIPHERTEXT_CACHE="1" if cache else "0")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", workers, *pytest_args]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=XTEST, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    stats = _STATS.search(proc.stdout)
    outcomes = _OUTCOME.findall(proc.stdout)
    if stats is None:
        sys.stderr.write(f"no stats line from: {' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}\n")
    return Result(
        label=label,
        cache=cache,
        seconds=seconds,
        encrypts=int(stats[1]) if stats else -1,
        hits=int(stats[2]) if stats else -1,
        outcome=outcomes[-1] if outcomes else "?",
        returncode=proc.returncode,
    )


def report(results: list[Result]) -> str:
    base = next(r for r in results if r.label == "serial" and r.cache).seconds
    lines = [f"{'config':<10} {'cache':<6} {'seconds':>8} {'ratio':>6} {'encrypts':>9} {'hits':>6}  outcome"]
    for r in results:
        lines.append(
            f"{r.label:<10} {'on' if r.cache else 'off':<6} {r.seconds:8.1f} {r.seconds / base:6.2f} "
            f"{r.encrypts:9d} {r.hits:6d}  {r.outcome}"
        )
    cached = {r.encrypts for r in results if r.cache}
    lines.append(
        "encrypt operations with the cache are "
        + ("the same for every worker count" if len(cached) == 1 else f"NOT stable: {sorted(cached)}")
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xtest.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration (the fastest counts)")
    parser.add_argument("pytest_args", nargs="*", help="pytest selection (after --)")
    args = parser.parse_args(argv)
    pytest_args = args.pytest_args or DEFAULT_ARGS
    results = []
    for cache in (True, False):
        for label, workers in CONFIGS:
            runs = [run_once(label, workers, cache, pytest_args) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r.seconds)
            print(f"{label} cache={'on' if cache else 'off'}: {best.seconds:.1f}s {best.outcome}", flush=True)
            results.append(best)
    print(report(results))
    return 0 if all(r.returncode == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
