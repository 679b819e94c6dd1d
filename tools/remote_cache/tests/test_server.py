"""The nginx cache launcher: config text always; a real start/PUT/GET/stop when nginx is present."""

import shutil
import socket
import urllib.request

import pytest

from tools.remote_cache import server


def test_config_serves_data_dir_with_put_on_loopback(tmp_path):
    conf = server.nginx_config(tmp_path, 9123, run_as_root=False)
    assert "listen 127.0.0.1:9123;" in conf
    assert f"root {tmp_path}/data;" in conf
    assert "dav_methods PUT DELETE;" in conf
    assert "user root" not in conf


def test_config_keeps_root_workers_when_started_as_root(tmp_path):
    assert server.nginx_config(tmp_path, 1, run_as_root=True).startswith("user root root;")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not (shutil.which("nginx") or shutil.which("/usr/sbin/nginx")), reason="nginx not installed")
def test_start_put_get_stop(tmp_path):
    port = _free_port()
    base = server.start(tmp_path, port)
    try:
        put = urllib.request.Request(f"{base}/cas/abc", data=b"blob", method="PUT")
        assert urllib.request.urlopen(put).status in (201, 204)
        assert urllib.request.urlopen(f"{base}/cas/abc").read() == b"blob"
        assert server.start(tmp_path, port) == base  # idempotent
    finally:
        assert server.stop(tmp_path)
    assert not server.is_serving(port)
