"""The model subset of keras2_files.py written by tf.keras 2.15 (TensorFlow 2.15's Keras).

The last tf.keras before Keras 3: Keras 2's maths (``hard_sigmoid`` is ``clip(0.2x + 0.5, 0,
1)``) in a ``.keras`` archive, and legacy ``.h5`` files as Keras 2 wrote them. Run with a venv
holding requirements-keras215.txt. Each model of
``model_kit.SUBSET`` (same builders, seeds and weights as the other Keras files) is written to
``<out>/<name>/`` as ``<name>.keras``, ``<name>.h5`` and ``parity.json`` with Keras's own
predictions on seeded probes; both files are reloaded with ``load_model(compile=False)`` and
must reproduce the predictions to within 1e-6.

    python keras215_files.py [--out saved-models/keras215] [--only NAME] [--seed 1]
"""

import argparse
import os
import sys

import keras_latest_files as files
from model_kit import SUBSET

import tensorflow as tf  # noqa: E402

if not files.keras.__version__.startswith("2.15"):
    raise SystemExit(f"needs tf.keras 2.15, found Keras {files.keras.__version__}")

# Only the shared subset: sharded and unzipped saving are Keras 3.10+ features.
files.MODELS = dict(SUBSET)
files.SHARDED = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("saved-models", "keras215"))
    parser.add_argument("--only", action="append", choices=sorted(SUBSET))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=16)
    args = parser.parse_args()
    tf.config.experimental.enable_op_determinism()
    os.makedirs(args.out, exist_ok=True)
    for name in args.only or list(SUBSET):
        files.write_model(name, args.out, args.seed, args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
