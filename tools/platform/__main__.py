"""`python -m tools.platform [--port 8080] [--host 127.0.0.1] [--state FILE]`.

Prints one `platform ready: …` line once every listener answers /healthz, then serves until
SIGTERM or SIGINT, and stops cleanly.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from tools.platform.embedded import EmbeddedPlatform
from tools.platform.errors import StartupError


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m tools.platform", description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, default=8080, help="platform port; 0 = dynamic ports for every listener")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--public-host", default="localhost", help="host name used in advertised URLs")
    p.add_argument("--state", metavar="FILE", help="persist policy state to FILE (atomic writes)")
    p.add_argument("--log-level", default="INFO", help="logging level (decisions are logged at INFO)")
    return p.parse_args(argv)


def ready_line(platform: EmbeddedPlatform) -> str:
    others = ", ".join(f"{name}={url}" for name, url in platform.kas_urls.items() if name != "default")
    return f"platform ready: {platform.url} (kas: {others})"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    platform = EmbeddedPlatform(port=args.port, host=args.host, public_host=args.public_host, state_file=args.state)
    try:
        platform.start()
    except StartupError as e:
        print(f"platform failed to start: {e}", file=sys.stderr)
        return 1
    print(ready_line(platform), flush=True)
    try:
        stop.wait()
    finally:
        platform.stop()
    print("platform stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
