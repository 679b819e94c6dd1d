"""`EmbeddedPlatform`: binds every listener, wires the services, serves, and waits until healthy.

Lifecycle (STYLE.md pattern 12): `start()` binds all sockets first (so port 0 yields real ports
before any URL is computed), builds the services with those URLs, serves each listener from a
daemon thread, then polls `/healthz` on every listener against a deadline; if that fails it
stops what it started and raises `StartupError`. `stop()` shuts every listener down.
"""

from __future__ import annotations

import http.client
import logging
import threading
import time
import uuid
from dataclasses import dataclass

from tools.platform import access
from tools.platform.config import DEFAULT_KAS, KAS_ENV_ORDER, KAS_SPECS, REALM_PATH, KasSpec
from tools.platform.errors import StartupError
from tools.platform.http_server import Listener, Router
from tools.platform.idp import IdentityProvider
from tools.platform.key_release import KeyRing
from tools.platform.keys import POLICY_ALG_ENUM, load_key
from tools.platform.policy_service import PolicyService
from tools.platform.policy_store import PolicyStore
from tools.platform.rewrap import Kas
from tools.platform.routes import add_kas_routes, add_platform_routes
from tools.platform.state import StateFile

log = logging.getLogger("tools.platform")


@dataclass
class _Instance:
    spec: KasSpec
    listener: Listener
    kas: Kas | None = None


