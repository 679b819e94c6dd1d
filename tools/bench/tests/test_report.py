"""The report around the table."""

from collections import Counter

from tools.bench.report import Context, render_report
from tools.bench.table import Row

CTX = Context(
    commit="0123456789abcdef",
    sdks=("ref", "js"),
    matrix="`//xtest:all` regenerated",
    bazel_tests=61,
    touched="xtest/sdk/js/cli.sh",
    runs=1,
    machine="2 cores",
    bazel_release="Bazel release 4.2.3",
    commands=["cd xtest && pytest -n auto"],
    notes=["port 8080 was busy"],
)
ROWS = [Row("plain pytest -n auto", [10.0], outcome="61 tests"), Row("bazel warm", [1.0], 0, 4, 0, 0, "ok")]


def test_report_names_the_matrix_the_touched_targets_and_the_notes():
    text = render_report(CTX, ROWS, Counter({"//xtest:tdfs_js_ztdf": 2, "//xtest:abac_js": 1}))
    assert '--sdks "ref js"' in text
    assert "commit `0123456789ab`" in text
    assert "61 tests" in text
    assert "| bazel warm | 1.0 s | 0.10× |" in text
    assert "- `//xtest:abac_js` (1 shard)\n- `//xtest:tdfs_js_ztdf` (2 shards)" in text
    assert "- port 8080 was busy" in text
    assert "cd xtest && pytest -n auto" in text


def test_nothing_re_ran():
    assert "re-ran after touching `xtest/sdk/js/cli.sh`:\n- none" in render_report(CTX, ROWS, Counter())


def test_profiled_phases_say_where_their_time_went():
    profiled = [*ROWS, Row("bazel cold", [20.0], 4, 0, 9, 0, "ok", breakdown="analysis 5.0 s; actions 14.0 s")]
    text = render_report(CTX, profiled, Counter())
    assert "Where each Bazel phase's time went" in text
    assert "- bazel cold: analysis 5.0 s; actions 14.0 s" in text
    assert "time went" not in render_report(CTX, ROWS, Counter())
