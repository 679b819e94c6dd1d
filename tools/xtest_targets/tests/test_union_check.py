"""The union check spots missing, extra and doubled tests."""

from collections import Counter

from tools.xtest_targets.union_check import compare, executed_ids

XML = """<?xml version="1.0"?><testsuites><testsuite name="//xtest:t">
<testcase classname="test_tdfs" name="test_a[js@main]"/>
<testcase classname="test_tdfs" name="test_b[js@main]"><skipped/></testcase>
<testcase classname="xtest.tdfs_js" name="tdfs_js"/>
</testsuite></testsuites>"""


def test_reads_ids_from_every_shard_of_current_targets_only(tmp_path):
    for target, shard in (("tdfs_js", "shard_1_of_2"), ("tdfs_js", "shard_2_of_2"), ("gone_target", "")):
        path = tmp_path / "xtest" / target / shard / "test.xml"
        path.parent.mkdir(parents=True)
        path.write_text(XML)
    ids = executed_ids(tmp_path, {"tdfs_js"})
    assert ids == Counter({"test_tdfs.py::test_a[js@main]": 2, "test_tdfs.py::test_b[js@main]": 2})


def test_compare_names_each_kind_of_problem():
    executed = Counter({"a.py::x": 1, "a.py::y": 2, "a.py::extra": 1})
    assert compare(["a.py::x", "a.py::y", "a.py::lost"], executed) == [
        "collected but never run: a.py::lost",
        "run but not collected: a.py::extra",
        "run 2 times: a.py::y",
    ]


def test_compare_is_clean_when_equal():
    assert compare(["a.py::x"], Counter({"a.py::x": 1})) == []
