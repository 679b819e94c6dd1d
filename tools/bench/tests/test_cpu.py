"""Busy CPU ticks from /proc/stat text."""

import pytest

from tools.bench import cpu

STAT = """cpu  100 5 40 900 7 2 3 1 0 0
cpu0 50 2 20 450 3 1 1 0 0 0
intr 12345
"""


def test_busy_ticks_sum_everything_but_idle_and_iowait():
    assert cpu.busy_ticks(STAT) == 100 + 5 + 40 + 2 + 3 + 1


def test_busy_ticks_without_aggregate_line_is_an_error():
    with pytest.raises(ValueError, match="cpu"):
        cpu.busy_ticks("cpu0 1 2 3 4\n")


def test_spent_is_none_when_either_reading_is_missing():
    assert cpu.spent(None, 3.0) is None
    assert cpu.spent(1.0, 3.5) == 2.5
