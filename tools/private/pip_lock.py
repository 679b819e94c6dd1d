"""Lock-file checks and BUILD generation for the `pip_locked` repository rule.

Run by the repository rule with the host interpreter (which has pip, whose vendored `packaging`
evaluates environment markers), so this file imports nothing outside the standard library at
module level.

    pip_lock.py check-lock LOCK
    pip_lock.py gen-build --lock LOCK --site-packages DIR --out REPO_DIR
    pip_lock.py compile DIR      (run with PYTHONHASHSEED=0)
"""

from __future__ import annotations

import argparse
import compileall
import os
import py_compile
import re
import sys
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path


class LockError(Exception):
    """A lock file pip --require-hashes would reject or install loosely."""


@dataclass(frozen=True)
class LockedRequirement:
    name: str
    version: str
    hashes: tuple[str, ...]
    line: int


def normalize(name: str) -> str:
    """PEP 503 name, spelled as a Bazel target: `PyJWT` -> `pyjwt`, `pytest-xdist` -> `pytest_xdist`."""
    return re.sub(r"[-_.]+", "_", name).lower()


_REQUIREMENT = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(?P<version>[^\s;]+)")


def _logical_lines(text: str):
    """Yield (first line number, text) with backslash continuations joined and comments dropped."""
    start, parts = None, []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if start is None:
            start = number
        if line.endswith("\\"):
            parts.append(line[:-1].strip())
            continue
        parts.append(line)
        joined = " ".join(p for p in parts if p)
        if joined:
            yield start, joined
        start, parts = None, []
    if parts and any(parts):
        yield start, " ".join(p for p in parts if p)


def parse_lock(text: str, source: str = "requirements_lock.txt") -> list[LockedRequirement]:
    """Parse a pip-compile --generate-hashes lock; raise LockError naming the first bad line."""
    requirements = []
    for number, line in _logical_lines(text):
        if line.startswith("-"):
            if line.startswith(("--index-url", "--extra-index-url", "--find-links")):
                continue
            raise LockError(f"{source}:{number}: option '{line.split()[0]}' is not allowed in a lock file")
        match = _REQUIREMENT.match(line)
        if not match:
            raise LockError(
                f"{source}:{number}: '{line.split()[0]}' is not pinned as name==version "
                "(regenerate the lock with tools/lock_requirements)"
            )
        hashes = tuple(re.findall(r"--hash=(sha256:[0-9a-f]{64})", line))
        if not hashes:
            raise LockError(
                f"{source}:{number}: '{match.group('name')}=={match.group('version')}' has no "
                "--hash=sha256:... (pip --require-hashes needs one on every line; regenerate the lock "
                "with tools/lock_requirements)"
            )
        requirements.append(LockedRequirement(match.group("name"), match.group("version"), hashes, number))
    if not requirements:
        raise LockError(f"{source}: no requirements found")
    return requirements


@dataclass(frozen=True)
class Distribution:
    name: str  # normalized
    top_level: tuple[str, ...]  # entries directly under site-packages (dirs and files)
    requires: tuple[str, ...]  # normalized names of the dependencies that apply here


def _marker_applies(marker: str) -> bool:
    from pip._vendor.packaging.markers import Marker  # the host pip's copy; see module docstring

    return Marker(marker).evaluate({"extra": ""})


def _requirement_name(spec: str) -> str | None:
    """Name of a Requires-Dist entry if it applies without extras on this platform, else None."""
    requirement, _, marker = spec.partition(";")
    if marker.strip() and not _marker_applies(marker.strip()):
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return normalize(match.group(1)) if match else None


def read_distribution(dist_info: Path) -> Distribution:
    metadata = Parser().parsestr(dist_info.joinpath("METADATA").read_text(encoding="utf-8"))
    requires = sorted({n for n in map(_requirement_name, metadata.get_all("Requires-Dist") or []) if n})
    top_level = {dist_info.name}
    record = dist_info / "RECORD"
    if record.exists():
        for row in record.read_text(encoding="utf-8").splitlines():
            path = row.rsplit(",", 2)[0].strip('"')
            if path and not path.startswith(("..", "/")):
                top_level.add(path.split("/", 1)[0])
    return Distribution(normalize(metadata["Name"]), tuple(sorted(top_level)), tuple(requires))


def _globs(dist: Distribution, site_packages: Path, suffix_filter: str) -> list[str]:
    patterns = []
    for entry in dist.top_level:
        if (site_packages / entry).is_dir():
            patterns.append(
                f"site-packages/{entry}/**/{suffix_filter}" if suffix_filter else f"site-packages/{entry}/**"
            )
        elif not suffix_filter or entry.endswith(".py"):
            patterns.append(f"site-packages/{entry}")
    return patterns


