"""What a Bazel run executed versus took from a cache, from its build event log and console.

    python3 -m tools.ci.bazel_stats --bep BEP.json [--log CONSOLE.txt] [--expect-all-cached]

Used by .ci/run (after `bazel clean --expunge`, every test result and every action must come from
the remote cache) and by the benchmark. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field

# Process kinds that did not execute anything.
NOT_EXECUTED = {"internal", "remote cache hit", "disk cache hit"}


@dataclass
class RunStats:
    tests: int = 0
    tests_cached_remotely: int = 0
    tests_cached_locally: int = 0
    tests_failed: list[str] = field(default_factory=list)
    tests_executed: list[str] = field(default_factory=list)
    processes: Counter = field(default_factory=Counter)

    @property
    def processes_executed(self) -> int:
        return sum(n for kind, n in self.processes.items() if kind not in NOT_EXECUTED)

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.processes.items())) or "none"
        return (
            f"tests: {self.tests} results, {len(self.tests_executed)} executed, "
            f"{self.tests_cached_remotely} from the remote cache, {self.tests_cached_locally} cached locally, "
            f"{len(self.tests_failed)} failed; processes: {kinds}"
        )


def read_events(text: str) -> list[dict]:
    """BEP JSON: one event object per line."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _test_name(event_id: dict) -> str:
    result = event_id["testResult"]
    return f"{result['label']} shard {result.get('shard', 1)} run {result.get('run', 1)}"


def test_stats(events: list[dict], stats: RunStats) -> None:
    for event in events:
        if "testResult" not in event.get("id", {}) or "testResult" not in event:
            continue
        result = event["testResult"]
        name = _test_name(event["id"])
        stats.tests += 1
        info = result.get("executionInfo", {})
        if info.get("cachedRemotely"):
            stats.tests_cached_remotely += 1
        elif result.get("cachedLocally"):
            stats.tests_cached_locally += 1
        else:
            stats.tests_executed.append(name)
        if result.get("status") != "PASSED":
            stats.tests_failed.append(f"{name}: {result.get('status')}")


_PROCESSES = re.compile(r"INFO: \d+ process(?:es)?: (.*?)\.?$", re.MULTILINE)


def process_counts(console: str) -> Counter:
    """`INFO: 13 processes: 1 remote cache hit, 10 internal, 2 linux-sandbox.` -> counts by kind (last line)."""
    found = _PROCESSES.findall(console)
    counts: Counter = Counter()
    if found:
        for part in found[-1].split(","):
            number, _, kind = part.strip().partition(" ")
            if number.isdigit():
                counts[kind] += int(number)
    return counts


_UPLOAD_FAILURE = re.compile(r"^WARNING: Writing to Remote Cache:\n(.*)$", re.MULTILINE)


def upload_failures(console: str) -> list[str]:
    """Bazel's warnings that an action's outputs did not reach the remote cache (one per action).

    Bazel 4's HTTP cache client does not retry uploads; an action whose upload failed is missing
    from the cache and re-runs on the next machine.
    """
    return _UPLOAD_FAILURE.findall(console)


def collect(bep_text: str, console: str = "") -> RunStats:
    stats = RunStats()
    test_stats(read_events(bep_text), stats)
    stats.processes = process_counts(console)
    return stats


def report_upload_failures(console: str) -> int:
    failures = upload_failures(console)
    for failure in failures:
        print(f"remote cache write failed: {failure}")
    print(f"{len(failures)} actions failed to upload to the remote cache")
    return 1 if failures else 0


def check_all_cached(stats: RunStats, processes_known: bool) -> int:
    problems = []
    if stats.tests == 0:
        problems.append("no test results in the build event log")
    problems += [f"test executed instead of cached: {name}" for name in stats.tests_executed]
    if processes_known and stats.processes_executed:
        problems.append(f"{stats.processes_executed} processes executed instead of coming from a cache")
    problems += [f"test failed: {name}" for name in stats.tests_failed]
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _read(path: str | None) -> str:
    if not path:
        return ""
    with open(path, encoding="utf-8", errors="replace") as text:
        return text.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.ci.bazel_stats")
    parser.add_argument("--bep", help="file written by --build_event_json_file")
    parser.add_argument("--log", help="the run's console output (for the processes line)")
    parser.add_argument("--expect-all-cached", action="store_true", help="fail unless nothing executed")
    parser.add_argument(
        "--upload-failures", action="store_true", help="with --log only: list failed remote cache writes, exit 1 if any"
    )
    args = parser.parse_args(argv)
    if args.upload_failures and not args.log:
        parser.error("--upload-failures needs --log")
    if not args.upload_failures and not args.bep:
        parser.error("--bep is required (unless --upload-failures)")
    console = _read(args.log)
    if args.upload_failures:
        return report_upload_failures(console)
    stats = collect(_read(args.bep), console)
    print(stats.summary())
    if args.expect_all_cached:
        return check_all_cached(stats, processes_known=bool(args.log))
    return 0


if __name__ == "__main__":
    sys.exit(main())
