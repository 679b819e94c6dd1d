"""tools/private/requirements.bzl names the same labels pip_lock gives the installed distributions."""

from pathlib import Path

from tools.private import pip_lock

ROOT = Path(__file__).absolute().parents[3]
REQUIREMENTS_BZL = ROOT / "tools" / "private" / "requirements.bzl"
LOCKS = [ROOT / "requirements_lock.txt", ROOT / "xtest" / "sdk" / "py" / "requirements_lock.txt"]


def starlark_requirement(text: str | None = None, source: str = str(REQUIREMENTS_BZL)):
    """requirement() of a requirements .bzl (tools/private's unless given): a docstring and one def, Python too."""
    scope: dict = {}
    text = REQUIREMENTS_BZL.read_text(encoding="utf-8") if text is None else text
    exec(compile(text, source, "exec"), scope)
    return scope["requirement"]


def locked_names() -> list[str]:
    names = []
    for lock in LOCKS:
        names += [r.name for r in pip_lock.parse_lock(lock.read_text(encoding="utf-8"), lock.name)]
    return names


def test_every_locked_name_maps_to_its_installed_package_label():
    requirement = starlark_requirement()
    names = locked_names()
    assert len(names) > 10  # both locks were read
    mismatched = {n: requirement(n) for n in names if requirement(n) != "@pip//:" + pip_lock.normalize(n)}
    assert not mismatched


def test_spellings_of_one_distribution_give_one_label():
    requirement = starlark_requirement()
    assert requirement("PyJWT") == requirement("pyjwt") == "@pip//:pyjwt"
    assert requirement("pytest-xdist") == requirement("pytest_xdist") == "@pip//:pytest_xdist"
    assert requirement("zope.interface") == "@pip//:zope_interface"


def test_the_generated_pip_requirements_bzl_gives_the_same_labels():
    ours = starlark_requirement()
    generated = starlark_requirement(pip_lock.requirements_bzl("pip"), "@pip//:requirements.bzl")
    names = locked_names() + ["PyJWT", "zope.interface"]
    assert {n: generated(n) for n in names} == {n: ours(n) for n in names}
