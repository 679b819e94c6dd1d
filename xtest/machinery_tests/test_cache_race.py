"""Several processes racing for one ciphertext make it once; a failed encrypt is made once too."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import pytest

from xtest.encrypt_request import EncryptRequest
from xtest.fixtures.ciphertext_cache import STATS_FILE, CachedEncryptError, CiphertextCache, summarize
from xtest.sdk_runner import Sdk, SdkCommandError
from xtest.sdks import SdkRef

from .conftest import write_adapter

SLOW_COPY = """
case $1 in
  encrypt) echo "$$" >> "$(dirname "$0")/calls"; sleep 0.5; cp "$2" "$3" ;;
  *) exit 1 ;;
esac
"""
SLOW_FAIL = """
case $1 in
  encrypt) echo "$$" >> "$(dirname "$0")/calls"; sleep 0.5; echo "RACE-FAIL-MARKER" >&2; exit 1 ;;
  *) exit 1 ;;
esac
"""


def _race_one(args: tuple[str, str, str]) -> str:
    cli, shared, worker = args
    root = Path(shared)
    local = root / f"local-{worker}"
    local.mkdir(exist_ok=True)
    cache = CiphertextCache(shared=root, local=local, worker=worker, prebuilt=[], enabled=True)
    sdk = Sdk(SdkRef("fake", "main", Path(cli)))
    try:
        return str(cache.get(sdk, EncryptRequest(sdk="fake@main", container="ztdf", plaintext="small")))
    except CachedEncryptError as e:
        return f"cached-error: {e}"
    except SdkCommandError as e:
        return f"error: {e}"


def _race(cli: Path, shared: Path, n: int = 6) -> list[str]:
    with concurrent.futures.ProcessPoolExecutor(n) as pool:
        return list(pool.map(_race_one, [(str(cli), str(shared), f"gw{i}") for i in range(n)]))


def _events(shared: Path) -> dict[str, int]:
    lines = (shared / STATS_FILE).read_text().splitlines()
    return summarize([json.loads(line) for line in lines])


@pytest.mark.parametrize("n", [6])
def test_racers_make_one_ciphertext(sdk_dir, tmp_path, n):
    cli = write_adapter(sdk_dir, "fake", SLOW_COPY)
    shared = tmp_path / "shared"
    shared.mkdir()
    results = _race(cli, shared, n)
    assert len(set(results)) == 1 and Path(results[0]).is_file(), results
    assert len((cli.parent / "calls").read_text().split()) == 1, "the adapter must run exactly once"
    assert _events(shared) == {"encrypt": 1, "hit": n - 1, "prebuilt": 0}


def test_failed_encrypt_is_cached_with_its_message(sdk_dir, tmp_path):
    cli = write_adapter(sdk_dir, "fake", SLOW_FAIL)
    shared = tmp_path / "shared"
    shared.mkdir()
    results = _race(cli, shared, 4)
    assert all("RACE-FAIL-MARKER" in r for r in results), results
    assert sum(r.startswith("error:") for r in results) == 1, "one racer ran the SDK, the others got the cached error"
    assert len((cli.parent / "calls").read_text().split()) == 1


def test_prebuilt_dir_wins_and_failures_surface(sdk_dir, tmp_path):
    cli = write_adapter(sdk_dir, "fake", SLOW_COPY)
    prebuilt = tmp_path / "prebuilt"
    prebuilt.mkdir()
    shared = tmp_path / "shared"
    shared.mkdir()
    from xtest.encrypt_request import ciphertext_name, failure_name

    ok = EncryptRequest(sdk="fake@main", container="ztdf", plaintext="small")
    bad = EncryptRequest(sdk="fake@main", container="nano", plaintext="small")
    (prebuilt / ciphertext_name(ok)).write_bytes(b"PK prebuilt")
    (prebuilt / failure_name(bad)).write_text("PREBUILT-FAILURE-MARKER")
    cache = CiphertextCache(
        shared=shared, local=tmp_path, worker="gw0", prebuilt=[tmp_path / "other-sdk", prebuilt], enabled=True
    )
    sdk = Sdk(SdkRef("fake", "main", cli))
    assert cache.get(sdk, ok).read_bytes() == b"PK prebuilt"
    with pytest.raises(CachedEncryptError, match="PREBUILT-FAILURE-MARKER"):
        cache.get(sdk, bad)
    assert not (cli.parent / "calls").exists(), "prebuilt fixtures must not run the SDK"
