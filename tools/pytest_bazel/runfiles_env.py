"""Environment variables that hold runfiles paths, made absolute before pytest starts.

Bazel expands `$(rootpath label)` in a test's `env` to a path relative to the test's starting
directory (the workspace's runfiles directory). Subprocesses started elsewhere (an SDK adapter run
in a temp dir) cannot use a relative path, so the runner absolutizes the variables the macro lists
in PYTEST_BAZEL_RUNFILES_ENV. Paths are normalized lexically, so `$(rootpath file)/../..` names
a directory. A value may list several paths joined with ":" (runfiles paths never contain one).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping

LIST_ENV = "PYTEST_BAZEL_RUNFILES_ENV"


class RunfilesEnvError(Exception):
    """A variable listed in PYTEST_BAZEL_RUNFILES_ENV is unset or names nothing."""


def absolutized(env: Mapping[str, str], start: str) -> dict[str, str]:
    """The listed variables with absolute, normalized paths; raises when one is unset or missing."""
    names = [n for n in env.get(LIST_ENV, "").split(",") if n]
    resolved = {}
    for name in names:
        value = env.get(name)
        if not value:
            raise RunfilesEnvError(f"{name} is listed in {LIST_ENV} but not set")
        paths = []
        for part in value.split(os.pathsep):
            path = os.path.normpath(os.path.join(start, part))
            if not part or not os.path.exists(path):
                raise RunfilesEnvError(f"{name}={value}: {part!r} resolves to {path}, which does not exist")
            paths.append(path)
        resolved[name] = os.pathsep.join(paths)
    return resolved


def apply(env: MutableMapping[str, str], start: str | None = None) -> None:
    env.update(absolutized(env, start or os.getcwd()))
