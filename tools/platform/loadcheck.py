"""Load check (not a timed test): N rewraps from T threads against a fresh embedded platform.

    python -m tools.platform.loadcheck [-n 2000] [-t 16] [--transport rest|connect]

Prints throughput, latency percentiles and the error count; exits 1 if any request failed.
Each thread uses its own keep-alive connection and a pre-built signed request (the client-side
RSA work is done up front, so the figures measure the server).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time

from tools.platform import rewrap_requests as tb
from tools.platform.client import Client
from tools.platform.embedded import EmbeddedPlatform
from tools.platform.keys import load_key


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m tools.platform.loadcheck", description=__doc__.splitlines()[0])
    p.add_argument("-n", "--requests", type=int, default=2000)
    p.add_argument("-t", "--threads", type=int, default=16)
    p.add_argument("--transport", choices=["rest", "connect"], default="rest")
    return p.parse_args(argv)


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def run(requests: int, threads: int, transport: str) -> dict:
    with EmbeddedPlatform(port=0) as platform:
        token = Client(platform.url).token("opentdf-sdk")
        policy = tb.policy_b64()
        _, kao = tb.wrapped_kao(load_key("r1").public_pem, policy)
        signed = tb.srt(tb.v1_body(tb.RSA_CLIENT.public_pem, kao, policy))
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        share = [requests // threads + (1 if i < requests % threads else 0) for i in range(threads)]

        def worker(count: int) -> None:
            client = Client(platform.url)
            mine, bad = [], []
            for _ in range(count):
                t0 = time.perf_counter()
                try:
                    reply = client.rewrap(signed, token, transport)
                    ok = reply.status == 200 and all(r[0] == "permit" for r in reply.results)
                    if not ok:
                        bad.append(f"HTTP {reply.status}: {reply.doc}")
                except OSError as e:
                    bad.append(repr(e))
                mine.append(time.perf_counter() - t0)
            client.close()
            with lock:
                latencies.extend(mine)
                errors.extend(bad)

        workers = [threading.Thread(target=worker, args=(n,)) for n in share]
        start = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - start
        crashes = platform.crashes()
    latencies.sort()
    return {
        "requests": requests,
        "threads": threads,
        "transport": transport,
        "seconds": elapsed,
        "throughput": requests / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p90_ms": percentile(latencies, 0.90) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": latencies[-1] * 1000 if latencies else float("nan"),
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "server_crashes": len(crashes),
    }


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    r = run(args.requests, args.threads, args.transport)
    print(
        f"{r['requests']} rewraps ({r['transport']}) from {r['threads']} threads in {r['seconds']:.2f} s: "
        f"{r['throughput']:.0f} req/s; latency p50 {r['p50_ms']:.1f} ms, p90 {r['p90_ms']:.1f} ms, "
        f"p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.1f} ms; "
        f"errors {r['errors']}, server crashes {r['server_crashes']}"
    )
    if r["first_error"]:
        print(f"first error: {r['first_error']}")
    return 1 if r["errors"] or r["server_crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
