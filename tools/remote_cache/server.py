"""A real HTTP remote cache for Bazel on loopback: nginx with WebDAV PUT, from Debian.

    python3 -m tools.remote_cache start [--port 9092] [--dir DIR]   # prints the --remote_cache URL
    python3 -m tools.remote_cache stop|status [--dir DIR]

Bazel's HTTP cache protocol is plain GET/PUT of `/ac/<sha256>` and `/cas/<sha256>`, which nginx's
DAV module serves from a directory. Teams with their own cache (bazel-remote, a shared nginx, a
cloud bucket behind a proxy) skip this and pass `--remote_cache=URL` to Bazel instead.

Stdlib only: it runs before any Bazel or pip step. nginx comes from `apt-get install nginx-light`
(done here when nginx is missing and apt-get is usable).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

DEFAULT_PORT = 9092
DEFAULT_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "xtest" / "remote-cache"


class CacheError(Exception):
    """The cache could not be started or reached; the message says what to do."""


def nginx_config(root: Path, port: int, run_as_root: bool) -> str:
    """nginx.conf serving `root/data` with PUT on 127.0.0.1:port, everything else under `root`."""
    # nginx started as root drops its workers to `nobody`, who cannot write our directory: keep root.
    user = "user root root;\n" if run_as_root else ""
    return f"""{user}worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  # A cache miss is a 404, not an error: keep error.log for real failures (it is printed by .ci/run).
  log_not_found off;
  # Bazel 4's HTTP cache client does not retry a failed upload, so give slow (loaded) clients time
  # and never drop a pooled connection during a run.
  keepalive_timeout 3h;
  keepalive_requests 1000000;
  client_header_timeout 10m;
  client_body_timeout 10m;
  send_timeout 10m;
  client_body_temp_path {root}/tmp;
  proxy_temp_path {root}/tmp;
  fastcgi_temp_path {root}/tmp;
  uwsgi_temp_path {root}/tmp;
  scgi_temp_path {root}/tmp;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      root {root}/data;
      dav_methods PUT DELETE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
      client_max_body_size 0;
    }}
  }}
}}
"""


def find_nginx() -> str:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("remote_cache: installing Debian's nginx-light", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=False, stdout=subprocess.DEVNULL)
        if os.access("/usr/sbin/nginx", os.X_OK):
            return "/usr/sbin/nginx"
    raise CacheError("nginx not found: install it (`apt-get install nginx-light`) or point Bazel at another cache")


def url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def is_serving(port: int) -> bool:
    """True once a GET of a missing key answers 404 (the cache is up and empty for that key)."""
    try:
        urllib.request.urlopen(f"{url(port)}/cas/readiness-probe", timeout=1)
    except urllib.error.HTTPError as error:
        return error.code == 404
    except OSError:
        return False
    return True


def read_pid(root: Path) -> int | None:
    try:
        pid = int((root / "nginx.pid").read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def start(root: Path, port: int, timeout: float = 10.0) -> str:
    if read_pid(root) and is_serving(port):
        return url(port)
    for sub in ("data", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    conf = root / "nginx.conf"
    conf.write_text(nginx_config(root, port, os.geteuid() == 0))
    done = subprocess.run([find_nginx(), "-c", str(conf), "-p", str(root)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CacheError(f"nginx failed to start (exit {done.returncode}): {done.stderr.strip()}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_serving(port):
            return url(port)
        time.sleep(0.05)
    raise CacheError(f"nginx started but {url(port)} did not answer within {timeout:.0f}s; see {root}/error.log")


def stop(root: Path) -> bool:
    pid = read_pid(root)
    if pid is None:
        return False
    os.kill(pid, signal.SIGQUIT)  # graceful: finish uploads in flight
    for _ in range(100):
        if read_pid(root) is None:
            return True
        time.sleep(0.05)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.remote_cache", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"cache root (default {DEFAULT_DIR})")
    args = parser.parse_args(argv)
    root = args.dir.absolute()
    try:
        if args.command == "start":
            print(start(root, args.port))
        elif args.command == "stop":
            print("stopped" if stop(root) else "not running")
        else:
            serving = is_serving(args.port)
            print(f"{url(args.port)} {'serving' if serving else 'not serving'} (data in {root / 'data'})")
            return 0 if serving else 1
    except CacheError as error:
        print(f"remote_cache: error: {error}", file=sys.stderr)
        return 1
    return 0
