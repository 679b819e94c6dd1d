"""Rows, ratios and the Markdown table."""

import json

from tools.bench.table import Row, bazel_row, executed_targets, merge_repetitions, ratio, render, wall_time
from tools.ci.bazel_stats import collect


def _result(label, shard, remote=False, local=False, status="PASSED"):
    body = {"status": status, "executionInfo": {"cachedRemotely": True} if remote else {}}
    if local:
        body["cachedLocally"] = True
    return json.dumps({"id": {"testResult": {"label": label, "shard": shard, "run": 1}}, "testResult": body})


BEP = "\n".join(
    [
        _result("//xtest:tdfs_js_ztdf", 1),
        _result("//xtest:tdfs_js_ztdf", 2, status="FAILED"),
        _result("//xtest:tdfs_ref_ztdf", 1, remote=True),
        _result("//xtest:self", 1, local=True),
    ]
)
CONSOLE = "INFO: 20 processes: 5 internal, 3 remote cache hit, 12 linux-sandbox.\n"


def test_ratio_divides_by_the_baseline():
    assert ratio(30.0, 60.0) == "0.50×"
    assert ratio(0.3, 60.0) == "0.005×"
    assert ratio(None, 60.0) == "—"
    assert ratio(30.0, 0.0) == "—"


def test_wall_time_shows_median_and_range():
    assert wall_time([12.34]) == "12.3 s"
    assert wall_time([10.0, 14.0, 11.0]) == "11.0 s (10.0–14.0)"
    assert wall_time([]) == "—"


def test_bazel_row_counts_executed_versus_cached():
    row = bazel_row("warm", [5.0], collect(BEP, CONSOLE), exit_code=3)
    assert (row.shards_executed, row.shards_cached) == (2, 2)
    assert (row.actions_executed, row.actions_cached) == (12, 3)  # internal counts in neither
    assert row.outcome == "4 shard results, 1 failed"


def test_bazel_row_names_an_unusual_exit_code():
    assert bazel_row("cold", [1.0], collect("", ""), exit_code=1).outcome == "no test results (bazel exit 1)"
    assert bazel_row("cold", [1.0], collect("", ""), exit_code=0, cpu_seconds=[1.5]).cpu_seconds == [1.5]


def test_executed_targets_groups_shards_by_label():
    assert executed_targets(collect(BEP, CONSOLE)) == {"//xtest:tdfs_js_ztdf": 2}


def test_render_divides_every_row_by_the_first():
    rows = [
        Row("plain pytest -n auto", [100.0], outcome="61 tests: 61 passed", cpu_seconds=[190.4]),
        Row("bazel warm (no change)", [2.0], 0, 12, 0, 0, "12 shard results, 0 failed"),
    ]
    lines = render(rows).splitlines()
    assert lines[0].startswith("| phase | wall time | vs plain pytest | CPU busy (all cores) |")
    assert lines[2] == "| plain pytest -n auto | 100.0 s | 1.00× | 190 CPU-s | — | — | — | — | 61 tests: 61 passed |"
    assert lines[3] == "| bazel warm (no change) | 2.0 s | 0.02× | — | 0 | 12 | 0 | 0 | 12 shard results, 0 failed |"


def test_merge_repetitions_keeps_every_time_and_the_last_counts():
    merged = merge_repetitions(
        [Row("cold", [10.0], 5, 0, 9, 0, "a", [15.0]), Row("cold", [12.0], 4, 1, 8, 1, "b", [17.0])]
    )
    assert merged.seconds == [10.0, 12.0]
    assert merged.cpu_seconds == [15.0, 17.0]
    assert merged.median == 11.0
    assert (merged.shards_executed, merged.actions_cached, merged.outcome) == (4, 1, "b")
