import pytest

from tools.report import junit, model
from tools.report.tests import samples as s

# Two shards of one Bazel target (js encrypts, ztdf), a second target, and non-pair tests.
SHARD_1 = s.doc(
    s.case(s.roundtrip("js@main", "py@main", "ztdf", "small")),
    s.case(s.roundtrip("js@main", "js@main", "ztdf", "small"), s.skipped("no feature")),
    suite="//xtest:tdfs_js_ztdf",
)
SHARD_2 = s.doc(
    s.case(s.roundtrip("js@main", "py@main", "ztdf", "large"), s.failure("decrypt failed: bad tag\nmore")),
    s.case(s.roundtrip("js@main", "py@main", "nano", "small"), s.xfail("known issue")),
    suite="//xtest:tdfs_js_ztdf",
)
SINGLES = s.doc(
    s.case("test_manifest_validity[py@main-small]"),
    s.case("test_manifest_validity[py@main-assertions-unkeyed]", s.failure("schema: missing method")),
    s.case("test_health", classname="test_platform"),
    s.case("test_policy_types[ref@main-go@main-ztdf-and]"),
)


def build():
    results = (
        junit.parse(SHARD_1, "//xtest:tdfs_js_ztdf (shard 1/2)")
        + junit.parse(SHARD_2, "//xtest:tdfs_js_ztdf (shard 2/2)")
        + junit.parse(SINGLES, "singles.xml")
    )
    return model.build(results)


def test_totals_count_every_outcome():
    t = build().totals
    assert (t.passed, t.failed, t.skipped, t.xfailed, t.total) == (4, 2, 1, 1, 8)


def test_shards_of_one_target_land_in_one_cell():
    ztdf = build().matrices[0]
    assert ztdf.container == "ztdf"
    cell = ztdf.cells[("js@main", "py@main")]
    assert (cell.passed, cell.failed, cell.status) == (1, 1, "fail")
    assert ztdf.cells[("js@main", "js@main")].status == "skip"


def test_one_matrix_per_container_with_sorted_axes():
    m = build().matrices
    assert [x.container for x in m] == ["ztdf", "nano"]
    assert m[0].encrypt_sdks == ("js@main", "ref@main") and m[0].decrypt_sdks == ("go@main", "js@main", "py@main")
    assert m[1].cells[("js@main", "py@main")].status == "xfail"
    assert ("ref@main", "js@main") not in m[0].cells


def test_cell_failures_carry_id_source_and_message():
    fl = build().matrices[0].failures[("js@main", "py@main")]
    assert fl.anchor == "fail-ztdf-js-main-py-main" and fl.title == "ztdf: js@main → py@main"
    (r,) = fl.results
    assert r.test_id == "test_tdfs.py::" + s.roundtrip("js@main", "py@main", "ztdf", "large")
    assert (r.source, r.message) == ("//xtest:tdfs_js_ztdf (shard 2/2)", "decrypt failed: bad tag")


def test_non_pairs_grouped_per_sdk_and_no_sdk_last():
    groups = build().groups
    assert [g.sdk for g in groups] == ["py@main", model.NO_SDK]
    (row,) = groups[0].rows
    assert (row.function, row.container) == ("test_tdfs.py::test_manifest_validity", None)
    assert row.counts.cell_text() == "1/1/0/0"
    assert groups[0].failures.anchor == "fail-py-main"
    assert groups[1].rows[0].function == "test_platform.py::test_health"


def test_failure_lists_in_report_order():
    assert [fl.anchor for fl in build().failure_lists()] == ["fail-ztdf-js-main-py-main", "fail-py-main"]


def test_sources_are_the_result_files():
    assert build().sources == (
        "//xtest:tdfs_js_ztdf (shard 1/2)",
        "//xtest:tdfs_js_ztdf (shard 2/2)",
        "singles.xml",
    )


def test_no_results_is_an_empty_report():
    r = model.build([])
    assert (r.totals.total, r.matrices, r.groups) == (0, (), ())


@pytest.mark.parametrize(
    ("counts", "status"),
    [
        (model.Counts(passed=3, failed=1, xfailed=1), "fail"),
        (model.Counts(passed=3, xfailed=1), "xfail"),
        (model.Counts(passed=3, skipped=2), "pass"),
        (model.Counts(skipped=2), "skip"),
        (model.Counts(), "empty"),
    ],
)
def test_status(counts, status):
    assert counts.status == status


def test_sdk_order_main_first_then_natural_versions():
    sdks = ["go@v0.35.0", "js@main", "go@v0.4.7", "go@main"]
    assert sorted(sdks, key=model.sdk_key) == ["go@main", "go@v0.4.7", "go@v0.35.0", "js@main"]


def test_container_order_follows_the_suite():
    assert sorted([None, "nano", "zz", "ztdf-ecwrap", "ztdf"], key=model.container_key) == [
        "ztdf",
        "ztdf-ecwrap",
        "nano",
        "zz",
        None,
    ]


def test_reasons_counted_most_frequent_first():
    results = junit.parse(
        s.doc(
            s.case("a", s.skipped("no ecwrap")),
            s.case("b", s.skipped("no assertions")),
            s.case("c", s.skipped("no ecwrap")),
            s.case("d", s.xfail("")),
            s.case("e"),
        ),
        "f",
    )
    assert model.reasons(results, junit.Outcome.SKIP) == (
        model.Reason("no ecwrap", 2),
        model.Reason("no assertions", 1),
    )
    assert build().xfail_reasons == (model.Reason("known issue", 1),)
    assert model.build(results).xfail_reasons == (model.Reason("(no reason given)", 1),)
