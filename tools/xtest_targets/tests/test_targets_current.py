"""xtest/targets.bzl matches pytest's collection: every collected test has exactly one target.

When this fails, the suite's collection changed: run `python -m tools.xtest_targets.generate`.
"""

from tools.xtest_targets.generate import BAZEL_SDKS, collect_owners, group_targets, main


def test_targets_file_is_current():
    assert main(["--check"]) == 0, "xtest/targets.bzl is stale: run python -m tools.xtest_targets.generate"


def test_every_collected_test_belongs_to_exactly_one_target():
    rows = collect_owners(BAZEL_SDKS)
    targets = group_targets(rows)
    owned = [nodeid for t in targets for nodeid in t.nodeids]
    assert len(owned) == len(set(owned)) == len(rows)
    assert all(t.nodeids for t in targets), "no target may be empty"


def test_a_target_runs_only_the_sdks_it_is_named_after():
    """Touching one SDK must re-run only targets that name it: no target may run a third SDK."""
    for target in group_targets(collect_owners(BAZEL_SDKS)):
        assert 1 <= len(target.sdks) <= 2 or target.name == "self", target
        for sdk, _ in target.fixtures():
            assert sdk in target.sdks, f"{target.name} reads fixtures of {sdk}"
