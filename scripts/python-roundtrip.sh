#!/usr/bin/env bash
# CI round trip, both ways:
# 1. Python Keras exports a freshly trained small model; Java loads it and must reproduce the
#    outputs recorded in its parity.json (SavedModelParityTest).
# 2. Java trains and exports a small model with its parity.json; Python TensorFlow loads it and
#    must reproduce those outputs (python-export/check_parity.py).
# 3. Keras files both ways: Python saves the same model as .keras and .h5, reference_outputs.py
#    records Keras's predictions and Java's 'parity' must match them; Java writes its trained
#    model as .keras and .h5 and Keras's load_model must reproduce Java's outputs
#    (python-export/check_keras_file.py).
#
#   scripts/python-roundtrip.sh [RECIPE] [EPOCHS]
#
# Defaults: reverse-return-sequences-state, 2 epochs. Uses $SEQ2SEQ4J_VENV when set, else
# python-export/.venv, creating it when possible. When no suitable Python or no PyPI is at
# hand it prints "skipped: <why>" and exits 0: Python is optional for Java users.
# SEQ2SEQ4J_MVN_ARGS adds Maven arguments, e.g. "-Dbuild.dir=target-roundtrip".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../python-export/venv.sh
source "$ROOT/python-export/venv.sh"

RECIPE="${1:-reverse-return-sequences-state}"
EPOCHS="${2:-2}"
case "$RECIPE" in
  addition-*) SCRIPT=brownlee_addition.py ;;
  reverse-*) SCRIPT=karakaya_reverse.py ;;
  *) echo "error: unknown recipe '$RECIPE'" >&2; exit 2 ;;
esac

export TF_CPP_MIN_LOG_LEVEL=2
export CUDA_VISIBLE_DEVICES=-1

if ! ensure_python_venv; then
  echo "python round trip skipped: $VENV_PROBLEM"
  exit 0
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
echo "python round trip: exporting $RECIPE ($EPOCHS epochs) with $VENV_PYTHON" >&2
(cd "$ROOT/python-export" &&
  "$VENV_PYTHON" "$SCRIPT" --out "$TMP" --only "$RECIPE" --epochs "$EPOCHS" | grep '^RESULT' || true)
if [ ! -f "$TMP/$RECIPE/parity.json" ]; then
  echo "error: the export wrote no $TMP/$RECIPE/parity.json" >&2
  exit 1
fi

echo "python round trip: checking it from Java" >&2
cd "$ROOT"
mvn -B -q -Dstyle.color=never ${SEQ2SEQ4J_MVN_ARGS:-} test -Dtest=SavedModelParityTest \
  -Dseq2seq4j.parity.dir="$TMP/$RECIPE" -Dsurefire.failIfNoSpecifiedTests=false
echo "python round trip: $RECIPE passed"

echo "java round trip: exporting $RECIPE from Java, checking it from Python" >&2
"$ROOT/scripts/seq2seq4j" train "$RECIPE" --epochs "$EPOCHS" --export "$TMP/java-export" > /dev/null
"$VENV_PYTHON" "$ROOT/python-export/check_parity.py" "$TMP/java-export"
echo "java round trip: $RECIPE passed"

echo "keras files: Python .keras and .h5 checked from Java" >&2
(cd "$ROOT/python-export" &&
  "$VENV_PYTHON" keras_files.py --models "$TMP" --only "$RECIPE" > /dev/null)
for ext in keras h5; do
  file="$TMP/$RECIPE/$RECIPE.$ext"
  "$VENV_PYTHON" "$ROOT/python-export/reference_outputs.py" "$file" --keras3 \
    --out "$file.parity.json" > /dev/null
  "$ROOT/scripts/seq2seq4j" parity "$file" --reference "$file.parity.json"
done

echo "keras files: Java .keras and .h5 checked from Python" >&2
"$ROOT/scripts/seq2seq4j" train "$RECIPE" --epochs "$EPOCHS" --keras "$TMP/java.keras" \
  --h5 "$TMP/java.h5" > /dev/null
"$VENV_PYTHON" "$ROOT/python-export/check_keras_file.py" "$TMP/java.keras"
"$VENV_PYTHON" "$ROOT/python-export/check_keras_file.py" "$TMP/java.h5"
echo "keras files round trip passed"
