"""After `bazel test //xtest:all`: the tests the targets ran are exactly pytest's collection.

    python -m tools.xtest_targets.union_check [--testlogs .bazel/testlogs]

Reads every shard's JUnit XML of the current xtest targets under <testlogs>/xtest/ (logs of targets
that no longer exist are left out) and compares the test ids with a plain `pytest --collect-only`
over the same SDK set: every collected test must have run (passed, failed, skipped or xfailed) in
exactly one target and shard, and nothing else may have run.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from tools.xtest_targets.generate import BAZEL_SDKS, ROOT, collect_owners, group_targets


def executed_ids(testlogs: Path, targets: set[str]) -> Counter:
    """`file.py::test[params]` for every test case in the JUnit files of the named xtest targets."""
    seen: Counter = Counter()
    root = testlogs / "xtest"
    for xml in sorted(root.rglob("test.xml")):
        if xml.relative_to(root).parts[0] not in targets:
            continue
        for case in ET.parse(xml).getroot().iter("testcase"):
            classname = case.get("classname", "")
            if not classname.startswith("test_"):
                continue  # Bazel's placeholder for a crashed target, not a pytest test
            seen[f"{classname.replace('.', '/')}.py::{case.get('name')}"] += 1
    return seen


def compare(collected: list[str], executed: Counter) -> list[str]:
    problems = []
    expected = set(collected)
    problems += [f"collected but never run: {t}" for t in sorted(expected - set(executed))]
    problems += [f"run but not collected: {t}" for t in sorted(set(executed) - expected)]
    problems += [f"run {n} times: {t}" for t, n in sorted(executed.items()) if n > 1]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.xtest_targets.union_check")
    parser.add_argument("--testlogs", type=Path, default=ROOT / ".bazel" / "testlogs")
    parser.add_argument("--sdks", default=BAZEL_SDKS)
    args = parser.parse_args(argv)
    rows = collect_owners(args.sdks)
    collected = [row["nodeid"] for row in rows]
    executed = executed_ids(args.testlogs, {t.name for t in group_targets(rows)})
    problems = compare(collected, executed)
    for problem in problems[:50]:
        print(problem, file=sys.stderr)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more", file=sys.stderr)
    print(
        f"collected {len(collected)} tests; the Bazel targets ran {sum(executed.values())} ({len(executed)} distinct)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
