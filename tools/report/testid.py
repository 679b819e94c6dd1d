"""What a pytest test id says about the SDKs and container it exercises (pure functions).

xtest parametrizes tests with ``encrypt_sdk``, ``decrypt_sdk`` (ids ``name@version``) and
``container`` (see xtest/fixtures/sdks.py); pytest joins the ids of all parameters with ``-``,
SDKs first in parametrization order (encrypt, then decrypt), e.g.
``test_tdfs.py::test_tdf_roundtrip[js@main-py@main-ztdf-ecwrap-small]``. Params come back in
order, but other params may sit anywhere, so the id is scanned token by token rather than
matched positionally. A container name may itself contain ``-`` (``ztdf-ecwrap``): the longest
known container wins. SDK versions must not contain ``-`` (they are directory names under
xtest/sdk/<name>/dist/; every current one is ``main`` or ``vX.Y.Z``).

Two SDK ids make a pair (encrypt, decrypt). One SDK id cannot say on its own whether the test
encrypts or decrypts (a golden decrypt and a manifest check look alike), so it is only a
single-SDK test.
"""

from __future__ import annotations

import dataclasses

# The container axis of xtest/containers.py (ALL). Copied, not imported: the report reads
# results and must not depend on the suite's code. An unknown container shows up in `others`.
CONTAINERS = ("ztdf", "ztdf-ecwrap", "nano")


@dataclasses.dataclass(frozen=True)
class TestParams:
    """The parts of a test id the report groups by."""

    __test__ = False  # not a pytest test class, despite the name

    function: str  # "test_tdfs.py::test_tdf_roundtrip" (the id without its [params])
    sdks: tuple[str, ...]  # every name@version param, in id order
    container: str | None
    others: tuple[str, ...]  # remaining params, hyphenated runs kept together ("assertions-unkeyed")

    @property
    def is_pair(self) -> bool:
        return len(self.sdks) == 2

    @property
    def encrypt(self) -> str | None:
        return self.sdks[0] if self.is_pair else None

    @property
    def decrypt(self) -> str | None:
        return self.sdks[1] if self.is_pair else None


def parse(test_id: str) -> TestParams:
    """Split ``test_id`` into function, SDK params, container and other params."""
    function, params = split_params(test_id)
    if params is None:
        return TestParams(function, (), None, ())
    tokens = params.split("-")
    sdks: list[str] = []
    others: list[str] = []
    container = None
    run: list[str] = []  # consecutive non-SDK, non-container tokens
    i = 0
    while i < len(tokens):
        found = _container_at(tokens, i)
        if found is not None and container is None:
            _flush(run, others)
            container = found
            i += len(found.split("-"))
            continue
        if is_sdk_id(tokens[i]):
            _flush(run, others)
            sdks.append(tokens[i])
        else:
            run.append(tokens[i])
        i += 1
    _flush(run, others)
    return TestParams(function, tuple(sdks), container, tuple(others))


def split_params(test_id: str) -> tuple[str, str | None]:
    """``"f[a-b]"`` → ``("f", "a-b")``; an id without ``[...]`` → ``(id, None)``."""
    if test_id.endswith("]") and "[" in test_id:
        head, _, params = test_id[:-1].partition("[")
        return head, params
    return test_id, None


def is_sdk_id(token: str) -> bool:
    """``name@version`` with both halves non-empty."""
    name, sep, version = token.partition("@")
    return bool(sep and name and version and "@" not in version)


def _container_at(tokens: list[str], i: int) -> str | None:
    """The longest known container spelled by ``tokens[i:]``, if any."""
    for name in sorted(CONTAINERS, key=lambda c: -len(c.split("-"))):
        parts = name.split("-")
        if tokens[i : i + len(parts)] == parts:
            return name
    return None


def _flush(run: list[str], others: list[str]) -> None:
    if run:
        others.append("-".join(run))
        run.clear()
