"""Counting what a Bazel run executed vs took from caches."""

import json

import pytest

from tools.ci.bazel_stats import collect, main, process_counts, upload_failures


def _result(label, shard=1, status="PASSED", remote=False, local=False):
    body = {"status": status, "executionInfo": {"strategy": "linux-sandbox"}}
    if remote:
        body["executionInfo"] = {"strategy": "remote cache hit", "cachedRemotely": True}
    if local:
        body["cachedLocally"] = True
    return json.dumps(
        {"id": {"testResult": {"label": label, "shard": shard, "run": 1, "attempt": 1}}, "testResult": body}
    )


BEP = "\n".join(
    [
        json.dumps({"id": {"started": {}}, "started": {}}),
        _result("//x:a", remote=True),
        _result("//x:b", shard=1, local=True),
        _result("//x:b", shard=2),
        _result("//x:c", status="FAILED", remote=True),
    ]
)


def test_counts_tests_by_where_the_result_came_from():
    stats = collect(BEP)
    assert stats.tests == 4
    assert stats.tests_cached_remotely == 2
    assert stats.tests_cached_locally == 1
    assert stats.tests_executed == ["//x:b shard 2 run 1"]
    assert stats.tests_failed == ["//x:c shard 1 run 1: FAILED"]


def test_processes_line_last_one_wins():
    console = "INFO: 3 processes: 3 internal.\nINFO: 13 processes: 1 remote cache hit, 10 internal, 2 linux-sandbox.\n"
    counts = process_counts(console)
    assert counts == {"remote cache hit": 1, "internal": 10, "linux-sandbox": 2}


def test_expect_all_cached_fails_naming_the_executed(tmp_path, capsys):
    bep = tmp_path / "bep.json"
    bep.write_text(BEP)
    log = tmp_path / "log"
    log.write_text("INFO: 3 processes: 1 remote cache hit, 2 linux-sandbox.\n")
    assert main(["--bep", str(bep), "--log", str(log), "--expect-all-cached"]) == 1
    err = capsys.readouterr().err
    assert "test executed instead of cached: //x:b shard 2" in err
    assert "2 processes executed" in err


def test_expect_all_cached_passes_when_everything_is_a_hit(tmp_path):
    bep = tmp_path / "bep.json"
    bep.write_text("\n".join([_result("//x:a", remote=True), _result("//x:b", remote=True)]))
    log = tmp_path / "log"
    log.write_text("INFO: 9 processes: 2 remote cache hit, 7 internal.\n")
    assert main(["--bep", str(bep), "--log", str(log), "--expect-all-cached"]) == 0


def test_empty_log_is_not_all_cached(tmp_path):
    bep = tmp_path / "bep.json"
    bep.write_text("")
    assert main(["--bep", str(bep), "--expect-all-cached"]) == 1


CONSOLE_WITH_UPLOAD_FAILURE = """INFO: From Encrypting xtest fixtures with js@main (ztdf):
js@main ztdf: 11 fixtures built, 3 encrypt failures recorded
WARNING: Writing to Remote Cache:
3 errors during bulk transfer
INFO: From Encrypting xtest fixtures with ref@main (ztdf):
"""


def test_upload_failures_are_found_one_per_action():
    assert upload_failures(CONSOLE_WITH_UPLOAD_FAILURE) == ["3 errors during bulk transfer"]
    assert upload_failures("INFO: Build completed successfully, 3 total actions\n") == []


def test_upload_failures_mode_exits_1_and_says_how_many(tmp_path, capsys):
    log = tmp_path / "main.log"
    log.write_text(CONSOLE_WITH_UPLOAD_FAILURE)
    assert main(["--upload-failures", "--log", str(log)]) == 1
    assert "1 actions failed to upload" in capsys.readouterr().out
    log.write_text("INFO: Build completed successfully\n")
    assert main(["--upload-failures", "--log", str(log)]) == 0


def test_upload_failures_without_a_log_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--upload-failures"])
    assert exit_info.value.code == 2
    assert "--upload-failures needs --log" in capsys.readouterr().err