class EmbeddedPlatform:
    """The local OpenTDF platform: IdP, well-known, policy, and the KAS instances.

    `port=0` picks free ports for every listener; otherwise the platform uses `port` and the KAS
    instances their upstream ports (8181..8686), unless `kas_ports` overrides them.
    """

    def __init__(
        self,
        port: int = 8080,
        host: str = "127.0.0.1",
        public_host: str = "localhost",
        state_file: str | None = None,
        kas_ports: dict[str, int] | None = None,
        startup_timeout: float = 10.0,
    ):
        self.host, self.public_host = host, public_host
        self.requested_port = port
        self.kas_ports = kas_ports or {}
        self.state = StateFile(state_file) if state_file else None
        self.startup_timeout = startup_timeout
        self._instances: dict[str, _Instance] = {}
        self._threads: list[threading.Thread] = []
        self.idp: IdentityProvider | None = None
        self.store: PolicyStore | None = None
        self.policy: PolicyService | None = None

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> EmbeddedPlatform:
        if self._instances:
            raise StartupError("embedded platform already started")
        try:
            self._bind()
            self._wire()
            for inst in self._instances.values():
                t = threading.Thread(
                    target=inst.listener.serve_forever, args=(0.05,), name=f"platform-{inst.spec.name}", daemon=True
                )
                t.start()
                self._threads.append(t)
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._threads:
            # Each shutdown() waits for its loop's next poll: ask every listener at once, not in turn
            # (seven listeners one after another cost ~0.3 s per platform, paid by every test action).
            stoppers = [threading.Thread(target=inst.listener.shutdown) for inst in self._instances.values()]
            for stopper in stoppers:
                stopper.start()
            for stopper in stoppers:
                stopper.join()
        for inst in self._instances.values():
            inst.listener.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self._instances, self._threads = {}, []

    def __enter__(self) -> EmbeddedPlatform:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _bind(self) -> None:
        for spec in KAS_SPECS:
            if self.requested_port == 0:
                port = 0
            elif spec.name == DEFAULT_KAS:
                port = self.requested_port
            else:
                port = self.kas_ports.get(spec.name, spec.default_port)
            try:
                listener = Listener((self.host, port), Router())
            except OSError as e:
                raise StartupError(
                    f"cannot listen on {self.host}:{port} for KAS {spec.name!r}: {e}; "
                    "stop whatever holds it or use port 0 (--port 0) for dynamic ports"
                ) from None
            self._instances[spec.name] = _Instance(spec, listener)

    def _wire(self) -> None:
        self.idp = IdentityProvider(self.url + REALM_PATH, self.url, load_key("idp-signing"))
        persisted = self.state.load() if self.state else None
        self.store = PolicyStore(persisted, on_change=self.state.save if self.state else None)
        self.policy = PolicyService(self.store)

        def authorize(claims, fqns):
            return access.decide(self.store, claims, fqns)

        for inst in self._instances.values():
            keys = [load_key(name) for name in inst.spec.key_files]
            inst.kas = Kas(inst.spec.name, KeyRing(keys), authorize)
            add_kas_routes(inst.listener.router, inst.kas, self.idp)
            self.store.register_kas(
                self.kas_url(inst.spec.name),
                {
                    "cached": {
                        "keys": [{"kid": k.kid, "alg": POLICY_ALG_ENUM[k.alg], "pem": k.public_pem} for k in keys]
                    }
                },
                name=inst.spec.name,
                id_=str(uuid.uuid5(uuid.NAMESPACE_URL, f"embedded-platform-kas:{inst.spec.name}")),
            )
        add_platform_routes(self._instances[DEFAULT_KAS].listener.router, self.idp, self.policy)

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        for name, inst in self._instances.items():
            last_error = "no answer"
            while True:
                try:
                    conn = http.client.HTTPConnection(self.host, inst.listener.port, timeout=1)
                    conn.request("GET", "/healthz")
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    if response.status == 200:
                        break
                    last_error = f"HTTP {response.status}"
                except OSError as e:
                    last_error = str(e)
                if time.monotonic() > deadline:
                    raise StartupError(
                        f"embedded platform listener {name!r} (port {inst.listener.port}) did not become healthy "
                        f"within {self.startup_timeout}s: {last_error}"
                    )
                time.sleep(0.01)  # poll interval, bounded by the deadline above

    # --- addresses -------------------------------------------------------------------------
    def _port(self, name: str) -> int:
        if name not in self._instances:
            raise KeyError(f"unknown KAS {name!r}; known: {[s.name for s in KAS_SPECS]} (is the platform started?)")
        return self._instances[name].listener.port

    @property
    def port(self) -> int:
        return self._port(DEFAULT_KAS)

    @property
    def url(self) -> str:
        return f"http://{self.public_host}:{self.port}"

    def kas_url(self, name: str = DEFAULT_KAS) -> str:
        spec = self._instances[name].spec if name in self._instances else None
        return f"http://{self.public_host}:{self._port(name)}{spec.path_prefix if spec else ''}"

    @property
    def kas_urls(self) -> dict[str, str]:
        return {spec.name: self.kas_url(spec.name) for spec in KAS_SPECS}

    @property
    def issuer(self) -> str:
        return self.url + REALM_PATH

    def env(self) -> dict[str, str]:
        """The environment variables upstream xtest reads to find the platform."""
        env = {
            "PLATFORMURL": self.url,
            "PLATFORMENDPOINT": self.url,
            "KASURL": self.kas_url(),
            "KCFULLURL": self.issuer,
            "TOKENENDPOINT": self.issuer + "/protocol/openid-connect/token",
            "CLIENTID": "opentdf",
            "CLIENTSECRET": "secret",
        }
        for i, name in enumerate(KAS_ENV_ORDER, start=1):
            env[f"KASURL{i}"] = self.kas_url(name)
        return env

    def kas(self, name: str = DEFAULT_KAS) -> Kas:
        return self._instances[name].kas

    # --- test support ----------------------------------------------------------------------
    def crashes(self) -> list[str]:
        return [c for inst in self._instances.values() for c in inst.listener.crashes]

    def check(self) -> None:
        """Raise if any handler crashed (a 500) since start: surfaces server bugs in the test."""
        crashes = self.crashes()
        if crashes:
            raise AssertionError(f"{len(crashes)} platform handler crash(es); first:\n{crashes[0]}")
