# Sourced by scripts/export-python-models.sh and scripts/python-roundtrip.sh: finds or
# creates the Python virtual environment of python-export/ and installs its pinned requirements.
#
# Honours SEQ2SEQ4J_VENV (default: python-export/.venv). After a successful
# `ensure_python_venv`, VENV_PYTHON points at the venv's interpreter. On failure the function
# returns non-zero with the reason in VENV_PROBLEM, so callers can fail or skip as they need.
# `use_venv DIR REQUIREMENTS` switches to another venv and requirements file first (used by
# scripts/export-keras-files.sh for its Keras 2 and newest-Keras venvs).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV_DIR="${SEQ2SEQ4J_VENV:-$ROOT/python-export/.venv}"
REQUIREMENTS="$ROOT/python-export/requirements.txt"
VENV_PYTHON="$VENV_DIR/bin/python"
VENV_PROBLEM=""

use_venv() {
  VENV_DIR="$1"
  REQUIREMENTS="$2"
  VENV_PYTHON="$VENV_DIR/bin/python"
  VENV_PROBLEM=""
}

# TensorFlow 2.18 ships wheels for CPython 3.9 to 3.12 only.
find_python() {
  local candidate
  for candidate in python3.12 python3.11 python3.10 python3.9 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if (3, 9) <= sys.version_info[:2] <= (3, 12) else 1)' \
         >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Exit status 0 when every pinned requirement is already installed in the venv.
requirements_satisfied() {
  "$VENV_PYTHON" - "$REQUIREMENTS" <<'PY' >/dev/null 2>&1
import sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split('#')[0].strip()
    if not line:
        continue
    name, _, wanted = line.partition('==')
    try:
        if wanted and version(name.strip()) != wanted.strip():
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
}

ensure_python_venv() {
  if [ ! -x "$VENV_PYTHON" ]; then
    local python
    if ! python="$(find_python)"; then
      VENV_PROBLEM="no Python 3.9-3.12 found (TensorFlow 2.18 needs one of python3.9 .. python3.12 on PATH)"
      return 1
    fi
    echo "Creating Python venv in $VENV_DIR with $python" >&2
    if ! "$python" -m venv "$VENV_DIR" >&2; then
      VENV_PROBLEM="'$python -m venv $VENV_DIR' failed (on Debian/Ubuntu: apt-get install python3-venv)"
      return 1
    fi
  fi
  if requirements_satisfied; then
    return 0
  fi
  echo "Installing $(basename "$REQUIREMENTS") into $VENV_DIR (TensorFlow is about 230 MB)" >&2
  if ! "$VENV_PYTHON" -m pip install --disable-pip-version-check -q -r "$REQUIREMENTS" >&2; then
    VENV_PROBLEM="pip could not install $(basename "$REQUIREMENTS") (is PyPI reachable?)"
    return 1
  fi
  if ! requirements_satisfied; then
    VENV_PROBLEM="requirements still not satisfied after pip install"
    return 1
  fi
}
