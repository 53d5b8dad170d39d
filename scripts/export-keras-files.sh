#!/usr/bin/env bash
# Regenerates the Keras model files of saved-models/ and their parity files:
#
#   1. python-export/keras_files.py      the nine tutorial models as .keras and legacy .h5
#                                         (needs their SavedModels in OUT_DIR; nothing retrained)
#   2. python-export/reference_outputs.py a check run on a Keras 3 and a Keras 2 file (to a
#                                         temporary folder; nothing written to OUT_DIR)
#   3. python-export/layer_zoo.py         OUT_DIR/zoo/
#   4. python-export/keras2_files.py      OUT_DIR/keras2/        (tf_keras, Keras 2), and
#      python-export/chunked_names.py     OUT_DIR/keras2/chunked_names/ (layer_names in chunks)
#   5. python-export/keras_latest_files.py OUT_DIR/keras-latest/ (the newest Keras 3)
#   6. python-export/bundled_keras2_files.py OUT_DIR/keras213/, keras215/ (tf.keras 2.13, 2.15)
#   then python-export/dump_layouts.py, which measures the files into keras-file-layouts.md.
#
#   scripts/export-keras-files.sh [OUT_DIR]
#
# OUT_DIR defaults to saved-models/. Five venvs, created and filled when needed:
#   $SEQ2SEQ4J_VENV              (python-export/.venv)              requirements.txt, Keras 3.8
#   $SEQ2SEQ4J_VENV_KERAS2       (python-export/.venv-keras2)       requirements-keras2.txt
#   $SEQ2SEQ4J_VENV_KERAS_LATEST (python-export/.venv-keras-latest) requirements-keras-latest.txt
#   $SEQ2SEQ4J_VENV_KERAS213     (python-export/.venv-keras213)     requirements-keras213.txt
#   $SEQ2SEQ4J_VENV_KERAS215     (python-export/.venv-keras215)     requirements-keras215.txt
# About eight minutes on two cores once the venvs exist.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../python-export/venv.sh
source "$ROOT/python-export/venv.sh"

OUT="${1:-$ROOT/saved-models}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
EXPORT="$ROOT/python-export"
LAYOUTS="$EXPORT/keras-file-layouts.md"
if [ "$OUT" != "$ROOT/saved-models" ]; then
  LAYOUTS="$OUT/keras-file-layouts.md"
fi

export TF_CPP_MIN_LOG_LEVEL=2
export CUDA_VISIBLE_DEVICES=-1

fail() {
  echo "error: $*" >&2
  exit 1
}

start=$(date +%s)

# Keras 3.8 (the tutorial exports' venv).
use_venv "${SEQ2SEQ4J_VENV:-$EXPORT/.venv}" "$EXPORT/requirements.txt"
ensure_python_venv || fail "$VENV_PROBLEM"
PY_KERAS3="$VENV_PYTHON"

# Keras 2: tf_keras declares a dependency on the `tensorflow` distribution, which pip would
# install (the full GPU build) beside tensorflow-cpu. So install every other pinned line
# first, then tf_keras alone with --no-deps, then check the whole file.
KERAS2_REQUIREMENTS="$EXPORT/requirements-keras2.txt"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
KERAS2_BASE="$TMP/requirements-keras2-without-tf_keras.txt"
grep -v -i '^tf[_-]keras' "$KERAS2_REQUIREMENTS" > "$KERAS2_BASE"
TF_KERAS_PIN="$(grep -i '^tf[_-]keras' "$KERAS2_REQUIREMENTS" | tr -d '[:space:]')"
[ -n "$TF_KERAS_PIN" ] || fail "no tf_keras pin in $KERAS2_REQUIREMENTS"
use_venv "${SEQ2SEQ4J_VENV_KERAS2:-$EXPORT/.venv-keras2}" "$KERAS2_BASE"
ensure_python_venv || fail "$VENV_PROBLEM"
REQUIREMENTS="$KERAS2_REQUIREMENTS"
if ! requirements_satisfied; then
  echo "Installing $TF_KERAS_PIN (--no-deps) into $VENV_DIR" >&2
  "$VENV_PYTHON" -m pip install --disable-pip-version-check -q --no-deps "$TF_KERAS_PIN" >&2 ||
    fail "pip could not install $TF_KERAS_PIN"
  requirements_satisfied || fail "$KERAS2_REQUIREMENTS still not satisfied in $VENV_DIR"
