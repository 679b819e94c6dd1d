"""Where a Bazel phase's time went, from synthetic JSON trace profiles."""

import gzip
import json

import pytest

from tools.bench import profile
from tools.bench.errors import ParseError

SECOND = 1_000_000  # trace timestamps are microseconds


def event(category, name, start, seconds):
    return {"cat": category, "name": name, "ph": "X", "ts": start * SECOND, "dur": seconds * SECOND}


def action(name, start, seconds):
    return event("action processing", name, start, seconds)


def analysis(start, seconds):
    return event("general information", "runAnalysisPhase", start, seconds)


# Two slots. 0-5 s analysis; 5-15 s fixtures + a test (2 running); 15-20 s one test alone (the tail).
EVENTS = [
    {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "skyframe-evaluator 0"}},
    analysis(0, 5),
    action("Encrypting xtest fixtures with js@main (nano, ztdf)", 5, 10),
    action("Testing //xtest:js_x_ref", 5, 15),
    action("Creating source manifest for //xtest:js_x_ref", 4, 0.5),
]


def test_breakdown_splits_analysis_actions_idle_and_tail():
    b = profile.breakdown(EVENTS, slots=2)
    assert b.analysis_seconds == 5
    assert b.execution_seconds == pytest.approx(16)  # 4 s (manifest) to 20 s
    assert b.action_seconds == {"tests": 15, "fixtures": 10, "other": 0.5}
    # 4-4.5 one of two slots busy, 4.5-5 none, 15-20 one: 0.5 + 1.0 + 5.0
    assert b.idle_slot_seconds == pytest.approx(6.5)
    assert b.tail_seconds == pytest.approx(5)


def test_every_slot_busy_to_the_end_means_no_tail():
    events = [action("Testing //a", 0, 10), action("Testing //b", 0, 10)]
    b = profile.breakdown(events, slots=2)
    assert (b.idle_slot_seconds, b.tail_seconds) == (0, 0)


def test_never_filling_the_slots_makes_the_whole_execution_a_tail():
    events = [action("Testing //a", 0, 4), action("Testing //b", 4, 6)]
    b = profile.breakdown(events, slots=2)
    assert b.tail_seconds == pytest.approx(10)
    assert b.idle_slot_seconds == pytest.approx(10)


def test_a_profile_without_actions_has_zero_execution():
    b = profile.breakdown([analysis(0, 2)], slots=2)
    assert (b.analysis_seconds, b.execution_seconds, b.tail_seconds) == (2, 0, 0)
    assert profile.describe(b) == "analysis and repository rules 2.0 s; no action ran"


def test_slots_default_to_the_most_actions_that_ran_at_once():
    assert profile.breakdown(EVENTS).slots == 2
    three = [action("Testing //a", 0, 10), action("Testing //b", 0, 10), action("Testing //c", 0, 5)]
    b = profile.breakdown(three)
    assert (b.slots, b.idle_slot_seconds, b.tail_seconds) == (3, 5, 5)
    assert profile.breakdown([]).slots == 1


def test_slots_must_be_positive():
    with pytest.raises(ValueError, match="slots"):
        profile.breakdown(EVENTS, slots=0)


def test_read_events_reads_gzip_profiles(tmp_path):
    path = tmp_path / "cold.profile.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump({"otherData": {}, "traceEvents": EVENTS}, f)
    assert profile.read_events(path) == EVENTS


def test_read_events_names_a_file_that_is_not_a_profile(tmp_path):
    path = tmp_path / "broken.profile.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(ParseError, match="broken.profile.gz"):
        profile.read_events(path)
    plain = tmp_path / "odd.json"
    plain.write_text(json.dumps({"traceEvents": "nope"}))
    with pytest.raises(ParseError, match="traceEvents"):
        profile.read_events(plain)


def test_describe_names_each_part():
    text = profile.describe(profile.breakdown(EVENTS, slots=2))
    assert "analysis and repository rules 5.0 s" in text
    assert "tests 15, fixtures 10, other 0" in text
    assert "6.5 slot-s idle with 2 slots" in text
    assert "fewer than 2 actions ran during the last 5.0 s" in text


def test_critical_path_is_the_sum_of_its_components_with_the_longest_named():
    events = [
        *EVENTS,
        event("critical path component", "action 'Encrypting xtest fixtures with js@main (nano, ztdf)'", 5, 10),
        event("critical path component", "runfiles for //xtest:js_x_ref", 15, 0),
        event("critical path component", "action 'Testing //xtest:js_x_ref'", 15, 12.5),
    ]
    b = profile.breakdown(events, slots=2)
    assert b.critical_path_seconds == pytest.approx(22.5)
    assert b.critical_path_longest == "Testing //xtest:js_x_ref 12.5 s"
    assert profile.describe(b).endswith("; critical path 22.5 s (longest: Testing //xtest:js_x_ref 12.5 s)")


def test_a_profile_without_critical_path_events_says_nothing_of_it():
    b = profile.breakdown(EVENTS, slots=2)
    assert (b.critical_path_seconds, b.critical_path_longest) == (0, "")
    assert "critical path" not in profile.describe(b)
