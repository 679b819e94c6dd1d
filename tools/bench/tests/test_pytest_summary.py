"""Reading plain pytest's closing summary line."""

import pytest

from tools.bench.errors import ParseError
from tools.bench.pytest_summary import count_run, describe, outcome_counts


def test_counts_every_outcome_of_the_last_summary_line():
    output = "\n".join(
        [
            "===== 1 passed in 0.01s =====",  # an earlier (nested) run is ignored
            "..s.x",
            "=========== 58 passed, 3 skipped, 2 xfailed, 1 warning in 40.12s ===========",
        ]
    )
    counts = outcome_counts(output)
    assert counts == {"passed": 58, "skipped": 3, "xfailed": 2, "warning": 1}
    assert count_run(counts) == 63
    assert describe(counts) == "58 passed, 3 skipped, 2 xfailed, 1 warning"


def test_plural_errors_and_long_durations():
    counts = outcome_counts("== 2 failed, 10 passed, 3 errors in 75.20s (0:01:15) ==")
    assert counts == {"failed": 2, "passed": 10, "error": 3}


def test_no_tests_ran():
    assert outcome_counts("===== no tests ran in 0.02s =====") == {}
    assert describe({}) == "no tests ran"


def test_missing_summary_line_is_an_error():
    with pytest.raises(ParseError):
        outcome_counts("ERROR: usage: pytest [options]\n")