def render_build(dists: list[Distribution], site_packages: Path) -> str:
    """BUILD text: one py_library per distribution, plus `:all`."""
    out = ['package(default_visibility = ["//visibility:public"])', ""]
    for dist in sorted(dists, key=lambda d: d.name):
        srcs = _globs(dist, site_packages, "*.py")
        data = _globs(dist, site_packages, "")
        out += [
            "py_library(",
            f'    name = "{dist.name}",',
            f"    srcs = glob({srcs!r}, allow_empty = True),",
            f'    data = glob({data!r}, exclude = ["**/*.py", "**/* *"], allow_empty = True),',
            '    imports = ["site-packages"],',
            f"    deps = {[':' + r for r in dist.requires]!r},",
            ")",
            "",
        ]
    out += [
        "py_library(",
        '    name = "all",',
        f"    deps = {[':' + d.name for d in sorted(dists, key=lambda d: d.name)]!r},",
        ")",
        "",
    ]
    return "\n".join(out).replace("'", '"')


def check_closed(dists: list[Distribution], locked: list[LockedRequirement]) -> None:
    """Every dependency a package declares must be locked too (pip ran with --no-deps)."""
    present = {d.name for d in dists}
    for dist in dists:
        missing = [r for r in dist.requires if r not in present]
        if missing:
            raise LockError(
                f"{dist.name} needs {', '.join(missing)}, which the lock file does not pin: "
                "regenerate the lock with tools/lock_requirements"
            )
    installed = {normalize(r.name) for r in locked}
    if installed - present:
        raise LockError(f"pip did not install {', '.join(sorted(installed - present))}")


def generate(lock: Path, site_packages: Path, out: Path) -> None:
    locked = parse_lock(lock.read_text(encoding="utf-8"), str(lock.name))
    dists = [read_distribution(p) for p in sorted(site_packages.glob("*.dist-info"))]
    check_closed(dists, locked)
    out.joinpath("BUILD.bazel").write_text(render_build(dists, site_packages), encoding="utf-8")
    repo = out.name
    for dist in dists:
        package = out / dist.name
        package.mkdir(exist_ok=True)
        package.joinpath("BUILD.bazel").write_text(
            f'alias(name = "{dist.name}", actual = "//:{dist.name}", visibility = ["//visibility:public"])\n',
            encoding="utf-8",
        )
    out.joinpath("requirements.bzl").write_text(requirements_bzl(repo), encoding="utf-8")


def requirements_bzl(repo: str) -> str:
    """The repository's requirements.bzl: requirement("name") -> "@REPO//:name" (as //tools:defs.bzl's)."""
    return (
        '"""requirement("name") -> the label of that locked distribution."""\n\n'
        "def requirement(name):\n"
        f'    return "@{repo}//:" + name.lower().replace("-", "_").replace(".", "_")\n'
    )


def compile_site_packages(site_packages: Path) -> bool:
    """Byte-compile every module once, reproducibly, so no test or SDK call compiles them again.

    pip runs with --no-compile (its .pyc files embed source mtimes) and tests run with
    PYTHONDONTWRITEBYTECODE, so without this every interpreter start re-compiles all it imports:
    otdf-python's CLI took 1.5 s under Bazel against 0.7 s from a venv. Unchecked-hash .pyc files
    carry no timestamp, file names are stored relative, and PYTHONHASHSEED=0 fixes the order of
    set constants, so the bytes are the same on every machine. Returns False when some file does
    not compile (e.g. a package ships Python 2 test data); those compile at import, as before.
    """
    if os.environ.get("PYTHONHASHSEED") != "0":
        raise LockError("compile needs PYTHONHASHSEED=0 (set-constant order must not vary between builds)")
    return compileall.compile_dir(
        str(site_packages),
        # co_filename relative, not this machine's absolute path (tracebacks say site-packages/…).
        stripdir=str(site_packages),
        prependdir="site-packages",
        quiet=2,
        workers=1,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pip_lock.py")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-lock")
    check.add_argument("lock", type=Path)
    gen = sub.add_parser("gen-build")
    gen.add_argument("--lock", type=Path, required=True)
    gen.add_argument("--site-packages", type=Path, required=True)
    gen.add_argument("--out", type=Path, required=True)
    comp = sub.add_parser("compile")
    comp.add_argument("site_packages", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "check-lock":
            parse_lock(args.lock.read_text(encoding="utf-8"), str(args.lock))
        elif args.command == "compile":
            if not compile_site_packages(args.site_packages):
                print("note: some files did not byte-compile; they compile at import", file=sys.stderr)
        else:
            generate(args.lock, args.site_packages, args.out)
    except LockError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
