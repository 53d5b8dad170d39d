#!/usr/bin/env bash
# Runs the benchmark in one go: `seq2seq4j bench` measures the Java side, then runs the Keras
# side (python-export/bench_keras.py) with the same workloads, and prints both with their
# ratios. Without the Python venv it says so and reports the Java figures alone.
#
# Usage: scripts/bench.sh [--quick] [--json] [more `seq2seq4j bench` flags]
#   scripts/bench.sh --quick          about a minute
#   scripts/bench.sh --json           everything (about 45 minutes: the sweep, Keras's full recipes)
#
# SEQ2SEQ4J_VENV points at the venv (default python-export/.venv, which
# scripts/export-python-models.sh creates). Run it on a machine as quiet as you can get:
# the figures are medians, and ratios measured in one run are what travel between machines.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${SEQ2SEQ4J_VENV:-$root/python-export/.venv}"

args=(--keras-script "$root/python-export/bench_keras.py" --saved-models "$root/saved-models")
if [ -x "$venv/bin/python" ]; then
  args+=(--python "$venv/bin/python")
else
  echo "bench: no Python venv at $venv: Keras figures will be omitted" \
    "(scripts/export-python-models.sh creates one)" >&2
fi

export CUDA_VISIBLE_DEVICES=-1
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) before" >&2
exec "$root/scripts/seq2seq4j" bench "${args[@]}" "$@"
