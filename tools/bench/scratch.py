"""The scratch copy of the repository every phase runs in, so the user's tree is never modified.

`git archive REV` (the committed tree, as a clean clone or CI sees it; nothing is written to the
user's .git either). The touched-adapter phase edits the copy, never the checkout.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tools.bench.errors import SetupError

TOUCH_LINE = "# touched by tools.bench ({n}): a change Bazel must notice\n"


def make_copy(checkout: Path, rev: str, dest: Path) -> str:
    """Extract `rev` of `checkout` into `dest`; returns the commit id."""
    commit = _git(checkout, "rev-parse", "--verify", f"{rev}^{{commit}}").strip()
    dest.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(checkout), "archive", "--format=tar", commit], stdout=subprocess.PIPE)
    untar = subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, capture_output=True, check=False)
    archive.stdout.close()
    if archive.wait() != 0 or untar.returncode != 0:
        raise SetupError(f"could not copy {rev} of {checkout} to {dest}: {untar.stderr.decode(errors='replace')}")
    return commit


def _git(checkout: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(checkout), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SetupError(f"git {' '.join(args)} failed in {checkout}: {done.stderr.strip()}")
    return done.stdout


def adapter_path(tree: Path, sdk: str) -> Path:
    """The adapter script a change to an SDK touches: `xtest/sdk/<sdk>/cli.sh`."""
    path = tree / "xtest" / "sdk" / sdk / "cli.sh"
    if not path.is_file():
        raise SetupError(f"no adapter {path.relative_to(tree)} to touch")
    return path


def touch_adapter(tree: Path, sdk: str, n: int) -> Path:
    """Append a comment line to the copy's adapter: new content, same behaviour."""
    path = adapter_path(tree, sdk)
    with path.open("a", encoding="utf-8") as script:
        script.write(TOUCH_LINE.format(n=n))
    return path


def remove_tree(path: Path) -> None:
    """rm -rf that also removes Bazel's read-only output directories."""
    if path.exists() or path.is_symlink():
        subprocess.run(["chmod", "-R", "u+w", str(path)], capture_output=True, check=False)
        shutil.rmtree(path)
