"""The container axis: which TDF flavour a test encrypts, and how that maps onto `cli.sh`.

`cli.sh` only knows the formats ``ztdf`` and ``nano``; ``ztdf-ecwrap`` is ``ztdf`` plus
``XT_WITH_ECWRAP=true`` (EC P-256 key wrapping), as the upstream harness maps it.
"""

from __future__ import annotations

ZTDF = "ztdf"
ZTDF_ECWRAP = "ztdf-ecwrap"
NANO = "nano"
ALL = (ZTDF, ZTDF_ECWRAP, NANO)
ZTDF_FAMILY = (ZTDF, ZTDF_ECWRAP)

# The `supports` feature an SDK needs to write a container (none for plain ztdf). The tests' skip
# gates (xtest/skew.py) and the fixture builder (which skips what the tests would skip) share it.
ENCRYPT_FEATURE = {NANO: "nano", ZTDF_ECWRAP: "ecwrap"}


class ContainerError(ValueError):
    """A container name that the suite does not know."""


def parse(text: str) -> list[str]:
    """Containers named in a space/comma separated list, validated, in the canonical order."""
    names = text.replace(",", " ").split()
    unknown = [n for n in names if n not in ALL]
    if unknown:
        raise ContainerError(f"unknown container(s) {', '.join(unknown)}; valid: {', '.join(ALL)}")
    return [c for c in ALL if c in names]


def cli_format(container: str) -> str:
    """The FMT argument `cli.sh` receives for ``container``."""
    if container not in ALL:
        raise ContainerError(f"unknown container {container!r}; valid: {', '.join(ALL)}")
    return NANO if container == NANO else ZTDF


def cli_env(container: str) -> dict[str, str]:
    """Per-call environment implied by ``container`` (encrypt: EC wrapping; decrypt: EC session key)."""
    return {"XT_WITH_ECWRAP": "true"} if container == ZTDF_ECWRAP else {}
