#!/usr/bin/env bash
# Regenerates saved-models/ from the Python Keras versions of the two tutorials.
#
#   scripts/export-python-models.sh [OUT_DIR] [extra arguments for the export scripts]
#
# OUT_DIR defaults to saved-models/. Extra arguments go to both python-export scripts, e.g.
# `--seed 2` or `--epochs 1` for a quick trial run. The venv is python-export/.venv, or
# $SEQ2SEQ4J_VENV when set; it is created and filled from python-export/requirements.txt when
# needed. Prints one summary row per exported model at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../python-export/venv.sh
source "$ROOT/python-export/venv.sh"

OUT="${1:-$ROOT/saved-models}"
if [ $# -gt 0 ]; then shift; fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

export TF_CPP_MIN_LOG_LEVEL=2
# Export on CPU: an LSTM exported on a GPU host may hold only CudnnRNN ops without CPU kernels.
export CUDA_VISIBLE_DEVICES=-1

start=$(date +%s)
if ! ensure_python_venv; then
  echo "error: $VENV_PROBLEM" >&2
  exit 1
fi
echo "Python venv ready in $(( $(date +%s) - start )) s: $VENV_DIR" >&2

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
cd "$ROOT/python-export"
for script in brownlee_addition.py karakaya_reverse.py; do
  echo "== $script -> $OUT" >&2
  # RESULT lines go to the summary; the rest of the output stays visible for diagnosis.
  set +e
  "$VENV_PYTHON" "$script" --out "$OUT" "$@" 2>&1 | tee -a "$LOG" | grep -v '^RESULT' >&2
  status="${PIPESTATUS[0]}"
  set -e
  if [ "$status" -ne 0 ]; then
    echo "error: $script failed" >&2
    exit 1
  fi
done

echo
printf '%-32s %-10s %-30s %-7s %s\n' model loss "accuracy / RMSE" epochs seconds
grep '^RESULT' "$LOG" | while IFS=$'\t' read -r _ model loss quality epochs seconds; do
  printf '%-32s %-10s %-30s %-7s %s\n' "$model" "${loss#loss=}" "$quality" \
    "${epochs#epochs=}" "${seconds#seconds=}"
done
echo
echo "Total time $(( $(date +%s) - start )) s; $(du -sh "$OUT" | cut -f1) in $OUT"
