#!/usr/bin/env bash
# Installs the real Python SDK (otdf-python, hash-locked) into xtest/sdk/py/.venv.
# The xtest py adapter and tools/platform/tests/test_real_clients.py find it there
# (or wherever XTEST_PY_SDK_PYTHON points).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null || python=python3
"$python" -m venv "$here/.venv"
"$here/.venv/bin/python" -m pip install --quiet --require-hashes -r "$here/requirements_lock.txt"
"$here/.venv/bin/python" -c "import otdf_python; print('otdf-python installed in $here/.venv')"