fi
PY_KERAS2="$VENV_PYTHON"

# The newest Keras 3 (pinned to the release the files were written with).
use_venv "${SEQ2SEQ4J_VENV_KERAS_LATEST:-$EXPORT/.venv-keras-latest}" \
  "$EXPORT/requirements-keras-latest.txt"
ensure_python_venv || fail "$VENV_PROBLEM"
PY_KERAS_LATEST="$VENV_PYTHON"

# tf.keras 2.13 (its own .keras weight layout) and 2.15 (the last Keras 2 bundled with
# TensorFlow).
use_venv "${SEQ2SEQ4J_VENV_KERAS213:-$EXPORT/.venv-keras213}" "$EXPORT/requirements-keras213.txt"
ensure_python_venv || fail "$VENV_PROBLEM"
PY_KERAS213="$VENV_PYTHON"
use_venv "${SEQ2SEQ4J_VENV_KERAS215:-$EXPORT/.venv-keras215}" "$EXPORT/requirements-keras215.txt"
ensure_python_venv || fail "$VENV_PROBLEM"
PY_KERAS215="$VENV_PYTHON"
echo "Python venvs ready in $(( $(date +%s) - start )) s" >&2

step() {
  echo "== $*" >&2
}

step "1. tutorial models as .keras and .h5 -> $OUT/<recipe>/"
if [ -f "$OUT/addition-seq2seq/saved_model.pb" ]; then
  "$PY_KERAS3" "$EXPORT/keras_files.py" --models "$OUT"
else
  echo "skipped: $OUT holds no tutorial SavedModels (scripts/export-python-models.sh writes them)" >&2
fi

step "3. layer zoo -> $OUT/zoo/"
"$PY_KERAS3" "$EXPORT/layer_zoo.py" --out "$OUT/zoo"

step "4. Keras 2 (tf_keras) files -> $OUT/keras2/"
"$PY_KERAS2" "$EXPORT/keras2_files.py" --out "$OUT/keras2"
"$PY_KERAS2" "$EXPORT/chunked_names.py" --out "$OUT/keras2/chunked_names"
"$PY_KERAS2" "$EXPORT/reference_outputs.py" --keras2 "$OUT/keras2/chunked_names/chunked_names.h5" \
  --out "$OUT/keras2/chunked_names/parity.json"

step "5. newest Keras 3 files -> $OUT/keras-latest/"
"$PY_KERAS_LATEST" "$EXPORT/keras_latest_files.py" --out "$OUT/keras-latest"
# keras2/README.md compares with keras-latest/, which exists only now.
"$PY_KERAS2" "$EXPORT/keras2_files.py" --out "$OUT/keras2" --readme

step "6. tf.keras 2.13 and 2.15 files -> $OUT/keras213/, $OUT/keras215/"
"$PY_KERAS213" "$EXPORT/bundled_keras2_files.py" --out "$OUT/keras213"
"$PY_KERAS215" "$EXPORT/bundled_keras2_files.py" --out "$OUT/keras215"

step "2. reference_outputs.py on a Keras 3 .h5 and a Keras 2 SavedModel"
"$PY_KERAS3" "$EXPORT/reference_outputs.py" "$OUT/zoo/embedding_lstm/embedding_lstm.h5" \
  --out "$TMP/zoo.parity.json"
"$PY_KERAS2" "$EXPORT/reference_outputs.py" "$OUT/keras2/masking_lstm/savedmodel" \
  --out "$TMP/keras2.parity.json"

step "layouts -> $LAYOUTS"
"$PY_KERAS3" "$EXPORT/dump_layouts.py" --models "$OUT" --out "$LAYOUTS"

echo
echo "Total time $(( $(date +%s) - start )) s"
for d in zoo keras2 keras-latest; do
  echo "$(du -sh "$OUT/$d" | cut -f1) in $OUT/$d"
done
