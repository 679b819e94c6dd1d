"""What an encrypt is made of, as data: the `XT_WITH_*` env it implies and its cache key.

One frozen value describes every input that can change a ciphertext (encrypt SDK, container,
plaintext, mime type, attributes, assertions content, target mode, nano options). The same
value drives the SDK call, names the shared-cache entry and names a Bazel-prebuilt fixture, so
two different encrypts can never share a file (upstream's hand-picked string keys could).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from xtest import containers


@dataclasses.dataclass(frozen=True)
class EncryptRequest:
    """Inputs of one `cli.sh encrypt` call."""

    sdk: str  # "name@version"
    container: str
    plaintext: str  # a plaintexts.SIZES id
    mime_type: str | None = None
    attributes: tuple[str, ...] = ()
    assertions: Path | None = None  # JSON file handed to the SDK; its content is keyed, not its path
    target_mode: str | None = None  # "4.2.2" | "4.3.0" | None (SDK default)
    ecdsa_binding: bool = False  # nano only
    plaintext_policy: bool = False  # nano only

    def env(self) -> dict[str, str]:
        """The per-call `XT_WITH_*` variables for `cli.sh encrypt`."""
        env = containers.cli_env(self.container)
        if self.mime_type:
            env["XT_WITH_MIME_TYPE"] = self.mime_type
        if self.attributes:
            env["XT_WITH_ATTRIBUTES"] = ",".join(self.attributes)
        if self.assertions:
            env["XT_WITH_ASSERTIONS"] = str(self.assertions)
        if self.target_mode:
            env["XT_WITH_TARGET_MODE"] = self.target_mode
        if self.ecdsa_binding:
            env["XT_WITH_ECDSA_BINDING"] = "true"
        if self.plaintext_policy:
            env["XT_WITH_PLAINTEXT_POLICY"] = "true"
        return env

    def key(self) -> dict[str, object]:
        """Every input that changes the ciphertext, as JSON-ready data (assertions by content hash)."""
        data = dataclasses.asdict(self)
        data["attributes"] = sorted(self.attributes)
        data["assertions"] = _file_sha256(self.assertions) if self.assertions else None
        return data


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def key_digest(key: dict[str, object]) -> str:
    """Stable hex digest of a cache key (canonical JSON, SHA-256, 32 hex digits)."""
    canonical = json.dumps(key, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def ciphertext_name(request: EncryptRequest) -> str:
    """File name of the ciphertext for ``request``: in the shared cache and in XTEST_PREBUILT_DIR."""
    return key_digest(request.key()) + ".tdf"


def failure_name(request: EncryptRequest) -> str:
    """File name recording that encrypting ``request`` failed (holds the SDK's error text)."""
    return key_digest(request.key()) + ".err"
