"""requirement("name"): the label of a distribution of the project's lock (requirements_lock.txt).

The same labels as the generated `@pip//:requirements.bzl`, without loading it: a BUILD file that
loads from @pip makes Bazel install the lock before it can even read the file, with every SDK
repository waiting behind it; loaded from here, pip installs during analysis beside them.
tools/private/tests/test_requirements_bzl.py checks every locked name against pip_lock.normalize.
"""

def requirement(name):
    return "@pip//:" + name.lower().replace("-", "_").replace(".", "_")
