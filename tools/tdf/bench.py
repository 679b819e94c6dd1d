"""Measures the reference SDK: crypto time of a 10 MiB ZTDF encrypt+decrypt (in process, through
an in-process KAS), CLI start-up time, and optionally the full CLI round trip through the
embedded platform.

    python -m tools.tdf.bench [--size-mib 10] [--platform]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .crypto import new_ec_key, new_rsa_key
from .keyaccess import ALG_RSA, LocalKas
from .sdk import EncryptRequest, decrypt_file, encrypt_file
from .ztdf import DecryptOptions

ROOT = Path(__file__).absolute().parents[2]


def timed(fn, repeat: int = 3) -> float:
    """Best of `repeat` wall-clock runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_crypto(size: int, workdir: Path) -> dict[str, float]:
    kas = LocalKas({"r1": new_rsa_key(), "e1": new_ec_key()})
    plain, ct, rt = workdir / "plain.bin", workdir / "ct.tdf", workdir / "rt.bin"
    plain.write_bytes(os.urandom(size))
    req = EncryptRequest(kas_urls=["http://kas.local/kas"], wrapping_alg=ALG_RSA)
    enc = timed(lambda: encrypt_file(plain, ct, req, kas))
    dec = timed(lambda: decrypt_file(ct, rt, kas, DecryptOptions()))
    assert rt.read_bytes() == plain.read_bytes()
    return {"encrypt_s": enc, "decrypt_s": dec, "MiB_per_s": size / (1 << 20) / (enc + dec) * 2}


def bench_startup(repeat: int = 5) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args):
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True)

    bare = [timed(lambda: run("-c", "pass"), 1) for _ in range(repeat)]
    cli = [timed(lambda: run("-m", "tools.tdf", "supports", "hexless"), 1) for _ in range(repeat)]
    return {"python_bare_s": statistics.median(bare), "cli_supports_s": statistics.median(cli)}


def bench_platform(size: int, workdir: Path) -> dict[str, float]:
    from tools.platform import EmbeddedPlatform

    plain, ct, rt = workdir / "plain.bin", workdir / "ct.tdf", workdir / "rt.bin"
    plain.write_bytes(os.urandom(size))
    with EmbeddedPlatform(port=0) as p:
        env = {**os.environ, **p.env(), "PYTHONPATH": str(ROOT)}

        def cli(*args):
            subprocess.run([sys.executable, "-m", "tools.tdf", *args], cwd=ROOT, env=env, check=True)

        enc = timed(lambda: cli("encrypt", str(plain), str(ct)), 1)
        dec = timed(lambda: cli("decrypt", str(ct), str(rt)), 1)
    assert rt.read_bytes() == plain.read_bytes()
    return {"cli_encrypt_s": enc, "cli_decrypt_s": dec}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=10)
    parser.add_argument("--platform", action="store_true", help="also time the CLI through the embedded platform")
    args = parser.parse_args(argv)
    size = args.size_mib << 20
    with tempfile.TemporaryDirectory() as tmp:
        results = {f"crypto ({args.size_mib} MiB)": bench_crypto(size, Path(tmp)), "startup": bench_startup()}
        if args.platform:
            results[f"cli via platform ({args.size_mib} MiB)"] = bench_platform(size, Path(tmp))
    for name, figures in results.items():
        print(f"{name}: " + ", ".join(f"{k}={v:.3f}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
